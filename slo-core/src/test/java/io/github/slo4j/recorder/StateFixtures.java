package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.BudgetingMethod;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** SLOs, registries and comparisons shared by the state tests. */
final class StateFixtures {
  static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  static final Duration BASE = Duration.ofSeconds(10);

  private StateFixtures() {}

  static SloDefinition events(String id, int periodDays) {
    return SloDefinition.builder(id)
        .service("checkout")
        .objective(Objective.percent("99.9"))
        .period(CompliancePeriod.rollingDays(periodDays))
        .build();
  }

  static SloDefinition latency(String id, int periodDays) {
    return SloDefinition.builder(id)
        .service("checkout")
        .sli(
            Sli.latency(
                LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
                LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99"))))
        .period(CompliancePeriod.rollingDays(periodDays))
        .build();
  }

  static SloDefinition timeslices(String id) {
    return SloDefinition.builder(id)
        .service("checkout")
        .objective(Objective.percent("99"))
        .budgeting(BudgetingMethod.timeslices(Duration.ofMinutes(1), Objective.percent("95")))
        .period(CompliancePeriod.rollingDays(7))
        .build();
  }

  static SloDefinition ratioTimeslices(String id) {
    return SloDefinition.builder(id)
        .service("checkout")
        .sli(
            Sli.latency(
                LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
                LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99"))))
        .budgeting(BudgetingMethod.ratioTimeslices(Duration.ofMinutes(5)))
        .period(CompliancePeriod.rollingDays(7))
        .build();
  }

  static SloRegistry registry(ManualTimeSource clock) {
    return SloRegistry.builder().timeSource(clock).manualTicks().build();
  }

  /** Records {@code n} requests: a quarter under 100 ms, a quarter under 500 ms, a quarter slower, a quarter failed. */
  static void recordMix(SloRecorder t, int fast, int mid, int slow, int failed) {
    for (int i = 0; i < fast; i++) {
      t.recordLatency(Duration.ofMillis(50), true);
    }
    for (int i = 0; i < mid; i++) {
      t.recordLatency(Duration.ofMillis(300), true);
    }
    for (int i = 0; i < slow; i++) {
      t.recordLatency(Duration.ofSeconds(2), true);
    }
    for (int i = 0; i < failed; i++) {
      t.recordLatency(Duration.ofMillis(20), false);
    }
  }

  /** Window lengths from the base interval to the period, standard and odd ones. */
  static List<Duration> windows(SloDefinition slo) {
    List<Duration> out = new ArrayList<>();
    Duration max = slo.period().maxLength();
    for (Duration d :
        List.of(
            Duration.ofSeconds(10),
            Duration.ofSeconds(70),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofMinutes(47),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(6),
            Duration.ofHours(13),
            Duration.ofDays(1),
            Duration.ofDays(3),
            Duration.ofDays(7),
            Duration.ofDays(28),
            Duration.ofDays(30))) {
      if (d.compareTo(max) <= 0) {
        out.add(d);
      }
    }
    return out;
  }

  /** Every window of every target (counts and coverage) and the snapshot agree. */
  static void assertSameWindows(SloRecorder expected, SloRecorder actual) {
    assertEquals(expected.asOfMillis(), actual.asOfMillis(), "asOf");
    SloDefinition slo = expected.definition();
    for (Target target : slo.targets()) {
      for (Duration w : windows(slo)) {
        assertEquals(expected.window(target, w), actual.window(target, w), target + " over " + w);
        assertEquals(expected.eventWindow(target, w), actual.eventWindow(target, w), target + " events over " + w);
      }
    }
    SloSnapshot e = expected.snapshot();
    SloSnapshot a = actual.snapshot();
    for (Target target : slo.targets()) {
      assertEquals(e.counts(target), a.counts(target), "snapshot of " + target);
    }
  }

  /** Gap intervals of every standard window agree. */
  static void assertSameGaps(SloRecorder expected, SloRecorder actual) {
    SloSnapshot e = expected.snapshot();
    SloSnapshot a = actual.snapshot();
    for (Duration w : e.windows()) {
      assertEquals(e.gapIntervals(w), a.gapIntervals(w), "gaps over " + w);
    }
  }
}
