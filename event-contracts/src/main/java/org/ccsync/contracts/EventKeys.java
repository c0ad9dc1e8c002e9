package org.ccsync.contracts;

/** Kafka record keys: they decide which changes keep their relative order. */
public final class EventKeys {

    private EventKeys() {
    }

    /** Every change of one course lands on one partition, in order. */
    public static String course(String tenant, String courseId) {
        return tenant + "/" + courseId;
    }

    /** Every IC write of one district lands on one partition: the district's lane. */
    public static String district(String tenant) {
        return tenant;
    }
}
