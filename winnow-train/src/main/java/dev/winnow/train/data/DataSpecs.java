package dev.winnow.train.data;

import dev.winnow.WinnowException;
import dev.winnow.io.ColumnRef;
import dev.winnow.io.Header;

import java.util.Locale;
import java.util.Map;

/**
 * The {@code --data} options that say how a CSV or text file is read ({@link ReadOptions}), and the line
 * every dataset load prints: the rows read per split.
 */
final class DataSpecs {
    private DataSpecs() {
    }

    /** {@code header=}, {@code text=}, {@code label=}, {@code id=}, {@code quote=}, {@code skip-bad-rows=}. */
    static ReadOptions readOptions(String spec, Map<String, String> opts) {
        String what = "--data '" + spec + "'";
        try {
            return new ReadOptions(
                    opts.containsKey("header") ? Header.parse(opts.get("header"), what) : Header.AUTO,
                    column(opts, "text", what), column(opts, "label", what), column(opts, "id", what),
                    yesNo(opts, "quote", true, what), yesNo(opts, "skip-bad-rows", false, what));
        } catch (IllegalArgumentException e) {
            throw new WinnowException(e.getMessage().startsWith(what) ? e.getMessage() : what + ": " + e.getMessage());
        }
    }

    private static ColumnRef column(Map<String, String> opts, String key, String what) {
        String v = opts.get(key);
        return v == null ? null : ColumnRef.parse(v, what + " " + key);
    }

    private static boolean yesNo(Map<String, String> opts, String key, boolean dflt, String what) {
        String v = opts.get(key);
        if (v == null) {
            return dflt;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw new IllegalArgumentException(what + ": " + key + " must be yes or no, got '" + v + "'");
        };
    }

    /** {@code data NAME: N train rows, M test rows read}. */
    static String rowsRead(DataBundle d) {
        return "data " + d.name() + ": " + d.train().size() + " train rows, " + d.test().size() + " test rows read";
    }
}
