package org.ccsync.ingest.domain;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Runs each course's waiting items as one group, one group of a course at a time and in arrival order: the first
 * item of a quiet course runs at once, items that arrive while its group runs join the next group, and a course that
 * keeps bursting starts a group at most once per window. Courses never wait for one another, except for the bound
 * on how many groups of one district run at the same time.
 *
 * @param <T> what is grouped (a trigger record)
 */
public final class CourseCoalescer<T> implements AutoCloseable {

    private final Duration window;
    private final int districtParallelism;
    private final BiConsumer<String, List<T>> work;
    private final ScheduledExecutorService timer;
    private final Map<String, ExecutorService> districts = new ConcurrentHashMap<>();
    private final Map<String, Course> courses = new ConcurrentHashMap<>();

    /**
     * @param window the least time between the starts of two groups of one course
     * @param districtParallelism how many groups of one district may run at once
     * @param work runs one group: the course key and its items in arrival order; handles its own failures
     */
    public CourseCoalescer(Duration window, int districtParallelism, BiConsumer<String, List<T>> work) {
        this.window = window;
        this.districtParallelism = Math.max(1, districtParallelism);
        this.work = work;
        // Own timer and pools: Quarkus's managed executor is one shared pool, not a bounded pool per district.
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("course-coalescer-timer"));
    }

    /** One course's waiting items and whether a group of it is scheduled or running. */
    private final class Course {
        final String district;
        final String key;
        final List<T> waiting = new ArrayList<>();
        boolean busy;
        boolean retired;
        long lastStartNanos;
        boolean started;

        Course(String district, String key) {
            this.district = district;
            this.key = key;
        }
    }

    /** Queues an item of one course of one district; it runs in the course's next group. */
    public void submit(String district, String courseKey, T item) {
        while (true) {
            Course course = courses.computeIfAbsent(courseKey, k -> new Course(district, k));
            synchronized (course) {
                if (course.retired) {
                    continue;
                }
                course.waiting.add(item);
                if (!course.busy) {
                    course.busy = true;
                    schedule(course);
                }
                return;
            }
        }
    }

    /** Starts the course's next group now, or once the window since its last start has passed. Holds its lock. */
    private void schedule(Course course) {
        long delay = course.started ? course.lastStartNanos + window.toNanos() - System.nanoTime() : 0;
        try {
            if (delay <= 0) {
                executor(course.district).execute(() -> run(course));
            } else {
                timer.schedule(() -> executor(course.district).execute(() -> run(course)), delay,
                        TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException e) {
            // Shutting down: the items stay unacknowledged and are consumed again after the restart.
            Log.debugf("course %s not scheduled: shutting down", course.key);
        }
    }

    private void run(Course course) {
        List<T> group;
        synchronized (course) {
            group = List.copyOf(course.waiting);
            course.waiting.clear();
            course.lastStartNanos = System.nanoTime();
            course.started = true;
        }
        try {
            work.accept(course.key, group);
        } catch (RuntimeException e) {
            Log.errorf(e, "a group of course %s failed unhandled", course.key);
        } finally {
            synchronized (course) {
                if (course.waiting.isEmpty()) {
                    course.busy = false;
                    retireAfterWindow(course);
                } else {
                    schedule(course);
                }
            }
        }
    }

    /** Forgets an idle course once its window has passed: its next item is a quiet course's first again. */
    private void retireAfterWindow(Course course) {
        try {
            timer.schedule(() -> {
                synchronized (course) {
                    if (!course.busy && course.waiting.isEmpty()
                            && System.nanoTime() - course.lastStartNanos >= window.toNanos()) {
                        course.retired = true;
                        courses.remove(course.key, course);
                    }
                }
            }, window.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            Log.debugf("course %s not retired: shutting down", course.key);
        }
    }

    private ExecutorService executor(String district) {
        return districts.computeIfAbsent(district, d -> {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(districtParallelism, districtParallelism, 60,
                    TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("triggers-" + d));
            pool.allowCoreThreadTimeOut(true);
            return pool;
        });
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        districts.values().forEach(ExecutorService::shutdownNow);
    }
}
