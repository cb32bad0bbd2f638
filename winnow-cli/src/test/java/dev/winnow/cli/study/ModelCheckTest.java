package dev.winnow.cli.study;

import dev.winnow.study.StudySettings;
import dev.winnow.study.StudySpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The DJL engine's check of a study's models against its data, from the names alone. */
class ModelCheckTest {
    private static StudySpec spec(String data, String... settings) {
        Map<String, Object> m = StudySettings.of("data", data);
        m.putAll(StudySettings.of((Object[]) settings));
        return StudySpec.fromSettings(m);
    }

    private static final DjlStudyEngine ENGINE = new DjlStudyEngine();

    @Test
    void aCheaperProxyOfTheRightKindPasses() {
        assertThatCode(() -> ENGINE.check(spec("fashion-mnist", "proxy-model", "logreg"))).doesNotThrowAnyException();
        assertThatCode(() -> ENGINE.check(spec("fashion-mnist", "model", "cnn", "proxy-model", "mlp", "proxy-hidden", "64")))
                .doesNotThrowAnyException();
        assertThatCode(() -> ENGINE.check(spec("text:train.tsv", "model", "textcnn", "proxy-model", "textbag",
                "proxy-hidden", "32"))).doesNotThrowAnyException();
        assertThatCode(() -> ENGINE.check(spec("idx:/some/dir", "model", "resnet"))).doesNotThrowAnyException();
        // a data spec of no known form is left to loading, which names what is wrong with it
        assertThatCode(() -> ENGINE.check(spec("mnist", "proxy-model", "textbag"))).doesNotThrowAnyException();
    }

    @Test
    void aModelThatCannotReadTheDataIsOneLineNamingTheSetting() {
        assertThatThrownBy(() -> ENGINE.check(spec("fashion-mnist", "proxy-model", "textbag")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("proxy-model: textbag reads text (text:…), but fashion-mnist is images");
        assertThatThrownBy(() -> ENGINE.check(spec("text:train.tsv", "model", "textbag", "proxy-model", "logreg")))
                .hasMessage("proxy-model: logreg reads images or numeric features, but text:train.tsv is text");
        assertThatThrownBy(() -> ENGINE.check(spec("text:train.tsv")))
                .as("the target is checked too").hasMessage("model: mlp reads images or numeric features, but text:train.tsv is text");
        assertThatThrownBy(() -> ENGINE.check(spec("csv:x.csv", "proxy-model", "cnn")))
                .hasMessage("proxy-model: cnn needs images (fashion-mnist, idx:DIR), but csv:x.csv is numeric features");
        assertThatThrownBy(() -> ENGINE.check(spec("fashion-mnist", "proxy-model", "Perceptron")))
                .hasMessageStartingWith("proxy-model: 'Perceptron' is not a model of the zoo (logreg, mlp, cnn, resnet, textbag, textcnn)");
        assertThatThrownBy(() -> ENGINE.check(spec("fashion-mnist", "proxy-model", "logreg", "proxy-hidden", "64")))
                .hasMessage("proxy-hidden: only mlp and textbag have hidden sizes; logreg has none");
        assertThat(ModelCheck.WITH_HIDDEN).containsExactly("mlp", "textbag");
    }
}
