package org.ccsync.sandbox.canvas;

/** A leaky bucket that drains continuously and refuses a cost that would lift it above the high-water mark. */
final class LeakyBucket {

    private double highWater;
    private double drainPerSecond;
    private double level;
    private double maxLevel;
    private long lastNanos = System.nanoTime();

    LeakyBucket(double highWater, double drainPerSecond) {
        this.highWater = highWater;
        this.drainPerSecond = drainPerSecond;
    }

    /** Adds the cost and returns true, or returns false and adds nothing when it would overflow. */
    synchronized boolean tryAdd(double cost) {
        drain();
        if (level + cost > highWater) {
            return false;
        }
        level += cost;
        maxLevel = Math.max(maxLevel, level);
        return true;
    }

    synchronized double level() {
        drain();
        return level;
    }

    synchronized double remaining() {
        drain();
        return highWater - level;
    }

    synchronized double maxLevel() {
        return maxLevel;
    }

    synchronized double highWater() {
        return highWater;
    }

    synchronized double drainPerSecond() {
        return drainPerSecond;
    }

    synchronized void configure(double newHighWater, double newDrainPerSecond) {
        if (!(newHighWater > 0) || newDrainPerSecond < 0) {
            throw new IllegalArgumentException("bucketHighWater must be > 0 and drainPerSecond >= 0");
        }
        drain();
        highWater = newHighWater;
        drainPerSecond = newDrainPerSecond;
    }

    synchronized void reset() {
        drain();
        level = 0;
        maxLevel = 0;
    }

    private void drain() {
        long now = System.nanoTime();
        level = Math.max(0, level - drainPerSecond * (now - lastNanos) / 1e9);
        lastNanos = now;
    }
}
