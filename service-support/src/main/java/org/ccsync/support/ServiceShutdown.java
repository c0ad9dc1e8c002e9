package org.ccsync.support;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Whether the service has begun to stop (SIGTERM, a rolling update, the autoscaler). From then on the database and
 * the consumers close under the records still in flight; a record that fails now failed because of the stop, not
 * because of what it holds.
 */
@ApplicationScoped
public class ServiceShutdown {

    private static volatile boolean started;

    /** Runs before the messaging connectors and Hibernate close (both close after the shutdown observers). */
    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        started = true;
    }

    /** Whether the service is stopping. */
    public static boolean started() {
        return started;
    }
}
