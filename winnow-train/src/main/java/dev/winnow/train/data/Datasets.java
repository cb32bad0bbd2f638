package dev.winnow.train.data;

import dev.winnow.WinnowException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens a dataset from its {@code --data} spec:
 * <ul>
 *   <li>{@code fashion-mnist}: the IDX files in {@code $FASHION_MNIST_DIR}, else
 *       {@code /usr/share/datasets/fashion-mnist} (Xiao et al. 2017);</li>
 *   <li>{@code idx:DIR}: any MNIST-layout folder ({@code train-images-idx3-ubyte[.gz]},
 *       {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-…} for the test split);</li>
 *   <li>{@code csv:TRAIN.csv[,test=TEST.csv][,label=COLUMN][,id=COLUMN]}: numeric features with a header,
 *       standardised with the training split's mean and deviation;</li>
 *   <li>{@code text:TRAIN.tsv[,test=TEST.tsv][,min-count=N][,max-vocab=N][,max-len=N]}:
 *       {@code sentence<TAB>label}; the vocabulary is built on the training split.</li>
 * </ul>
 * CSV and text files also take {@code header=yes|no|auto}, {@code quote=yes|no} and {@code skip-bad-rows=yes}
 * ({@link ReadOptions}); the text columns are chosen by {@code text=COL} and {@code label=COL}.
 * Ids are the 0-based row of each example in its file (or the csv {@code id} column).
 */
public final class Datasets {
    public static final String FASHION_MNIST_DEFAULT = "/usr/share/datasets/fashion-mnist";
    static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private Datasets() {
    }

    /** The spec forms, for help texts. */
    public static final String SPECS = "fashion-mnist | idx:DIR | csv:TRAIN.csv[,test=TEST.csv][,label=COL][,id=COL]"
            + " | text:TRAIN.tsv[,test=TEST.tsv][,min-count=N][,max-vocab=N][,max-len=N][,text=COL][,label=COL]"
            + " (csv and text also: [,header=yes|no|auto][,quote=yes|no][,skip-bad-rows=yes]; COL is a header name"
            + " or a number from 1)";

    /** Loads the dataset named by {@code spec} and prints on stderr how many rows each split read. */
    public static DataBundle load(String spec) {
        DataBundle d = open(spec);
        System.err.println(DataSpecs.rowsRead(d));
        return d;
    }

