package io.github.slo4j.alert;

import static io.github.slo4j.alert.Slos.at;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.AlertRules;
import io.github.slo4j.AlertState;
import io.github.slo4j.AlertTier;
import io.github.slo4j.AlertTiers;
import io.github.slo4j.AlertTransition;
import io.github.slo4j.Replay;
import io.github.slo4j.Replay.Traffic;
import io.github.slo4j.Severity;
import io.github.slo4j.SloDefinition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One incident is one notification and one resolve: a burn hovering at a threshold, or a window
 * whose count wobbles at its edge, does not page again and again, and a page resolving does not
 * turn into fresh tickets for the same incident. The counts "without hysteresis" replay the same
 * traffic with {@code keepFiringFor(Duration.ZERO)}, the behaviour before it existed.
 */
class FlappingTest {
  private static final SloDefinition SLO = Slos.workbook();
  private static final AlertTier FAST_PAGE = AlertTiers.workbook().get(0);

  /** Three clean days at 100/s, 2 hours alternating 1.3 % and 1.6 % errors every minute, 7 clean hours. */
  static Traffic oscillating() {
    Traffic.Phases p = Traffic.phases().steady(ofDays(3), 100, 0);
    for (int minute = 0; minute < 120; minute++) {
      p.steady(ofMinutes(1), 100, minute % 2 == 0 ? 0.013 : 0.016);
    }
    return p.steady(ofHours(7), 100, 0).build();
  }

  /**
   * Three clean days at 100/s, then for 2 hours a 10 s burst of 30 % errors (300 bad events) every
   * 3 minutes, then 7 clean hours. The 5 m window holds two bursts (2 %) for 2 minutes of every 3
   * and one burst (1 %) for the third: its count wobbles across 1.44 % at its edge.
   */
  static Traffic edgeWobble() {
    Traffic.Phases p = Traffic.phases().steady(ofDays(3), 100, 0);
    for (int burst = 0; burst < 40; burst++) {
      p.steady(ofSeconds(10), 100, 0.3).steady(ofSeconds(170), 100, 0);
    }
    return p.steady(ofHours(7), 100, 0).build();
  }

  private static List<AlertTransition> notifications(Traffic traffic, AlertRules rules) {
    return Replay.of(SLO).rules(rules).traffic(traffic).run().notifications();
  }

  @Test
  void aRatioOscillatingAroundTheFastPageThresholdPagesOnceAndResolvesOnce() {
    // The 1 h window averages 1.45 % once the oscillation has lasted an hour, just above 1.44 %;
    // the 5 m window holds 3 minutes of one rate and 2 of the other, 1.48 % or 1.42 %: it crosses
    // the threshold every minute. The 6 h window never exceeds 0.6 % (at most 1.45 % × 2 ÷ 6).
    List<AlertTransition> flapping = notifications(oscillating(), AlertRules.builder(SLO).keepFiringFor(Duration.ZERO).build());
    assertTrue(flapping.size() >= 20, "without hysteresis the fast page flaps: " + flapping.size() + " notifications");

    List<AlertTransition> n = notifications(oscillating(), AlertRules.defaults(SLO));
    assertEquals(2, n.size(), n.toString());
    assertEquals(AlertState.FIRING, n.get(0).to());
    assertEquals(AlertState.RESOLVED, n.get(1).to());
    assertTrue(n.stream().allMatch(t -> t.alert().tier().orElseThrow().equals(FAST_PAGE)), n.toString());
    // It fires when the flapping version first fired: hysteresis delays resolves, never detection.
    assertEquals(flapping.get(0).at(), n.get(0).at());
    // And it resolves 5 m (the fast page's short window) after the flapping version's last resolve.
    assertEquals(flapping.get(flapping.size() - 1).at().plus(ofMinutes(5)), n.get(1).at());
  }

