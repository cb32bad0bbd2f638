package dev.winnow.npy;

/** The NumPy element types Winnow reads and writes (little-endian). */
public enum DType {
    FLOAT32("<f4", 4),
    FLOAT64("<f8", 8),
    INT32("<i4", 4),
    INT64("<i8", 8),
    BOOL("|b1", 1);

    private final String descr;
    private final int size;

    DType(String descr, int size) {
        this.descr = descr;
        this.size = size;
    }

    /** NumPy's {@code descr} string, e.g. {@code <f4}. */
    public String descr() {
        return descr;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** The type for a NumPy descr; {@code null} when Winnow does not support it. */
    public static DType ofDescr(String descr) {
        String d = descr.equals("<b1") || descr.equals("b1") ? "|b1" : descr;
        if (d.equals("|u1") || d.equals("|i1")) {
            return null;
        }
        for (DType t : values()) {
            if (t.descr.equals(d)) {
                return t;
            }
        }
        return null;
    }
}
