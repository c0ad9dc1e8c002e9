package org.ccsync.sandbox.stack;

import java.util.concurrent.CountDownLatch;

/**
 * The one-command local demo: starts the whole stack on the documented ports, runs a first full sync of the demo
 * district, prints where to look, and runs until Ctrl-C.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStack stack = LocalStack.start(LocalStack.Options.demo(LocalStack.projectRoot()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-stop"));
        stack.requestFullSync(LocalStack.DEMO_COURSES, "local-stack");
        String status = stack.statusUrl();
        String token = stack.adminToken();
        String canvas = stack.canvas().baseUrl();
        String campus = stack.campus().baseUrl();
        System.out.printf("""

                canvas-campus-sync is running with the demo district "%s".
                  status page       %s/   (sign in by pasting the admin token below)
                  status API        %s/api/districts/demo/courses/101   (OpenAPI: %s/q/openapi)
                  Canvas simulator  %s   (control API under /sim)
                  IC simulator      %s   (gradebook under /sim/gradebook)
                  service logs      %s

                Change a grade in Canvas and watch it arrive in Infinite Campus:
                  curl -X POST %s/sim/courses/101/assignments/401/submissions/5001 \\
                       -H 'Content-Type: application/json' -d '{"score": 7.5}'
                  curl -s %s/sim/gradebook
                  curl -s -H "Authorization: Bearer $TOKEN" %s/api/districts/demo/courses/101

                The demo district admin's token (valid 8 hours):
                  TOKEN=%s

                Press Ctrl-C to stop.
                """, LocalStack.TENANT, status, status, status, canvas, campus,
                stack.service("status-service").log().getParent(), canvas, campus, status, token);
        stopped.await();
    }
}
