package dev.winnow.study;

import dev.winnow.WinnowException;
import dev.winnow.score.ScoreSpec;
import dev.winnow.select.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StudySpecTest {
    private static Map<String, Object> base() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", "fashion-mnist");
        return m;
    }

    private static StudySpec with(String key, Object value) {
        Map<String, Object> m = base();
        m.put(key, value);
        return StudySpec.fromSettings(m);
    }

    @Test
    void defaultsAndFlagStyleValues() {
        Map<String, Object> m = base();
        m.put("methods", "random,el2n@2:hard,aum:stratified,el2n@2:calibrated:0.5,forgetting:window:0.05");
        m.put("keep", "0.1, 0.3");
        m.put("seeds", "0,1,2");
        m.put("proxy-epochs", "2");
        m.put("budget", "steps");
        StudySpec s = StudySpec.fromSettings(m);
        assertThat(s.model()).isEqualTo("mlp");
        assertThat(s.keep()).containsExactly(0.1, 0.3);
        assertThat(s.seeds()).containsExactly(0L, 1L, 2L);
        assertThat(s.proxyEpochs()).isEqualTo(2);
        assertThat(s.budget()).isEqualTo(TrainingBudget.STEPS);
        assertThat(s.methods()).extracting(Method::name)
                .containsExactly("random", "el2n@2:hard", "aum:stratified", "el2n@2:calibrated:0.5", "forgetting:window:0.05");
        assertThat(s.scoreSpecs()).extracting(ScoreSpec::toString).containsExactly("el2n@2", "aum", "forgetting");
        // per seed: full, 5 methods × 2 kept fractions, full:shorter at each of the 2
        assertThat(s.totalRuns()).isEqualTo(3 * (1 + 5 * 2 + 2));
        assertThat(s.needsProxy()).isTrue();
    }

    @Test
    void methodsParse() {
        Method r = Method.parse("random");
        assertThat(r).isInstanceOf(Method.Random.class);
        assertThat(((Method.Random) r).strategy().strategy()).isEqualTo(Strategy.RANDOM);
        assertThat(r.needsProxy()).isFalse();
        assertThat(with("methods", "random").scoreSpecs()).as("random needs no score").isEmpty();
        Method.Static c = (Method.Static) Method.parse("EL2N@2:Calibrated:0.5");
        assertThat(c.name()).isEqualTo("el2n@2:calibrated:0.5");
        assertThat(c.score()).isEqualTo(ScoreSpec.parse("el2n@2"));
        assertThat(c.strategy().values()).containsExactly(0.5);
        assertThat(c.writtenParameters()).containsExactly(0.5);
        Method.Static st = (Method.Static) Method.parse("aum:stratified:0.1:20:balanced");
        assertThat(st.strategy().values()).containsExactly(0.1, 20.0);
        assertThat(st.writtenParameters()).containsExactly(0.1, 20.0);
        assertThat(st.classBalanced()).isTrue();
        Method.Static plain = (Method.Static) Method.parse("aum:stratified");
        assertThat(plain.writtenParameters()).as("provenance records what was written").isEmpty();
        assertThat(plain.strategy().values()).as("the catalogue's defaults: drop none, 50 bins").containsExactly(0.0, 50.0);
        Method.Dynamic d = (Method.Dynamic) Method.parse("dynamic:infobatch:0.5,0.875");
        assertThat(d.policy()).hasToString("infobatch:0.5,0.875");
        assertThat(d.needsProxy()).isFalse();
    }

    @Test
    void badMethodsSayWhatIsWrong() {
        assertThatThrownBy(() -> Method.parse("full")).hasMessageContaining("implicit baseline");
        assertThatThrownBy(() -> Method.parse("el2n@2")).hasMessageContaining("SCORE:STRATEGY");
        assertThatThrownBy(() -> Method.parse("el2n@2:hardest")).hasMessageContaining("unknown strategy 'hardest'")
                .hasMessageStartingWith("method 'el2n@2:hardest': ");
        assertThatThrownBy(() -> Method.parse("el2n@2:calibrated:1.5")).hasMessageContaining("alpha must be in [0, 1)");
        assertThatThrownBy(() -> Method.parse("forgetting:window:x")).hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> Method.parse("forgetting:window")).as("the offset has no default")
                .hasMessageContaining("expects 1 parameter");
        assertThatThrownBy(() -> Method.parse("el2n@2:hard:0.3")).hasMessageContaining("expects 0 parameter");
        assertThatThrownBy(() -> Method.parse("el 2n:hard")).hasMessageContaining("unknown score 'el 2n'");
        assertThatThrownBy(() -> Method.parse("el2n:hard")).hasMessageStartingWith("method 'el2n:hard': ")
                .hasMessageContaining("needs an epoch");
        assertThatThrownBy(() -> Method.parse("dynamic:")).hasMessageContaining("needs a policy");
    }

    @Test
    void leftOutParametersTakeTheCataloguesDefaultsAsWinnowSelectDoes() {
        // el2n@2:calibrated was refused ("expects 1 parameter"); it now means alpha = 0.5, as --strategy calibrated
        Method.Static bare = (Method.Static) Method.parse("el2n@2:calibrated");
        assertThat(bare.strategy().value("alpha")).isEqualTo(0.5);
        assertThat(bare.strategy()).isEqualTo(((Method.Static) Method.parse("el2n@2:calibrated:0.5")).strategy());
        assertThat(bare.writtenParameters()).isEmpty();
        // ucb without C takes the catalogue's C
        Method.Dynamic ucb = (Method.Dynamic) Method.parse("dynamic:ucb:keep");
        assertThat(ucb.policy().atKeep(0.3)).isEqualTo(((Method.Dynamic) Method.parse("dynamic:ucb:keep,1.0")).policy().atKeep(0.3));
    }

    @Test
    void validationNamesTheSetting() {
        assertThatThrownBy(() -> StudySpec.fromSettings(Map.of("keep", "0.5"))).hasMessageStartingWith("data:");
        assertThatThrownBy(() -> with("keep", "0.5,1.0")).hasMessageStartingWith("keep:").hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> with("keep", "0.5,0.5")).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> with("keep", "")).hasMessageContaining("at least one");
        assertThatThrownBy(() -> with("epochs", 0)).hasMessage("epochs: must be at least 1, got 0");
        assertThatThrownBy(() -> with("epochs", "2.5")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> with("lr", "-1")).hasMessageStartingWith("lr:");
        assertThatThrownBy(() -> with("optimizer", "rmsprop")).hasMessageStartingWith("optimizer:");
        assertThatThrownBy(() -> with("budget", "hours")).hasMessageContaining("epochs or steps");
        assertThatThrownBy(() -> with("label-noise", 1.0)).hasMessageStartingWith("label-noise:");
        assertThatThrownBy(() -> with("seeds", "1,1")).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> with("methods", "random,random")).hasMessageContaining("'random' is listed twice");
        assertThatThrownBy(() -> with("colour", "red")).hasMessageContaining("unknown setting 'colour'");
    }

    @Test
    void theProxyIsTheTargetUnlessTheSpecSaysOtherwise() {
        StudySpec d = with("model", "cnn");
        assertThat(d.proxyModel()).as("absent: the target's model").isEqualTo("cnn");
        assertThat(d.proxyHidden()).isEmpty();
        assertThat(d.proxyLimit()).isEqualTo(1.0);
        assertThat(d.evalEvery()).isEqualTo(1);
        Map<String, Object> m = base();
        m.put("proxy-model", "logreg");
        m.put("proxy-hidden", "256, 128");
        m.put("proxy-limit", "0.1");
        m.put("proxy-epochs", 1);
        m.put("eval-every", 0);
        m.put("methods", "el2n@1:hard,loss@1:stratified:0.1");
        StudySpec s = StudySpec.fromSettings(m);
        assertThat(s.proxyModel()).isEqualTo("logreg");
        assertThat(s.proxyHidden()).containsExactly(256, 128);
        assertThat(s.proxyLimit()).isEqualTo(0.1);
        assertThat(s.evalEvery()).isZero();
        assertThat(with("proxy-hidden", 64).proxyHidden()).containsExactly(64);
        assertThat(with("proxy-hidden", List.of(32, 16)).proxyHidden()).containsExactly(32, 16);
        assertThat(StudySpec.fromTree(s.settings())).isEqualTo(s);
        assertThat(s.toJson()).contains("\"eval-every\" : 0,\n  \"proxy-model\" : \"logreg\",\n  \"proxy-hidden\" : [ 256, 128 ],\n"
                + "  \"proxy-epochs\" : 1,\n  \"proxy-limit\" : 0.1,");
        assertThat(with("lr", 0.01).differingSetting(with("proxy-model", "logreg"))).isEqualTo("lr");
        assertThat(with("proxy-limit", 0.5).differingSetting(with("proxy-limit", 1))).isEqualTo("proxy-limit");
    }

    @Test
    void badProxyAndEvaluationSettingsNameTheKey() {
        assertThatThrownBy(() -> with("proxy-limit", 0)).hasMessage(
                "proxy-limit: the fraction of training examples the proxy trains on, in (0, 1], got 0.0");
        assertThatThrownBy(() -> with("proxy-limit", 1.5)).hasMessageStartingWith("proxy-limit: ").hasMessageEndingWith("got 1.5");
        assertThatThrownBy(() -> with("proxy-limit", "half")).hasMessage("proxy-limit: 'half' is not a number");
        assertThatThrownBy(() -> with("proxy-hidden", "64,0")).hasMessage("proxy-hidden: each size must be at least 1, got [64, 0]");
        assertThatThrownBy(() -> with("proxy-hidden", "64.5")).hasMessage("proxy-hidden: '64.5' is not a whole number");
        assertThatThrownBy(() -> with("eval-every", -1)).hasMessage("eval-every: must be at least 0, got -1");
        // a proxy on part of the data has no training presentations of the rest: forgetting and aum cannot rank them
        Map<String, Object> m = base();
        m.put("proxy-limit", 0.5);
        m.put("methods", "el2n@2:hard,forgetting:hard");
        assertThatThrownBy(() -> StudySpec.fromSettings(m)).hasMessageStartingWith(
                "proxy-limit 0.5: method 'forgetting:hard' reads 'forgetting' from training presentations");
        m.put("methods", "el2n@2:hard,loss@1:easy,random,dynamic:uniform:keep");
        assertThat(StudySpec.fromSettings(m).proxyLimit()).isEqualTo(0.5);
    }

    @Test
    void fullShorterRunsAtTheKeptFractionsTheMethodsUse() {
        assertThat(with("methods", "random,el2n@2:hard").shorterKeeps()).containsExactly(0.1, 0.3, 0.5, 0.7);
        assertThat(with("methods", "dynamic:infobatch:0.5").shorterKeeps()).as("keep 1 is full itself").isEmpty();
        assertThat(with("methods", "dynamic:infobatch:0.5,dynamic:uniform:keep").shorterKeeps()).containsExactly(0.1, 0.3, 0.5, 0.7);
        assertThatThrownBy(() -> Method.parse("full:shorter")).hasMessageContaining("runs in every study");
    }

    @Test
    void settingsRoundTrip() {
        Map<String, Object> m = base();
        m.put("methods", List.of("random", "el2n@2:calibrated:0.5"));
        m.put("label-noise", 0.1);
        StudySpec s = StudySpec.fromSettings(m);
        assertThat(StudySpec.fromTree(s.settings())).isEqualTo(s);
    }

    @Test
    void readsYamlAndJsonFiles(@TempDir Path dir) throws Exception {
        Path y = dir.resolve("study.yaml");
        Files.writeString(y, """
                data: fashion-mnist
                limit: 6000
                proxy_epochs: 2
                methods:
                  - random
                  - el2n@2:hard
                keep: [0.1, 0.5]
                seeds: [0, 1]
                """);
        StudySpec s = StudySpec.read(y);
        assertThat(s.limit()).isEqualTo(6000);
        assertThat(s.proxyEpochs()).isEqualTo(2);
        assertThat(s.methods()).hasSize(2);
        assertThat(s.keep()).containsExactly(0.1, 0.5);
        Path j = dir.resolve("study.json");
        Files.writeString(j, s.toJson());
        assertThat(StudySpec.read(j)).isEqualTo(s);

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "data: x\nkeep: [0.1, 2]\n");
        assertThatThrownBy(() -> StudySpec.read(bad)).isInstanceOf(WinnowException.class)
                .hasMessageStartingWith(bad + ": keep:");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"data\": ");
        assertThatThrownBy(() -> StudySpec.read(broken)).hasMessageContaining("not valid JSON");
    }

    @Test
    void dynamicPoliciesKeepTheirCommasInAMethodList() {
        StudySpec s = with("methods", "random,dynamic:ucb:keep,1.0,refresh=2,dynamic:infobatch:0.5,el2n@2:hard");
        assertThat(s.methods()).extracting(Method::name)
                .containsExactly("random", "dynamic:ucb:keep,1.0,refresh=2", "dynamic:infobatch:0.5", "el2n@2:hard");
        Method.Dynamic ucb = (Method.Dynamic) s.methods().get(1);
        assertThat(ucb.policy().atKeep(0.3)).hasToString("ucb:0.3,1.0,refresh=2");
        assertThat(ucb.policy().usesKeep()).isTrue();
        assertThat(ucb.keeps(List.of(0.1, 0.3))).containsExactly(0.1, 0.3);
        Method.Dynamic ib = (Method.Dynamic) s.methods().get(2);
        assertThat(ib.policy().usesKeep()).as("infobatch has its own rate: run once, at keep 1").isFalse();
        assertThat(ib.keeps(List.of(0.1, 0.3))).containsExactly(1.0);
        // default keep 0.1,0.3,0.5,0.7: full + random 4 + ucb 4 + infobatch 1 + el2n 4 + full:shorter 4
        assertThat(s.totalRuns()).isEqualTo(18);
        assertThatThrownBy(() -> Method.parse("dynamic:sometimes:keep")).hasMessageContaining("bad dynamic policy");
    }

    @Test
    void aSpecFileIsBoundWithTypesAndNamesTheKeyItRefuses(@TempDir Path dir) throws Exception {
        Path y = dir.resolve("study.yaml");
        Files.writeString(y, "data: fashion-mnist\nkeep: 0.5\nseeds: 3\nepochs: 2.5\n");
        assertThatThrownBy(() -> StudySpec.read(y)).hasMessage(y + ": epochs: '2.5' is not a whole number");
        Files.writeString(y, "data: fashion-mnist\nkeep: 0.5\nseeds: 3\nbatchSize: 64\n");
        StudySpec s = StudySpec.read(y);
        assertThat(s.keep()).containsExactly(0.5);
        assertThat(s.seeds()).containsExactly(3L);
        assertThat(s.batchSize()).isEqualTo(64);
        Files.writeString(y, "data: fashion-mnist\nproxy-epoch: 2\n");
        assertThatThrownBy(() -> StudySpec.read(y)).hasMessageStartingWith(y + ": unknown setting 'proxy-epoch' (known: data, limit,");
        Files.writeString(y, "data: fashion-mnist\nlr: fast\n");
        assertThatThrownBy(() -> StudySpec.read(y)).hasMessage(y + ": lr: 'fast' is not a number");
        Files.writeString(y, "data: fashion-mnist\nseeds: [0, x]\n");
        assertThatThrownBy(() -> StudySpec.read(y)).hasMessage(y + ": seeds: 'x' is not a number");
    }

    @Test
    void studyJsonIsKebabCaseInKeyOrderAndResumeNamesTheChangedSetting() {
        StudySpec s = with("methods", "random,dynamic:ucb:keep,1.0");
        assertThat(s.toJson()).startsWith("{\n  \"data\" : \"fashion-mnist\",\n  \"limit\" : 0,\n  \"model\" : \"mlp\"")
                .contains("\"batch-size\" : 128", "\"proxy-epochs\" : 3", "\"budget\" : \"epochs\"", "\"label-noise\" : 0.0",
                        "\"methods\" : [ \"random\", \"dynamic:ucb:keep,1.0\" ]");
        assertThat(s.differingSetting(with("seeds", "4,5"))).as("runs may change on resume").isNull();
        assertThat(s.differingSetting(with("lr", 0.01))).isEqualTo("lr");
    }
}