    private static DataBundle open(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new WinnowException("--data is empty (expected " + SPECS + ")");
        }
        if (spec.equals("fashion-mnist")) {
            String env = System.getenv("FASHION_MNIST_DIR");
            Path dir = Path.of(env == null || env.isBlank() ? FASHION_MNIST_DEFAULT : env);
            if (!Files.isDirectory(dir)) {
                throw new WinnowException("Fashion-MNIST is not installed at " + dir
                        + " (apt-get install dataset-fashion-mnist, or set FASHION_MNIST_DIR)");
            }
            return idx(dir, "fashion-mnist", FASHION_CLASSES);
        }
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new WinnowException("--data '" + spec + "': unknown dataset (expected " + SPECS + ")");
        }
        String kind = spec.substring(0, colon);
        String rest = spec.substring(colon + 1);
        List<String> parts = List.of(rest.split(","));
        Path main = Path.of(parts.get(0));
        Map<String, String> opts = options(spec, parts.subList(1, parts.size()));
        return switch (kind) {
            case "idx" -> {
                requireOnly(spec, opts);
                if (!Files.isDirectory(main)) {
                    throw new WinnowException(main + ": no such folder (idx:DIR needs the MNIST-layout files)");
                }
                yield idx(main, "idx:" + main, null);
            }
            case "csv" -> {
                requireOnly(spec, opts, "test", "label", "id", "header", "quote", "skip-bad-rows");
                yield CsvData.load(main, path(opts.get("test")), DataSpecs.readOptions(spec, opts));
            }
            case "text" -> {
                requireOnly(spec, opts, "test", "min-count", "max-vocab", "max-len", "header", "text", "label", "quote",
                        "skip-bad-rows");
                TextData.Options o = new TextData.Options(
                        intOpt(spec, opts, "min-count", 1), intOpt(spec, opts, "max-vocab", 50_000),
                        intOpt(spec, opts, "max-len", 64));
                yield TextData.load(main, path(opts.get("test")), o, DataSpecs.readOptions(spec, opts));
            }
            case "pairs" -> throw new WinnowException("--data '" + spec + "': a parallel (translation) corpus; train and study "
                    + "it with winnow translate train|study");
            default -> throw new WinnowException("--data '" + spec + "': unknown kind '" + kind + "' (expected " + SPECS + ")");
        };
    }

    private static Path path(String s) {
        return s == null ? null : Path.of(s);
    }

    private static Map<String, String> options(String spec, List<String> parts) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : parts) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new WinnowException("--data '" + spec + "': option '" + p + "' is not KEY=VALUE");
            }
            m.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        return m;
    }

    private static void requireOnly(String spec, Map<String, String> opts, String... allowed) {
        for (String k : opts.keySet()) {
            if (!List.of(allowed).contains(k)) {
                throw new WinnowException("--data '" + spec + "': unknown option '" + k + "'"
                        + (allowed.length == 0 ? " (this kind takes none)" : " (allowed: " + String.join(", ", allowed) + ")"));
            }
        }
    }

    private static int intOpt(String spec, Map<String, String> opts, String key, int dflt) {
        String v = opts.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new WinnowException("--data '" + spec + "': " + key + " must be a positive integer, got '" + v + "'");
        }
    }

    /** Loads an MNIST-layout folder; pixels scaled to [0,1] then standardised with the training mean and deviation. */
    public static DataBundle idx(Path dir, String name, List<String> classNames) {
        Idx.Array trainX = Idx.read(find(dir, "train-images-idx3-ubyte"));
        Idx.Array trainY = Idx.read(find(dir, "train-labels-idx1-ubyte"));
        Path testImages = findOptional(dir, "t10k-images-idx3-ubyte");
        Idx.Array testX = testImages == null ? null : Idx.read(testImages);
        Idx.Array testY = testImages == null ? null : Idx.read(find(dir, "t10k-labels-idx1-ubyte"));
        check(dir, trainX, trainY);
        if (testX != null) {
            check(dir, testX, testY);
            if (testX.itemSize() != trainX.itemSize()) {
                throw new WinnowException(dir + ": test images are " + testX.itemSize() + " pixels, train images " + trainX.itemSize());
            }
        }
        int classes = 0;
        for (byte b : trainY.data()) {
            classes = Math.max(classes, (b & 0xff) + 1);
        }
        double sum = 0;
        double sq = 0;
        for (byte b : trainX.data()) {
            double v = (b & 0xff) / 255.0;
            sum += v;
            sq += v * v;
        }
        long n = trainX.data().length;
        double mean = sum / n;
        double sd = Math.sqrt(Math.max(sq / n - mean * mean, 1e-12));
        long[] shape = trainX.dims().length == 3
                ? new long[] {1, trainX.dims()[1], trainX.dims()[2]}
                : new long[] {trainX.itemSize()};
        Examples train = images(trainX, trainY, mean, sd, shape);
        Examples test = testX == null ? empty(shape) : images(testX, testY, mean, sd, shape);
        List<String> names = classNames;
        if (names == null || names.size() != classes) {
            names = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                names.add(Integer.toString(c));
            }
        }
        String desc = String.format("%s (%d train, %d test, %d classes, %s pixels standardised: mean %.4f sd %.4f)",
                name, train.size(), test.size(), classes, shapeString(shape), mean, sd);
        return new DataBundle(name, desc, train, test, classes, names, 0);
    }

    static Examples empty(long[] shape) {
        return Examples.dense(new long[0], new int[0], new float[0], shape);
    }

    private static String shapeString(long[] s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length; i++) {
            b.append(i == 0 ? "" : "×").append(s[i]);
        }
        return b.toString();
    }

    private static void check(Path dir, Idx.Array x, Idx.Array y) {
        if (x.dims().length < 2) {
            throw new WinnowException(dir + ": image file has rank " + x.dims().length + " (expected 3: N×rows×cols)");
        }
        if (y.dims().length != 1) {
            throw new WinnowException(dir + ": label file has rank " + y.dims().length + " (expected 1)");
        }
        if (x.count() != y.count()) {
            throw new WinnowException(dir + ": " + x.count() + " images but " + y.count() + " labels");
        }
    }

    private static Examples images(Idx.Array x, Idx.Array y, double mean, double sd, long[] shape) {
        int n = x.count();
        byte[] px = x.data();
        float[] v = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            v[i] = (float) (((px[i] & 0xff) / 255.0 - mean) / sd);
        }
        long[] ids = new long[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            labels[i] = y.data()[i] & 0xff;
        }
        return Examples.dense(ids, labels, v, shape);
    }

    private static Path find(Path dir, String stem) {
        Path p = findOptional(dir, stem);
        if (p == null) {
            throw new WinnowException(dir + ": missing " + stem + " (or " + stem + ".gz)");
        }
        return p;
    }

    private static Path findOptional(Path dir, String stem) {
        for (String name : new String[] {stem + ".gz", stem, stem.replace("-idx", ".idx")}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
