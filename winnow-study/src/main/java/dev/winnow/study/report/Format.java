package dev.winnow.study.report;

import java.util.Locale;

/** How the report writes numbers and names, so that sentences, tables and captions agree. */
public final class Format {
    private Format() {
    }

    /** A fraction as a percentage, whole where it is whole: {@code 0.3} → {@code 30%}, {@code 0.125} → {@code 12.5%}. */
    public static String pct(double f) {
        double p = f * 100;
        if (Math.abs(p - Math.rint(p)) < 1e-9) {
            return String.format(Locale.ROOT, "%.0f%%", p);
        }
        return String.format(Locale.ROOT, "%.1f%%", p);
    }

    /** A difference of fractions in percentage points, signed, with a true minus: {@code −5.0 pt}. */
    public static String pt(double d) {
        return String.format(Locale.ROOT, "%+.1f pt", d * 100).replace('-', '−');
    }

    /** Seconds with one decimal below 100 s, whole above: {@code 7.5 s}, {@code 122 s}. */
    public static String secs(double s) {
        return s < 100 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%.0f s", s);
    }

    /** A table number: three decimals below 0.1, one below 100, none above; zero as {@code 0}. */
    public static String num(double v) {
        if (v == 0) {
            return "0";
        }
        return v < 0.1 ? String.format(Locale.ROOT, "%.3f", v) : v < 100 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.0f", v);
    }

    /** An example count: {@code 950}, {@code 207k}, {@code 1.2M}. */
    public static String count(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /** A double without a trailing {@code .0}: {@code 0.001}, {@code 1}. */
    public static String trim(double v) {
        String s = Double.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** A dataset spec with its paths cut to file names: {@code text:/a/b/train.tsv,test=/a/b/dev.tsv} → {@code text:train.tsv,test=dev.tsv}. */
    public static String shortData(String data) {
        return data.replaceAll("[^:,=]*/([^/,]+)", "$1");
    }
}
