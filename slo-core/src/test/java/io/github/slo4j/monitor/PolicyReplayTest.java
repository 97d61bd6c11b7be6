package io.github.slo4j.monitor;

import static io.github.slo4j.monitor.Slos.START;
import static io.github.slo4j.monitor.Slos.at;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ChangeMarker;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.PolicyDecision.Kind;
import io.github.slo4j.replay.Replay.Point;
import io.github.slo4j.replay.Replay.Traffic;
import io.github.slo4j.replay.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Error-budget policies replayed on a 99.9 %, rolling 7-day SLO at 100 requests/s: the 7-day
 * window holds 60,480,000 events and so allows 60,480 bad ones (10m4.8s of full outage).
 */
class PolicyReplayTest {
  private static final SloDefinition SLO = Slos.week();
  private static final Instant APPROVED = Instant.parse("2025-12-15T09:00:00Z");

  private static BudgetPolicy.Builder policy() {
    return BudgetPolicy.builder("search-budget-policy", "3").approvedBy("Dana Ruiz, VP Engineering", APPROVED);
  }

  /** Seven clean days, a 12-minute full outage (72,000 bad), then clean until it slides out. */
  private static Traffic outageOfTwelveMinutes() {
    return Traffic.phases()
        .steady(ofDays(7), 100, 0)
        .steady(ofMinutes(12), 100, 1.0)
        .steady(ofDays(7).minusMinutes(2), 100, 0)
        .build();
  }

  private static List<Kind> kinds(List<PolicyDecision> ds) {
    return ds.stream().map(PolicyDecision::kind).collect(Collectors.toList());
  }

  @Test
  void freezesWhenTheBudgetIsExhaustedAndUnfreezesPastTheHysteresisMargin() {
    // Exhausted once 100 × d >= 60,480: d >= 604.8 s -> FREEZE at +7d10m10s.
    // The outage slides out of the window from +14d on; bad = 100 × (720 − s) must drop below
    // 95 % of 60,480 (57,456): s > 145.44 -> UNFREEZE at +14d2m30s.
    List<ReleaseDecision> gates = new ArrayList<>();
    Replay.Result r =
        Replay.of(SLO)
            .policy(policy().freezeWhenExhausted().build())
            .traffic(outageOfTwelveMinutes())
            .at(ofDays(8), m -> {
              gates.add(m.mayShip(ChangeMarker.deploy("search", "7.1.0", at(ofDays(8)))));
              gates.add(m.mayShip(ChangeMarker.deploy("search", "7.0.1", at(ofDays(8)))
                  .withCategory(ChangeMarker.Category.SECURITY)));
              gates.add(m.mayShip(ChangeMarker.config("search.cache", "off", at(ofDays(8)))
                  .withCategory(ChangeMarker.Category.RELIABILITY)));
            })
            .run();
    List<PolicyDecision> enforcement = r.monitor().enforcementHistory();
    assertEquals(List.of(Kind.FREEZE, Kind.UNFREEZE), kinds(enforcement));
    assertEquals(at(ofDays(7).plusSeconds(610)), enforcement.get(0).at());
    assertEquals(at(ofDays(14).plusSeconds(150)), enforcement.get(1).at());
    PolicyDecision freeze = enforcement.get(0);
    assertEquals("search-budget-policy", freeze.policyId());
    assertEquals("3", freeze.policyVersion());
    assertEquals("freeze", freeze.clause());
    assertEquals("search-availability", freeze.sloId());
    assertEquals("events", freeze.target().name());
    assertEquals(
        "budget exhausted: 101% of the period's projected budget spent; non-critical releases are frozen until more than 5% of the budget is back;"
            + " reliability and security fixes are exempt",
        freeze.message());
    // 100 × (720 − 150) = 57,000 bad of 60,480 allowed: 5.75 % remaining.
    assertEquals("budget recovered: 5.75% of the period's projected budget remaining (more than 5%); releases may ship again", enforcement.get(1).message());

    assertFalse(gates.get(0).allowed());
    assertEquals(
        "SLO search-availability is frozen since 2026-01-08T00:10:10Z by policy search-budget-policy v3 clause freeze"
            + " (budget exhausted); only reliability or security fixes may ship",
        gates.get(0).reason());
    assertTrue(gates.get(1).allowed());
    assertTrue(gates.get(1).reason().endsWith(", but security fixes are exempt"), gates.get(1).reason());
    assertTrue(gates.get(2).allowed());

    ReleaseDecision after = r.monitor().mayShip(ChangeMarker.deploy("search", "7.1.0", r.end()));
    assertTrue(after.allowed());
    assertEquals(
        "no release freeze in force for SLO search-availability under policy search-budget-policy v3", after.reason());
  }

