package io.github.slo4j.monitor;

import static io.github.slo4j.monitor.Slos.at;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ErrorBudget;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.replay.Replay.Traffic;
import io.github.slo4j.replay.Replay;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The SRE Workbook's chapter 5 arithmetic (99.9 % over 30 days, tiers 1h/5m > 14.4, 6h/30m > 6,
 * 1d/2h > 3, 3d/6h > 1), replayed tick by tick at a 10 s interval.
 */
class WorkbookReplayTest {
  private static final SloDefinition SLO = Slos.workbook();
  private static final List<AlertTier> TIERS = AlertTiers.workbook();
  private static final AlertTier FAST_PAGE = TIERS.get(0);
  private static final AlertTier SLOW_PAGE = TIERS.get(1);

  private static List<AlertTransition> of(Replay.Result r, AlertTier tier) {
    return r.transitions().stream()
        .filter(t -> t.alert().tier().equals(java.util.Optional.of(tier)))
        .collect(Collectors.toList());
  }

  @Test
  void aFullOutageFiresTheFastPageAtTheFirstTickAfter51_84Seconds() {
    // Detection time = (budget ÷ error ratio) × window × factor = 0.001 × 3600 s × 14.4 = 51.84 s.
    Duration detection =
        ErrorBudget.detectionTime(Objective.percent("99.9"), 1.0, ofHours(1), 14.4).orElseThrow();
    assertEquals(Duration.ofMillis(51_840), detection);

    Replay.Result r =
        Replay.of(SLO)
            .traffic(Traffic.phases().steady(ofDays(1), 100, 0).steady(ofMinutes(10), 100, 1.0).build())
            .run();

    List<AlertTransition> fast = of(r, FAST_PAGE);
    // Ticks are at whole 10 s boundaries: 50 s of outage is not yet 51.84 s, 60 s is.
    assertEquals(at(ofDays(1).plusSeconds(60)), fast.get(0).at());
    assertEquals(AlertState.FIRING, fast.get(0).to());
    // It is the first notification of the incident.
    assertEquals(fast.get(0), r.notifications().get(0));
    // The 1h window holds 6,000 bad of 360,000 events when it fires: burn 16.67, 5m burn 200.
    assertEquals(6_000, fast.get(0).alert().longWindow().bad());
    assertEquals(360_000, fast.get(0).alert().longWindow().total());
    assertEquals(1000.0 * 6_000 / 360_000, fast.get(0).alert().longWindow().burnRate().getAsDouble(), 1e-9);
    assertEquals(1000.0 * 6_000 / 30_000, fast.get(0).alert().shortWindow().burnRate().getAsDouble(), 1e-9);
    // The slow page follows at the first tick after 0.001 × 21600 s × 6 = 129.6 s.
    assertEquals(at(ofDays(1).plusSeconds(130)), of(r, SLOW_PAGE).get(0).at());
  }

  @Test
  void aFifteenPercentBurstForTenMinutesFiresAndResolvesTheFastPageOnly() {
    // 1h window: 0.15 × d ÷ 3600 > 0.0144 once d > 345.6 s  -> fires at +350 s.
    // 5m window after the burst ends at +600 s: 0.15 × overlap ÷ 300 > 0.0144 while overlap > 28.8 s,
    // overlap = 900 − t  -> clears once t >= 871.2 s, at +880 s; kept firing for the 5 m short
    // window (hysteresis)                                     -> resolves at +1180 s.
    // The detection time is what the Workbook says; hysteresis only delays the resolve.
    // 6h window: at most 0.15 × 600 ÷ 21600 = 0.42 % < 0.6 %; 1d, 3d: lower still -> never.
    // Three clean days first, so that even the 3-day window is full, as the Workbook assumes.
    Replay.Result r =
        Replay.of(SLO)
            .traffic(
                Traffic.phases()
                    .steady(ofDays(3), 100, 0)
                    .steady(ofMinutes(10), 100, 0.15)
                    .steady(ofHours(7), 100, 0)
                    .build())
            .run();

    Duration burst = ofDays(3);
    assertEquals(
        List.of(
            "+3d5m50s alert checkout-availability/events page 1h/5m > 14.4: inactive -> firing",
            "+3d19m40s alert checkout-availability/events page 1h/5m > 14.4: firing -> resolved"),
        r.timeline());
    AlertTransition resolved = r.transitions().get(1);
    assertEquals(at(burst.plusSeconds(1180)), resolved.at());
    // The episode spent 0.15 × 600 s of events: 9,000 bad of a 30-day budget of 259,200.
    assertEquals(9_000.0 / 259_200, resolved.alert().episodeProjectedBudgetConsumed().getAsDouble(), 1e-12);
  }

