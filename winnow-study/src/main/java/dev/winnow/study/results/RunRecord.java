package dev.winnow.study.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * One finished run of a study: one line of {@code results.jsonl}. The record is the schema: Jackson binds
 * it, component names in snake_case ({@code testAccuracy} ↔ {@code test_accuracy}), in component order.
 *
 * <p>Reading is lenient so that every folder a study ever wrote still reads: only {@code method},
 * {@code keep} and {@code seed} (what makes a run a run) are required; an object an older version did not
 * write ({@code cpu_seconds} before CPU time was counted) reads as {@code null}, a missing number as 0,
 * and fields this version does not know (a newer folder) are ignored — the log is only ever appended
 * to, never rewritten from records, so nothing is lost. To add a field, add a component (a nested record
 * or a boxed value) at the place it should be written; lines without it read it as {@code null}, and a
 * {@code null} is not written.
 *
 * @param method           the method's name, e.g. {@code el2n@2:hard}, or {@code full}
 * @param score            the score the method selects by ({@code null} for full training)
 * @param strategy         the selection strategy ({@code null} for full training)
 * @param keep             the kept fraction asked for (1 for full training)
 * @param k                examples kept
 * @param n                examples in the training set
 * @param seed             the seed of the run
 * @param testAccuracy     accuracy on the test split after training
 * @param seconds          wall seconds per phase
 * @param cpuSeconds       process CPU seconds per phase ({@code null} in folders from before they were counted)
 * @param forwardExamples  examples passed forward, proxy and evaluation included
 * @param backwardExamples examples backpropagated, proxy included
 * @param counts           forward and backward examples per phase
 * @param epochs           epochs the target trained
 * @param steps            optimizer steps the target took
 * @param provenance       the settings and fingerprints that reproduce the run
 * @param curve            the learning curve, one point per evaluation in epoch order ({@code null} in folders
 *                         from before curves were recorded; {@link #curvePoints()} reads it as empty)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunRecord(@JsonProperty(required = true) String method,
                        @JsonInclude(JsonInclude.Include.ALWAYS) String score,
                        @JsonInclude(JsonInclude.Include.ALWAYS) String strategy,
                        @JsonProperty(required = true) double keep, int k, int n,
                        @JsonProperty(required = true) long seed, double testAccuracy,
                        Seconds seconds, CpuSeconds cpuSeconds, long forwardExamples, long backwardExamples,
                        Counts counts, int epochs, long steps, Provenance provenance, List<CurvePoint> curve) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public RunRecord {
        curve = curve == null ? null : List.copyOf(curve);
    }

    /** A run without a learning curve (the parameter list before curves were recorded). */
    public RunRecord(String method, String score, String strategy, double keep, int k, int n, long seed,
                     double testAccuracy, Seconds seconds, CpuSeconds cpuSeconds, long forwardExamples,
                     long backwardExamples, Counts counts, int epochs, long steps, Provenance provenance) {
        this(method, score, strategy, keep, k, n, seed, testAccuracy, seconds, cpuSeconds, forwardExamples,
                backwardExamples, counts, epochs, steps, provenance, null);
    }

    /** This run with {@code points} as its learning curve. */
    public RunRecord withCurve(List<CurvePoint> points) {
        return new RunRecord(method, score, strategy, keep, k, n, seed, testAccuracy, seconds, cpuSeconds,
                forwardExamples, backwardExamples, counts, epochs, steps, provenance, points);
    }

    /** The learning curve's points; empty when the line has none. */
    public List<CurvePoint> curvePoints() {
        return curve == null ? List.of() : curve;
    }

    /**
     * One point of a run's learning curve: test accuracy after an evaluated epoch against what the method
     * had spent by then, so accuracy can be read against cost. For a method that trains a proxy and scores,
     * their cost is in every point from the start: the curve starts where the target's training starts.
     *
     * @param epoch            the target's epoch after which it was evaluated (1-based)
     * @param testAccuracy     accuracy on the test split after that epoch
     * @param seconds          cumulative wall seconds: proxy, scoring and selection, then the target's
     *                         training to the end of that epoch; evaluation not included
     * @param backwardExamples cumulative examples backpropagated, the proxy's included
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CurvePoint(int epoch, double testAccuracy, double seconds, long backwardExamples) {
        /** This point after {@code seconds} and {@code backward} examples spent before the target trained. */
        public CurvePoint after(double seconds, long backward) {
            return new CurvePoint(epoch, testAccuracy, this.seconds + seconds, backwardExamples + backward);
        }
    }

    /**
     * Wall seconds of each phase a method pays for, as if it ran alone.
     *
     * @param proxy      training the proxy that recorded dynamics (0 without one)
     * @param scoring    computing the method's score from the dynamics
     * @param selection  choosing the keep-list
     * @param training   training the target, its setup included
     * @param evaluation evaluating the target on the test split
     * @param total      the sum of the five
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Seconds(double proxy, double scoring, double selection, double training, double evaluation,
                          double total) {
        /** The phases with their total, summed in phase order. */
        public static Seconds of(double proxy, double scoring, double selection, double training, double evaluation) {
            return new Seconds(proxy, scoring, selection, training, evaluation,
                    proxy + scoring + selection + training + evaluation);
        }
    }

    /**
     * Process CPU seconds (all threads) of each phase; NaN where the JVM could not tell.
     *
     * @param target training and evaluating the target
     * @param total  the sum of the four
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CpuSeconds(double proxy, double scoring, double selection, double target, double total) {
        /** The phases with their total, summed in phase order. */
        public static CpuSeconds of(double proxy, double scoring, double selection, double target) {
            return new CpuSeconds(proxy, scoring, selection, target, proxy + scoring + selection + target);
        }
    }

    /** Examples passed forward and backpropagated in one phase. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Passes(long forward, long backward) {
    }

    /** Examples passed forward in a phase that backpropagates none (evaluation). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ForwardPasses(long forward) {
    }

    /** Forward and backward examples of the proxy, the target's training and its evaluation. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Counts(Passes proxy, Passes training, ForwardPasses evaluation) {
        /** All examples passed forward: proxy, then training, then evaluation. */
        public long forward() {
            return proxy.forward() + training.forward() + evaluation.forward();
        }

        /** All examples backpropagated: proxy, then training. */
        public long backward() {
            return proxy.backward() + training.backward();
        }
    }

    /**
     * What reproduces a run: the study's training settings, the method's parameters, the keep-list's
     * fingerprint and where it ran.
     *
     * @param budget         {@code epochs} or {@code steps}
     * @param maxSteps       the step budget of a subset run or of {@code full:shorter} (0 = none)
     * @param proxyModel     the proxy's model ({@code null} in lines from before a proxy could differ from the target)
     * @param proxyHidden    the proxy's hidden sizes where given ({@code null}: the model's own)
     * @param proxyLimit     the fraction of training examples the proxy trained on ({@code null} in older lines: 1)
     * @param evalEvery      the target was evaluated after every this many epochs and the last (0 = the last only;
     *                       {@code null} in lines from before learning curves)
     * @param labelsFlipped  training labels flipped for this seed
     * @param params         the strategy's parameters ({@code null} when it has none)
     * @param classBalanced  whether selection was per class ({@code null} for full training)
     * @param policy         the dynamic policy with its rate ({@code null} unless dynamic)
     * @param keepListSha256 the first 16 hex digits of SHA-256 over the kept ids and weights
     * @param weighted       whether any kept example has a loss weight other than 1
     * @param winnow         the tool's version
     * @param finished       when the run finished (ISO-8601, UTC)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Provenance(String data, int limit, String model, String optimizer, double lr, int batchSize,
                             String budget, long maxSteps, int proxyEpochs, int proxyRuns, String proxyModel,
                             List<Integer> proxyHidden, Double proxyLimit, Integer evalEvery, double labelNoise,
                             int labelsFlipped, List<Double> params, Boolean classBalanced, String policy,
                             String keepListSha256, boolean weighted, String winnow, String java, int cpus,
                             String finished) {
        public Provenance {
            params = params == null || params.isEmpty() ? null : List.copyOf(params);
            proxyHidden = proxyHidden == null || proxyHidden.isEmpty() ? null : List.copyOf(proxyHidden);
        }
    }

    /** Whether this is a run of {@code method} at {@code keep} with {@code seed}. */
    public boolean is(String method, double keep, long seed) {
        return this.method.equals(method) && this.seed == seed && Math.abs(this.keep - keep) < 1e-12;
    }

    /** This run as one line of JSON (no newline). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The run a parsed line holds.
     *
     * @throws IllegalArgumentException naming the field, when a required field is missing or a value has the wrong type
     */
    public static RunRecord fromJson(JsonNode line) {
        try {
            return JSON.treeToValue(line, RunRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
