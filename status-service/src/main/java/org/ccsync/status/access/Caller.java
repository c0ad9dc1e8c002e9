package org.ccsync.status.access;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who is calling and what they may reach: per district a grant (its admin, or a teacher, who may be held to the one
 * course an LTI launch opened), the logins compared with the Canvas roster, and how they signed in.
 *
 * @param name how the caller is named in the audit and the page header
 * @param signIn {@code oidc} (the district's identity provider, in the browser), {@code lti} (a launch from
 *     Canvas), {@code script} (a bearer token from the identity provider) or {@code token} (a pasted sandbox token)
 * @param grants the caller's districts, by tenant
 * @param logins lower-case logins compared with the teachers' Canvas login ids
 */
public record Caller(String name, String signIn, Map<String, Grant> grants, List<String> logins) {

    /** The security identity attribute that holds the caller. */
    public static final String ATTRIBUTE = "ccsync.caller";

    public static final String OIDC = "oidc";
    public static final String LTI = "lti";
    public static final String SCRIPT = "script";
    public static final String TOKEN = "token";

    /**
     * What the caller may do in one district.
     *
     * @param admin the whole district
     * @param onlyCourse for a teacher who launched from Canvas, the one course the launch opened; otherwise null and
     *     the roster decides
     */
    public record Grant(boolean admin, String onlyCourse) {
    }

    public Optional<Grant> grant(String tenant) {
        return Optional.ofNullable(grants.get(tenant));
    }
}