  @Test
  void aBurnRateOfExactlyOneNeverAlertsAnywhereInAMonth() {
    // 0.1 % errors is a burn rate of exactly 1: the budget lasts exactly the period. Tiers fire on
    // strictly greater, so not even the 3d/6h > 1 ticket fires. 1 bad of 1,000 per interval, exact.
    Replay.Result r =
        Replay.of(SLO).traffic(Traffic.steady(100, 0.001)).duration(ofDays(30)).run();
    assertEquals(259_200, r.intervals());
    assertEquals(List.of(), r.transitions());
    assertEquals(0.0, r.monitor().health().budgetRemaining().getAsDouble(), 1e-12);
  }

  @Test
  void exactly1_44PercentDoesNotTripTheOneHourPageButTheSixHourPageFiresAfter9000Seconds() {
    // 144 bad of 10,000 per interval is exactly 14.4 × 0.001: not strictly greater than 14.4.
    // The 6h/30m > 6 tier sees 0.0144 × d ÷ 21600 > 0.006 once d > 9000 s -> fires at +9010 s.
    Replay.Result r =
        Replay.of(SLO)
            .traffic(Traffic.phases().steady(ofHours(6), 1000, 0).steady(ofHours(12), 1000, 0.0144).build())
            .run();
    assertEquals(List.of(), of(r, FAST_PAGE));
    List<AlertTransition> slow = of(r, SLOW_PAGE);
    assertEquals(at(ofHours(6).plusSeconds(9010)), slow.get(0).at());
    assertEquals(1, slow.size());
  }

  @Test
  void slightlyAbove1_44PercentTripsTheOneHourPage() {
    // 145 bad of 10,000: 0.0145 × d ÷ 3600 > 0.0144 once d > 3575.2 s -> fires at +3580 s.
    Replay.Result r =
        Replay.of(SLO)
            .traffic(Traffic.phases().steady(ofHours(6), 1000, 0).steady(ofHours(2), 1000, 0.0145).build())
            .run();
    List<AlertTransition> fast = of(r, FAST_PAGE);
    assertEquals(1, fast.size());
    assertEquals(at(ofHours(6).plusSeconds(3580)), fast.get(0).at());
  }

  @Test
  void pagesSuppressTicketsAndSaySoInThePayload() {
    Replay.Result r =
        Replay.of(SLO)
            .traffic(
                Traffic.phases().steady(ofDays(1), 100, 0).steady(ofMinutes(10), 100, 1.0).steady(ofHours(8), 100, 0).build())
            .run();
    List<AlertTransition> tickets = r.transitions(Severity.TICKET);
    // 1d/2h > 3: d ÷ 86400 > 0.003 once d > 259.2 s. 3d/6h > 1: the 3-day window holds one day
    // and d seconds of data; projected to 3 days, d ÷ 259200 > 0.001 once d > 259.2 s too.
    // Both while the fast page fires (from +60 s).
    AlertTransition first = tickets.get(0);
    assertEquals(at(ofDays(1).plusSeconds(260)), first.at());
    assertEquals(AlertState.SUPPRESSED, first.to());
    assertFalse(first.notifies());
    assertEquals(
        java.util.Optional.of("checkout-availability/events page 1h/5m > 14.4"), first.alert().suppressedBy());
    assertTrue(first.alert().summary().contains("suppressed while checkout-availability/events page 1h/5m > 14.4 fires"));
    assertEquals("checkout-availability/events ticket 3d/6h > 1", tickets.get(1).alert().id());
    assertEquals(at(ofDays(1).plusSeconds(260)), tickets.get(1).at());
    assertEquals(ofDays(1).plusSeconds(260), tickets.get(1).alert().longWindow().covered());
    // No ticket of this incident ever notifies: the pages resolve while the tickets' long windows
    // still hold the outage, and the tickets stay suppressed until their own conditions clear
    // (this used to fire both tickets the moment the last page resolved: two fresh notifications
    // for an incident already paged and resolved).
    assertTrue(tickets.stream().noneMatch(AlertTransition::notifies), tickets.toString());
    assertTrue(tickets.stream().allMatch(t -> t.to() == AlertState.SUPPRESSED || t.to() == AlertState.INACTIVE),
        tickets.toString());
  }
}
