package dev.winnow.select;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.winnow.catalogue.Catalogue;
import dev.winnow.catalogue.Param;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A selection strategy with its parameters, as a study's static method names it, parsed once and
 * validated on construction. Written {@code STRATEGY[:P1[:P2]]}, the parameters in the order of the
 * strategy's catalogue entry ({@link Strategy#entry()}): {@code hard}, {@code window:0.05},
 * {@code stratified:0.1:50} (drop-hardest, bins), {@code calibrated:0.3} (alpha), {@code d2:10:0.5} (neighbours,
 * gamma). A parameter left out
 * takes the catalogue's default, so {@code calibrated} means α = 0.5, exactly as
 * {@code --strategy calibrated} does; a required one ({@code window}'s offset) must be written.
 *
 * <p>{@link #toString()} is the canonical text: the name, then the parameters up to the last one that
 * differs from its default (required ones always), numbers as {@link Catalogue#number} writes them, so
 * {@code parse(s.toString()).equals(s)} and {@code calibrated:0.5} reads back as {@code calibrated}. JSON
 * carries the same text.
 *
 * @param strategy the strategy
 * @param values   one value per parameter of the strategy's entry, in its order, defaults filled in
 */
public record StrategySpec(Strategy strategy, List<Double> values) {
    public StrategySpec {
        Objects.requireNonNull(strategy, "strategy");
        List<Param> params = strategy.entry().params();
        if (values.size() != params.size()) {
            throw new IllegalArgumentException(strategy + " has " + params.size() + " parameter"
                    + (params.size() == 1 ? "" : "s") + " (" + strategy.entry().usage() + "), got " + values.size());
        }
        List<Double> normalised = new ArrayList<>(values.size());
        for (int i = 0; i < params.size(); i++) {
            String name = params.get(i).name();
            double v = Objects.requireNonNull(values.get(i), name);
            Strategy.check(name, strategy + ": " + name, v);
            if ((name.equals("bins") || name.equals("neighbours")) && (v != Math.rint(v) || v > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException(strategy + ": " + name + " must be a whole number ≥ 1, got " + v);
            }
            normalised.add(v == 0 ? 0.0 : v); // -0 reads as 0
        }
        values = List.copyOf(normalised);
    }

    /** The strategy with the catalogue's defaults; fails for a strategy with a required parameter. */
    public static StrategySpec of(Strategy strategy) {
        return parse(strategy.cliName());
    }

    /**
     * Reads {@code STRATEGY[:P1[:P2]]}. Throws {@link IllegalArgumentException} (a usage error) naming the
     * strategy and the parameter: an unknown strategy (listing the known ones), too few or too many
     * parameters (with the usage), a parameter that is not a number or out of its range.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static StrategySpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no strategy given (choose one of " + Strategy.names() + ")");
        }
        String[] parts = text.strip().split(":", -1);
        Strategy strategy = Strategy.parse(parts[0]);
        List<Param> params = strategy.entry().params();
        int given = parts.length - 1;
        int required = (int) params.stream().filter(Param::isRequired).count();
        if (given < required || given > params.size()) {
            String count = required == params.size() ? Integer.toString(required) : required + " to " + params.size();
            throw new IllegalArgumentException(strategy + " expects " + count + " parameter"
                    + (params.size() == 1 ? "" : "s") + ", got " + given + " (write " + strategy.entry().usage() + ")");
        }
        List<Double> values = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            if (i >= given) {
                values.add(strategy.entry().defaultOf(p.name()));
                continue;
            }
            String written = parts[i + 1].strip();
            try {
                values.add(Double.parseDouble(written));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(strategy + ": " + p.name() + " '" + written + "' is not a number");
            }
        }
        return new StrategySpec(strategy, values);
    }

    /** The value of parameter {@code param} of this strategy ({@code offset}, {@code bins}, ...). */
    public double value(String param) {
        List<Param> params = strategy.entry().params();
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(param)) {
                return values.get(i);
            }
        }
        throw new IllegalArgumentException(strategy + " has no parameter '" + param + "'");
    }

    /** The core's selection options for this strategy at {@code budget}. */
    public SelectOptions options(Budget budget, boolean classBalanced, long seed) {
        SelectOptions o = SelectOptions.of(strategy, budget, seed).withClassBalanced(classBalanced);
        List<Param> params = strategy.entry().params();
        for (int i = 0; i < params.size(); i++) {
            double v = values.get(i);
            o = switch (params.get(i).name()) {
                case "offset" -> o.withOffset(v);
                case "drop-hardest" -> o.withDropHardest(v);
                case "bins" -> o.withBins((int) v);
                case "alpha" -> o.withAlpha(v);
                case "neighbours" -> o.withNeighbours((int) v);
                case "gamma" -> o.withGamma(v);
                default -> throw new IllegalStateException("no selection option for " + params.get(i).name());
            };
        }
        return o;
    }

    @JsonValue
    @Override
    public String toString() {
        List<Param> params = strategy.entry().params();
        int last = -1;
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            if (p.isRequired() || values.get(i) != strategy.entry().defaultOf(p.name())) {
                last = i;
            }
        }
        StringBuilder s = new StringBuilder(strategy.cliName());
        for (int i = 0; i <= last; i++) {
            s.append(':').append(Catalogue.number(values.get(i)));
        }
        return s.toString();
    }
}