  @Test
  void aBurstCountWobblingAtTheShortWindowsEdgePagesOnceAndResolvesOnce() {
    List<AlertTransition> flapping = notifications(edgeWobble(), AlertRules.builder(SLO).keepFiringFor(Duration.ZERO).build());
    assertTrue(flapping.size() >= 20, "without hysteresis the fast page flaps: " + flapping.size() + " notifications");

    List<AlertTransition> n = notifications(edgeWobble(), AlertRules.defaults(SLO));
    assertEquals(2, n.size(), n.toString());
    assertEquals(AlertState.FIRING, n.get(0).to());
    assertEquals(AlertState.RESOLVED, n.get(1).to());
    assertEquals(flapping.get(0).at(), n.get(0).at());
  }

  @Test
  void aResolvedPageDoesNotTurnIntoAFreshTicketForTheSameIncident() {
    // A 10-minute full outage: both pages fire; the 1d/2h and 3d/6h tickets' conditions start to
    // hold while the fast page fires (suppressed). The pages resolve while the ticket windows still
    // hold the outage's 60,000 bad events; the tickets used to fire right then, two fresh
    // notifications for an incident already paged and resolved.
    Replay.Result r = Replay.of(SLO)
        .traffic(Traffic.phases().steady(ofDays(1), 100, 0).steady(ofMinutes(10), 100, 1.0).steady(ofHours(14), 100, 0).build())
        .run();
    List<AlertTransition> tickets = r.transitions(Severity.TICKET);
    assertEquals(4, tickets.size(), tickets.toString());
    for (AlertTransition t : tickets) {
      assertTrue(
          (t.from() == AlertState.INACTIVE && t.to() == AlertState.SUPPRESSED)
              || (t.from() == AlertState.SUPPRESSED && t.to() == AlertState.INACTIVE),
          t.toString());
    }
    // The tickets cleared after both pages had resolved: the suppression outlived the page.
    java.time.Instant lastPageResolved = r.transitions(Severity.PAGE).get(r.transitions(Severity.PAGE).size() - 1).at();
    assertEquals(AlertState.RESOLVED, r.transitions(Severity.PAGE).get(r.transitions(Severity.PAGE).size() - 1).to());
    assertTrue(tickets.get(3).at().isAfter(lastPageResolved), tickets + " vs " + lastPageResolved);
    // The incident notified four times: each page fired and resolved once.
    assertEquals(4, r.notifications().size(), r.notifications().toString());
    assertTrue(r.notifications().stream().allMatch(t -> t.alert().severity().equals(Severity.PAGE)));
  }

  @Test
  void aTicketStillNotifiesForALaterIncidentOfItsOwn() {
    // After the outage and the tickets' suppression cleared, a slow burn of its own (0.4 %, burn 4,
    // above both tickets' factors and below every page's) opens both tickets, and they notify.
    Replay.Result r = Replay.of(SLO)
        .traffic(Traffic.phases()
            .steady(ofDays(1), 100, 0)
            .steady(ofMinutes(10), 100, 1.0)
            .steady(ofDays(3), 100, 0)
            .steady(ofDays(1), 100, 0.004)
            .build())
        .run();
    List<AlertTransition> ticketNotifications =
        r.notifications().stream().filter(t -> t.alert().severity().equals(Severity.TICKET)).toList();
    assertEquals(2, ticketNotifications.size(), r.timeline().toString());
    for (AlertTransition t : ticketNotifications) {
      assertEquals(AlertState.FIRING, t.to());
      assertTrue(t.at().isAfter(at(ofDays(4).plusMinutes(10))), t.toString());
    }
  }

  @Test
  void keepFiringForIsEachTiersShortWindowUnlessSet() {
    AlertRules defaults = AlertRules.defaults(SLO);
    for (AlertTier t : defaults.tiers(SLO.targets().get(0))) {
      assertEquals(t.shortWindow(), defaults.keepFiringFor(t));
    }
    AlertRules set = AlertRules.builder(SLO).keepFiringFor(ofMinutes(15)).build();
    assertEquals(ofMinutes(15), set.keepFiringFor(FAST_PAGE));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AlertRules.builder(SLO).keepFiringFor(ofSeconds(-1)));
    assertEquals("keepFiringFor: -1s (expected >= 0)", e.getMessage());
  }
}
