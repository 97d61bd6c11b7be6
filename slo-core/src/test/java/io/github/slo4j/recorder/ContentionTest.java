package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * N threads × M records each while a ticker closes boundaries and the clock runs through many ring
 * wraps: the sum over all closed intervals is exactly N × M, good and bad (and each latency
 * target) separately.
 */
class ContentionTest {
  private static final int THREADS = 8;
  private static final int RECORDS = 400_000;
  private static final int CHUNKS = 20;

  private static final SloDefinition SLO =
      SloDefinition.builder("contention")
          .service("test")
          .sli(
              Sli.latency(
                  LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
                  LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99"))))
          .build();

  @Test
  void exactUnderContentionOnPlatformThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      run(pool);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void exactUnderContentionOnVirtualThreads() throws Exception {
    ExecutorService pool;
    try {
      pool =
          (ExecutorService)
              Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (NoSuchMethodException e) {
      assumeTrue(false, "virtual threads need JDK 21+; running on " + Runtime.version());
      return;
    }
    try {
      run(pool);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void run(ExecutorService pool) throws Exception {
    ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRecorder recorder = registry.register(SLO);
    Target fast = SLO.targets().get(0);
    Target slow = SLO.targets().get(1);
    Duration base = registry.baseInterval();

    // each writer cycles: within 100 ms, within 500 ms, slower, failed
    // writers pause after each chunk until the ticker closed another boundary, so ticks certainly
    // interleave with writes however the threads are scheduled
    CountDownLatch start = new CountDownLatch(1);
    AtomicLong tickCount = new AtomicLong();
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < THREADS; w++) {
      writers.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < RECORDS; i++) {
                  if (i % (RECORDS / CHUNKS) == 0) {
                    long seen = tickCount.get();
                    while (tickCount.get() == seen) {
                      Thread.onSpinWait();
                    }
                  }
                  switch (i & 3) {
                    case 0 -> recorder.recordLatencyNanos(50_000_000L, true);
                    case 1 -> recorder.recordLatencyNanos(300_000_000L, true);
                    case 2 -> recorder.recordLatencyNanos(900_000_000L, true);
                    default -> recorder.recordLatencyNanos(10_000_000L, false);
                  }
                }
                return null;
              }));
    }

    // the ticker: close boundaries while the writers run, jumping so every ring wraps many times,
    // and read the interval each tick closed (a window of one base interval)
    long[] sums = new long[3];
    AtomicBoolean done = new AtomicBoolean();
    long ticks = 0;
    start.countDown();
    while (!done.get()) {
      done.set(writers.stream().allMatch(Future::isDone));
      long step = ticks % 7 == 0 ? 3_600_000L * (1 + ticks % 50) : base.toMillis() * (1 + ticks % 3);
      clock.advance(Duration.ofMillis(step));
      registry.tick();
      ticks++;
      tickCount.incrementAndGet();
      add(sums, recorder.window(fast, base), recorder.window(slow, base));
    }
    for (Future<?> f : writers) {
      f.get(1, TimeUnit.MINUTES);
    }
    clock.advance(base);
    registry.tick();
    add(sums, recorder.window(fast, base), recorder.window(slow, base));

    long n = (long) THREADS * RECORDS;
    assertEquals(n, sums[0], "total after " + ticks + " ticks");
    assertEquals(n / 4, sums[1], "good within 100 ms");
    assertEquals(n / 2, sums[2], "good within 500 ms");
    assertEquals(true, ticks >= CHUNKS, "the ticker ran during the writes: " + ticks + " ticks");
  }

  private static void add(long[] sums, WindowCounts fast, WindowCounts slow) {
    assertEquals(fast.total(), slow.total());
    sums[0] += fast.total();
    sums[1] += fast.good();
    sums[2] += slow.good();
  }
}
