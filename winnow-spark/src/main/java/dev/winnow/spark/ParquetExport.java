package dev.winnow.spark;

import dev.winnow.WinnowException;
import dev.winnow.dynamics.DynamicsStore;
import dev.winnow.dynamics.Observation;
import dev.winnow.io.AtomicFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code winnow export}: a dynamics store (NPY) to dynamics in Parquet (the long format of the package
 * documentation), written directly with parquet-hadoop, no Spark job. Streams: one observation at a time,
 * read from the memory-mapped signal rows, one Parquet file per observation ({@code part-00000.parquet}
 * holds observation t = 0), so memory stays O(N) (labels and ids) whatever T is. The store's manifest is
 * copied to {@code _manifest.json}. The folder appears whole or not at all.
 */
public final class ParquetExport {
    private ParquetExport() {
    }

    /** The Parquet schema of a store with these signals (manifest order). */
    public static MessageType schema(List<String> signals) {
        Types.GroupBuilder<MessageType> b = Types.buildMessage()
                .required(PrimitiveTypeName.INT32).named(DynamicsParquet.RUN)
                .required(PrimitiveTypeName.INT32).named(DynamicsParquet.EPOCH)
                .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(DynamicsParquet.KIND)
                .required(PrimitiveTypeName.INT32).named(DynamicsParquet.T)
                .required(PrimitiveTypeName.INT64).named(DynamicsParquet.ID)
                .required(PrimitiveTypeName.INT32).named(DynamicsParquet.LABEL);
        for (String s : signals) {
            b.required(PrimitiveTypeName.FLOAT).named(s);
        }
        return b.named("winnow_dynamics");
    }

    /** Exports {@code storeDir} to the Parquet folder {@code out}; returns the number of rows written. */
    public static long export(Path storeDir, Path out, boolean force, Consumer<String> progress) {
        DynamicsStore store = DynamicsStore.open(storeDir);
        AtomicFiles.refuseExisting(out, force);
        List<String> signals = store.manifest().signals();
        MessageType schema = schema(signals);
        Path tmp = AtomicFiles.temporaryFolder(out);
        Configuration conf = new Configuration();
        long rows = 0;
        try {
            FileSystem.getLocal(conf).setWriteChecksum(false);
            Cursor c = new Cursor(store.ids(), store.labels(), signals.size());
            List<Observation> observations = store.observations();
            for (int t = 0; t < observations.size(); t++) {
                Observation o = observations.get(t);
                c.run = o.run();
                c.epoch = o.epoch();
                c.kind = Binary.fromString(o.kind().json());
                c.t = t;
                for (int s = 0; s < signals.size(); s++) {
                    c.signals[s] = store.signal(signals.get(s), t);
                }
                Path file = tmp.resolve(String.format("part-%05d.parquet", t));
                OutputFile of = HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf);
                // a dictionary only where values repeat (the constant observation columns, the label)
                try (ParquetWriter<Cursor> w = new Builder(of, schema).withConf(conf)
                        .withCompressionCodec(CompressionCodecName.SNAPPY)
                        .withDictionaryEncoding(false)
                        .withDictionaryEncoding(DynamicsParquet.RUN, true)
                        .withDictionaryEncoding(DynamicsParquet.EPOCH, true)
                        .withDictionaryEncoding(DynamicsParquet.KIND, true)
                        .withDictionaryEncoding(DynamicsParquet.T, true)
                        .withDictionaryEncoding(DynamicsParquet.LABEL, true).build()) {
                    for (int i = 0; i < c.ids.length; i++) {
                        c.i = i;
                        w.write(c);
                    }
                }
                rows += c.ids.length;
                progress.accept("export: observation " + (t + 1) + " of " + observations.size()
                        + " (run " + o.run() + ", epoch " + o.epoch() + ", " + o.kind().json() + ")");
            }
            Files.copy(storeDir.resolve("manifest.json"), tmp.resolve("_manifest.json"));
        } catch (IOException e) {
            AtomicFiles.deleteQuietly(tmp);
            throw new WinnowException(out + ": cannot write (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            AtomicFiles.deleteQuietly(tmp);
            throw e;
        }
        AtomicFiles.moveInto(tmp, out);
        return rows;
    }

    /** The row being written: observation t, example index i. */
    private static final class Cursor {
        final long[] ids;
        final int[] labels;
        final FloatBuffer[] signals;
        int run;
        int epoch;
        Binary kind;
        int t;
        int i;

        Cursor(long[] ids, int[] labels, int signals) {
            this.ids = ids;
            this.labels = labels;
            this.signals = new FloatBuffer[signals];
        }
    }

    private static final class CursorWriteSupport extends WriteSupport<Cursor> {
        private final MessageType schema;
        private RecordConsumer rc;

        CursorWriteSupport(MessageType schema) {
            this.schema = schema;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, Map.of("winnow.layout", "dynamics-long-v1"));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.rc = recordConsumer;
        }

        @Override
        public void write(Cursor c) {
            rc.startMessage();
            integer(0, DynamicsParquet.RUN, c.run);
            integer(1, DynamicsParquet.EPOCH, c.epoch);
            rc.startField(DynamicsParquet.KIND, 2);
            rc.addBinary(c.kind);
            rc.endField(DynamicsParquet.KIND, 2);
            integer(3, DynamicsParquet.T, c.t);
            rc.startField(DynamicsParquet.ID, 4);
            rc.addLong(c.ids[c.i]);
            rc.endField(DynamicsParquet.ID, 4);
            integer(5, DynamicsParquet.LABEL, c.labels[c.i]);
            for (int s = 0; s < c.signals.length; s++) {
                String name = schema.getFieldName(6 + s);
                rc.startField(name, 6 + s);
                rc.addFloat(c.signals[s].get(c.i));
                rc.endField(name, 6 + s);
            }
            rc.endMessage();
        }

        private void integer(int index, String name, int v) {
            rc.startField(name, index);
            rc.addInteger(v);
            rc.endField(name, index);
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Cursor, Builder> {
        private final MessageType schema;

        Builder(OutputFile file, MessageType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Cursor> getWriteSupport(Configuration conf) {
            return new CursorWriteSupport(schema);
        }
    }
}
