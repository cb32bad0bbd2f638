package dev.winnow.train.nmt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A toy translation task for tests: each source word maps to one target word, in order (lengths 3 to 6). */
final class SyntheticPairs {
    private SyntheticPairs() {
    }

    /** Writes train.src/train.tgt ({@code train} pairs) and test.src/test.tgt ({@code test} pairs); returns the spec. */
    static String write(Path dir, int train, int test, long seed) throws IOException {
        Random r = new Random(seed);
        write(dir, "train", train, r);
        write(dir, "test", test, r);
        return "pairs:" + dir.resolve("train.src") + "," + dir.resolve("train.tgt") + ",test="
                + dir.resolve("test.src") + "," + dir.resolve("test.tgt");
    }

    private static void write(Path dir, String name, int n, Random r) throws IOException {
        StringBuilder s = new StringBuilder();
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int len = 3 + r.nextInt(4);
            for (int j = 0; j < len; j++) {
                int w = r.nextInt(12);
                s.append(j == 0 ? "" : " ").append("s").append(w);
                t.append(j == 0 ? "" : " ").append("t").append((w * 7 + 3) % 12);
            }
            s.append('\n');
            t.append('\n');
        }
        Files.writeString(dir.resolve(name + ".src"), s);
        Files.writeString(dir.resolve(name + ".tgt"), t);
    }
}
