package dev.winnow.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.winnow.cli.TrainCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

class TranslateCommandTest {
    @Test
    void differentLineCountsAreOneLineAndExitOne(@TempDir Path tmp) throws Exception {
        Path s = Files.writeString(tmp.resolve("a.de"), "ein hund\nzwei katzen\n");
        Path t = Files.writeString(tmp.resolve("a.en"), "a dog\n");
        TrainCommandTest.Result r = run("translate", "train", "--data", "pairs:" + s + "," + t + ",test=" + s + "," + t);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("winnow: " + s + " has 2 lines but " + t
                + " has 1 (line i of one must translate line i of the other)");
    }

    @Test
    void anUnknownMethodIsAUsageError(@TempDir Path tmp) {
        TrainCommandTest.Result r = run("translate", "study", "--data", "pairs:a,b", "--methods", "random,shortest",
                "--out", tmp.resolve("s").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("method 'shortest'");
    }

    @Test
    void trainsAndWritesTranslations(@TempDir Path tmp) throws Exception {
        StringBuilder src = new StringBuilder();
        StringBuilder tgt = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            src.append("s").append(i % 5).append(" s").append(i % 3).append('\n');
            tgt.append("t").append(i % 5).append(" t").append(i % 3).append('\n');
        }
        Path s = Files.writeString(tmp.resolve("a.de"), src);
        Path t = Files.writeString(tmp.resolve("a.en"), tgt);
        Path hyp = tmp.resolve("hyp.txt");
        TrainCommandTest.Result r = run("translate", "train", "--data", "pairs:" + s + "," + t + ",test=" + s + "," + t,
                "--embedding", "8", "--hidden", "8", "--epochs", "2", "--out", hyp.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("BLEU ").contains("80 pairs backpropagated");
        assertThat(r.err()).contains("epoch 2/2");
        assertThat(Files.readAllLines(hyp)).hasSize(40);
        assertThat(run("translate", "train", "--data", "pairs:" + s + "," + t + ",test=" + s + "," + t,
                "--out", hyp.toString()).code()).isEqualTo(1);
    }
}
