package org.ccsync.support;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether a failure is an outage of the service's own infrastructure (PostgreSQL unreachable or restarting, the Kafka
 * broker not answering) that will pass, as opposed to a record that cannot be handled. A consumer waits out the
 * first (it retries the same record with backoff, so its partition pauses and resumes where it stopped) and parks
 * only the second on its dead-letter topic: a transient outage must never fill a DLQ.
 *
 * <p>Used as SmallRye Fault Tolerance's {@code @RetryWhen(exception = TransientFailures.class)} predicate and
 * directly where a consumer handles its failures itself. It looks through the whole cause chain.
 */
public final class TransientFailures implements Predicate<Throwable> {

    /**
     * SQLState classes and codes of a database that is away, not of a statement that is wrong: 08 connection
     * exception, 53 insufficient resources, 57P01-57P03 shutdown or not accepting connections, 40001 serialization
     * failure and 40P01 deadlock (safe to retry by definition).
     */
    private static final Set<String> SQL_STATE_CLASSES = Set.of("08", "53");
    private static final Set<String> SQL_STATES = Set.of("57P01", "57P02", "57P03", "40001", "40P01");

    /** Exceptions named by class, so that this module needs neither Hibernate, Agroal nor the Kafka client. */
    private static final Set<String> TRANSIENT_TYPES = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "org.apache.kafka.common.errors.RetriableException",
            "org.apache.kafka.common.errors.TimeoutException",
            "org.apache.kafka.common.errors.DisconnectException",
            "org.apache.kafka.common.errors.NotEnoughReplicasException",
            "io.smallrye.reactive.messaging.kafka.KafkaClientException",
            "java.util.concurrent.TimeoutException");

    /** Agroal's message when no connection could be had from the pool in time: the database is away. */
    private static final String POOL_TIMEOUT = "acquisition timeout";

    private static final int MAX_DEPTH = 20;

    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(15);

    /**
     * How long a consumer waits before its {@code attempt}-th retry (from 0) of a record held up by an outage: 0.5 s,
     * doubling, at most 15 s, the same growth as the listeners' {@code @ExponentialBackoff(maxDelay = 15_000)}.
     */
    public static Duration pauseBefore(int attempt) {
        long millis = FIRST_PAUSE.toMillis() << Math.min(Math.max(attempt, 0), 10);
        return millis > MAX_PAUSE.toMillis() ? MAX_PAUSE : Duration.ofMillis(millis);
    }

    @Override
    public boolean test(Throwable failure) {
        return isTransient(failure);
    }

    /** Whether the failure, or any of its causes, is an infrastructure outage that will pass. */
    public static boolean isTransient(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (transientItself(current)) {
                return true;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return false;
    }

    private static boolean transientItself(Throwable failure) {
        if (failure instanceof SQLTransientException || failure instanceof SQLRecoverableException
                || failure instanceof ConnectException || failure instanceof SocketTimeoutException) {
            return true;
        }
        if (failure instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (SQL_STATES.contains(state)
                    || state.length() >= 2 && SQL_STATE_CLASSES.contains(state.substring(0, 2)))) {
                return true;
            }
            String message = sql.getMessage();
            if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains(POOL_TIMEOUT)) {
                return true;
            }
        }
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            if (TRANSIENT_TYPES.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }
}
