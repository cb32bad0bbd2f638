package dev.winnow.train.data;

import dev.winnow.WinnowException;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reader of the IDX format of MNIST and Fashion-MNIST (LeCun et al.): magic {@code 0x0000 TT DD} with
 * element type TT (only 0x08, unsigned byte, is used by these datasets) and DD dimensions, then DD
 * big-endian int32 sizes, then the data. Files may be gzip-compressed (detected by content).
 */
public final class Idx {
    private Idx() {
    }

    /** An IDX array of unsigned bytes: its dimensions and its data (values 0..255). */
    public record Array(int[] dims, byte[] data) {
        public int count() {
            return dims[0];
        }

        public int itemSize() {
            int s = 1;
            for (int i = 1; i < dims.length; i++) {
                s *= dims[i];
            }
            return s;
        }
    }

    public static Array read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new WinnowException(file + ": missing (an IDX file is needed here)");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)) : raw;
            DataInputStream d = new DataInputStream(in);
            int magic = d.readInt();
            if ((magic >>> 16) != 0) {
                throw new WinnowException(file + ": not an IDX file (magic 0x" + Integer.toHexString(magic) + ")");
            }
            int type = (magic >>> 8) & 0xff;
            int rank = magic & 0xff;
            if (type != 0x08) {
                throw new WinnowException(file + ": IDX element type 0x" + Integer.toHexString(type)
                        + " is not supported (only unsigned bytes, 0x08)");
            }
            if (rank < 1 || rank > 4) {
                throw new WinnowException(file + ": IDX rank " + rank + " is not supported");
            }
            int[] dims = new int[rank];
            long total = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = d.readInt();
                if (dims[i] < 0) {
                    throw new WinnowException(file + ": negative IDX dimension");
                }
                total *= dims[i];
            }
            if (total > Integer.MAX_VALUE - 16) {
                throw new WinnowException(file + ": too large (" + total + " values)");
            }
            byte[] data = new byte[(int) total];
            try {
                d.readFully(data);
            } catch (EOFException e) {
                throw new WinnowException(file + ": truncated (the header announces " + total + " values)");
            }
            return new Array(dims, data);
        } catch (IOException e) {
            throw new WinnowException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
