package dev.winnow.cli.crash;

import dev.winnow.npy.NpyWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full disk: {@code score}, {@code select} and {@code train} write onto a 64 KiB tmpfs mounted by the test,
 * too small for their output, and must fail with one line naming the file, exit 1, and leave no file there
 * (no partial output, no temporary; the output's empty parent folder may remain). Mounting needs root; elsewhere the test is skipped, saying why.
 */
class FullDiskTest {
    @TempDir
    static Path tmp;
    private static Path disk;
    private static Path store;
    private static Path scores;
    private static Path data;

    @BeforeAll
    static void mount() throws Exception {
        disk = tmp.resolve("disk");
        Files.createDirectories(disk);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes()).strip();
        Assumptions.assumeTrue(p.waitFor() == 0,
                "skipped: cannot mount a 64 KiB tmpfs to fill (needs root and mount): " + said);
        int n = 60_000;
        store = tmp.resolve("store");
        Files.createDirectories(store);
        Files.writeString(store.resolve("manifest.json"), "{\"format\":\"winnow-dynamics\",\"version\":1,\"examples\":" + n
                + ",\"classes\":2,\"observations\":[{\"run\":0,\"epoch\":1,\"kind\":\"checkpoint\"}],\"signals\":[\"el2n\"]}");
        int[] labels = new int[n];
        float[] el2n = new float[n];
        Random r = new Random(3);
        StringBuilder csv = new StringBuilder("id,label,score\n");
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            el2n[i] = r.nextFloat();
            csv.append(i).append(',').append(labels[i]).append(',').append(el2n[i]).append('\n');
        }
        NpyWriter.write(store.resolve("labels.npy"), labels);
        NpyWriter.write(store.resolve("el2n.npy"), el2n, 1, n);
        scores = Files.writeString(tmp.resolve("scores.csv"), csv);
        StringBuilder rows = new StringBuilder("a,b,label\n");
        for (int i = 0; i < 600; i++) {
            rows.append(r.nextGaussian()).append(',').append(r.nextGaussian() + i % 2).append(',').append(i % 2).append('\n');
        }
        data = Files.writeString(tmp.resolve("train.csv"), rows);
    }

    @AfterAll
    static void unmount() throws Exception {
        if (disk != null) {
            new ProcessBuilder("umount", disk.toString()).redirectErrorStream(true).start().waitFor();
        }
    }

    private static void failsWithOneLineAndLeavesNothing(Child.Outcome o) throws IOException {
        assertThat(o.exit()).as(o.stderr()).isEqualTo(1);
        assertThat(o.errorLines()).as(o.stderr()).hasSize(1);
        assertThat(o.errorLines().get(0)).contains(disk.toString());
        assertThat(o.stderr()).doesNotContain("\tat ").doesNotContain("internal error");
        try (Stream<Path> s = Files.walk(disk)) {
            List<Path> files = s.filter(Files::isRegularFile).toList();
            assertThat(files).as("no file, partial or temporary, left on the full disk").isEmpty();
        }
    }

    @Test
    void scoringOntoAFullDisk() throws IOException {
        failsWithOneLineAndLeavesNothing(Child.run(tmp.resolve("w1"), "score", "--dynamics", store.toString(),
                "--score", "el2n@1", "--out", disk.resolve("el2n.csv").toString()));
    }

    @Test
    void selectingOntoAFullDisk() throws IOException {
        failsWithOneLineAndLeavesNothing(Child.run(tmp.resolve("w2"), "select", "--scores", scores.toString(),
                "--keep", "0.9", "--strategy", "hard", "--out", disk.resolve("keep.csv").toString()));
    }

    @Test
    void trainingOntoAFullDisk() throws IOException {
        failsWithOneLineAndLeavesNothing(Child.run(tmp.resolve("w3"), "train", "--data", "csv:" + data, "--model", "mlp",
                "--hidden", "8", "--epochs", "3", "--threads", "1", "--quiet", "--out", disk.resolve("run").toString()));
    }
}