  @Test
  void withoutHysteresisItUnfreezesAsSoonAsTheBudgetIsBack() {
    // bad = 100 × (720 − s) < 60,480 once s > 115.2 -> UNFREEZE at +14d2m.
    Replay.Result r =
        Replay.of(SLO).policy(policy().freezeWhenExhausted(0).build()).traffic(outageOfTwelveMinutes()).run();
    List<PolicyDecision> e = r.monitor().enforcementHistory();
    assertEquals(at(ofDays(14).plusSeconds(120)), e.get(1).at());
  }

  /**
   * Errors that keep the budget hovering at exactly its edge: 11 bad of 1,000 events in one
   * interval out of every 11 (0.1 % on average). The 7-day window holds 60,480 intervals, 2 more
   * than a multiple of 11, so it holds 60,478 or 60,489 bad events as the spikes enter and leave.
   */
  private static Traffic hoveringAtTheEdge(Duration length) {
    List<Point> points = new ArrayList<>();
    long n = length.toSeconds() / 10;
    for (long i = 0; i < n; i++) {
      long bad = i % 11 == 0 ? 11 : 0;
      points.add(new Point(START.plusSeconds(i * 10), 1000 - bad, 1000));
    }
    return Traffic.recorded(points);
  }

  @Test
  void hysteresisStopsAFreezeFromFlapping() {
    Traffic edge = hoveringAtTheEdge(ofDays(8));
    Replay.Result flapping = Replay.of(SLO).policy(policy().freezeWhenExhausted(0).build()).traffic(edge).run();
    List<Kind> flaps = kinds(flapping.monitor().enforcementHistory());
    assertTrue(flaps.size() > 1000, "a freeze without hysteresis flaps: " + flaps.size() + " decisions");

    Replay.Result steady = Replay.of(SLO).policy(policy().freezeWhenExhausted().build()).traffic(edge).run();
    assertEquals(List.of(Kind.FREEZE), kinds(steady.monitor().enforcementHistory()));
    // The first freeze: the 5,499th spike makes 60,489 >= 60,480 bad, at interval 60,478.
    assertEquals(at(ofSeconds(60_479 * 10)), steady.monitor().enforcementHistory().get(0).at());
  }

  @Test
  void anOverriddenFreezeIsReportedAsBudgetExhaustedWithNoFreezeInForce() {
    List<SloHealth> health = new ArrayList<>();
    Replay.Result r =
        Replay.of(SLO)
            .policy(policy().freezeWhenExhausted().build())
            .traffic(outageOfTwelveMinutes())
            .at(ofDays(7).plusHours(1), m -> health.add(m.health()))
            .at(ofDays(8), m -> m.overrideFreeze("alice", "quarterly launch, approved by the VP"))
            .at(ofDays(9), m -> health.add(m.health()))
            .run();
    assertTrue(health.get(0).frozen());
    assertEquals(List.of(), health.get(0).problems());
    assertEquals(java.util.Optional.of(ofMinutes(49).plusSeconds(50)), health.get(0).sinceLastFreeze());

    assertFalse(health.get(1).frozen());
    assertEquals(
        List.of(
            "budget of events exhausted (119% of the period's projected budget spent) with no freeze in force: the freeze was overridden by alice"
                + " at 2026-01-09T00:00:00Z (quarterly launch, approved by the VP)"),
        health.get(1).problems());
    List<PolicyDecision> e = r.monitor().enforcementHistory();
    // No second freeze while the override holds; it lapses when the budget recovers.
    assertEquals(List.of(Kind.FREEZE, Kind.FREEZE_OVERRIDDEN), kinds(e));
    assertEquals(at(ofDays(8)), e.get(1).at());
    assertTrue(r.decisions().contains(e.get(1)));
    assertEquals(List.of(), r.monitor().health().problems());
  }

