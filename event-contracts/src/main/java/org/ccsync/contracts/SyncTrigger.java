package org.ccsync.contracts;

/** Why a full reconciliation of a course runs. */
public enum SyncTrigger {
    /** A person pressed "Sync now". */
    MANUAL,
    /** The course's scheduled daily sync. */
    DAILY
}
