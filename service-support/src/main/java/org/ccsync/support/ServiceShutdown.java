package org.ccsync.support;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
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

    private static volatile boolean stopping;

    /** A start (again, in the same JVM: a test that restarts the application) is running, not stopping. */
    void onStart(@Observes StartupEvent event) {
        stopping = false;
    }

    /** Runs before the messaging connectors and Hibernate close (both close after the shutdown observers). */
    void onStop(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    /** Whether the service is stopping. */
    public static boolean started() {
        return stopping;
    }
}
