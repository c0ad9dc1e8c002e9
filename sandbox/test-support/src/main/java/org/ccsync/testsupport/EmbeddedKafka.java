package org.ccsync.testsupport;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;
import org.ccsync.contracts.Topics;

/** A real single-node Kafka (KRaft, combined broker and controller) running inside this JVM, without Docker. */
public final class EmbeddedKafka implements AutoCloseable {

    /** Set while a broker stops: a halt the broker asks for then is part of stopping, not worth a line of output. */
    private static volatile boolean stopping;

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Formats and starts a broker on a free port, and waits until it is ready. */
    public static EmbeddedKafka start() {
        // The broker shares this JVM with tests or the local stack: a fatal error while it stops (for example when
        // the JVM's shutdown hooks race) must not halt the JVM with a non-zero exit code.
        stopping = false;
        Exit.setExitProcedure((status, message) -> report("exit", status, message));
        Exit.setHaltProcedure((status, message) -> report("halt", status, message));
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "3")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedKafka(cluster);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the embedded Kafka broker", e);
        }
    }

    private static void report(String what, int status, String message) {
        if (!stopping) {
            System.err.println("embedded Kafka asked to " + what + " with " + status + ": " + message);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates every pipeline topic with its documented partition count; existing topics are left alone. */
    public void createPipelineTopics() {
        createTopics(Topics.all());
    }

    /** Creates the given topics; existing topics are left alone. */
    public void createTopics(Collection<Topics.TopicSpec> specs) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = specs.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), (short) 1))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create topics " + specs, e.getCause());
        }
    }

    /**
     * Stops the broker (its controller keeps running), as an outage would: clients cannot reach it until
     * {@link #startBroker()}. The cluster pre-binds its ports, so the broker comes back at the same address.
     */
    public void stopBroker() {
        cluster.brokers().values().forEach(broker -> {
            broker.shutdown();
            broker.awaitShutdown();
        });
    }

    /** Starts the broker {@link #stopBroker()} stopped, and waits until it serves again. */
    public void startBroker() {
        cluster.brokers().values().forEach(broker -> broker.startup());
        try {
            cluster.waitForReadyBrokers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("the embedded Kafka broker did not come back", e);
        }
    }

    /** Client properties that reach this broker. */
    public Map<String, Object> clientProperties() {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    }

    @Override
    public void close() {
        stopping = true;
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the embedded Kafka broker", e);
        }
    }
}
