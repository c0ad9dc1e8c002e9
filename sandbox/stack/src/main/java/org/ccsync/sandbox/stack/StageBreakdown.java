package org.ccsync.sandbox.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-stage latency of a benchmark phase, from the services' {@code ccsync_stage_seconds} histograms: each
 * service's {@code /q/metrics} is scraped before and after the phase, and the difference of the cumulative buckets
 * gives the phase's own distribution of "time from the Canvas change until the grade reached this stage".
 */
final class StageBreakdown {

    /** The stages in pipeline order, as service-support's PipelineStages names them. */
    static final List<String> STAGES = List.of("webhook_received", "trigger_published", "reread_started",
            "snapshot_published", "reread_done", "eligibility_received", "eligibility_decided", "write_published",
            "writer_received", "lane_slot_acquired", "ic_answered", "outcome_published");

    private static final Pattern BUCKET = Pattern.compile(
            "^ccsync_stage_seconds_bucket\\{(?<labels>[^}]*)\\}\\s+(?<count>\\S+)");
    private static final Pattern STAGE = Pattern.compile("stage=\"([^\"]+)\"");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Cumulative bucket counts per stage: upper bound in seconds → observations at or below it. */
    private final Map<String, TreeMap<Double, Double>> buckets;

    private StageBreakdown(Map<String, TreeMap<Double, Double>> buckets) {
        this.buckets = buckets;
    }

    /** Scrapes every service of the stack (all writer replicas included) and adds up their buckets. */
    static StageBreakdown scrape(LocalStack stack) {
        Map<String, TreeMap<Double, Double>> all = new HashMap<>();
        for (ServiceProcess service : stack.services()) {
            String body;
            try {
                body = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/q/metrics"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                throw new IllegalStateException("could not scrape " + service.name() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while scraping " + service.name(), e);
            }
            body.lines().forEach(line -> {
                Matcher bucket = BUCKET.matcher(line);
                if (!bucket.find()) {
                    return;
                }
                Matcher stage = STAGE.matcher(bucket.group("labels"));
                Matcher le = LE.matcher(bucket.group("labels"));
                if (stage.find() && le.find()) {
                    double bound = "+Inf".equals(le.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                    all.computeIfAbsent(stage.group(1), s -> new TreeMap<>())
                            .merge(bound, Double.parseDouble(bucket.group("count")), Double::sum);
                }
            });
        }
        return new StageBreakdown(all);
    }

    /** Prints count, p50 and p99 per stage for what was observed between {@code before} and this scrape. */
    void print(StageBreakdown before) {
        System.out.println("per-stage latency, seconds from the change in Canvas (histogram buckets, interpolated):");
        System.out.printf(Locale.ROOT, "  %-22s %7s %7s %7s %9s%n", "stage", "count", "p50", "p99", "+p50");
        double previous = 0;
        for (String stage : STAGES) {
            TreeMap<Double, Double> after = buckets.getOrDefault(stage, new TreeMap<>());
            TreeMap<Double, Double> earlier = before.buckets.getOrDefault(stage, new TreeMap<>());
            TreeMap<Double, Double> phase = new TreeMap<>();
            after.forEach((bound, count) -> phase.put(bound, count - earlier.getOrDefault(bound, 0.0)));
            double count = phase.isEmpty() ? 0 : phase.lastEntry().getValue();
            if (count <= 0) {
                System.out.printf(Locale.ROOT, "  %-22s %7d %7s %7s %9s%n", stage, 0, "-", "-", "-");
                continue;
            }
            double p50 = quantile(phase, count, 0.50);
            double p99 = quantile(phase, count, 0.99);
            System.out.printf(Locale.ROOT, "  %-22s %7.0f %7.3f %7.3f %+9.3f%n", stage, count, p50, p99,
                    p50 - previous);
            previous = p50;
        }
    }

    /** Linear interpolation inside the bucket where the quantile falls, as Prometheus's histogram_quantile does. */
    private static double quantile(TreeMap<Double, Double> cumulative, double count, double q) {
        double rank = q * count;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }
}
