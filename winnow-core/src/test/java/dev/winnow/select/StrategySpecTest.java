package dev.winnow.select;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrategySpecTest {
    @Test
    void leftOutParametersTakeTheCataloguesDefaults() {
        assertThat(StrategySpec.parse("hard").values()).isEmpty();
        assertThat(StrategySpec.parse("window:0.05").value("offset")).isEqualTo(0.05);
        StrategySpec s = StrategySpec.parse("stratified:0.1:50");
        assertThat(s.value("drop-hardest")).isEqualTo(0.1);
        assertThat(s.value("bins")).isEqualTo(50.0);
        assertThat(StrategySpec.parse("stratified").values()).containsExactly(0.0, 50.0);
        assertThat(StrategySpec.parse("stratified:0.2").values()).containsExactly(0.2, 50.0);
        assertThat(StrategySpec.parse("calibrated").value("alpha")).isEqualTo(0.5);
        assertThat(StrategySpec.parse("Calibrated:0.3").value("alpha")).isEqualTo(0.3);
        assertThat(StrategySpec.of(Strategy.RANDOM)).isEqualTo(StrategySpec.parse("random"));
        assertThatThrownBy(() -> StrategySpec.of(Strategy.WINDOW)).hasMessageContaining("window expects 1 parameter");
    }

    @Test
    void toStringIsTheShortestTextThatReadsBackTheSame() {
        for (String[] c : new String[][] {
            {"hard", "hard"}, {"window:0.05", "window:0.05"}, {"window:0", "window:0"},
            {"stratified", "stratified"}, {"stratified:0:50", "stratified"}, {"stratified:0.1:50", "stratified:0.1"},
            {"stratified:0:20", "stratified:0:20"}, {"stratified:-0", "stratified"}, {"stratified:0.10:20.0", "stratified:0.1:20"},
            {"calibrated", "calibrated"}, {"calibrated:0.5", "calibrated"}, {"calibrated:0.3", "calibrated:0.3"},
            {"calibrated:1e-4", "calibrated:0.0001"}}) {
            StrategySpec s = StrategySpec.parse(c[0]);
            assertThat(s).as(c[0]).hasToString(c[1]);
            assertThat(StrategySpec.parse(s.toString())).as(c[0]).isEqualTo(s);
        }
        assertThat(StrategySpec.parse("calibrated:0.5")).isEqualTo(StrategySpec.parse("calibrated"));
        assertThat(StrategySpec.parse("stratified:-0")).isEqualTo(StrategySpec.parse("stratified"));
    }

    @Test
    void optionsAreTheOnesTheCommandLineFlagsGive() {
        Budget keep = new Budget.Fraction(0.3);
        // `calibrated` alone is alpha = 0.5, as `winnow select --strategy calibrated` without --alpha
        assertThat(StrategySpec.parse("calibrated").options(keep, false, 7))
                .isEqualTo(SelectOptions.fromFlags("calibrated", 0.3, null, false, null, null, null, null, 7));
        assertThat(StrategySpec.parse("calibrated:0.2").options(keep, true, 7))
                .isEqualTo(SelectOptions.fromFlags("calibrated", 0.3, null, true, null, null, null, 0.2, 7));
        assertThat(StrategySpec.parse("window:0.05").options(keep, false, 1))
                .isEqualTo(SelectOptions.fromFlags("window", 0.3, null, false, 0.05, null, null, null, 1));
        SelectOptions o = StrategySpec.parse("stratified:0.1:20").options(new Budget.Count(4), true, 2);
        assertThat(o).isEqualTo(SelectOptions.fromFlags("stratified", null, 4L, true, null, 20, 0.1, null, 2));
        assertThat(o.bins()).isEqualTo(20);
        assertThat(o.dropHardest()).isEqualTo(0.1);
        assertThat(StrategySpec.parse("hard").options(keep, false, 0)).isEqualTo(SelectOptions.of(Strategy.HARD, keep, 0));
    }

    @Test
    void errorsNameTheStrategyAndTheParameter() {
        for (String[] c : new String[][] {
            {"hardest", "unknown strategy 'hardest' (choose one of hard, easy, window, random, stratified, calibrated, moderate, kcenter, d2)"},
            {"", "no strategy given (choose one of hard, easy, window, random, stratified, calibrated, moderate, kcenter, d2)"},
            {"hard:0.3", "hard expects 0 parameters, got 1 (write hard)"},
            {"window", "window expects 1 parameter, got 0 (write window:OFFSET)"},
            {"calibrated:0.1:0.2", "calibrated expects 0 to 1 parameter, got 2 (write calibrated[:ALPHA])"},
            {"stratified:0:1:2", "stratified expects 0 to 2 parameters, got 3 (write stratified[:DROP-HARDEST[:BINS]])"},
            {"window:x", "window: offset 'x' is not a number"},
            {"window:1", "window: offset must be in [0, 1), got 1.0"},
            {"calibrated:1.5", "calibrated: alpha must be in [0, 1), got 1.5"},
            {"calibrated:NaN", "calibrated: alpha must be in [0, 1), got NaN"},
            {"stratified:-0.1", "stratified: drop-hardest must be in [0, 1), got -0.1"},
            {"stratified:0:0", "stratified: bins must be at least 1, got 0"},
            {"stratified:0:2.5", "stratified: bins must be a whole number ≥ 1, got 2.5"},
            {"stratified:0:", "stratified: bins '' is not a number"}}) {
            assertThatThrownBy(() -> StrategySpec.parse(c[0])).as(c[0])
                    .isInstanceOf(IllegalArgumentException.class).hasMessage(c[1]);
        }
        assertThatThrownBy(() -> new StrategySpec(Strategy.WINDOW, List.of()))
                .hasMessage("window has 1 parameter (window:OFFSET), got 0");
    }

    @Test
    void jsonCarriesTheCanonicalText() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.writeValueAsString(StrategySpec.parse("stratified:0.1:50"))).isEqualTo("\"stratified:0.1\"");
        assertThat(json.readValue("\"calibrated\"", StrategySpec.class)).isEqualTo(StrategySpec.parse("calibrated:0.5"));
    }
}
