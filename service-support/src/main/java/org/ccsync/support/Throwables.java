package org.ccsync.support;

/** Describes a failure by its innermost cause, the one that says what actually went wrong. */
public final class Throwables {

    private Throwables() {
    }

    /** The innermost cause's simple class name and, when it has one, its message: {@code "ConnectException: ..."}. */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
