package dev.winnow.dynamics;

import dev.winnow.WinnowException;
import dev.winnow.score.ScoreOptions;
import dev.winnow.score.ScoreSpec;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code winnow import --table}: a long table id,epoch,kind,signal… becomes a store. */
class TableImportTest {
    @TempDir
    Path dir;

    private Path table(String text) throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, text);
        return f;
    }

    private static float[] row(DynamicsStore s, String signal, int t) {
        float[] r = new float[s.examples()];
        s.signal(signal, t).get(r);
        return r;
    }

    @Test
    void idsSortAndObservationsOrderByEpochThenPresentationBeforeCheckpoint() throws IOException {
        Path t = table("""
                id,epoch,kind,loss,bleu
                30,2,checkpoint,1.5,20
                10,1,checkpoint,2.0,10
                30,1,checkpoint,3.0,
                10,1,presentation,2.5,nan
                10,2,checkpoint,0.5,30
                """);
        LogitsImport.Result r = TableImport.run(t, dir.resolve("store"), false);
        assertThat(r.signals()).containsExactly("loss", "bleu");
        DynamicsStore s = DynamicsStore.open(r.store());
        assertThat(s.ids()).containsExactly(10L, 30L);
        assertThat(s.classes()).isEqualTo(1);
        assertThat(s.observations()).containsExactly(new Observation(0, 1, ObservationKind.PRESENTATION),
                new Observation(0, 1, ObservationKind.CHECKPOINT), new Observation(0, 2, ObservationKind.CHECKPOINT));
        assertThat(row(s, "loss", 0)[0]).isEqualTo(2.5f);
        assertThat(row(s, "loss", 0)[1]).isNaN();               // id 30 was not presented
        assertThat(row(s, "loss", 1)).containsExactly(2.0f, 3.0f);
        assertThat(row(s, "loss", 2)).containsExactly(0.5f, 1.5f);
        assertThat(row(s, "bleu", 1)[1]).isNaN();               // empty cell
        assertThat(row(s, "bleu", 0)[0]).isNaN();               // "nan"
        // cat@2 over the checkpoints of epochs 1 and 2: ((e^a − e^b) / 2)²
        float[] cat = ScoreSpec.parse("cat@2").create(ScoreOptions.defaults()).compute(s);
        assertThat(cat[0]).isCloseTo((float) Math.pow((Math.exp(2.0) - Math.exp(0.5)) / 2, 2), Offset.offset(1e-4f));
        assertThat(cat[1]).isCloseTo((float) Math.pow((Math.exp(3.0) - Math.exp(1.5)) / 2, 2), Offset.offset(1e-4f));
    }

    @Test
    void runAndLabelColumnsAreOptional() throws IOException {
        Path t = table("""
                run,id,label,epoch,kind,loss
                1,5,2,1,checkpoint,1
                0,5,2,1,checkpoint,2
                0,6,0,1,checkpoint,3
                """);
        DynamicsStore s = DynamicsStore.open(TableImport.run(t, dir.resolve("store"), false).store());
        assertThat(s.runs()).isEqualTo(2);
        assertThat(s.classes()).isEqualTo(3);
        assertThat(s.labels()).containsExactly(2, 0);
        assertThat(row(s, "loss", 0)).containsExactly(2f, 3f);
        assertThat(row(s, "loss", 1)[0]).isEqualTo(1f);
        assertThat(row(s, "loss", 1)[1]).isNaN();
    }

    @Test
    void badTablesFailNamingTheFileAndLineAndWriteNothing() throws IOException {
        Path out = dir.resolve("store");
        assertThatThrownBy(() -> TableImport.run(table("id,kind,loss\n1,checkpoint,2\n"), out, false))
                .isInstanceOf(WinnowException.class)
                .hasMessage(dir.resolve("t.csv") + ": no column 'epoch' (the header needs id,epoch,kind and one column "
                        + "per signal; it has id,kind,loss)");
        assertThatThrownBy(() -> TableImport.run(table("id,epoch,kind\n1,1,checkpoint\n"), out, false))
                .hasMessageContaining("no signal column");
        assertThatThrownBy(() -> TableImport.run(table("id,epoch,kind,loss\n1,1,checkpoint,2\n2,1,eval,3\n"), out, false))
                .hasMessage(dir.resolve("t.csv") + ":3: unknown kind 'eval' (expected presentation or checkpoint)");
        assertThatThrownBy(() -> TableImport.run(table("id,epoch,kind,loss\n1,1,checkpoint,2\n1,1,checkpoint,3\n"), out, false))
                .hasMessage(dir.resolve("t.csv") + ":3: id 1 appears twice for run 0, epoch 1, checkpoint");
        assertThatThrownBy(() -> TableImport.run(table("id,epoch,kind,loss\n1,0,checkpoint,2\n"), out, false))
                .hasMessageContaining(":2: epoch 0 is outside [1,");
        assertThatThrownBy(() -> TableImport.run(table("run,id,epoch,kind,loss\n70000,1,1,checkpoint,2\n"), out, false))
                .hasMessage(dir.resolve("t.csv") + ":2: run 70000 is outside [0, 65535]");
        assertThatThrownBy(() -> TableImport.run(table("id,epoch,kind,loss\nx,1,checkpoint,2\n"), out, false))
                .hasMessageContaining(":2: id 'x' is not an integer");
        assertThatThrownBy(() -> TableImport.run(table("id,epoch,kind,loss\n1,1,checkpoint\n"), out, false))
                .hasMessageContaining(":2: 3 fields, the header has 4");
        assertThatThrownBy(() -> TableImport.run(table("id,epoch,kind,loss\n1,1,checkpoint,inf\n"), out, false))
                .hasMessageContaining("infinite");
        assertThatThrownBy(() -> TableImport.run(table("id,epoch,kind,label,loss\n1,1,checkpoint,0,2\n1,2,checkpoint,1,2\n"),
                out, false)).hasMessageContaining(":3: id 1 has label 1, but label 0 on line 2");
        assertThatThrownBy(() -> TableImport.run(table("id,epoch,kind,loss\n"), out, false))
                .hasMessageContaining("no data lines");
        assertThat(out).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith(".store")).toList()).isEmpty();
        }
    }
}
