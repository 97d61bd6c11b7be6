package io.github.slo4j.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.monitor.SloMonitor;
import io.github.slo4j.replay.IntervalStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FireDrillTest {
  private static final long IV = 10_000;
  private static final Instant DAY = Instant.parse("2026-01-10T00:00:00Z");
  private static final SloDefinition SLO = SloDefinition.builder("checkout-availability").service("checkout")
      .objective(Objective.percent("99.9")).period(CompliancePeriod.calendarMonth(ZoneOffset.UTC)).build();
  private static final Target EVENTS = SLO.targets().get(0);

  private static FireDrill drill() {
    return FireDrill.of("game-day-1", Instant.parse("2026-01-10T14:00:00Z"), Duration.ofMinutes(30), 0.2, "alice");
  }

  @Test
  void aDrillPagesWithinThePredictedDetectionTimeAndLeavesTheBudgetUntouched() {
    IntervalStore store = new IntervalStore(SLO, DAY.toEpochMilli(), Duration.ofMillis(IV));
    CorrectedReader corrected = CorrectedReader.over(store, Duration.ofMillis(IV));
    FireDrill drill = drill();
    AppliedCorrection applied = corrected.start(drill);
    AlertRules rules = AlertRules.defaults(SLO);
    List<AlertTransition> transitions = new ArrayList<>();
    List<AlertTransition> delivered = new ArrayList<>();
    SloMonitor monitor = SloMonitor.builder(SLO).rules(rules).listener(transitions::add)
        .listener(corrected.suppressing(delivered::add)).build(corrected);
    long[] good = {1000};
    long[] total = new long[1];
    long synthetic = 0;
    for (long i = 0; i < 8640; i++) {
      long bad = corrected.inject(drill, DAY.toEpochMilli() + i * IV, 1000);
      synthetic += bad;
      total[0] = 1000 + bad;
      store.append(good, total);
      monitor.evaluate(store.asOfMillis());
    }
    assertEquals(180 * 250L, synthetic, "30 minutes of 250 bad per 1,000 good: an error ratio of 0.2");

    DrillReport report = drill.report(EVENTS, rules, transitions);
    DrillReport.Tier page = report.tiers().get(0);
    assertEquals(Severity.PAGE, page.tier().severity());
    // 14.4 × 0.001 × 1 h ÷ 0.2 = 259.2 s; the monitor sees it at the next 10 s boundary at the latest
    assertEquals(Duration.ofMillis(259_200), page.predicted().orElseThrow());
    Duration fired = page.timeToFire().orElseThrow(() -> new AssertionError("no page: " + report));
    assertTrue(fired.compareTo(page.predicted().get().plusMillis(IV)) <= 0, report.toString());
    assertTrue(page.timeToResolve().orElseThrow().compareTo(Duration.ofMinutes(30)) > 0, report.toString());
    assertEquals(transitions.stream().filter(AlertTransition::notifies).count(),
        delivered.stream().filter(AlertTransition::notifies).count(), "a drill's alerts are not suppressed");
    assertEquals(List.of(), corrected.suppressed());

    CorrectedReader.Figures f = corrected.figures(EVENTS);
    assertEquals(List.of(8_640_000L, 8_640_000L), List.of(f.corrected().good(), f.corrected().total()), "budget untouched");
    assertEquals(synthetic, f.uncorrected().bad());
    assertEquals("fire drill game-day-1", applied.correction().reason());
    assertEquals("alice", applied.correction().author());
  }

  @Test
  void twoDrillsCannotOverlapOnOneSlo() {
    IntervalStore store = new IntervalStore(SLO, DAY.toEpochMilli(), Duration.ofMillis(IV));
    CorrectedReader corrected = CorrectedReader.over(store, Duration.ofMillis(IV));
    corrected.start(drill());
    FireDrill second = FireDrill.of("game-day-2", Instant.parse("2026-01-10T14:29:50Z"), Duration.ofMinutes(5), 0.5, "bob");
    assertEquals("drill: FireDrill[game-day-2: 2026-01-10T14:29:50Z for 5m at 0.5 by bob] (expected no overlap with"
        + " FireDrill[game-day-1: 2026-01-10T14:00:00Z for 30m at 0.2 by alice])",
        assertThrows(IllegalArgumentException.class, () -> corrected.start(second)).getMessage());
    corrected.start(FireDrill.of("game-day-3", Instant.parse("2026-01-10T14:30:00Z"), Duration.ofMinutes(5), 0.5, "bob"));
    assertEquals(2, corrected.applied().size());
  }

  @Test
  void injectingADrillNotStartedIsRefused() {
    CorrectedReader corrected = CorrectedReader.over(new IntervalStore(SLO, DAY.toEpochMilli(), Duration.ofMillis(IV)), Duration.ofMillis(IV));
    assertEquals("drill game-day-1 not started on this reader (expected start(drill) first)",
        assertThrows(IllegalStateException.class, () -> corrected.inject(drill(), DAY.toEpochMilli(), 1000)).getMessage());
  }

  @Test
  void aDrillOutsideTheUnitIntervalIsRefused() {
    Instant t = Instant.parse("2026-01-10T14:00:00Z");
    assertEquals("errorRatio: 1.0 (expected 0 < errorRatio < 1)",
        assertThrows(IllegalArgumentException.class, () -> FireDrill.of("d", t, Duration.ofMinutes(5), 1.0, "a")).getMessage());
    assertEquals("errorRatio: NaN (expected 0 < errorRatio < 1)",
        assertThrows(IllegalArgumentException.class, () -> FireDrill.of("d", t, Duration.ofMinutes(5), Double.NaN, "a")).getMessage());
  }
}
