package dev.winnow.cli.study;

import dev.winnow.study.StudySpec;
import dev.winnow.train.model.ModelSpec;

import java.util.List;
import java.util.Locale;

/**
 * Whether the zoo's models can train on the data a study names, decided from the names alone, before any data
 * is loaded or anything written: the model exists, a text model ({@code textbag}, {@code textcnn}) reads text
 * ({@code text:…}) and the others do not, {@code cnn} and {@code resnet} need images ({@code fashion-mnist},
 * {@code idx:DIR}) rather than CSV features, and hidden sizes go to a model that has hidden layers. A mistake is
 * one line naming the setting: {@code proxy-model: textbag reads text (text:…), but fashion-mnist is images}.
 */
final class ModelCheck {
    private ModelCheck() {
    }

    /** The models with hidden layers whose sizes {@code --hidden} sets. */
    static final List<String> WITH_HIDDEN = List.of("mlp", "textbag");

    /** Checks the target's and the proxy's model of {@code spec}; see the class comment. */
    static void check(StudySpec spec) {
        check("model", spec.model(), spec.data());
        check("proxy-model", spec.proxyModel(), spec.data());
        if (!spec.proxyHidden().isEmpty() && !WITH_HIDDEN.contains(spec.proxyModel().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("proxy-hidden: only " + String.join(" and ", WITH_HIDDEN)
                    + " have hidden sizes; " + spec.proxyModel() + " has none");
        }
    }

    /** @throws IllegalArgumentException naming {@code key} when {@code model} cannot train on {@code data} */
    static void check(String key, String model, String data) {
        String name = model.toLowerCase(Locale.ROOT);
        if (!ModelSpec.NAMES.contains(name)) {
            throw new IllegalArgumentException(key + ": '" + model + "' is not a model of the zoo ("
                    + String.join(", ", ModelSpec.NAMES) + ")");
        }
        Kind kind = Kind.of(data);
        if (kind == Kind.UNKNOWN) {
            return; // loading the data says what is wrong with it
        }
        boolean textModel = ModelSpec.of(name).isText();
        if (textModel != (kind == Kind.TEXT)) {
            throw new IllegalArgumentException(key + ": " + name + " reads "
                    + (textModel ? "text (text:…)" : "images or numeric features") + ", but " + data + " is " + kind.words);
        }
        if ((name.equals("cnn") || name.equals("resnet")) && kind != Kind.IMAGES) {
            throw new IllegalArgumentException(key + ": " + name + " needs images (fashion-mnist, idx:DIR), but "
                    + data + " is " + kind.words);
        }
    }

    /** What a data spec holds, from its form ({@code winnow-train}'s {@code Datasets}). */
    private enum Kind {
        IMAGES("images"), FEATURES("numeric features"), TEXT("text"), UNKNOWN("");

        final String words;

        Kind(String words) {
            this.words = words;
        }

        static Kind of(String data) {
            if (data.equals("fashion-mnist") || data.startsWith("idx:")) {
                return IMAGES;
            }
            if (data.startsWith("csv:")) {
                return FEATURES;
            }
            return data.startsWith("text:") ? TEXT : UNKNOWN;
        }
    }
}
