package org.ccsync.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The course coalescer on its own: who runs when, counted and ordered, never timed against a threshold (the groups'
 * cost in Canvas calls is {@link GradingBurstTest}'s).
 */
class CourseCoalescerTest {

    private static final Duration BOUND = Duration.ofSeconds(10);
    /** Longer than any test: a course that had to wait it out would fail the test's bound. */
    private static final Duration LONG_WINDOW = Duration.ofHours(1);

    /** One group as it ran: its course and items. */
    private record Group(String course, List<String> items) {
    }

    private final List<Group> groups = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
    private final AtomicInteger districtRunning = new AtomicInteger();
    private final AtomicInteger districtPeak = new AtomicInteger();
    private final AtomicInteger overlapsWithinCourse = new AtomicInteger();
    private CourseCoalescer<String> coalescer;

    private CourseCoalescer<String> coalescer(Duration window, int parallelism) {
        coalescer = new CourseCoalescer<>(window, parallelism, (course, items) -> {
            if (running.computeIfAbsent(course, c -> new AtomicInteger()).incrementAndGet() > 1) {
                overlapsWithinCourse.incrementAndGet();
            }
            districtPeak.accumulateAndGet(districtRunning.incrementAndGet(), Math::max);
            try {
                groups.add(new Group(course, items));
                CountDownLatch hold = holds.get(items.get(0));
                if (hold != null) {
                    hold.await(BOUND.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                districtRunning.decrementAndGet();
                running.get(course).decrementAndGet();
            }
        });
        return coalescer;
    }

    @AfterEach
    void close() {
        holds.values().forEach(CountDownLatch::countDown);
        coalescer.close();
    }

    private List<List<String>> itemsOf(String course) {
        return groups.stream().filter(g -> g.course().equals(course)).map(Group::items).toList();
    }

    @Test
    void aQuietCourseRunsItsFirstItemAtOnceWhateverTheWindow() {
        CourseCoalescer<String> coalescer = coalescer(LONG_WINDOW, 2);

        coalescer.submit("d1", "d1/101", "a");
        coalescer.submit("d1", "d1/102", "b");

        await().atMost(BOUND).until(() -> groups.size() == 2);
        assertThat(itemsOf("d1/101")).containsExactly(List.of("a"));
        assertThat(itemsOf("d1/102")).containsExactly(List.of("b"));
    }

    @Test
    void itemsArrivingWhileTheCourseRunsJoinOneNextGroupInTheirOrder() {
        CourseCoalescer<String> coalescer = coalescer(Duration.ZERO, 4);
        CountDownLatch first = new CountDownLatch(1);
        holds.put("t1", first);

        coalescer.submit("d1", "d1/101", "t1");
        await().atMost(BOUND).until(() -> groups.size() == 1);
        for (int i = 2; i <= 6; i++) {
            coalescer.submit("d1", "d1/101", "t" + i);
        }
        first.countDown();

        await().atMost(BOUND).until(() -> groups.size() == 2);
        assertThat(itemsOf("d1/101")).containsExactly(List.of("t1"), List.of("t2", "t3", "t4", "t5", "t6"));
        assertThat(overlapsWithinCourse).hasValue(0);
    }

    @Test
    void aCourseWaitingForItsReadDoesNotHoldBackAnotherCourse() {
        CourseCoalescer<String> coalescer = coalescer(LONG_WINDOW, 2);
        CountDownLatch slow = new CountDownLatch(1);
        holds.put("slow", slow);

        coalescer.submit("d1", "d1/101", "slow");
        await().atMost(BOUND).until(() -> groups.size() == 1);
        coalescer.submit("d1", "d1/102", "quick");
        coalescer.submit("d2", "d2/101", "other district");

        // Both run while course 101 of d1 is still held.
        await().atMost(BOUND).until(() -> groups.size() == 3);
        assertThat(slow.getCount()).isEqualTo(1);
        assertThat(itemsOf("d1/102")).containsExactly(List.of("quick"));
        assertThat(itemsOf("d2/101")).containsExactly(List.of("other district"));
    }

    @Test
    void aDistrictRunsAtMostItsParallelismOfCoursesAtOnceAndTheRestFollow() {
        CourseCoalescer<String> coalescer = coalescer(Duration.ZERO, 2);
        CountDownLatch release = new CountDownLatch(1);
        for (int course = 1; course <= 5; course++) {
            holds.put("c" + course, release);
            coalescer.submit("d1", "d1/" + course, "c" + course);
        }

        await().atMost(BOUND).until(() -> groups.size() == 2);
        release.countDown();

        await().atMost(BOUND).until(() -> groups.size() == 5);
        assertThat(districtPeak).hasValue(2);
    }

    @Test
    void aBurstingCourseWaitsOutTheWindowWhileAQuietOneDoesNot() {
        Duration window = Duration.ofMillis(300);
        CourseCoalescer<String> coalescer = coalescer(window, 2);
        long start = System.nanoTime();
        coalescer.submit("d1", "d1/101", "first");
        await().atMost(BOUND).until(() -> groups.size() == 1);

        // The course has just been read: these wait for the window, then go together.
        coalescer.submit("d1", "d1/101", "second");
        coalescer.submit("d1", "d1/101", "third");
        await().atMost(BOUND).until(() -> groups.size() == 2);
        long secondStarted = System.nanoTime();

        assertThat(itemsOf("d1/101")).containsExactly(List.of("first"), List.of("second", "third"));
        assertThat(Duration.ofNanos(secondStarted - start)).isGreaterThanOrEqualTo(window);
    }
}
