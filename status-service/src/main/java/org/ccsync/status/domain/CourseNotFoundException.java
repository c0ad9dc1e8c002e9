package org.ccsync.status.domain;

/** No status is known for the requested course in the requested district. */
public class CourseNotFoundException extends RuntimeException {

    public CourseNotFoundException(String tenant, String courseId) {
        super("No course " + courseId + " is known in district " + tenant + ".");
    }
}
