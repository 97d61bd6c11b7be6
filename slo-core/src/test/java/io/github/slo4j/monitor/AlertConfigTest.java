package io.github.slo4j.monitor;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ChangeMarker;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.replay.IntervalStore;
import io.github.slo4j.replay.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad configuration fails at construction with a message naming the parameter, the value and what was expected. */
class AlertConfigTest {
  private static final SloDefinition SLO = Slos.workbook();

  private static void fails(String message, Executable e) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
  }

  private static SloDefinition slo(String percent, CompliancePeriod period) {
    return SloDefinition.builder("api").service("api").objective(Objective.percent(percent)).period(period).build();
  }

  @Test
  void aTierThatCanNeverFireIsRefusedUnlessAllowed() {
    // At 90 % a full outage burns at 10: the Workbook's 14.4 page can never fire.
    SloDefinition ninety = slo("90", CompliancePeriod.rollingDays(30));
    fails(
        "factor: 14.4 (expected < 10, the burn rate of a full outage at 90%, for tier page 1h/5m > 14.4 of target"
            + " events: it could never fire; lower the factor, give this target its own tiers, or call"
            + " allowUnreachableTiers())",
        () -> AlertRules.builder(ninety).tiers(AlertTiers.workbook()).build());
    // (The default tiers are derived instead: DefaultRulesForEverySloTest.)
    // Exactly at the maximum is refused too: a ratio cannot be strictly greater than 1.
    fails(
        "factor: 10 (expected < 10, the burn rate of a full outage at 90%, for tier page 1h/5m > 10 of target"
            + " events: it could never fire; lower the factor, give this target its own tiers, or call"
            + " allowUnreachableTiers())",
        () -> AlertRules.builder(ninety).tiers(List.of(AlertTier.of(Severity.PAGE, ofHours(1), 10))).build());
    AlertRules kept = AlertRules.builder(ninety).tiers(AlertTiers.workbook()).allowUnreachableTiers().build();
    assertEquals(AlertTiers.workbook(), kept.tiers(ninety.targets().get(0)));
    assertTrue(AlertTier.of(Severity.PAGE, ofHours(1), 9.99).canFire(Objective.percent("90")));
  }

  @Test
  void windowsLongerThanThePeriodAreRefused() {
    SloDefinition day = slo("99.9", CompliancePeriod.rollingDays(1));
    fails(
        "long window: 2d (expected <= the compliance period (1d) for tier page 2d/4h > 2 of target events)",
        () -> AlertRules.builder(day).tiers(List.of(AlertTier.of(Severity.PAGE, ofDays(2), 2))).build());
    // Budget-share tiers need a period of at least their longest window, 3 days. (The default
    // tiers are scaled to fit instead: DefaultRulesForEverySloTest.)
    fails("long window: 3d (expected <= the compliance period (1d))",
        () -> AlertRules.builder(day).tiers(AlertTiers.Strategy.BUDGET_SHARE));
    fails(
        "no-data silence: 2d (expected <= the compliance period (1d) for the no-data alert)",
        () -> AlertRules.builder(day)
            .tiers(List.of(AlertTier.of(Severity.PAGE, ofHours(1), 14.4)))
            .noDataAfter(ofDays(2), Severity.TICKET)
            .build());
  }

  @Test
  void windowsThatRoundToZeroAreRefused() {
    // A 1-minute long window has a 5 s short window: less than one 10 s interval.
    fails(
        "short window: 5s (expected >= the evaluation interval (10s) for tier page 1m/5s > 14.4 of target events;"
            + " a shorter window rounds to zero intervals)",
        () -> AlertRules.builder(SLO).tiers(List.of(AlertTier.of(Severity.PAGE, ofMinutes(1), 14.4))).build());
    // Scaled windows round to the minute; at 1 day the fast page's short window is 10.7 s -> 0 m.
    fails(
        "short window: 1d / 8064 = 10s714ms285us714ns (expected a window of at least 1m after rounding to the minute;"
            + " use a longer period or budget-share tiers)",
        () -> AlertTiers.scaledWindows(ofDays(1)));
    fails("short window: 0s (expected a duration > 0)", () -> AlertTier.of(Severity.PAGE, Duration.ofMillis(11), 2));
    fails("short window: 1h (expected < long window (1h))",
        () -> new AlertTier(Severity.PAGE, ofHours(1), ofHours(1), 2));
    fails("factor: 0.0 (expected a finite number > 0)", () -> AlertTier.of(Severity.PAGE, ofHours(1), 0));
  }

  @Test
  void theScaledWindowsStrategyAppliesToTheSlosPeriod() {
    AlertRules rules = AlertRules.builder(SLO).tiers(AlertTiers.Strategy.SCALED_WINDOWS).build();
    assertEquals(AlertTiers.scaledWindows(ofDays(30)), rules.tiers(SLO.targets().get(0)));
    assertEquals(
        "[page 1h4m/5m > 14, page 6h26m/32m > 7, ticket 1d1h43m/2h9m > 2, ticket 4d6h51m/6h26m > 1]",
        rules.tiers(SLO.targets().get(0)).toString());
  }

  @Test
  void tierListsAreChecked() {
    fails("tiers: [] (expected at least one tier)", () -> AlertRules.builder(SLO).tiers(List.of()));
    AlertTier t = AlertTier.of(Severity.PAGE, ofHours(1), 14.4);
    fails(
        "tiers: [page 1h/5m > 14.4, page 1h/5m > 14.4] (expected distinct tiers; page 1h/5m > 14.4 appears twice)",
        () -> AlertRules.builder(SLO).tiers(List.of(t, t)));
    SloDefinition other = SloDefinition.builder("other").service("other").objective(Objective.percent("99")).build();
    fails(
        "target: events 99% (expected one of [events 99.9%])",
        () -> AlertRules.builder(SLO).tiers(other.targets().get(0), List.of(t)));
    fails("minEvents: -1 (expected >= 0)", () -> AlertRules.builder(SLO).minEvents(-1));
    fails("evaluation interval: 1h1m (expected a whole number of milliseconds up to 1h)",
        () -> AlertRules.builder(SLO).evaluationInterval(ofMinutes(61)));
    fails(
        "suppression: ticket -> page (expected no severity that both suppresses and is suppressed (current: {page=[ticket]}))",
        () -> AlertRules.builder(SLO).suppress(Severity.TICKET, Severity.PAGE));
  }

  @Test
  void linkTemplatesAreValidatedAtConstruction() {
    fails(
        "link template traces: 'https://traces.example.com/?s={srvice}' (expected placeholders among {service},"
            + " {slo}, {target}, {severity}, {window}, {start}, {end}, {startIso}, {endIso}, {startSeconds},"
            + " {endSeconds}, {startMicros}, {endMicros}; {srvice} is unknown)",
        () -> AlertRules.builder(SLO).link("traces", "https://traces.example.com/?s={srvice}"));
    fails(
        "link template traces: 'https://x.example.com/?s={service' (expected a '}' closing the '{' at index 25)",
        () -> AlertRules.builder(SLO).link("traces", "https://x.example.com/?s={service"));
    fails(
        "link template traces: 'https://x.example.com/?s=service}' (expected a '{' before the '}' at index 32)",
        () -> AlertRules.builder(SLO).link("traces", "https://x.example.com/?s=service}"));
    fails(
        "link template dashboard: '/d/red?slo={slo}' (expected an absolute URI such as https://... once expanded)",
        () -> AlertRules.builder(SLO).link("dashboard", "/d/red?slo={slo}"));
  }

  @Test
  void everyAlertCanBeRequiredToHaveARunbookWithAnOwner() {
    SloDefinition bare = slo("99.9", CompliancePeriod.rollingDays(30));
    fails(
        "runbook: none for page alerts of SLO api (expected a runbook with a named owner for every alert"
            + " (requireRunbookWithOwner): SloDefinition.Builder.runbook(...) or AlertRules.Builder.runbook(severity,"
            + " template, owner))",
        () -> AlertRules.builder(bare).requireRunbookWithOwner().build());
    fails(
        "owner: none for the runbook of page alerts of SLO api (expected a named owner for every runbook"
            + " (requireRunbookWithOwner): SloDefinition.Builder.owner(...) or AlertRules.Builder.runbook(severity,"
            + " template, owner))",
        () -> AlertRules.builder(bare).link("runbook", "https://wiki.example.com/{slo}").requireRunbookWithOwner().build());
    // The ticket severity (also the no-data alert's) needs one too.
    fails(
        "runbook: none for ticket alerts of SLO api (expected a runbook with a named owner for every alert"
            + " (requireRunbookWithOwner): SloDefinition.Builder.runbook(...) or AlertRules.Builder.runbook(severity,"
            + " template, owner))",
        () -> AlertRules.builder(bare).runbook(Severity.PAGE, "https://wiki.example.com/page/{slo}", "sre-team")
            .requireRunbookWithOwner().build());
    AlertRules ok =
        AlertRules.builder(bare)
            .runbook(Severity.PAGE, "https://wiki.example.com/page/{slo}", "sre-team")
            .runbook(Severity.TICKET, "https://wiki.example.com/ticket/{slo}", "api-team")
            .requireRunbookWithOwner()
            .build();
    assertEquals(java.util.Optional.of("api-team"), ok.owner(Severity.TICKET));
    assertEquals(java.util.Optional.of("https://wiki.example.com/page/{slo}"), ok.runbook(Severity.PAGE));
  }

  @Test
  void policiesAreChecked() {
    fails(
        "approvedBy: null (expected who approved the policy and when: approvedBy(name, instant); a signed policy is a contract)",
        () -> BudgetPolicy.builder("p", "1").freezeWhenExhausted().build());
    BudgetPolicy.Builder b = BudgetPolicy.builder("p", "1").approvedBy("Dana", Instant.EPOCH);
    fails("clauses: [] (expected at least one clause)", b::build);
    fails("unfreeze margin: 1.0 (expected 0 <= margin < 1)", () -> b.freezeWhenExhausted(1));
    fails("postmortem budget share: 0.0 (expected 0 < share <= 1)", () -> b.postmortemAt(0));
    fails("too-loose bound: 2.0 (expected < the too-tight bound (1.5))", () -> b.reviewTarget(ofDays(1), ofDays(7), 1.5, 2));
    fails("review horizon: 30m (expected >= 1h (burn is sampled hourly))", () -> b.reviewTarget(ofMinutes(30)));
    fails("step short window: 1h (expected < the step window (1h))", () -> b.step("s", ofHours(1), ofHours(1), 2, "x", "y"));
    b.freezeWhenExhausted();
    fails("clause: 'freeze' (expected a clause name not already in the policy)", () -> b.freezeWhenExhausted());
    fails("policy id: 'a b' (expected 1 to 128 letters, digits or . _ : - starting with a letter or digit)",
        () -> BudgetPolicy.builder("a b", "1"));
  }

  @Test
  void aMonitorChecksItsRulesAndPolicyAgainstItsSlo() {
    io.github.slo4j.replay.IntervalStore store =
        new io.github.slo4j.replay.IntervalStore(Slos.week(), 0, Duration.ofSeconds(10));
    fails(
        "rules: rules of SLO checkout-availability (expected rules of the reader's SLO search-availability)",
        () -> SloMonitor.builder(store.definition()).rules(AlertRules.defaults(SLO)).build(store));
    BudgetPolicy p =
        BudgetPolicy.builder("p", "1").approvedBy("Dana", Instant.EPOCH).step("monthly", ofDays(28), 1, "x", "y").build();
    fails("window of step monthly: 28d (expected <= the compliance period (7d))", () -> SloMonitor.builder(store.definition()).policy(p).build(store));
  }

  @Test
  void replaysAreChecked() {
    fails("start: 2026-01-01T00:00:05Z (expected an instant aligned to the interval (10s))",
        () -> Replay.of(SLO).traffic(Replay.Traffic.steady(1, 0)).duration(ofHours(1))
            .start(Instant.parse("2026-01-01T00:00:05Z")).run());
    fails("duration: null (expected a duration for endless traffic: duration(...))",
        () -> Replay.of(SLO).traffic(Replay.Traffic.steady(1, 0)).run());
    fails("traffic rate at any time: -1.0 (expected a finite number of events per second >= 0)",
        () -> Replay.Traffic.steady(-1, 0));
    fails("traffic error ratio at phase 1: 1.5 (expected 0 <= error ratio <= 1)",
        () -> Replay.Traffic.phases().steady(ofHours(1), 1, 1.5));
    fails("traffic rate at 1h30m500ms: NaN (expected a finite number of events per second >= 0)",
        () -> Replay.of(SLO).traffic(Replay.Traffic.function(d -> d.toMinutes() >= 90 ? Double.NaN : 1, d -> 0))
            .duration(ofHours(2)).run());
    fails("change name: '' (expected a non-blank text)", () -> ChangeMarker.deploy(" ", "1", Instant.EPOCH));
  }
}
