package dev.winnow.spark;

import dev.winnow.dynamics.Observation;
import dev.winnow.dynamics.ObservationKind;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wide Parquet layout of dynamics: one row per example, one float column per (observation, signal),
 * named so that the table describes itself: {@code <signal>_t<t>_run<run>_epoch<epoch>_<kind>}, for example
 * {@code el2n_t9_run0_epoch5_checkpoint}; besides them {@code id} (int64) and {@code label} (int32). A score
 * reads only the columns of the observations it looks at and needs no shuffle: every example's values are in
 * its own row. The long layout ({@link DynamicsParquet}) suits appending observations and tools that filter
 * rows; this one suits scoring.
 */
public final class WideLayout {
    private static final Pattern COLUMN = Pattern.compile("(.+)_t(\\d+)_run(\\d+)_epoch(\\d+)_(checkpoint|presentation)");

    private WideLayout() {
    }

    /** One signal column of one observation: t is its position in the store. */
    public record Column(String name, String signal, int t, Observation observation) {
        boolean checkpoint() {
            return observation.kind() == ObservationKind.CHECKPOINT;
        }
    }

    /** The column name of {@code signal} at observation {@code t}. */
    public static String name(String signal, int t, Observation o) {
        return signal + "_t" + t + "_run" + o.run() + "_epoch" + o.epoch() + "_" + o.kind().json();
    }

    /** The column {@code name} parsed, or null when it is not an observation column. */
    public static Column parse(String name) {
        Matcher m = COLUMN.matcher(name);
        if (!m.matches()) {
            return null;
        }
        Observation o = new Observation(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                ObservationKind.of(m.group(5)));
        return new Column(name, m.group(1), Integer.parseInt(m.group(2)), o);
    }

    /** Whether a table with these column names is in the wide layout (id, label and observation columns). */
    public static boolean isWide(String[] columns) {
        boolean observations = false;
        boolean kind = false;
        for (String c : columns) {
            observations |= parse(c) != null;
            kind |= c.equals(DynamicsParquet.KIND);
        }
        return observations && !kind;
    }

    /**
     * The columns of {@code signal} among {@code columns} whose observation passes {@code rows}, in the order
     * the scores reduce them: by run, then by t.
     */
    static List<Column> select(String[] columns, String signal, Predicate<Observation> rows) {
        List<Column> out = new ArrayList<>();
        for (String c : columns) {
            Column col = parse(c);
            if (col != null && col.signal.equals(signal) && rows.test(col.observation)) {
                out.add(col);
            }
        }
        out.sort(Comparator.comparingInt((Column c) -> c.observation.run()).thenComparingInt(Column::t));
        return out;
    }

    /** The Parquet schema of a store with these observations and signals (t-major, signals in manifest order). */
    public static MessageType schema(List<Observation> observations, List<String> signals) {
        Types.GroupBuilder<MessageType> b = Types.buildMessage()
                .required(PrimitiveTypeName.INT64).named(DynamicsParquet.ID)
                .required(PrimitiveTypeName.INT32).named(DynamicsParquet.LABEL);
        for (int t = 0; t < observations.size(); t++) {
            for (String s : signals) {
                b.required(PrimitiveTypeName.FLOAT).named(name(s, t, observations.get(t)));
            }
        }
        return b.named("winnow_dynamics_wide");
    }
}