  @Test
  void anOverrideWithoutAFreezeIsABadSequence() {
    Replay.Result r =
        Replay.of(SLO).policy(policy().freezeWhenExhausted().build()).traffic(Traffic.steady(100, 0)).duration(ofHours(1)).run();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> r.monitor().overrideFreeze("bob", "hotfix"));
    assertEquals(
        "no freeze in force for SLO search-availability under policy search-budget-policy v3 (expected a freeze to override)",
        e.getMessage());
  }

  @Test
  void anExhaustedBudgetWithoutAFreezeClauseOrPolicyIsReported() {
    Replay.Result noClause =
        Replay.of(SLO).policy(policy().postmortemAt(0.2).build()).traffic(outageOfTwelveMinutes()).duration(ofDays(8)).run();
    assertEquals(
        List.of("budget of events exhausted (119% of the period's projected budget spent) with no freeze in force: policy search-budget-policy v3"
            + " has no freeze clause"),
        noClause.monitor().health().problems());
    Replay.Result noPolicy = Replay.of(SLO).traffic(outageOfTwelveMinutes()).duration(ofDays(8)).run();
    assertEquals(
        List.of("budget of events exhausted (119% of the period's projected budget spent) with no freeze in force: no error-budget policy governs"
            + " SLO search-availability"),
        noPolicy.monitor().health().problems());
    assertTrue(noPolicy.monitor().mayShip(ChangeMarker.deploy("search", "1", r0())).allowed());
  }

  private static Instant r0() {
    return START;
  }

  /** Seven clean days of 1,000 events per interval, then {@code bad} bad events spread 1,000 a tick. */
  private static Traffic incidentOf(long bad) {
    List<Point> points = new ArrayList<>();
    long n = ofDays(7).plusHours(2).toSeconds() / 10;
    long left = bad;
    for (long i = 0; i < n; i++) {
      long b = i >= 60_480 ? Math.min(1000, left) : 0;
      left -= b;
      points.add(new Point(START.plusSeconds(i * 10), 1000 - b, 1000));
    }
    return Traffic.recorded(points);
  }

  @Test
  void oneEpisodeBurningTwentyPercentRequiresAPostmortem() {
    // 20 % of 60,480 is 12,096 bad events, reached at the 13th tick of the incident.
    Replay.Result r = Replay.of(SLO).policy(policy().postmortemAt(0.2).build()).traffic(incidentOf(12_096)).run();
    assertEquals(List.of(Kind.POSTMORTEM_REQUIRED), kinds(r.decisions()));
    PolicyDecision d = r.decisions().get(0);
    assertEquals(at(ofDays(7).plusSeconds(130)), d.at());
    assertEquals("postmortem", d.clause());
    assertEquals(
        "the alert episode that started firing at 2026-01-08T00:00:20Z (page 1h/5m > 3.36) spent 20% of the"
            + " period's projected budget (at least 20%): a postmortem is required",
        d.message());
    // One bad event fewer is 19.998 %: no postmortem.
    Replay.Result below = Replay.of(SLO).policy(policy().postmortemAt(0.2).build()).traffic(incidentOf(12_095)).run();
    assertEquals(List.of(), below.decisions());
    // The episode's payload says how much it cost when it resolved.
    assertEquals(
        12_095.0 / 60_480,
        below.transitions().get(below.transitions().size() - 1).alert().episodeProjectedBudgetConsumed().getAsDouble(),
        1e-12);
  }

  @Test
  void targetReviewGivesVerdictsFromTheLongWindowBurnAveragedOverTheHorizon() {
    // 0.2 % errors burn at 2 (too tight), then 0.1 % at 1 (calibrated), then 0.01 % at 0.1 (too loose).
    BudgetPolicy review = policy().reviewTarget(ofDays(1), ofDays(2), 1.5, 0.3).build();
    Replay.Result r =
        Replay.of(SLO)
            .policy(review)
            .traffic(
                Traffic.phases()
                    .steady(ofDays(3), 100, 0.002)
                    .steady(ofDays(3), 100, 0.001)
                    .steady(ofDays(4), 100, 0.0001)
                    .build())
            .run();
    assertEquals(List.of(Kind.TARGET_TOO_TIGHT, Kind.TARGET_CALIBRATED, Kind.TARGET_TOO_LOOSE), kinds(r.decisions()));
    // Hourly samples from +1h; the first verdict once they span the 2-day horizon, at +49h.
    PolicyDecision tight = r.decisions().get(0);
    assertEquals(at(ofHours(49)), tight.at());
    assertEquals(
        "the burn rate over 1d averaged 2 over the last 2d (above 1.5): the target is tighter than the service keeps;"
            + " review it",
        tight.message());
    assertEquals(java.util.Optional.of(Calibration.TOO_LOOSE), r.monitor().health().calibration());
  }

  @Test
  void multiWindowStepsResetFasterThanSingleWindowOnes() {
    SloDefinition slo = Slos.workbook();
    BudgetPolicy steps =
        BudgetPolicy.builder("checkout-policy", "1")
            .approvedBy("Dana Ruiz", APPROVED)
            .step("fast-burn", ofHours(1), 9, "fast burn: page the on-call", "fast burn over")
            .step("slow-burn", ofHours(6), ofMinutes(30), 3, "slow burn: open a ticket", "slow burn over")
            .step("slow-burn-single", ofHours(6), 3, "slow burn (single window)", "over (single window)")
            .build();
    // A 5 % error burst (burn 50) for 30 minutes after a clean day.
    Replay.Result r =
        Replay.of(slo)
            .policy(steps)
            .traffic(Traffic.phases().steady(ofDays(1), 100, 0).steady(ofMinutes(30), 100, 0.05).steady(ofHours(7), 100, 0).build())
            .run();
    List<String> lines = r.decisions().stream()
        .map(d -> "+" + Duration.between(at(ofDays(1)), d.at()).toSeconds() + "s " + d.clause() + " " + d.kind())
        .collect(Collectors.toList());
    // fast-burn: 0.05 × d ÷ 3600 > 0.009 once d > 648 s; on track once the overlap of the burst
    // with the last hour (5400 − t) is at most 648 s: t >= 4752 s.
    // slow-burn: 6 h: 0.05 × d ÷ 21600 > 0.003 once d > 1296 s; its 30 m window clears once the
    // overlap (3600 − t) is at most 108 s: t >= 3492 s. Single-window: only once the 6 h window
    // clears, overlap (23400 − t) <= 1296 s: t >= 22104 s.
    assertEquals(
        List.of(
            "+650s fast-burn STEP_BREACHED",
            "+1300s slow-burn STEP_BREACHED",
            "+1300s slow-burn-single STEP_BREACHED",
            "+3500s slow-burn STEP_ON_TRACK",
            "+4760s fast-burn STEP_ON_TRACK",
            "+22110s slow-burn-single STEP_ON_TRACK"),
        lines);
    assertTrue(r.decisions().get(0).message().startsWith("fast burn: page the on-call (burn 9.03 over 1h; threshold 9)"),
        r.decisions().get(0).message());
  }

  @Test
  void aCalendarMonthsBudgetResetsAtTheStartOfTheMonth() {
    SloDefinition monthly = SloDefinition.builder("billing-availability").service("billing")
        .objective(io.github.slo4j.Objective.percent("99.9"))
        .period(io.github.slo4j.CompliancePeriod.calendarMonth(java.time.ZoneOffset.UTC)).build();
    // January has 31 days: at 100/s its budget is 0.001 × 100 × 31 d = 267,840 bad events (the
    // month's events projected from the days seen). A full outage from Jan 31 00:00 exhausts it
    // once 100 × d >= 267,840: d >= 2678.4 s -> FREEZE at 00:44:40. February starts afresh: the
    // first tick with February data, 00:00:10, finds nothing spent -> UNFREEZE.
    Replay.Result r =
        Replay.of(monthly)
            .policy(policy().freezeWhenExhausted().build())
            .traffic(Traffic.phases()
                .steady(ofDays(30), 100, 0)
                .steady(ofHours(1), 100, 1.0)
                .steady(ofDays(1), 100, 0)
                .build())
            .run();
    List<PolicyDecision> e = r.monitor().enforcementHistory();
    assertEquals(List.of(Kind.FREEZE, Kind.UNFREEZE), kinds(e));
    assertEquals(Instant.parse("2026-01-31T00:44:40Z"), e.get(0).at());
    assertEquals(Instant.parse("2026-02-01T00:00:10Z"), e.get(1).at());
  }
}
