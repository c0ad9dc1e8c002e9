package org.ccsync.status.domain;

import java.io.Serializable;

/** The identity of a course across districts: its tenant and its Canvas course id. */
public record CourseKey(String tenant, String courseId) implements Serializable {
}
