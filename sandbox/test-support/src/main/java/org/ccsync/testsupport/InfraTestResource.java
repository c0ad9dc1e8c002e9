package org.ccsync.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker and a real PostgreSQL database. Both are started once per
 * test JVM and shared by every test class of the module; tests tell their records apart by unique ids.
 *
 * <p>Use it with {@code @WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)}.
 */
public class InfraTestResource implements QuarkusTestResourceLifecycleManager {

    /** The database every test of a module uses. */
    public static final String DATABASE = "service_test";

    @Override
    public Map<String, String> start() {
        EmbeddedKafka kafka = SharedInfra.kafka();
        String jdbcUrl = SharedInfra.postgres().createDatabase(DATABASE);
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.username", EmbeddedPostgresServer.USER,
                "quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
    }

    @Override
    public void stop() {
        // The broker and the database live until the JVM exits: the next Quarkus restart reuses them.
    }
}
