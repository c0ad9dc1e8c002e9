package org.ccsync.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.ccsync.testsupport.InfraTestResource;
import org.junit.jupiter.api.Test;

/** Consumed event ids older than the retention are forgotten; younger ones stay. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ProcessedEventRetentionTest {

    @Inject
    ProcessedEventRetention retention;

    @Inject
    EntityManager entityManager;

    @Test
    void idsOlderThanTheRetentionAreForgottenAndYoungerOnesKept() {
        String old = "retention-old-" + UUID.randomUUID();
        String young = "retention-young-" + UUID.randomUUID();
        insert(old, Instant.now().minus(Duration.ofDays(8)));
        insert(young, Instant.now().minus(Duration.ofDays(6)));

        retention.forgetOld();

        assertThat(exists(old)).isFalse();
        assertThat(exists(young)).isTrue();
    }

    private void insert(String eventId, Instant processedAt) {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("INSERT INTO processed_event (event_id, processed_at) VALUES (?1, ?2)")
                .setParameter(1, eventId).setParameter(2, processedAt).executeUpdate());
    }

    private boolean exists(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> !entityManager
                .createNativeQuery("SELECT 1 FROM processed_event WHERE event_id = ?1")
                .setParameter(1, eventId).getResultList().isEmpty());
    }
}
