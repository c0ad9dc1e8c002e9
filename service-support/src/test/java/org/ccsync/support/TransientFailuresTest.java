package org.ccsync.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    private final TransientFailures predicate = new TransientFailures();

    @Test
    void aDatabaseThatIsAwayIsTransientWhereverItHidesInTheCauseChain() {
        assertThat(predicate.test(new IllegalStateException("wrapped",
                new RuntimeException(new SQLException("Connection refused", "08001"))))).isTrue();
        assertThat(predicate.test(new SQLException("terminating connection due to administrator command", "57P01")))
                .isTrue();
        assertThat(predicate.test(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(predicate.test(new SQLException("Sorry, acquisition timeout!"))).isTrue();
        assertThat(predicate.test(new SQLTransientConnectionException("pool closed"))).isTrue();
        assertThat(predicate.test(new UncheckedIOException(new ConnectException("Connection refused")))).isTrue();
        assertThat(predicate.test(new SQLException("could not serialize access", "40001"))).isTrue();
    }

    @Test
    void aRecordThatCannotBeHandledIsNotTransient() {
        assertThat(predicate.test(new IllegalArgumentException("a record without a payload"))).isFalse();
        assertThat(predicate.test(new SQLException("duplicate key value violates unique constraint", "23505")))
                .isFalse();
        assertThat(predicate.test(new SQLException("column \"x\" does not exist", "42703"))).isFalse();
        assertThat(predicate.test(new NullPointerException())).isFalse();
    }

    @Test
    void aWaitThatTimedOutIsTransient() {
        assertThat(predicate.test(new RuntimeException(new java.util.concurrent.TimeoutException("no ack in 60 s"))))
                .isTrue();
    }

    @Test
    void pausesDoubleFromHalfASecondUpToFifteen() {
        assertThat(TransientFailures.pauseBefore(0)).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(TransientFailures.pauseBefore(1)).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(TransientFailures.pauseBefore(5)).isEqualTo(java.time.Duration.ofSeconds(15));
        assertThat(TransientFailures.pauseBefore(60)).isEqualTo(java.time.Duration.ofSeconds(15));
    }
}
