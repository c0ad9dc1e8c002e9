package org.ccsync.ingest.persistence;

import io.quarkus.logging.Log;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.ccsync.ingest.platform.IngestConfig;

/**
 * Makes a scheduled job run on one replica at a time with a lease row in PostgreSQL ({@code scheduler_lease}):
 * acquired by an atomic upsert only when it has expired or is already this holder's, renewed while the job runs,
 * released after. Times come from the database's clock, so replicas' clocks need not agree.
 */
// Not ShedLock: its plain-JDBC provider times locks by each replica's clock and never tells a job its lock was lost.
@ApplicationScoped
public class SchedulerLease {

    private static final String ACQUIRE = "INSERT INTO scheduler_lease (name, holder, expires_at) "
            + "VALUES (?, ?, now() + make_interval(secs => ?)) ON CONFLICT (name) DO UPDATE "
            + "SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at "
            + "WHERE scheduler_lease.expires_at <= now() OR scheduler_lease.holder = EXCLUDED.holder";
    private static final String RENEW = "UPDATE scheduler_lease SET expires_at = now() + make_interval(secs => ?) "
            + "WHERE name = ? AND holder = ?";
    private static final String RELEASE = "DELETE FROM scheduler_lease WHERE name = ? AND holder = ?";

    private final DataSource dataSource;
    private final Duration ttl;
    private final String holder;
    // One daemon thread renews leases while their jobs run on the scheduler's thread; no managed pool is needed for it.
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scheduler-lease-renewer");
        thread.setDaemon(true);
        return thread;
    });

    public SchedulerLease(DataSource dataSource, IngestConfig config) {
        this.dataSource = dataSource;
        this.ttl = config.lease().ttl();
        this.holder = config.lease().holder().orElseGet(SchedulerLease::defaultHolder);
    }

    /** This replica's holder name. */
    public String holder() {
        return holder;
    }

    /**
     * Runs the job while holding the named lease, renewing it every third of its time to live, then releases it.
     * The job receives a check that turns false once the lease was lost (for example after a long stall), so it
     * can stop between units of work.
     *
     * @return false when another holder has the lease and the job did not run
     */
    public boolean runExclusively(String name, Consumer<BooleanSupplier> job) {
        if (!tryAcquire(name, holder, ttl)) {
            Log.debugf("lease %s is held by another replica; skipping", name);
            return false;
        }
        AtomicBoolean held = new AtomicBoolean(true);
        long every = Math.max(1, ttl.toMillis() / 3);
        ScheduledFuture<?> renewal = renewer.scheduleAtFixedRate(() -> {
            try {
                if (held.get() && !renew(name, holder, ttl)) {
                    Log.warnf("lease %s was lost by %s; the job stops after its current unit", name, holder);
                    held.set(false);
                }
            } catch (RuntimeException e) {
                Log.warnf("renewing lease %s failed: %s", name, e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        try {
            job.accept(held::get);
        } finally {
            renewal.cancel(false);
            if (held.get()) {
                release(name, holder);
            }
        }
        return true;
    }

    /** Takes the lease when it is free, expired or already this holder's (then it is extended). */
    public boolean tryAcquire(String name, String holder, Duration ttl) {
        return update(ACQUIRE, statement -> {
            statement.setString(1, name);
            statement.setString(2, holder);
            statement.setDouble(3, seconds(ttl));
        }) == 1;
    }

    /** Extends the lease; false when the holder no longer has it. */
    public boolean renew(String name, String holder, Duration ttl) {
        return update(RENEW, statement -> {
            statement.setDouble(1, seconds(ttl));
            statement.setString(2, name);
            statement.setString(3, holder);
        }) == 1;
    }

    /** Gives the lease up, if the holder still has it. */
    public void release(String name, String holder) {
        update(RELEASE, statement -> {
            statement.setString(1, name);
            statement.setString(2, holder);
        });
    }

    @PreDestroy
    void stop() {
        renewer.shutdownNow();
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private int update(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("scheduler lease update failed: " + e.getMessage(), e);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String defaultHolder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
