package dev.winnow.score;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.winnow.catalogue.Entry;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoreSpecTest {
    @Test
    void parseGivesTheEntryAndTheArgumentAndToStringWritesThemBack() {
        ScoreSpec el2n = ScoreSpec.parse(" el2n@02 ");
        assertThat(el2n.name()).isEqualTo("el2n");
        assertThat(el2n.entry().usage()).isEqualTo("el2n@E");
        assertThat(el2n.argument()).isEqualTo(OptionalInt.of(2));
        assertThat(el2n).hasToString("el2n@2").isEqualTo(ScoreSpec.parse("el2n@2")).isNotEqualTo(ScoreSpec.parse("el2n@3"));
        assertThat(ScoreSpec.parse("aum")).hasToString("aum");
        assertThat(ScoreSpec.parse("aum").argument()).isEmpty();
        assertThat(ScoreSpec.parse("dealrec")).hasToString("dealrec");
        assertThat(ScoreSpec.parse("dealrec@4").argument()).isEqualTo(OptionalInt.of(4));
    }

    @Test
    void everyCataloguedScoreRoundTripsAndBuildsAScoreOfTheSameName() {
        ScoreOptions o = ScoreOptions.defaults().withExternal(Path.of("x.csv"), "q");
        for (Entry e : Scores.catalogue()) {
            for (String text : List.of(e.name(), e.name() + "@3")) {
                boolean ok = e.usage().contains("[@") || e.usage().contains("@") == text.contains("@");
                if (!ok) {
                    assertThatThrownBy(() -> ScoreSpec.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class);
                    continue;
                }
                ScoreSpec s = ScoreSpec.parse(text);
                assertThat(ScoreSpec.parse(s.toString())).as(text).isEqualTo(s);
                assertThat(s.create(o).name()).as(text).isEqualTo(s.toString()).isEqualTo(text);
            }
        }
    }

    @Test
    void createPassesTheOptionsTheScoreNeeds() {
        DealrecScore d = (DealrecScore) ScoreSpec.parse("dealrec@2").create(ScoreOptions.defaults().withDealrecLambda(3));
        assertThat(d.lambda()).isEqualTo(3.0);
        assertThat(((InfluenceScore) ScoreSpec.parse("influence").create(null)).damping())
                .isEqualTo(ScoreOptions.DEFAULT_DAMPING);
        assertThat(((AtEpochScore) ScoreSpec.parse("margin@5").create(null)).epoch()).isEqualTo(5);
    }

    @Test
    void theConstructorChecksTheArgumentAgainstTheEntry() {
        Entry el2n = ScoreSpec.parse("el2n@1").entry();
        Entry aum = ScoreSpec.parse("aum").entry();
        assertThatThrownBy(() -> new ScoreSpec(el2n, OptionalInt.empty()))
                .hasMessage("score 'el2n' needs an epoch: write el2n@E, e.g. el2n@10");
        assertThatThrownBy(() -> new ScoreSpec(aum, OptionalInt.of(2))).hasMessage("score 'aum' takes no @ argument: write aum");
        assertThatThrownBy(() -> new ScoreSpec(el2n, OptionalInt.of(-1)))
                .hasMessage("score 'el2n@-1': the part after @ must be an epoch ≥ 1");
        Entry stranger = new Entry(Entry.Kind.SCORE, "el2n", "el2n@E", List.of(), "other", "nobody");
        assertThatThrownBy(() -> new ScoreSpec(stranger, OptionalInt.of(1))).hasMessageContaining("not a catalogued score");
        assertThatThrownBy(() -> ScoreSpec.parse(" ")).hasMessageStartingWith("no score given; known scores: random, el2n@E");
        assertThatThrownBy(() -> ScoreSpec.parse("el2n@")).hasMessage("score 'el2n@': the part after @ must be an epoch ≥ 1");
    }

    @Test
    void jsonCarriesTheCanonicalText() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(List.of(ScoreSpec.parse("el2n@2"), ScoreSpec.parse("aum"))))
                .isEqualTo("[\"el2n@2\",\"aum\"]");
        assertThat(json.readValue("\"cat@3\"", ScoreSpec.class)).isEqualTo(ScoreSpec.parse("cat@3"));
        assertThatThrownBy(() -> json.readValue("\"el3n\"", ScoreSpec.class)).hasMessageContaining("unknown score 'el3n'");
    }
}
