package org.ccsync.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.ccsync.testsupport.InfraTestResource;
import org.junit.jupiter.api.Test;

/** An event id is processed once: the second mark says so, inside a caller's transaction or on its own. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
class ProcessedEventsTest {

    @Inject
    ProcessedEvents processedEvents;

    @Test
    void aRedeliveredEventIsRecognised() {
        String eventId = "processed-" + UUID.randomUUID();
        assertThat(processedEvents.isProcessed(eventId)).isFalse();

        assertThat(processedEvents.markProcessed(eventId)).isTrue();

        assertThat(processedEvents.isProcessed(eventId)).isTrue();
        assertThat(QuarkusTransaction.requiringNew().call(() -> processedEvents.markProcessed(eventId))).isFalse();
    }

    @Test
    void aMarkRolledBackWithItsTransactionIsForgotten() {
        String eventId = "rolled-back-" + UUID.randomUUID();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            processedEvents.markProcessed(eventId);
            throw new IllegalStateException("the caller's work failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(processedEvents.isProcessed(eventId)).isFalse();
    }
}
