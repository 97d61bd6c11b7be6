package io.github.slo4j.monitor;

import static io.github.slo4j.monitor.Slos.at;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.replay.Replay.Traffic;
import io.github.slo4j.replay.Replay;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The default rules fit and can fire for every SLO a user can define: an objective too low for a
 * tier's factor, or a period shorter than a tier's window, gets derived tiers, and the rules say what
 * they derived. Tiers written by hand are still refused when they could never fire or do not fit.
 */
class DefaultRulesForEverySloTest {

  private static SloDefinition slo(String percent, Duration period) {
    return SloDefinition.builder("api").service("api").objective(Objective.percent(percent))
        .period(CompliancePeriod.rolling(period)).build();
  }

  private static AlertTier tier(Severity s, Duration l, Duration sh, double f) {
    return new AlertTier(s, l, sh, f);
  }

  @Test
  void aNinetyPercentLatencyThresholdGetsAFastPageThatCanFire() {
    // At 90 % a full outage burns at 10: the Workbook's 14.4 page could never fire, and the default
    // rules of this SLO used to be refused. Its fast page now fires above half that, 5 (50 % slow).
    SloDefinition latency = SloDefinition.builder("checkout-latency").service("checkout")
        .sli(Sli.latency(
            LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
            LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99"))))
        .build();
    AlertRules rules = AlertRules.defaults(latency);
    assertEquals(
        List.of(
            tier(Severity.PAGE, ofHours(1), ofMinutes(5), 5),
            tier(Severity.PAGE, ofHours(6), ofMinutes(30), 6),
            tier(Severity.TICKET, ofDays(1), ofHours(2), 3),
            tier(Severity.TICKET, ofDays(3), ofHours(6), 1)),
        rules.tiers(latency.targets().get(0)));
    assertEquals(AlertTiers.workbook(), rules.tiers(latency.targets().get(1)));
    assertEquals(
        List.of("target le100ms (90%): page 1h/5m > 14.4 could never fire, a full outage burns at 10; derived"
            + " page 1h/5m > 5, half that burn rate"),
        rules.derivations());

    // Every request slower than 100 ms after a day at 5 %: the 1 h window passes 50 % once the
    // slowdown has lasted more than 30 minutes: the fast page fires at +1800 s + one tick.
    Replay.Result r = Replay.of(latency).rules(rules)
        .traffic(latency.targets().get(0), Traffic.phases().steady(ofDays(1), 100, 0.05).steady(ofHours(1), 100, 1.0).build())
        .traffic(latency.targets().get(1), Traffic.phases().steady(ofDays(1), 100, 0.0).steady(ofHours(1), 100, 0.0).build())
        .run();
    AlertTransition first = r.notifications().get(0);
    assertEquals("checkout-latency/le100ms page 1h/5m > 5", first.alert().id());
    assertEquals(AlertState.FIRING, first.to());
    // (0.05 × (3600 − d) + d) ÷ 3600 > 0.5 once d > 1705.3 s -> the first tick after is +1710 s.
    assertEquals(at(ofDays(1).plusSeconds(1710)), first.at());
  }

  @Test
  void aOneDayPeriodGetsTheWorkbookTiersScaledToFit() {
    // The budget-share tiers need 3 days; a 1-day period used to refuse its own defaults.
    SloDefinition day = slo("99.9", ofDays(1));
    AlertRules rules = AlertRules.defaults(day);
    List<AlertTier> scaled = List.of(
        tier(Severity.PAGE, ofMinutes(2), ofSeconds(10), 14.4),
        tier(Severity.PAGE, ofMinutes(12), ofMinutes(1), 6),
        tier(Severity.TICKET, ofMinutes(48), ofMinutes(4), 3),
        tier(Severity.TICKET, ofMinutes(144), ofMinutes(12), 1));
    assertEquals(scaled, rules.tiers(day.targets().get(0)));
    assertEquals(
        List.of("period 1d is shorter than 3d, the Workbook's longest window: its 30d tiers scaled by 1d / 30d,"
            + " windows rounded to the evaluation interval (10s), factors kept: [page 2m/10s > 14.4,"
            + " page 12m/1m > 6, ticket 48m/4m > 3, ticket 2h24m/12m > 1]"),
        rules.derivations());
    // Each tier still fires after spending the Workbook's share of the budget: 2, 5, 10, 10 %.
    List<Double> shares = scaled.stream().map(t -> t.budgetShare(ofDays(1))).toList();
    assertEquals(List.of(0.02, 0.05, 0.1, 0.1), shares.stream().map(x -> Math.round(x * 1e9) / 1e9).toList());

    // A full outage after a clean day: the 2 m window passes 1.44 % after 1.7 s, at the first tick.
    Replay.Result r = Replay.of(day).rules(rules)
        .traffic(Traffic.phases().steady(ofDays(1), 100, 0).steady(ofMinutes(10), 100, 1.0).build())
        .run();
    assertEquals(at(ofDays(1).plusSeconds(10)), r.notifications().get(0).at());
    assertEquals("api/events page 2m/10s > 14.4", r.notifications().get(0).alert().id());
  }

  @Test
  void aOneHourPeriodDropsTheTierWhoseWindowsRoundToOneInterval() {
    SloDefinition hour = slo("99.9", ofHours(1));
    AlertRules rules = AlertRules.defaults(hour);
    assertEquals(
        List.of(
            tier(Severity.PAGE, ofSeconds(30), ofSeconds(10), 6),
            tier(Severity.TICKET, ofMinutes(2), ofSeconds(10), 3),
            tier(Severity.TICKET, ofMinutes(6), ofSeconds(30), 1)),
        rules.tiers(hour.targets().get(0)));
    assertEquals(
        List.of("period 1h is shorter than 3d, the Workbook's longest window: its 30d tiers scaled by 1h / 30d,"
            + " windows rounded to the evaluation interval (10s), factors kept: [page 30s/10s > 6,"
            + " ticket 2m/10s > 3, ticket 6m/30s > 1]; dropped, their windows round to one interval:"
            + " [page 1h/5m > 14.4]"),
        rules.derivations());
    assertTrue(rules.toString().endsWith(", derived: " + rules.derivations() + "]"), rules.toString());
  }

  @Test
  void aPeriodThatHoldsNoTierAtItsEvaluationIntervalIsRefusedWithTheReason() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AlertRules.builder(slo("99.9", ofHours(1))).evaluationInterval(ofHours(1)).build());
    assertEquals("period: 1h (expected a period that holds at least one default tier at the evaluation interval"
        + " (1h): a long window longer than a short window of at least one interval; give tiers(...) of your own)",
        e.getMessage());
  }

