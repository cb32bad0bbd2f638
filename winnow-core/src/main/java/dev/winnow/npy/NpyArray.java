package dev.winnow.npy;

import dev.winnow.WinnowException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A NumPy {@code .npy} file opened read-only and memory-mapped on demand, so arrays far larger than the
 * heap can be read. The header is validated on open (magic, version, dtype, C order, shape, file length).
 *
 * <p>Data is reached through {@link #floats(long, int)} and friends, which map one window of at most
 * 2^31 − 1 bytes: a row of a {@code [T, N]} signal is one window as long as N &lt; 2^29.
 */
public final class NpyArray {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private final Path path;
    private final DType dtype;
    private final long[] shape;
    private final long dataOffset;

    private NpyArray(Path path, DType dtype, long[] shape, long dataOffset) {
        this.path = path;
        this.dtype = dtype;
        this.shape = shape;
        this.dataOffset = dataOffset;
    }

    /** Opens and validates {@code path}; any problem is a {@link WinnowException} naming the file. */
    public static NpyArray open(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, pre, 0, path);
            for (int i = 0; i < MAGIC.length; i++) {
                if (pre.get(i) != MAGIC[i]) {
                    throw bad(path, "not an NPY file (bad magic)");
                }
            }
            int major = pre.get(6);
            long headerLen;
            long headerStart;
            if (major == 1) {
                headerLen = Short.toUnsignedInt(pre.getShort(8));
                headerStart = 10;
            } else if (major == 2 || major == 3) {
                headerLen = Integer.toUnsignedLong(pre.getInt(8));
                headerStart = 12;
            } else {
                throw bad(path, "unsupported NPY version " + major);
            }
            if (headerStart + headerLen > fileSize || headerLen > (1 << 20)) {
                throw bad(path, "truncated header");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, headerStart, path);
            String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            Matcher d = DESCR.matcher(header);
            Matcher o = ORDER.matcher(header);
            Matcher s = SHAPE.matcher(header);
            if (!d.find() || !o.find() || !s.find()) {
                throw bad(path, "garbled header: " + WinnowException.shown(header.strip()));
            }
            DType dtype = DType.ofDescr(d.group(1));
            if (dtype == null) {
                throw bad(path, "unsupported dtype '" + WinnowException.shown(d.group(1)) + "' (expected float32, float64, int32, int64 or bool, little-endian)");
            }
            if (o.group(1).equals("True")) {
                throw bad(path, "Fortran order is not supported; save with np.ascontiguousarray");
            }
            long[] shape = parseShape(s.group(1), path);
            long dataOffset = headerStart + headerLen;
            long expected;
            try {
                expected = Math.addExact(dataOffset, Math.multiplyExact(count(shape), dtype.size()));
            } catch (ArithmeticException e) {
                throw bad(path, "shape " + Arrays.toString(shape) + " is too large");
            }
            if (fileSize < expected) {
                throw bad(path, "truncated: " + fileSize + " bytes, expected " + expected + " for shape "
                        + Arrays.toString(shape));
            }
            if (fileSize > expected) {
                throw bad(path, "has " + (fileSize - expected) + " trailing bytes after the data of shape "
                        + Arrays.toString(shape));
            }
            return new NpyArray(path, dtype, shape, dataOffset);
        } catch (IOException e) {
            throw new WinnowException(path + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static long[] parseShape(String text, Path path) {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1);
            }
            try {
                long v = Long.parseLong(p);
                if (v < 0) {
                    throw bad(path, "negative dimension in shape (" + WinnowException.shown(text) + ")");
                }
                dims.add(v);
            } catch (NumberFormatException e) {
                throw bad(path, "garbled shape (" + WinnowException.shown(text) + ")");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos, Path path) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw bad(path, "truncated header");
            }
        }
        buf.flip();
    }

    private static WinnowException bad(Path path, String what) {
        return new WinnowException(path + ": " + what);
    }

    static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public Path path() {
        return path;
    }

    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape. */
    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int axis) {
        return shape[axis];
    }

    /** Total number of elements. */
    public long size() {
        return count(shape);
    }

    /** Fails with a clear message unless the dtype and shape are as expected ({@code -1} matches any size). */
    public NpyArray require(DType expectedType, long... expectedShape) {
        if (dtype != expectedType) {
            throw bad(path, "dtype " + dtype.name().toLowerCase() + ", expected " + expectedType.name().toLowerCase());
        }
        boolean ok = expectedShape.length == shape.length;
        for (int i = 0; ok && i < shape.length; i++) {
            ok = expectedShape[i] < 0 || expectedShape[i] == shape[i];
        }
        if (!ok) {
            throw bad(path, "shape " + Arrays.toString(shape) + ", expected " + describe(expectedShape));
        }
        return this;
    }

    private static String describe(long[] s) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < s.length; i++) {
            b.append(i == 0 ? "" : ", ").append(s[i] < 0 ? "*" : Long.toString(s[i]));
        }
        return b.append(']').toString();
    }

    private ByteBuffer map(long element, long count) {
        long bytes = count * dtype.size();
        if (element < 0 || count < 0 || element + count > size()) {
            throw new IndexOutOfBoundsException("elements [" + element + ", " + (element + count) + ") of " + size());
        }
        if (bytes > Integer.MAX_VALUE) {
            throw new WinnowException(path + ": a window of " + bytes + " bytes is too large to map at once");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, dataOffset + element * dtype.size(), bytes)
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new WinnowException(path + ": cannot map (" + e.getMessage() + ")", e);
        }
    }

    /** {@code count} float32 elements from flat index {@code element}, memory-mapped. */
    public FloatBuffer floats(long element, int count) {
        requireType(DType.FLOAT32);
        return map(element, count).asFloatBuffer();
    }

    /** {@code count} float64 elements from flat index {@code element}, memory-mapped. */
    public DoubleBuffer doubles(long element, int count) {
        requireType(DType.FLOAT64);
        return map(element, count).asDoubleBuffer();
    }

    /** {@code count} int32 elements from flat index {@code element}, memory-mapped. */
    public IntBuffer ints(long element, int count) {
        requireType(DType.INT32);
        return map(element, count).asIntBuffer();
    }

    /** {@code count} int64 elements from flat index {@code element}, memory-mapped. */
    public LongBuffer longs(long element, int count) {
        requireType(DType.INT64);
        return map(element, count).asLongBuffer();
    }

    /** {@code count} bool elements (one byte each) from flat index {@code element}, memory-mapped. */
    public ByteBuffer bools(long element, int count) {
        requireType(DType.BOOL);
        return map(element, count);
    }

    /** Row {@code r} of a rank-2 float32 array, memory-mapped. */
    public FloatBuffer floatRow(long r) {
        long width = shape[shape.length - 1];
        return floats(r * width, Math.toIntExact(width));
    }

    /** The whole array as a float32 heap array (small arrays only). */
    public float[] toFloatArray() {
        float[] out = new float[Math.toIntExact(size())];
        floats(0, out.length).get(out);
        return out;
    }

    /** The whole array as an int32 heap array (small arrays only). */
    public int[] toIntArray() {
        int[] out = new int[Math.toIntExact(size())];
        ints(0, out.length).get(out);
        return out;
    }

    /** The whole array as an int64 heap array (small arrays only). */
    public long[] toLongArray() {
        long[] out = new long[Math.toIntExact(size())];
        longs(0, out.length).get(out);
        return out;
    }

    private void requireType(DType t) {
        if (dtype != t) {
            throw bad(path, "dtype " + dtype.name().toLowerCase() + ", expected " + t.name().toLowerCase());
        }
    }
}
