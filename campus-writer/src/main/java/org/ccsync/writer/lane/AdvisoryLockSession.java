package org.ccsync.writer.lane;

import io.quarkus.logging.Log;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Callable;

/**
 * A district's PostgreSQL session advisory lock, on a connection of its own (not from the pool: a pooled
 * connection handed back would keep the session, and so the lock). Whoever holds it may run the district's lane;
 * if this process or its connection dies, PostgreSQL drops the lock with the session. {@link DistrictLock} decides
 * when to take, check and give it up.
 */
public final class AdvisoryLockSession implements LockSession {

    private final String tenant;
    private final long key;
    private final Callable<Connection> connect;
    private Connection connection;

    public AdvisoryLockSession(String tenant, Callable<Connection> connect) {
        this.tenant = tenant;
        this.key = key(tenant);
        this.connect = connect;
    }

    /** The 64-bit advisory lock key of a district, the same in every replica. */
    public static long key(String tenant) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("campus-writer/lane/" + tenant).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized boolean tryAcquire() throws Exception {
        if (connection == null || connection.isClosed()) {
            connection = connect.call();
            connection.setAutoCommit(true);
        }
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            statement.setLong(1, key);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                // Not held: the session stays open for the next try.
                return row.getBoolean(1);
            }
        } catch (SQLException e) {
            closeQuietly();
            throw e;
        }
    }

    @Override
    public synchronized boolean isHeld() {
        try {
            return connection != null && connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public synchronized void release() {
        if (connection == null) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(?)")) {
            statement.setLong(1, key);
            statement.execute();
        } catch (SQLException e) {
            Log.debugf("unlocking district %s: %s (closing the session drops the lock anyway)", tenant,
                    e.getMessage());
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            Log.debugf("closing the lock session of district %s: %s", tenant, e.getMessage());
        } finally {
            connection = null;
        }
    }
}
