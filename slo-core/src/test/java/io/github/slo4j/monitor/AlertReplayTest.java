package io.github.slo4j.monitor;

import static io.github.slo4j.monitor.Slos.START;
import static io.github.slo4j.monitor.Slos.at;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ChangeMarker;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.replay.Replay.Point;
import io.github.slo4j.replay.Replay.Traffic;
import io.github.slo4j.replay.Replay;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AlertReplayTest {
  private static final SloDefinition SLO = Slos.workbook();

  /** The Workbook's low-traffic example: 10 requests an hour, one every 6 minutes, for 2 days. */
  private static List<Point> tenAnHour(Instant failureAt) {
    List<Point> points = new ArrayList<>();
    for (Instant t = START; t.isBefore(START.plus(ofDays(2))); t = t.plus(ofMinutes(6))) {
      points.add(new Point(t, t.equals(failureAt) ? 0 : 1, 1));
    }
    return points;
  }

  @Test
  void oneFailureAtTenRequestsAnHourDoesNotPageBelowTheMinimumEvents() {
    // 99.9 % over 30 days at 10 requests/hour allows 7.2 failed requests a month; one failure is
    // 13.9 % of the budget and a 1 h error ratio of 10 %, far above 1.44 %. The 1 h window holds 10
    // events and the 6 h window 60, both below the default minimum of 100: no page.
    Instant failure = START.plus(ofDays(1)).plus(ofMinutes(30));
    Replay.Result r = Replay.of(SLO).traffic(Traffic.recorded(tenAnHour(failure))).run();
    assertEquals(List.of(), r.transitions(Severity.PAGE));

    // minEvents(0) only drops the extra floor: each tier's own single-failure floor (70 events for
    // the fast page at 99.9 %) still keeps the failure from paging, or from opening a ticket.
    Replay.Result noExtraFloor =
        Replay.of(SLO)
            .rules(AlertRules.builder(SLO).minEvents(0).build())
            .traffic(Traffic.recorded(tenAnHour(failure)))
            .run();
    assertEquals(List.of(), noExtraFloor.transitions());
  }

  /** Two requests a minute for 2 days, failing at the given instants. */
  private static List<Point> twoAMinute(List<Instant> failures) {
    List<Point> points = new ArrayList<>();
    for (Instant t = START; t.isBefore(START.plus(ofDays(2))); t = t.plus(ofSeconds(30))) {
      points.add(new Point(t, failures.contains(t) ? 0 : 1, 1));
    }
    return points;
  }

  @Test
  void anErrorFloorOfThreeKeepsTwoFailuresFromPagingButNotThree() {
    // 120 events an hour: above the fast page's floor (100), so two failures in an hour (1.67 %)
    // page on their own. (This test used a floor of 2 at 10 requests an hour; one failure can no
    // longer page at any traffic, and 10 events are below every tier's floor.)
    Instant first = START.plus(ofDays(1)).plus(ofMinutes(30));
    List<Instant> two = List.of(first, first.plusSeconds(30));
    List<Instant> three = List.of(first, first.plusSeconds(30), first.plusSeconds(60));
    Replay.Result unfloored = Replay.of(SLO).traffic(Traffic.recorded(twoAMinute(two))).run();
    assertEquals(first.plusSeconds(40), unfloored.transitions(Severity.PAGE).get(0).at());

    AlertRules floor = AlertRules.builder(SLO).minBadEvents(3).build();
    assertEquals(List.of(), Replay.of(SLO).rules(floor).traffic(Traffic.recorded(twoAMinute(two))).run().transitions());
    Replay.Result r = Replay.of(SLO).rules(floor).traffic(Traffic.recorded(twoAMinute(three))).run();
    assertEquals(first.plusSeconds(70), r.transitions(Severity.PAGE).get(0).at());
  }

  @Test
  void noTrafficFiresTheNoDataAlertAfterTheSilenceAndHoldsBurnAlerts() {
    // A day of clean traffic, a 10-minute full outage, 2 hours with no traffic at all, then clean.
    Duration outage = ofDays(1);
    Duration silence = outage.plus(ofMinutes(10));
    Duration back = silence.plus(ofHours(2));
    Replay.Result r =
        Replay.of(SLO)
            .rules(AlertRules.builder(SLO).noDataAfter(ofMinutes(30), Severity.PAGE).build())
            .traffic(
                Traffic.phases()
                    .steady(ofDays(1), 100, 0)
                    .steady(ofMinutes(10), 100, 1.0)
                    .silence(ofHours(2))
                    .steady(ofHours(1), 100, 0)
                    .build())
            .run();
    List<AlertTransition> noData =
        r.transitions().stream().filter(t -> t.alert().kind() == Alert.Kind.NO_DATA).toList();
    // The last events closed at +1d10m; the 30 m window is empty from +1d40m on.
    assertEquals(at(silence.plus(ofMinutes(30))), noData.get(0).at());
    assertEquals(AlertState.FIRING, noData.get(0).to());
    assertEquals(Severity.PAGE, noData.get(0).alert().severity());
    assertTrue(noData.get(0).alert().longWindow().burnRate().isEmpty());
    // 60,000 bad events of the 8.7 M so far, which allow 8,700: 6.9 budgets consumed.
    assertEquals(60_000.0 / 8_700, noData.get(0).alert().budgetConsumed().getAsDouble(), 1e-12);
    // The 8.7 M events over the 1d40m covered so far, projected to 30 days.
    assertEquals(60_000.0 * 88_800 / (0.001 * 8_700_000 * 2_592_000),
        noData.get(0).alert().projectedBudgetConsumed().getAsDouble(), 1e-12);
    assertEquals("[page] checkout/checkout-availability events: no traffic for 30m; the period so far consumed 689.7%"
            + " of its budget (23.63% of the period's projected budget)",
        noData.get(0).alert().summary());
    assertEquals(at(back.plusSeconds(10)), noData.get(1).at());
    assertEquals(AlertState.RESOLVED, noData.get(1).to());

    // The fast page fired during the outage and neither cleared nor re-fired during the silence:
    // no data is not a reason to change state. The conditions of both pages fail at the first tick
    // with clean data; the slow page (6h/30m), which joined the fast page's incident, holds it for
    // its 30 m keep-firing time, and the incident resolves once, when it clears.
    AlertTier fast = io.github.slo4j.monitor.AlertTiers.workbook().get(0);
    AlertTier slow = io.github.slo4j.monitor.AlertTiers.workbook().get(1);
    List<AlertTransition> page =
        r.transitions().stream().filter(t -> t.alert().tier().equals(Optional.of(fast))).toList();
    assertEquals(2, page.size());
    assertEquals(at(outage.plusSeconds(60)), page.get(0).at());
    assertEquals(at(back.plusSeconds(10).plus(ofMinutes(30))), page.get(1).at());
    assertEquals(AlertState.RESOLVED, page.get(1).to());
    List<AlertTransition> slowPage =
        r.transitions().stream().filter(t -> t.alert().tier().equals(Optional.of(slow))).toList();
    assertEquals(List.of(AlertState.SUPPRESSED, AlertState.INACTIVE), slowPage.stream().map(AlertTransition::to).toList());
    assertEquals(page.get(1).at(), slowPage.get(1).at());
  }

  @Test
  void anSloThatNeverHadTrafficDoesNotRaiseNoData() {
    Replay.Result r =
        Replay.of(SLO).traffic(Traffic.phases().silence(ofHours(3)).build()).run();
    assertEquals(List.of(), r.transitions());
    assertFalse(r.monitor().health().hasData());
  }

  @Test
  void thePayloadCarriesWhatTheOnCallNeeds() {
    AlertRules rules =
        AlertRules.builder(SLO)
            .link("dashboard", "https://grafana.example.com/d/red?var-service={service}&from={start}&to={end}")
            .link("traces", "https://traces.example.com/search?service={service}&start={startMicros}&end={endMicros}")
            .link("profiles", "https://profiles.example.com/?query={service}&from={startIso}&until={endIso}&slo={slo}&sev={severity}&w={window}")
            .changeLookback(ofHours(2))
            .requireRunbookWithOwner()
            .build();
    Duration outage = ofDays(1);
    Replay.Result r =
        Replay.of(SLO)
            .rules(rules)
            .change(ChangeMarker.deploy("checkout", "1.41.0", at(ofHours(20))))          // 4 h before: too old
            .change(ChangeMarker.config("payments.timeout", "2s", at(ofHours(22).plusMinutes(30))))
            .change(ChangeMarker.deploy("checkout", "1.42.0", at(outage.minusSeconds(30))))
            .change(ChangeMarker.featureFlag("new-cart", "on", at(outage.plusMinutes(5))))  // after the firing
            .traffic(Traffic.phases().steady(ofDays(1), 100, 0).steady(ofMinutes(10), 100, 1.0).build())
            .run();
    AlertTransition fired = r.notifications().get(0);
    Alert a = fired.alert();
    Instant end = at(outage.plusSeconds(60));
    Instant start = end.minus(ofHours(1));
    assertEquals(Alert.Kind.BURN_RATE, a.kind());
    assertEquals("checkout", a.service());
    assertEquals("checkout-availability", a.sloId());
    assertEquals("events", a.target().name());
    assertEquals(Severity.PAGE, a.severity());
    assertEquals(start, a.longWindow().start());
    assertEquals(end, a.longWindow().end());
    assertEquals(end.minus(ofMinutes(5)), a.shortWindow().start());
    assertEquals(1000.0 * 6_000 / 30_000, a.shortWindow().burnRate().getAsDouble(), 1e-9);
    // 6,000 bad events of the 8,646,000 so far (1d1m at 100/s), which allow 8,646.
    assertEquals(6_000.0 / 8_646, a.budgetConsumed().getAsDouble(), 1e-12);
    // The period holds one day of data, projected to 30 days: 259,200 allowed.
    assertEquals(6_000.0 / 259_200, a.projectedBudgetConsumed().getAsDouble(), 1e-12);
    assertEquals(Optional.of(end), a.episodeStart());
    assertEquals(6_000.0 / 259_200, a.episodeProjectedBudgetConsumed().getAsDouble(), 1e-12);
    // The rest of the budget at the 5 m burn (200): (1 − 6000/259200) × 30 d ÷ 200 = 3h31m...
    double remaining = 1 - 6_000.0 / 259_200;
    assertEquals(remaining * 30 * 86_400 / 200, a.timeToExhaustion().orElseThrow().toNanos() / 1e9, 1e-3);
    assertEquals(Optional.of(URI.create("https://runbooks.example.com/checkout")), a.runbook());
    assertEquals(Optional.of("team-payments"), a.owner());
    assertEquals(
        Map.of(
            "dashboard", URI.create("https://grafana.example.com/d/red?var-service=checkout&from="
                + start.toEpochMilli() + "&to=" + end.toEpochMilli()),
            "traces", URI.create("https://traces.example.com/search?service=checkout&start="
                + start.toEpochMilli() * 1000 + "&end=" + end.toEpochMilli() * 1000),
            "profiles", URI.create("https://profiles.example.com/?query=checkout&from=2026-01-01T23%3A01%3A00Z"
                + "&until=2026-01-02T00%3A01%3A00Z&slo=checkout-availability&sev=page&w=1h"),
            "runbook", URI.create("https://runbooks.example.com/checkout")),
        a.links());
    assertEquals(List.of("dashboard", "traces", "profiles", "runbook"), List.copyOf(a.links().keySet()));
    // Changes in [start − 2h, end], newest first; the flag flipped after the firing is not there yet.
    assertEquals(
        List.of(
            ChangeMarker.deploy("checkout", "1.42.0", at(outage.minusSeconds(30))),
            ChangeMarker.config("payments.timeout", "2s", at(ofHours(22).plusMinutes(30)))),
        a.changes());
    assertFalse(a.noCorrelatedChange());
    assertEquals(
        "2 changes in the burn window or the 2h before it, newest: deploy checkout 1.42.0 at 2026-01-01T23:59:30Z",
        a.changeSummary());
    assertEquals("checkout-availability/events page 1h/5m > 14.4", a.id());
    assertEquals(
        "[page] checkout/checkout-availability events: burn 16.67 over 1h, 200 over 5m (> 14.4); this episode spent"
            + " 2.315% of the period's projected budget; the period so far consumed 69.4% of its budget (2.315% of the"
            + " period's projected budget); exhausted in 3h31m at this rate; 2 changes in the burn window"
            + " or the 2h before it, newest: deploy checkout 1.42.0 at 2026-01-01T23:59:30Z",
        a.summary());
  }

  @Test
  void aBurnWithNoChangeNearItSaysSoExplicitly() {
    Replay.Result r =
        Replay.of(SLO)
            .change(ChangeMarker.deploy("checkout", "1.41.0", at(ofHours(20))))
            .traffic(Traffic.phases().steady(ofDays(1), 100, 0).steady(ofMinutes(10), 100, 1.0).build())
            .run();
    Alert a = r.notifications().get(0).alert();
    assertTrue(a.noCorrelatedChange());
    assertEquals(Alert.NO_CORRELATED_CHANGE, a.changeSummary());
    assertTrue(a.summary().endsWith("; no correlated change"));
  }

  @Test
  void aThrowingListenerIsCountedAndStopsNeitherEvaluationNorOtherListeners() {
    AtomicInteger seen = new AtomicInteger();
    Replay.Result r =
        Replay.of(SLO)
            .listener(t -> { throw new IllegalStateException("pager down"); })
            .listener(t -> seen.incrementAndGet())
            .traffic(Traffic.phases().steady(ofDays(1), 100, 0).steady(ofMinutes(10), 100, 1.0).steady(ofHours(1), 100, 0).build())
            .run();
    assertTrue(r.transitions().size() >= 4);
    assertEquals(r.transitions().size(), seen.get());
    assertEquals(r.transitions().size(), r.monitor().listenerFailures());
  }

  @Test
  void eachLatencyThresholdAlertsOnItsOwn() {
    SloDefinition latency =
        SloDefinition.builder("checkout-latency")
            .service("checkout")
            .sli(Sli.latency(
                LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
                LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99"))))
            .build();
    // 90 % can burn at most 10x: the Workbook's 14.4 page could never fire for le100ms, so it
    // gets tiers of its own; le500ms keeps the defaults.
    List<AlertTier> ninety =
        List.of(AlertTier.of(Severity.PAGE, ofHours(1), 6), AlertTier.of(Severity.TICKET, ofDays(1), 1.5));
    AlertRules rules = AlertRules.builder(latency).tiers(latency.targets().get(0), ninety).build();
    assertEquals(ninety, rules.tiers(latency.targets().get(0)));
    assertEquals(io.github.slo4j.monitor.AlertTiers.workbook(), rules.tiers(latency.targets().get(1)));

    // le100ms: 5 % slow, then 70 % slow for an hour (burn 7 > 6); le500ms: 1 % slow throughout,
    // a burn rate of exactly 1, which fires nothing.
    // 1 h window of le100ms: (0.05 × (3600 − d) + 0.7 × d) ÷ 3600 > 0.6 once d > 3046.2 s -> +3050 s.
    Replay.Result r =
        Replay.of(latency)
            .rules(rules)
            .traffic(latency.targets().get(0), Traffic.phases().steady(ofDays(1), 100, 0.05).steady(ofHours(1), 100, 0.7).build())
            .traffic(latency.targets().get(1), Traffic.phases().steady(ofDays(1), 100, 0.01).steady(ofHours(1), 100, 0.01).build())
            .run();
    assertEquals(1, r.transitions().size());
    AlertTransition page = r.transitions().get(0);
    assertEquals("checkout-latency/le100ms page 1h/5m > 6", page.alert().id());
    assertEquals("le100ms", page.alert().target().name());
    assertEquals(at(ofDays(1).plusSeconds(3050)), page.at());
    assertEquals(AlertState.FIRING, page.to());
  }
}
