package dev.winnow.train.data;

import dev.winnow.WinnowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DatasetParsingTest {
    static byte[] idx(int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(0x0800 | dims.length);
        for (int x : dims) {
            d.writeInt(x);
        }
        d.write(data);
        return b.toByteArray();
    }

    static void write(Path p, byte[] bytes, boolean gzip) throws IOException {
        try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            o.write(bytes);
        }
    }

    /** Writes {@code text} to the file {@code name} in {@code dir} and returns its path. */
    static Path text(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** Three 2×2 training images (pixels 0, 255, …) and two test images, some gzipped. */
    static Path idxFolder(Path dir) throws IOException {
        write(dir.resolve("train-images-idx3-ubyte.gz"), idx(new int[] {3, 2, 2},
                new byte[] {0, 0, 0, 0, (byte) 255, (byte) 255, (byte) 255, (byte) 255, 0, (byte) 255, 0, (byte) 255}), true);
        write(dir.resolve("train-labels-idx1-ubyte"), idx(new int[] {3}, new byte[] {2, 0, 1}), false);
        write(dir.resolve("t10k-images-idx3-ubyte.gz"), idx(new int[] {2, 2, 2}, new byte[8]), true);
        write(dir.resolve("t10k-labels-idx1-ubyte.gz"), idx(new int[] {2}, new byte[] {1, 1}), true);
        return dir;
    }

    @Test
    void idxHeaderShapeLabelsAndStandardisedPixels(@TempDir Path tmp) throws IOException {
        DataBundle d = Datasets.load("idx:" + idxFolder(tmp));
        assertThat(d.classes()).isEqualTo(3);
        assertThat(d.train().size()).isEqualTo(3);
        assertThat(d.test().size()).isEqualTo(2);
        assertThat(d.train().exampleShape()).containsExactly(1, 2, 2);
        assertThat(d.train().labels()).containsExactly(2, 0, 1);
        assertThat(d.train().ids()).containsExactly(0, 1, 2);
        // pixels: six 0s and six 1s → mean 0.5, sd 0.5 → standardised to −1 and +1
        assertThat(d.train().row(0)).containsExactly(-1f, -1f, -1f, -1f);
        assertThat(d.train().row(2)).containsExactly(-1f, 1f, -1f, 1f);
        assertThat(d.test().row(1)).containsExactly(-1f, -1f, -1f, -1f);
    }

    @Test
    void idxProblemsAreOneClearLine(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("x");
        Files.write(f, new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> Idx.read(f)).isInstanceOf(WinnowException.class).hasMessageContaining("not an IDX file");
        byte[] whole = idx(new int[] {2, 2, 2}, new byte[8]);
        Files.write(f, java.util.Arrays.copyOf(whole, whole.length - 3));
        assertThatThrownBy(() -> Idx.read(f)).isInstanceOf(WinnowException.class).hasMessageContaining("truncated");
        Files.write(f, new byte[] {0, 0, 0x0D, 1, 0, 0, 0, 1, 0, 0, 0, 0});
        assertThatThrownBy(() -> Idx.read(f)).hasMessageContaining("element type 0xd");
        Files.delete(tmp.resolve("x"));
        write(tmp.resolve("train-images-idx3-ubyte"), idx(new int[] {2, 1, 1}, new byte[2]), false);
        write(tmp.resolve("train-labels-idx1-ubyte"), idx(new int[] {3}, new byte[3]), false);
        assertThatThrownBy(() -> Datasets.load("idx:" + tmp)).hasMessageContaining("2 images but 3 labels");
    }

    @Test
    void missingFashionMnistNamesTheInstallCommand() {
        assertThatThrownBy(() -> Datasets.idx(Path.of("/nonexistent-winnow"), "x", null)).isInstanceOf(WinnowException.class);
        assertThatThrownBy(() -> Datasets.load("idx:/nonexistent-winnow")).hasMessageContaining("no such folder");
        assertThatThrownBy(() -> Datasets.load("mnist")).hasMessageContaining("unknown dataset");
        assertThatThrownBy(() -> Datasets.load("csv:a.csv,tset=b.csv")).hasMessageContaining("unknown option 'tset'");
        assertThatThrownBy(() -> Datasets.load("text:a.tsv,min-count=0")).hasMessageContaining("min-count");
    }

    @Test
    void csvStandardisesOnTrainAndMapsLabels(@TempDir Path tmp) throws IOException {
        Path tr = text(tmp, "train.csv", "a,\"b\",kind,id\n1,10,cat,70\n3,10,dog,71\n5,10,cat,72\n");
        Path te = text(tmp, "test.csv", "a,b,kind,id\n3,11,dog,5\n");
        DataBundle d = Datasets.load("csv:" + tr + ",test=" + te + ",label=kind,id=id");
        assertThat(d.classes()).isEqualTo(2);
        assertThat(d.classNames()).containsExactly("cat", "dog");
        assertThat(d.train().labels()).containsExactly(0, 1, 0);
        assertThat(d.train().ids()).containsExactly(70, 71, 72);
        assertThat(d.train().width()).isEqualTo(2);
        double sd = Math.sqrt(8.0 / 3);
        assertThat(d.train().row(0)[0]).isCloseTo((float) (-2 / sd), within(1e-6f));
        assertThat(d.train().row(0)[1]).isEqualTo(0f); // constant column → 0
        assertThat(d.test().row(0)[0]).isEqualTo(0f);
        assertThat(d.test().row(0)[1]).isEqualTo(1f); // (11 − 10) / 1
        assertThat(d.test().ids()).containsExactly(5);
    }

    @Test
    void csvDefaultsAndErrors(@TempDir Path tmp) throws IOException {
        Path f = text(tmp, "t.csv", "x,y\n1,10\n2,2\n3,10\n");
        DataBundle d = Datasets.load("csv:" + f);
        assertThat(d.classNames()).containsExactly("2", "10"); // numeric order, last column
        assertThat(d.train().labels()).containsExactly(1, 0, 1);
        assertThat(d.train().ids()).containsExactly(0, 1, 2);
        assertThat(d.test().size()).isZero();
        Files.writeString(f, "x,label\n1,a\nfoo,b\n");
        assertThatThrownBy(() -> Datasets.load("csv:" + f)).hasMessageContaining(":3: column 'x' has 'foo', not a number");
        Files.writeString(f, "x,label\n\"1\",\"a,b\"\r\n2,\"c\"\"\"\n");
        DataBundle quoted = Datasets.load("csv:" + f);
        assertThat(quoted.classNames()).containsExactly("a,b", "c\""); // quotes, a comma inside, CRLF
        assertThat(quoted.train().row(1)[0]).isEqualTo(1f); // (2 − 1.5) / 0.5
        assertThat(quoted.train().text(0)).isNull(); // tabular rows keep no text
        Files.writeString(f, "x,label\n1,a\n2\n");
        assertThatThrownBy(() -> Datasets.load("csv:" + f)).hasMessageContaining(":3: 1 fields, the header has 2");
        Files.writeString(f, "x,label\n1,a\n2,b\n");
        assertThatThrownBy(() -> Datasets.load("csv:" + f + ",label=z")).hasMessageContaining("no column 'z'");
        Path te = text(tmp, "te.csv", "x,label\n1,c\n");
        assertThatThrownBy(() -> Datasets.load("csv:" + f + ",test=" + te))
                .hasMessageContaining("label 'c' does not occur in the training split");
    }

    @Test
    void tsvTokenisesAndBuildsTheVocabularyOnTrain(@TempDir Path tmp) throws IOException {
        Path tr = text(tmp, "train.tsv", "sentence\tlabel\nA good film , good !\t1\nbad film\t0\ngood\t1\n\t0\n");
        Path te = text(tmp, "dev.tsv", "sentence\tlabel\nan unseen good film\t1\n");
        assertThat(TextData.tokenize("It's a good, GOOD film!")).containsExactly("it's", "a", "good", ",", "good", "film", "!");
        DataBundle d = Datasets.load("text:" + tr + ",test=" + te + ",min-count=2");
        // counts: good 3, film 2 (a, ",", "!", bad: 1) → vocabulary good=2, film=3; 0 pad, 1 unknown
        assertThat(d.vocabularySize()).isEqualTo(4);
        assertThat(d.classes()).isEqualTo(2);
        assertThat(d.train().tokensOf(0)).containsExactly(1, 2, 3, 1, 2, 1);
        assertThat(d.train().tokensOf(1)).containsExactly(1, 3);
        assertThat(d.train().tokensOf(3)).containsExactly(1); // empty sentence → one unknown token
        assertThat(d.test().tokensOf(0)).containsExactly(1, 1, 2, 3);
        assertThat(d.train().labels()).containsExactly(1, 0, 1, 0);
        // the sentences as written, kept by the one read of the file
        assertThat(d.train().text(0)).isEqualTo("A good film , good !");
        assertThat(d.train().text(3)).isEmpty();
        assertThat(d.test().text(0)).isEqualTo("an unseen good film");
        assertThat(d.limit(2).train().text(1)).isEqualTo("bad film");
        DataBundle small = Datasets.load("text:" + tr + ",max-vocab=1,max-len=2");
        assertThat(small.vocabularySize()).isEqualTo(3);
        assertThat(small.train().tokensOf(0)).containsExactly(1, 2);
        Files.writeString(tr, "no header here\n");
        assertThatThrownBy(() -> Datasets.load("text:" + tr)).hasMessageContaining("header");
    }

    @Test
    void limitKeepsTheFirstExamplesAndTheirIds(@TempDir Path tmp) throws IOException {
        DataBundle d = Datasets.load("idx:" + idxFolder(tmp)).limit(2);
        assertThat(d.train().ids()).containsExactly(0, 1);
        assertThat(d.train().labels()).containsExactly(2, 0);
        assertThat(d.test().size()).isEqualTo(2);
        assertThat(d.train().indicesOf(new long[] {1, 0})).containsExactly(1, 0);
        assertThatThrownBy(() -> d.train().indicesOf(new long[] {2})).hasMessageContaining("id 2 is not in the training set");
        assertThat(List.of(d.description())).allMatch(s -> s.contains("first 2 training examples"));
    }
}
