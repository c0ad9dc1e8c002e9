package org.ccsync.status.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Makes the caller of a live LTI session: a teacher held to the launched course, or (where the district allows it) a
 * district admin. An unknown or expired session fails, and the request goes on unauthenticated.
 */
@ApplicationScoped
public class LtiSessionIdentityProvider implements IdentityProvider<LtiSessionMechanism.Request> {

    private final LtiLaunches launches;

    public LtiSessionIdentityProvider(LtiLaunches launches) {
        this.launches = launches;
    }

    @Override
    public Class<LtiSessionMechanism.Request> getRequestType() {
        return LtiSessionMechanism.Request.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(LtiSessionMechanism.Request request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> launches.session(request.sessionId())
                .map(LtiSessionIdentityProvider::identity)
                .orElseThrow(AuthenticationFailedException::new));
    }

    private static SecurityIdentity identity(LtiLaunches.Session session) {
        Caller caller = new Caller(session.userName(), Caller.LTI,
                Map.of(session.tenant(), new Caller.Grant(session.admin(), session.admin() ? null : session.courseId())),
                session.login() == null ? List.of() : List.of(session.login().toLowerCase(Locale.ROOT)));
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(session.userName()))
                .addRole(session.admin() ? Access.ADMIN : Access.TEACHER)
                .addAttribute(Caller.ATTRIBUTE, caller)
                .build();
    }
}
