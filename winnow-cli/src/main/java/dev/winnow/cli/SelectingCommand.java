package dev.winnow.cli;

import dev.winnow.io.ScoreTable;
import dev.winnow.score.Score;
import dev.winnow.score.ScoreOptions;
import dev.winnow.score.ScoreSpec;
import dev.winnow.select.SelectOptions;

/**
 * What {@code winnow select} and {@code winnow prune} share, both ending in a keep-list from a table of
 * scores: the score named on the command line, made with the seed of the selection, and the budget checked
 * against the table's N, each refused as a usage error of the command. Their selection and output options
 * are {@link KeepListOptions}.
 */
abstract class SelectingCommand extends WinnowCommand {
    /** The score {@code spec} with the seed of the random keys; a spec the catalogue refuses is a usage error. */
    Score score(String spec, long seed) {
        return orUsage(() -> ScoreSpec.parse(spec).create(ScoreOptions.defaults().withSeed(seed)));
    }

    /** A budget that does not fit the table's N (more than N, say) is a usage error. */
    void checkBudget(SelectOptions options, ScoreTable table) {
        orUsage(() -> options.resolve(table.size()));
    }
}
