package org.ccsync.contracts;

import java.util.List;

/** The Kafka topics of the pipeline, with the partition counts a deployment creates them with. */
public final class Topics {

    /** Live Event triggers accepted by the webhook; key {@link EventKeys#course}. */
    public static final String CANVAS_TRIGGERS = "canvas-triggers";
    /** Authoritative snapshots re-read from Canvas REST; key {@link EventKeys#course}. */
    public static final String CANVAS_CHANGES = "canvas-changes";
    /** Write commands for Infinite Campus; key {@link EventKeys#district}, so one district is one lane. */
    public static final String CAMPUS_WRITES = "campus-writes";
    /** Written, skipped and failed outcomes for status-service; key {@link EventKeys#course}. */
    public static final String SYNC_OUTCOMES = "sync-outcomes";
    /** "Sync now" requests and daily-schedule changes; key {@link EventKeys#course}. */
    public static final String SYNC_REQUESTS = "sync-requests";

    /** Category mapping overrides from status-service to campus-writer; key {@link EventKeys#district}. */
    public static final String CATEGORY_MAPPINGS = "category-mappings";

    /** Suffix of every dead-letter topic. */
    public static final String DLQ_SUFFIX = "-dlq";

    private Topics() {
    }

    /** The dead-letter topic of a topic. */
    public static String dlq(String topic) {
        return topic + DLQ_SUFFIX;
    }

    /** A topic and the number of partitions it is created with. */
    public record TopicSpec(String name, int partitions) {
    }

    /** Every topic of the pipeline, dead-letter topics included. */
    public static List<TopicSpec> all() {
        return List.of(
                new TopicSpec(CANVAS_TRIGGERS, 6),
                new TopicSpec(CANVAS_CHANGES, 6),
                new TopicSpec(CAMPUS_WRITES, 12),
                new TopicSpec(SYNC_OUTCOMES, 6),
                new TopicSpec(SYNC_REQUESTS, 3),
                new TopicSpec(CATEGORY_MAPPINGS, 3),
                new TopicSpec(dlq(CANVAS_TRIGGERS), 1),
                new TopicSpec(dlq(CANVAS_CHANGES), 1),
                new TopicSpec(dlq(CAMPUS_WRITES), 1),
                new TopicSpec(dlq(SYNC_OUTCOMES), 1),
                new TopicSpec(dlq(SYNC_REQUESTS), 1),
                new TopicSpec(dlq(CATEGORY_MAPPINGS), 1));
    }
}
