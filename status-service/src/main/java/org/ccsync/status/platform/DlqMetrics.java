package org.ccsync.status.platform;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.ccsync.contracts.Topics;

/**
 * The {@code ccsync.dlq.depth} gauge per dead-letter topic: records not yet replayed, that is the end offsets minus
 * what the replay group committed (or, before any replay, minus the earliest offsets still kept). One cheap Admin
 * offsets call per refresh.
 */
@ApplicationScoped
public class DlqMetrics {

    private static final long TIMEOUT_SECONDS = 10;

    private final MeterRegistry registry;
    private final Map<String, Object> kafkaConfig;
    private final StatusConfig config;
    private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
    private Admin admin;

    public DlqMetrics(MeterRegistry registry, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            StatusConfig config) {
        this.registry = registry;
        this.kafkaConfig = kafkaConfig;
        this.config = config;
    }

    @Scheduled(every = "${ccsync.metrics.dlq-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public void refresh() {
        try {
            Map<String, Long> measured = measure();
            measured.forEach((topic, depth) -> depths.computeIfAbsent(topic, t -> {
                AtomicLong value = new AtomicLong();
                Gauge.builder("ccsync.dlq.depth", value, AtomicLong::get)
                        .description("Records on the dead-letter topic not yet replayed")
                        .tag("topic", t).register(registry);
                return value;
            }).set(depth));
        } catch (Exception e) {
            Log.warnf("could not measure the dead-letter topics: %s", e.getMessage());
        }
    }

    private Map<String, Long> measure() throws Exception {
        Admin client = admin();
        List<String> topics = Topics.all().stream().map(Topics.TopicSpec::name)
                .filter(name -> name.endsWith(Topics.DLQ_SUFFIX)).toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        client.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .forEach((name, description) -> description.partitions().forEach(p -> {
                    TopicPartition partition = new TopicPartition(name, p.partition());
                    latest.put(partition, OffsetSpec.latest());
                    earliest.put(partition, OffsetSpec.earliest());
                }));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                client.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
                client.listOffsets(earliest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> replayed = client
                .listConsumerGroupOffsets(config.metrics().dlqReplayGroup())
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, Long> depth = new HashMap<>();
        topics.forEach(topic -> depth.put(topic, 0L));
        ends.forEach((partition, end) -> {
            long from = starts.get(partition).offset();
            OffsetAndMetadata done = replayed.get(partition);
            if (done != null) {
                from = Math.max(from, done.offset());
            }
            depth.merge(partition.topic(), Math.max(0, end.offset() - from), Long::sum);
        });
        return depth;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Map<String, Object> settings = new HashMap<>();
            kafkaConfig.forEach((key, value) -> {
                if (AdminClientConfig.configNames().contains(key)) {
                    settings.put(key, value);
                }
            });
            settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "status-service-dlq-metrics");
            admin = Admin.create(settings);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
