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
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code winnow export --layout wide}: a dynamics store (NPY) to the wide Parquet layout ({@link WideLayout}:
 * one row per example, a float column per observation and signal), written directly with parquet-hadoop.
 * Examples go in store order, {@link #EXAMPLES_PER_FILE} per file ({@code part-00000.parquet} holds the
 * first), so Spark reads the files in parallel. Ids and signals are written plain (no dictionary: their values
 * rarely repeat), the label with a dictionary. The store's manifest is copied to {@code _manifest.json}; the
 * folder appears whole or not at all.
 */
public final class WideExport {
    /** Examples per Parquet file. */
    public static final int EXAMPLES_PER_FILE = 1 << 20;

    private WideExport() {
    }

    /** Exports {@code storeDir} to the wide Parquet folder {@code out}; returns the number of rows (examples). */
    public static long export(Path storeDir, Path out, boolean force, Consumer<String> progress) {
        DynamicsStore store = DynamicsStore.open(storeDir);
        AtomicFiles.refuseExisting(out, force);
        List<String> signals = store.manifest().signals();
        List<Observation> observations = store.observations();
        MessageType schema = WideLayout.schema(observations, signals);
        FloatBuffer[] columns = new FloatBuffer[observations.size() * signals.size()];
        for (int t = 0; t < observations.size(); t++) {
            for (int s = 0; s < signals.size(); s++) {
                columns[t * signals.size() + s] = store.signal(signals.get(s), t);
            }
        }
        long[] ids = store.ids();
        int[] labels = store.labels();
        Path tmp = AtomicFiles.temporaryFolder(out);
        Configuration conf = new Configuration();
        try {
            FileSystem.getLocal(conf).setWriteChecksum(false);
            int files = (ids.length + EXAMPLES_PER_FILE - 1) / EXAMPLES_PER_FILE;
            for (int f = 0; f < files; f++) {
                int from = f * EXAMPLES_PER_FILE;
                int to = Math.min(ids.length, from + EXAMPLES_PER_FILE);
                Path file = tmp.resolve(String.format("part-%05d.parquet", f));
                OutputFile of = HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf);
                try (ParquetWriter<Integer> w = new Builder(of, schema, ids, labels, columns).withConf(conf)
                        .withCompressionCodec(CompressionCodecName.SNAPPY)
                        .withDictionaryEncoding(false)
                        .withDictionaryEncoding(DynamicsParquet.LABEL, true).build()) {
                    for (int i = from; i < to; i++) {
                        w.write(i);
                    }
                }
                progress.accept("export: examples " + from + " to " + (to - 1) + " of " + ids.length
                        + " (file " + (f + 1) + " of " + files + ")");
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
        return ids.length;
    }

    /** Writes example i: its id, its label, then every column's value at i. */
    private static final class ExampleWriteSupport extends WriteSupport<Integer> {
        private final MessageType schema;
        private final long[] ids;
        private final int[] labels;
        private final FloatBuffer[] columns;
        private final String[] names;
        private RecordConsumer rc;

        ExampleWriteSupport(MessageType schema, long[] ids, int[] labels, FloatBuffer[] columns) {
            this.schema = schema;
            this.ids = ids;
            this.labels = labels;
            this.columns = columns;
            this.names = new String[columns.length];
            for (int c = 0; c < columns.length; c++) {
                names[c] = schema.getFieldName(2 + c);
            }
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(schema, Map.of("winnow.layout", "dynamics-wide-v1"));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.rc = recordConsumer;
        }

        @Override
        public void write(Integer example) {
            int i = example;
            rc.startMessage();
            rc.startField(DynamicsParquet.ID, 0);
            rc.addLong(ids[i]);
            rc.endField(DynamicsParquet.ID, 0);
            rc.startField(DynamicsParquet.LABEL, 1);
            rc.addInteger(labels[i]);
            rc.endField(DynamicsParquet.LABEL, 1);
            for (int c = 0; c < columns.length; c++) {
                rc.startField(names[c], 2 + c);
                rc.addFloat(columns[c].get(i));
                rc.endField(names[c], 2 + c);
            }
            rc.endMessage();
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final ExampleWriteSupport support;

        Builder(OutputFile file, MessageType schema, long[] ids, int[] labels, FloatBuffer[] columns) {
            super(file);
            this.support = new ExampleWriteSupport(schema, ids, labels, columns);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
            return support;
        }
    }
}
