package io.github.slo4j.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.BudgetPolicy;
import io.github.slo4j.monitor.PolicyDecision;
import io.github.slo4j.monitor.SloMonitor;
import io.github.slo4j.replay.IntervalStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Corrections are auditable decisions: each goes into the policy's enforcement history with its
 * reason, author, windows, resolution and the budget corrected and uncorrected, and a correction
 * cannot hide an exhausted budget from the meta-signal.
 */
class CorrectionAuditTest {
  private static final long IV = 10_000;
  private static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
  private static final long MONTH = Duration.ofDays(31).toMillis() / IV;
  private static final SloDefinition SLO = SloDefinition.builder("checkout-availability").service("checkout")
      .objective(Objective.percent("99.9")).period(CompliancePeriod.calendarMonth(ZoneOffset.UTC)).build();
  private static final Target EVENTS = SLO.targets().get(0);
  private static final long OUTAGE_FROM = Instant.parse("2026-01-20T10:00:00Z").toEpochMilli();
  private static final long OUTAGE_TO = Instant.parse("2026-01-20T11:30:00Z").toEpochMilli();
  /** Half the budget's error ratio (one bad event every other interval), and 30 % during the outage. */
  private static final LongUnaryOperator OUTAGE = s -> s >= OUTAGE_FROM && s < OUTAGE_TO ? 300 : (s / IV) % 2;

  private static final BudgetPolicy POLICY = BudgetPolicy.builder("checkout-policy", "3")
      .approvedBy("Dana Ruiz, VP Engineering", Instant.parse("2025-12-01T00:00:00Z")).freezeWhenExhausted().build();

  private static IntervalStore january(long intervals) {
    IntervalStore store = new IntervalStore(SLO, JAN.toEpochMilli(), Duration.ofMillis(IV));
    long[] good = new long[1];
    long[] total = {1000};
    for (long i = 0; i < intervals; i++) {
      good[0] = 1000 - OUTAGE.applyAsLong(JAN.toEpochMilli() + i * IV);
      store.append(good, total);
    }
    return store;
  }

  private static BudgetCorrection cdnOutage() {
    return BudgetCorrection.builder("cdn-outage")
        .window(Instant.ofEpochMilli(OUTAGE_FROM), Instant.ofEpochMilli(OUTAGE_TO))
        .reason("CDN provider outage, postmortem PM-42").author("bob").declaredAt(Instant.parse("2026-01-31T12:00:00Z"))
        .build();
  }

  @Test
  void aCorrectionGoesIntoThePolicysEnforcementHistoryThroughTheDecisionListener() {
    IntervalStore store = january(MONTH);
    CorrectedReader reader = CorrectedReader.over(store, Duration.ofMillis(IV));
    List<PolicyDecision> heard = new ArrayList<>();
    SloMonitor monitor = SloMonitor.builder(SLO).rules(AlertRules.defaults(SLO)).policy(POLICY)
        .decisionListener(heard::add).build(reader);
    AppliedCorrection applied = reader.apply(cdnOutage());
    monitor.evaluate(store.asOfMillis());

    List<PolicyDecision> corrections = new ArrayList<>();
    heard.forEach(d -> { if (d.kind() == PolicyDecision.Kind.CORRECTION_APPLIED) corrections.add(d); });
    assertEquals(1, corrections.size(), "one decision for the one target: " + heard);
    PolicyDecision d = corrections.get(0);
    assertEquals(monitor.enforcementHistory(), heard, "the listener hears what the history keeps");
    assertTrue(d.enforcement());
    assertEquals("correction", d.clause());
    assertEquals(Instant.parse("2026-02-01T00:00:00Z"), d.at());
    PolicyDecision.Correction c = d.correction().orElseThrow();
    assertEquals(applied, c.applied());
    assertEquals("cdn-outage", c.applied().correctionId());
    assertEquals("CDN provider outage, postmortem PM-42", c.applied().reason());
    assertEquals("bob", c.applied().author());
    assertEquals("[2026-01-20T10:00:00Z, 2026-01-20T11:30:00Z)", c.applied().windows());
    assertEquals(Optional.of(Duration.ofMillis(IV)), c.applied().retroactiveResolution());
    // 540 intervals of 300 bad events in 1,000 leave the corrected month, not the uncorrected one; the
    // other 267,300 intervals have one bad event every other interval: 133,650
    CorrectedReader.Figures f = reader.figures(EVENTS);
    assertEquals(List.of(f.corrected().good(), f.corrected().total()), List.of(c.corrected().good(), c.corrected().total()));
    assertEquals(List.of(f.uncorrected().good(), f.uncorrected().total()),
        List.of(c.uncorrected().good(), c.uncorrected().total()));
    assertEquals(540 * 300L, c.uncorrected().bad() - c.corrected().bad());
    assertEquals("2026-02-01T00:00:00Z correction-applied (checkout-policy 3 correction) checkout-availability/events:"
        + " correction cdn-outage by bob (\"CDN provider outage, postmortem PM-42\"), declared 2026-01-31T12:00:00Z,"
        + " applied 2026-02-01T00:00:00Z, windows [2026-01-20T10:00:00Z, 2026-01-20T11:30:00Z): retroactive at 10s;"
        + " period budget corrected 50% spent (133650 of 267300000 events bad), uncorrected 110% spent (295650 of 267840000"
        + " events bad)",
        d.toString());
  }

