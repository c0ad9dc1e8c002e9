package org.ccsync.sandbox.stack;

import java.util.concurrent.CountDownLatch;

/**
 * The one-command local demo: starts the whole stack on the documented ports, runs a first full sync of the demo
 * district, prints where to look, and runs until Ctrl-C or SIGTERM, then stops everything it started, in order.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch stopRequested = new CountDownLatch(1);
        StopSignals.onStop(stopRequested::countDown);
        LocalStack stack = LocalStack.start(LocalStack.Options.demo(LocalStack.projectRoot()));
        stack.requestFullSync(LocalStack.DEMO_COURSES, "local-stack");
        String status = stack.statusUrl();
        String canvas = stack.canvas().baseUrl();
        String campus = stack.campus().baseUrl();
        String tokenEndpoint = stack.tokens().tokenEndpoint();
        System.out.printf("""

                canvas-campus-sync is running with the demo district "%s".
                  status page       %s/
                  status API        %s/api/districts/demo/courses/101   (OpenAPI: %s/q/openapi)
                  Canvas simulator  %s   (control API under /sim)
                  IC simulator      %s   (gradebook under /sim/gradebook)
                  identity provider %s   (the district's sign-in, played by mock-oauth2-server)
                  service logs      %s

                Sign in (no token to paste):
                  * Open %s/ and press "Sign in with the demo district's identity provider", then pick
                    "Dana Admin" (district admin: dashboard, every course, the audit of changes) or
                    "Ms. Frizzle" (teacher: only Biology 1 and World History).
                  * Or launch from Canvas like a teacher: open %s
                    and click "Grade sync" in the course navigation. It lands on Biology 1 with no login (LTI 1.3).

                Change a grade in Canvas and watch it arrive in Infinite Campus:
                  curl -X POST %s/sim/courses/101/assignments/401/submissions/5001 \\
                       -H 'Content-Type: application/json' -d '{"score": 7.5}'
                  curl -s %s/sim/gradebook

                A script calls the API with a token from the same identity provider (client credentials):
                  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=demo-report -d client_secret=x \\
                       -d scope=ccsync %s | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')
                  curl -s -H "Authorization: Bearer $TOKEN" %s/api/districts/demo/audit
                  (the district maps that client to its admins: ccsync.districts.demo.sign-in.admins includes
                   sub=demo-report, the client of a client-credentials token; docs/configuration.md)

                Press Ctrl-C to stop.
                """, LocalStack.TENANT, status, status, status, canvas, campus, stack.tokens().issuer(),
                stack.service("status-service").log().getParent(), status,
                stack.canvasCoursePage(101, 9001), canvas, campus, tokenEndpoint, status);
        stopRequested.await();
        // Stopped here, not in a shutdown hook: the hooks (Kafka's deletes the broker's directory) run after it.
        stack.close();
        System.exit(0);
    }
}
