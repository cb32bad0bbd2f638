package dev.winnow.spark;

import org.apache.spark.sql.Dataset;

import java.io.PrintWriter;

/** {@code --explain}: the physical plan of a job, printed on the command's stderr before it runs. */
final class Plans {
    private Plans() {
    }

    /** Prints {@code title} and the plan of {@code data} to {@code out}; nothing when {@code out} is null. */
    static void print(PrintWriter out, String title, Dataset<?> data) {
        if (out == null) {
            return;
        }
        out.println("== " + title + " ==");
        out.println(data.queryExecution().executedPlan().treeString());
        out.flush();
    }
}