  @Test
  void theWorkbookSloDerivesNothing() {
    AlertRules rules = AlertRules.defaults(Slos.workbook());
    assertEquals(List.of(), rules.derivations());
    assertEquals(AlertTiers.workbook(), rules.tiers(Slos.workbook().targets().get(0)));
    assertEquals(List.of(), AlertRules.defaults(slo("99.9", ofDays(3))).derivations());
  }

  @Test
  void tiersWrittenByHandAreStillRefused() {
    SloDefinition ninety = slo("90", ofDays(30));
    IllegalArgumentException unreachable = assertThrows(IllegalArgumentException.class,
        () -> AlertRules.builder(ninety).tiers(AlertTiers.Strategy.BUDGET_SHARE).build());
    assertEquals("factor: 14.4 (expected < 10, the burn rate of a full outage at 90%, for tier page 1h/5m > 14.4 of"
        + " target events: it could never fire; lower the factor, give this target its own tiers, or call"
        + " allowUnreachableTiers())", unreachable.getMessage());
    IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
        () -> AlertRules.builder(slo("99.9", ofDays(1))).tiers(List.of(AlertTier.of(Severity.PAGE, ofDays(2), 2))).build());
    assertEquals("long window: 2d (expected <= the compliance period (1d) for tier page 2d/4h > 2 of target events)",
        tooLong.getMessage());
  }

  @Test
  void everyDefinableSloGetsDefaultTiersThatFitAndCanFire() {
    // Random objectives (1 % to 99.9999 %), rolling periods (whole minutes from 1 h to 400 d) and
    // evaluation intervals; every default tier must fit the period, be at least one interval, and
    // be able to fire. Calendar periods too.
    long seed = 0xDEFA_0175L;
    SplittableRandom random = new SplittableRandom(seed);
    Duration[] intervals = {ofSeconds(1), ofSeconds(10), ofSeconds(30), ofMinutes(1)};
    for (int i = 0; i < 2_000; i++) {
      String percent = i % 5 == 0
          ? new String[] {"1", "50", "90", "93", "95", "99", "99.9", "99.99", "99.9999"}[random.nextInt(9)]
          : String.valueOf(1 + random.nextInt(98)) + "." + random.nextInt(10_000);
      long minutes = i % 4 == 0 ? 60 + random.nextInt(6 * 24 * 60) : 60 + random.nextLong(400L * 24 * 60 - 59);
      Duration period = ofMinutes(minutes);
      Duration interval = intervals[random.nextInt(intervals.length)];
      SloDefinition slo = slo(percent, period);
      String at = "seed " + Long.toHexString(seed) + " case " + i + ": " + percent + "% over " + period + " at " + interval;
      AlertRules rules = AlertRules.builder(slo).evaluationInterval(interval).build();
      check(rules, slo, at);
    }
    for (CompliancePeriod p : new CompliancePeriod[] {
        CompliancePeriod.calendarMonth(java.time.ZoneOffset.UTC), CompliancePeriod.calendarWeek(java.time.ZoneOffset.UTC)}) {
      for (String percent : new String[] {"1", "90", "99.9", "99.999"}) {
        SloDefinition slo = SloDefinition.builder("api").service("api").objective(Objective.percent(percent)).period(p).build();
        check(AlertRules.defaults(slo), slo, p + " " + percent);
      }
    }
  }

  private static void check(AlertRules rules, SloDefinition slo, String at) {
    Duration period = slo.period().nominalLength();
    for (Target target : slo.targets()) {
      List<AlertTier> tiers = rules.tiers(target);
      assertTrue(!tiers.isEmpty(), at);
      for (AlertTier t : tiers) {
        assertTrue(t.canFire(target.objective()), at + ": " + t + " cannot fire");
        assertTrue(t.longWindow().compareTo(period) <= 0, at + ": " + t + " does not fit");
        assertTrue(t.shortWindow().compareTo(rules.evaluationInterval()) >= 0, at + ": " + t + " below the interval");
      }
    }
  }
}