  @Test
  void aCorrectionThatLiftsTheCorrectedBudgetAboveZeroStillReportsTheUncorrectedExhaustion() {
    IntervalStore store = january(MONTH - 1);
    CorrectedReader reader = CorrectedReader.over(store, Duration.ofMillis(IV));
    SloMonitor monitor = SloMonitor.builder(SLO).rules(AlertRules.defaults(SLO)).policy(POLICY).build(reader);
    monitor.evaluate(store.asOfMillis());
    assertTrue(monitor.frozen(), "the outage exhausts the budget: frozen");
    assertEquals(List.of(), monitor.health().problems(), "a freeze in force is no problem");

    reader.apply(cdnOutage());
    store.append(new long[] {1000}, new long[] {1000});
    monitor.evaluate(store.asOfMillis());
    assertFalse(monitor.frozen(), "corrected, the budget recovered: " + monitor.enforcementHistory());
    assertTrue(monitor.health().budgets().get("events").remaining().getAsDouble() > 0, monitor.health().toString());
    assertEquals(List.of("budget of events exhausted before corrections (110% of the period's projected budget spent as"
        + " recorded; 50% spent (133649 of 267300000 events bad) after corrections) with no freeze in force: corrections must"
        + " not hide an exhausted budget"), monitor.health().problems());
  }

  @Test
  void withoutAPolicyTheUncorrectedExhaustionIsStillReported() {
    IntervalStore store = january(MONTH);
    CorrectedReader reader = CorrectedReader.over(store, Duration.ofMillis(IV));
    SloMonitor monitor = SloMonitor.builder(SLO).rules(AlertRules.defaults(SLO)).build(reader);
    reader.apply(cdnOutage());
    monitor.evaluate(store.asOfMillis());
    assertEquals(List.of("budget of events exhausted before corrections (110% of the period's projected budget spent as"
        + " recorded; 50% spent (133650 of 267300000 events bad) after corrections) with no freeze in force: no"
        + " error-budget policy governs SLO checkout-availability"), monitor.health().problems());
  }

  @Test
  void overTheRawStoreNothingIsReportedBeforeCorrections() {
    IntervalStore store = january(MONTH);
    SloMonitor monitor = SloMonitor.builder(SLO).rules(AlertRules.defaults(SLO)).build(store);
    monitor.evaluate(store.asOfMillis());
    assertEquals(List.of("budget of events exhausted (110% of the period's projected budget spent) with no freeze in"
        + " force: no error-budget policy governs SLO checkout-availability"), monitor.health().problems());
  }
}
