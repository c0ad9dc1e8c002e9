package org.ccsync.sandbox.campus;

/** The URL paths the simulator serves, as IC lays them out. */
final class CampusPaths {

    static final String CAMPUS = "/campus";
    static final String TOKEN = "/campus/oauth2/token";
    static final String GRADEBOOK = "/campus/api/ims/oneroster/gradebook/v1p2";
    static final String ROSTERING = "/campus/api/ims/oneroster/rostering/v1p2";
    static final String SIM = "/sim";

    private CampusPaths() {
    }

    static boolean isGradebook(String path) {
        return path.startsWith(GRADEBOOK + "/");
    }
}
