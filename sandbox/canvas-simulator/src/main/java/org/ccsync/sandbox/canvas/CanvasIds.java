package org.ccsync.sandbox.canvas;

/** Converts between local Canvas ids and the shard-1 global ids that Live Events carry. */
public final class CanvasIds {

    /** Global id of local id 0 on shard 1 (shard * 10^13). */
    public static final long SHARD_OFFSET = 10_000_000_000_000L;

    private CanvasIds() {
    }

    public static long global(long localId) {
        return SHARD_OFFSET + localId;
    }

    public static String globalString(long localId) {
        return Long.toString(global(localId));
    }

    public static long local(long globalId) {
        return globalId % SHARD_OFFSET;
    }
}
