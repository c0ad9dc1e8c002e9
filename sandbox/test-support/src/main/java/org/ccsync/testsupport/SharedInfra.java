package org.ccsync.testsupport;

/** One Kafka broker and one PostgreSQL server per JVM, started on first use and stopped at JVM exit. */
public final class SharedInfra {

    private static EmbeddedKafka kafka;
    private static EmbeddedPostgresServer postgres;

    private SharedInfra() {
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start();
            kafka.createPipelineTopics();
            EmbeddedKafka started = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-kafka-stop"));
        }
        return kafka;
    }

    public static synchronized EmbeddedPostgresServer postgres() {
        if (postgres == null) {
            postgres = EmbeddedPostgresServer.start();
            EmbeddedPostgresServer started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-postgres-stop"));
        }
        return postgres;
    }
}
