package org.ccsync.sandbox.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ccsync.sandbox.campus.CampusStats;

/**
 * The resilience suite's result table, one row per scenario: how many grade changes it made, what the convergence
 * check found at the end (lost, stale, duplicate or extra lineItems), the highest number of IC requests in flight at
 * once, how many gradebook requests IC failed (each one retried), and how long the stack took to converge once the
 * fault was over. Printed as Markdown, the form BENCHMARKS.md records.
 */
public final class ResilienceTable {

    /** One scenario's figures. */
    public record Row(String scenario, int changes, ConvergenceCheck.Report report, int maxIcConcurrency,
            long icFailures, Duration toConverge) {
    }

    private final List<Row> rows = new ArrayList<>();

    /** Adds a scenario's row; {@code ic} counts the gradebook traffic since the scenario began. */
    public synchronized void add(String scenario, int changes, ConvergenceCheck.Report report, CampusStats ic,
            Duration toConverge) {
        long failed = ic.byStatus().entrySet().stream().filter(e -> e.getKey() == 0 || e.getKey() >= 400)
                .mapToLong(java.util.Map.Entry::getValue).sum();
        rows.add(new Row(scenario, changes, report, ic.peakConcurrency(), failed, toConverge));
    }

    /** The table in Markdown, with the scale it ran at. */
    public synchronized String markdown(int scale) {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "Resilience suite at scale %d (%d cores, Java %s)%n%n", scale,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
        table.append("| scenario | changes | lost | stale | duplicates | extra | results equal | max IC concurrency "
                + "| IC failures (retried) | time to converge |\n");
        table.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            ConvergenceCheck.Report r = row.report();
            table.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d of %d | %d | %d | %.1f s |%n",
                    row.scenario(), row.changes(), r.lost().size(), r.stale().size(), r.duplicates().size(),
                    r.extra().size(), r.equalResults(), r.expectedResults(), row.maxIcConcurrency(),
                    row.icFailures(), row.toConverge().toMillis() / 1000.0));
        }
        return table.toString();
    }

    /** Prints the table and writes it to {@code file}. */
    public void publish(int scale, Path file) {
        String markdown = markdown(scale);
        System.out.println(markdown);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, markdown);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
