package org.ccsync.sandbox.stack;

import java.lang.reflect.Proxy;

/**
 * Takes Ctrl-C (SIGINT) and SIGTERM over from the JVM's default handling, which would run the shutdown hooks at once:
 * Kafka's own hook then deletes the broker's directory while the broker still writes to it, and Maven ends with exit
 * 143. With this, the caller stops what it started in order and exits normally.
 *
 * <p>sun.misc.Signal is one of the JDK's critical internal APIs kept accessible on purpose (JEP 260); it is called
 * reflectively only so that compiling this does not print javac's "internal proprietary API" warnings.
 */
final class StopSignals {

    private StopSignals() {
    }

    /** Runs {@code action} on SIGINT and SIGTERM, on the JVM's signal thread, instead of shutting the JVM down. */
    static void onStop(Runnable action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object onSignal = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            action.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "stop signal handler";
                    });
            for (String name : new String[] {"INT", "TERM"}) {
                signal.getMethod("handle", signal, handler)
                        .invoke(null, signal.getConstructor(String.class).newInstance(name), onSignal);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot take Ctrl-C and SIGTERM over", e);
        }
    }
}
