package org.ccsync.sandbox.stack;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What {@code ./mvnw -Pdemo} runs inside Maven's JVM (exec:java): starts {@link LocalStackMain} in a JVM of its own
 * and, on Ctrl-C or SIGTERM, stops it and returns normally, so that the build ends with success instead of Maven's
 * "BUILD FAILURE" and exit 143. Maven's JVM would otherwise treat the signal as a crash: only code in that JVM can
 * take the signal over ({@link StopSignals}), and this class is the only code of the project there.
 */
public final class DemoLauncher {

    private static final long STOP_TIMEOUT_SECONDS = 60;

    private DemoLauncher() {
    }

    public static void main(String[] args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-classpath");
        command.add(classpath());
        command.addAll(Arrays.asList(args));
        command.add(LocalStackMain.class.getName());
        Process stack = new ProcessBuilder(command).inheritIO().start();

        CountDownLatch stopRequested = new CountDownLatch(1);
        StopSignals.onStop(stopRequested::countDown);
        stack.onExit().thenRun(stopRequested::countDown);
        stopRequested.await();

        if (stack.isAlive()) {
            System.out.println("Stopping canvas-campus-sync ...");
            stack.destroy(); // SIGTERM: LocalStackMain stops the services, Kafka and PostgreSQL, then exits
            if (!stack.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                stack.destroyForcibly().waitFor();
            }
            System.out.println("canvas-campus-sync stopped.");
            return;
        }
        if (stack.exitValue() != 0) {
            throw new IllegalStateException("the local stack ended with exit code " + stack.exitValue()
                    + " (see its output above)");
        }
    }

    /** The classpath exec:java gave this class: the stack module's classes and runtime dependencies. */
    private static String classpath() throws URISyntaxException {
        ClassLoader loader = DemoLauncher.class.getClassLoader();
        if (loader instanceof URLClassLoader urls) {
            List<String> entries = new ArrayList<>();
            for (URL url : urls.getURLs()) {
                entries.add(Path.of(url.toURI()).toString());
            }
            return entries.stream().collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }
}
