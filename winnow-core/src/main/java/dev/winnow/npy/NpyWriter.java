package dev.winnow.npy;

import dev.winnow.WinnowException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Streams an NPY file (version 1.0, little-endian, C order) row by row along the first axis, so a
 * {@code [T, N]} signal never has to be held whole. The first dimension is the number of rows written,
 * patched into the header on {@link #close()}.
 */
public final class NpyWriter implements AutoCloseable {
    private static final int HEADER_BYTES = 256;

    private final Path path;
    private final DType dtype;
    private final long[] rowShape;
    private final long rowElements;
    private final OutputStream out;
    private final ByteBuffer scratch;
    private long rows;
    private boolean closed;

    private NpyWriter(Path path, DType dtype, long[] rowShape) throws IOException {
        this.path = path;
        this.dtype = dtype;
        this.rowShape = rowShape.clone();
        this.rowElements = NpyArray.count(rowShape);
        this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        this.scratch = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        out.write(new byte[HEADER_BYTES]);
    }

    /** Opens a writer whose every row has shape {@code rowShape} (empty for a 1-D array of scalars). */
    public static NpyWriter open(Path path, DType dtype, long... rowShape) {
        try {
            return new NpyWriter(path, dtype, rowShape);
        } catch (IOException e) {
            throw new WinnowException(path + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** How many rows {@code length} elements make; a multiple of the row size is several rows at once. */
    private long rowsIn(int length) {
        if (rowElements == 0 ? length != 0 : length % rowElements != 0 || length == 0) {
            throw new IllegalArgumentException(length + " elements is not a whole number of rows of " + rowElements);
        }
        return rowElements == 0 ? 1 : length / rowElements;
    }

    private void flushScratchIfFull(int need) throws IOException {
        if (scratch.remaining() < need) {
            out.write(scratch.array(), 0, scratch.position());
            scratch.clear();
        }
    }

    /** Appends one row of float32 values (or several rows, laid end to end). */
    public NpyWriter writeRow(float[] row) {
        long n = rowsIn(row.length);
        writeFloats(row);
        rows += n;
        return this;
    }

    /** Appends one row of int32 values. */
    public NpyWriter writeRow(int[] row) {
        return append(row.length, Integer.BYTES, i -> scratch.putInt(row[i]));
    }

    /** Appends one row of int64 values. */
    public NpyWriter writeRow(long[] row) {
        return append(row.length, Long.BYTES, i -> scratch.putLong(row[i]));
    }

    /**
     * Appends {@code length} elements (whole rows) of {@code width} bytes each, {@code put} writing element
     * {@code i} into the scratch buffer. The integer rows (labels, ids) come this way, once per store; the
     * float rows, every observation's, keep their own loop.
     */
    private NpyWriter append(int length, int width, IntConsumer put) {
        long n = rowsIn(length);
        try {
            for (int i = 0; i < length; i++) {
                flushScratchIfFull(width);
                put.accept(i);
            }
        } catch (IOException e) {
            throw new WinnowException(path + ": cannot write (" + e.getMessage() + ")", e);
        }
        rows += n;
        return this;
    }

    private void writeFloats(float[] row) {
        if (dtype != DType.FLOAT32) {
            throw new IllegalStateException("writer is " + dtype);
        }
        try {
            for (float v : row) {
                flushScratchIfFull(4);
                scratch.putFloat(v);
            }
        } catch (IOException e) {
            throw new WinnowException(path + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    /** Rows written so far. */
    public long rows() {
        return rows;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.write(scratch.array(), 0, scratch.position());
            out.close();
            long[] shape = new long[rowShape.length + 1];
            shape[0] = rows;
            System.arraycopy(rowShape, 0, shape, 1, rowShape.length);
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap(header(dtype, shape)), 0);
            }
        } catch (IOException e) {
            throw new WinnowException(path + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    static byte[] header(DType dtype, long[] shape) {
        StringBuilder s = new StringBuilder();
        for (long d : shape) {
            s.append(d).append(", ");
        }
        String dims = shape.length == 1 ? shape[0] + "," : s.substring(0, Math.max(0, s.length() - 2));
        String dict = "{'descr': '" + dtype.descr() + "', 'fortran_order': False, 'shape': (" + dims + "), }";
        int len = HEADER_BYTES - 10;
        if (dict.length() + 1 > len) {
            throw new IllegalArgumentException("shape too long for the header: " + Arrays.toString(shape));
        }
        byte[] h = new byte[HEADER_BYTES];
        h[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, h, 1, 5);
        h[6] = 1;
        h[7] = 0;
        h[8] = (byte) (len & 0xff);
        h[9] = (byte) (len >>> 8);
        byte[] d = dict.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(d, 0, h, 10, d.length);
        Arrays.fill(h, 10 + d.length, HEADER_BYTES - 1, (byte) ' ');
        h[HEADER_BYTES - 1] = '\n';
        return h;
    }

    /** Writes a whole float32 array of the given shape (C order). */
    public static void write(Path path, float[] data, long... shape) {
        if (NpyArray.count(shape) != data.length) {
            throw new IllegalArgumentException(data.length + " values do not fill shape " + Arrays.toString(shape));
        }
        try (NpyWriter w = open(path, DType.FLOAT32, Arrays.copyOfRange(shape, 1, shape.length))) {
            if (data.length > 0) {
                w.writeRow(data);
            }
        }
    }

    /** Writes a 1-D int32 array. */
    public static void write(Path path, int[] data) {
        try (NpyWriter w = open(path, DType.INT32)) {
            if (data.length > 0) {
                w.writeRow(data);
            }
        }
    }

    /** Writes a 1-D int64 array. */
    public static void write(Path path, long[] data) {
        try (NpyWriter w = open(path, DType.INT64)) {
            if (data.length > 0) {
                w.writeRow(data);
            }
        }
    }
}
