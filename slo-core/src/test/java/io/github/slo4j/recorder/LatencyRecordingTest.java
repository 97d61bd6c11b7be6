package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Latency is recorded with an explicit unit, and an event recorded without a latency on a latency
 * SLI is judged alike for every threshold: good for all of them, or bad for all of them.
 */
class LatencyRecordingTest {
  private static final Duration TEN_S = Duration.ofSeconds(10);

  /** Three thresholds: 100 ms at 90 %, 500 ms at 99 %, 2 s at 99.9 %. */
  private static final SloDefinition LATENCY =
      SloDefinition.builder("lat")
          .service("api")
          .sli(
              Sli.latency(
                  LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
                  LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99")),
                  LatencyThreshold.of(Duration.ofSeconds(2), Objective.percent("99.9"))))
          .build();

  /** The good count of each target over one interval after {@code record} ran, then the total. */
  private static long[] goodPerTargetThenTotal(Consumer<SloRecorder> record) {
    ManualTimeSource clock = ManualTimeSource.startingAt(StateFixtures.START);
    SloRegistry registry = StateFixtures.registry(clock);
    SloRecorder t = registry.register(LATENCY);
    record.accept(t);
    clock.advance(TEN_S);
    registry.tick();
    List<Target> targets = LATENCY.targets();
    long[] out = new long[targets.size() + 1];
    for (Target target : targets) {
      WindowCounts w = t.window(target, TEN_S);
      out[target.index()] = w.good();
      out[targets.size()] = w.total();
    }
    return out;
  }

  @Test
  void aGoodEventWithoutALatencyIsGoodForEveryThreshold() {
    assertEquals(List.of(1L, 1L, 1L, 1L), asList(goodPerTargetThenTotal(SloRecorder::recordGood)));
    assertEquals(List.of(1L, 1L, 1L, 1L), asList(goodPerTargetThenTotal(t -> t.record(true))));
  }

  @Test
  void aBadEventWithoutALatencyIsBadForEveryThreshold() {
    assertEquals(List.of(0L, 0L, 0L, 1L), asList(goodPerTargetThenTotal(SloRecorder::recordBad)));
    assertEquals(List.of(0L, 0L, 0L, 1L), asList(goodPerTargetThenTotal(t -> t.record(false))));
  }

  @Test
  void recordCountsOnALatencySliIsJudgedAlikeForEveryThreshold() {
    assertEquals(List.of(7L, 7L, 7L, 10L), asList(goodPerTargetThenTotal(t -> t.recordCounts(7, 10))));
  }

  @Test
  void aLatencyIsGoodForEveryThresholdItIsWithinWhateverItsUnit() {
    // 100 ms (within all, ≤), 300 ms (within 500 ms and 2 s), 1 s (within 2 s), 3 s (within none)
    List<Long> expected = List.of(1L, 2L, 3L, 4L);
    assertEquals(
        expected,
        asList(
            goodPerTargetThenTotal(
                t -> {
                  t.recordLatency(Duration.ofMillis(100), true);
                  t.recordLatency(Duration.ofMillis(300), true);
                  t.recordLatency(Duration.ofSeconds(1), true);
                  t.recordLatency(Duration.ofSeconds(3), true);
                })));
    assertEquals(
        expected,
        asList(
            goodPerTargetThenTotal(
                t -> {
                  t.recordLatency(100, TimeUnit.MILLISECONDS, true);
                  t.recordLatency(300_000, TimeUnit.MICROSECONDS, true);
                  t.recordLatency(1, TimeUnit.SECONDS, true);
                  t.recordLatency(3, TimeUnit.SECONDS, true);
                })));
    assertEquals(
        expected,
        asList(
            goodPerTargetThenTotal(
                t -> {
                  t.recordLatencyNanos(100_000_000L, true);
                  t.recordLatencyNanos(300_000_000L, true);
                  t.recordLatencyNanos(1_000_000_000L, true);
                  t.recordLatencyNanos(3_000_000_000L, true);
                })));
  }

  @Test
  void aFailedRequestIsBadForEveryThresholdHoweverFast() {
    assertEquals(
        List.of(0L, 0L, 0L, 3L),
        asList(
            goodPerTargetThenTotal(
                t -> {
                  t.recordLatency(Duration.ofMillis(1), false);
                  t.recordLatency(1, TimeUnit.MILLISECONDS, false);
                  t.recordLatencyNanos(1, false);
                })));
  }

  @Test
  void hugeLatenciesSaturateAndNegativeOnesCountAsZero() {
    assertEquals(
        List.of(3L, 3L, 3L, 6L),
        asList(
            goodPerTargetThenTotal(
                t -> {
                  t.recordLatency(Long.MAX_VALUE, TimeUnit.DAYS, true); // saturates: within none
                  t.recordLatency(Duration.ofSeconds(Long.MAX_VALUE), true);
                  t.recordLatencyNanos(Long.MAX_VALUE, true);
                  t.recordLatency(-5, TimeUnit.SECONDS, true); // counts as zero: within all
                  t.recordLatency(Duration.ofMillis(-5), true);
                  t.recordLatencyNanos(Long.MIN_VALUE, true);
                })));
  }

  @Test
  void aHugeNegativeDurationCountsAsZeroInsteadOfThrowing() {
    // Duration.toNanos() throws ArithmeticException below about −292 years
    long[] counts =
        assertDoesNotThrow(
            () -> goodPerTargetThenTotal(t -> t.recordLatency(Duration.ofSeconds(Long.MIN_VALUE), true)));
    assertEquals(List.of(1L, 1L, 1L, 1L), asList(counts));
  }

  @Test
  void aNullLatencyCountsAsSlowerThanEveryThresholdNotAsZero() {
    assertEquals(
        List.of(0L, 0L, 0L, 3L),
        asList(
            goodPerTargetThenTotal(
                t -> {
                  t.recordLatency(null, true);
                  t.recordLatency(5, null, true);
                  t.filtered(x -> true).recordLatency("x", null, true);
                })));
  }

  @Test
  void aFilteredRecorderRecordsLatencyInEveryUnit() {
    assertEquals(
        List.of(0L, 1L, 3L, 4L),
        asList(
            goodPerTargetThenTotal(
                t -> {
                  FilteredRecorder<String> humans = t.filtered(agent -> !agent.startsWith("bot"));
                  humans.recordLatency("firefox", Duration.ofMillis(400), true); // 500 ms and 2 s
                  humans.recordLatency("firefox", 1_500, TimeUnit.MILLISECONDS, true); // 2 s
                  humans.recordLatencyNanos("firefox", 2_000_000_000L, true); // 2 s (≤)
                  humans.recordLatencyNanos("firefox", 1, false); // bad
                  humans.recordLatency("bot/1.0", Duration.ofMillis(1), true); // excluded
                  humans.recordLatency("bot/1.0", 1, TimeUnit.MILLISECONDS, true);
                  humans.recordLatencyNanos("bot/1.0", 1, true);
                  assertEquals(3, t.excludedEvents());
                })));
  }

  @Test
  void onAnEventsSliOnlyTheSuccessFlagCounts() {
    SloRecorder t = StateFixtures.registry(ManualTimeSource.startingAt(StateFixtures.START)).register(StateFixtures.events("events", 30));
    t.recordLatency(Duration.ofHours(1), true);
    t.recordLatency(1, TimeUnit.DAYS, true);
    t.recordLatencyNanos(1, false);
    t.recordLatency(null, true);
    assertEquals(new EventCounts(3, 4), t.cumulative());
  }

  private static List<Long> asList(long[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }
}
