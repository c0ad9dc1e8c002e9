package org.ccsync.writer.lane;

/** The session that holds a district's lock across replicas (a PostgreSQL session advisory lock in production). */
public interface LockSession {

    /** Takes the lock when it is free; false while another replica holds it. */
    boolean tryAcquire() throws Exception;

    /** Whether the lock is still held (its database session is alive). */
    boolean isHeld();

    /** Gives the lock up; safe to call in any state. */
    void release();
}
