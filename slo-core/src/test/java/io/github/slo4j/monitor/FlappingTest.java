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
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.replay.Replay.Traffic;
import io.github.slo4j.replay.Replay;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
    // The tickets cleared after the page incident had resolved: the suppression outlived the page.
    List<AlertTransition> pages = r.transitions(Severity.PAGE);
    AlertTransition pageResolved = pages.stream().filter(t -> t.to() == AlertState.RESOLVED).reduce((a, b) -> b).orElseThrow();
    assertTrue(tickets.get(3).at().isAfter(pageResolved.at()), tickets + " vs " + pageResolved);
    // The incident notified twice: one page (the fast one; the slow page joined it) and one resolve.
    // Before incidents it notified four times, each page firing and resolving on its own.
    assertEquals(2, r.notifications().size(), r.notifications().toString());
    assertTrue(r.notifications().stream().allMatch(t -> t.alert().tier().orElseThrow().equals(FAST_PAGE)));
  }

  @Test
  void aTicketStillNotifiesForALaterIncidentOfItsOwn() {
    // After the outage and the tickets' suppression cleared, a slow burn of its own (0.4 %, burn 4,
    // above both tickets' factors and below every page's) opens both tickets: one ticket incident,
    // notified by the first ticket (the other joins it suppressed), still going at the end.
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
    assertEquals(1, ticketNotifications.size(), r.timeline().toString());
    AlertTransition t = ticketNotifications.get(0);
    assertEquals(AlertState.FIRING, t.to());
    assertTrue(t.at().isAfter(at(ofDays(4).plusMinutes(10))), t.toString());
  }

  /**
   * The engine against a naive model (plain loops over raw per-interval counts, exact integer
   * arithmetic) of everything this class is about: the single-failure floor, the keep-firing
   * hysteresis, a suppression that outlives its page, and two page tiers that are one incident
   * (one page, one resolve) unless {@code notifyPerTier()}. Random segmented traffic, fixed seed.
   */
  @Test
  void tiersFloorsHysteresisAndSuppressionMatchANaiveModel() {
    SloDefinition slo = SloDefinition.builder("model").service("model")
        .objective(io.github.slo4j.Objective.percent("99"))
        .period(io.github.slo4j.CompliancePeriod.rolling(ofHours(1))).build();
    // Thresholds at 99 %: page 14.4 % over 10m and 1m, slow page 6 % over 30m and 3m, ticket 3 %
    // over 30m and 5m, per mille 144, 60 and 30.
    AlertTier page = new AlertTier(Severity.PAGE, ofMinutes(10), ofMinutes(1), 14.4);
    AlertTier slowPage = new AlertTier(Severity.PAGE, ofMinutes(30), ofMinutes(3), 6);
    AlertTier ticket = new AlertTier(Severity.TICKET, ofMinutes(30), ofMinutes(5), 3);
    List<AlertTier> tiers = List.of(page, slowPage, ticket);
    int n = tiers.size();
    long[] perMille = {144, 60, 30};
    int[] badChoices = {0, 1, 5, 10, 30, 100, 144, 145, 300, 1000};
    long seed = 0xF1A9_9140L;
    SplittableRandom random = new SplittableRandom(seed);
    int joined = 0;
    int held = 0;
    for (int c = 0; c < 150; c++) {
      int minEvents = random.nextInt(0, 301);
      int minBad = random.nextInt(0, 4);
      Duration keep = new Duration[] {null, Duration.ZERO, ofSeconds(30), ofMinutes(2)}[random.nextInt(4)];
      boolean perTier = random.nextInt(4) == 0;
      AlertRules.Builder b = AlertRules.builder(slo).tiers(tiers).minEvents(minEvents).minBadEvents(minBad).withoutNoDataAlert();
      if (keep != null) {
        b.keepFiringFor(keep);
      }
      if (perTier) {
        b.notifyPerTier();
      }
      AlertRules rules = b.build();
      List<long[]> raw = new ArrayList<>();
      List<Replay.Point> points = new ArrayList<>();
      int segments = random.nextInt(1, 26);
      for (int g = 0; g < segments; g++) {
        int intervals = random.nextInt(1, 121);
        int per = random.nextInt(3) == 0 ? 0 : random.nextInt(1, 41);
        int bpm = badChoices[random.nextInt(badChoices.length)];
        long acc = 0;
        for (int i = 0; i < intervals; i++) {
          long before = acc / 1000;
          acc += (long) per * bpm;
          long bad = Math.min(per, acc / 1000 - before);
          raw.add(new long[] {per - bad, per});
          points.add(new Replay.Point(Slos.START.plusSeconds(10L * (raw.size() - 1)), per - bad, per));
        }
      }
      Replay.Result r = Replay.of(slo).rules(rules).traffic(Traffic.recorded(points))
          .start(Slos.START).duration(ofSeconds(10L * raw.size())).run();

      AlertState[] state = {AlertState.INACTIVE, AlertState.INACTIVE, AlertState.INACTIVE};
      String[] by = new String[n];
      // Each tier's own condition with its hysteresis; a firing page may outlive it (it holds the incident).
      boolean[] active = new boolean[n];
      long[] falseSince = {-1, -1, -1};
      List<String> expected = new ArrayList<>();
      for (int k = 1; k <= raw.size(); k++) {
        for (int t = 0; t < n; t++) {
          AlertTier tier = tiers.get(t);
          long[] l = sum(raw, k, tier.longWindow());
          long[] sh = sum(raw, k, tier.shortWindow());
          boolean was = active[t];
          if (l[1] == 0 || sh[1] == 0) {
            active[t] = was;
            continue;
          }
          boolean exceeded = over(l, k, tier.longWindow(), perMille[t]) && over(sh, k, tier.shortWindow(), perMille[t]);
          // One bad of n exceeds θ‰ iff 1000 > θ‰ × n: the floor is ⌈1000 ÷ θ‰⌉ (7 and 34).
          long floor = Math.max(minEvents, (1000 + perMille[t] - 1) / perMille[t]);
          long keepMillis = (keep != null ? keep : tier.shortWindow()).toMillis();
          active[t] = NaiveTier.active(was, exceeded, l[1] >= floor && l[1] - l[0] >= minBad,
              k, falseSince, t, keepMillis);
        }
        // The incidents open before this evaluation: who a tier of that severity joining now is
        // suppressed by (the firing tier, else what suppresses the suppressed ones).
        java.util.Map<Severity, String> open = new java.util.HashMap<>();
        for (int t = 0; t < n && !perTier; t++) {
          if (state[t] == AlertState.FIRING) {
            open.put(tiers.get(t).severity(), "model/events " + tiers.get(t));
          }
        }
        for (int t = 0; t < n && !perTier; t++) {
          if (state[t] == AlertState.SUPPRESSED) {
            open.putIfAbsent(tiers.get(t).severity(), by[t]);
          }
        }
        boolean anyPage = active[0] || active[1];
        for (int t = 0; t < n; t++) {
          Severity sev = tiers.get(t).severity();
          AlertState from = state[t];
          AlertState to;
          String suppressor = by[t];
          if (!active[t]) {
            boolean hold = !perTier && sev.equals(Severity.PAGE) && anyPage;
            held += from == AlertState.FIRING && hold ? 1 : 0;
            to = from == AlertState.FIRING ? (hold ? AlertState.FIRING : AlertState.RESOLVED)
                : from == AlertState.SUPPRESSED ? AlertState.INACTIVE : from;
          } else if (from.active()) {
            to = from;
          } else {
            suppressor = open.get(sev);
            if (suppressor == null && t == 2 && anyPage) {
              suppressor = "model/events " + (active[0] ? page : slowPage);
            }
            to = suppressor != null ? AlertState.SUPPRESSED : AlertState.FIRING;
            joined += t < 2 && to == AlertState.SUPPRESSED ? 1 : 0;
            if (!perTier) {
              open.putIfAbsent(sev, to == AlertState.FIRING ? "model/events " + tiers.get(t) : suppressor);
            }
          }
          by[t] = to == AlertState.SUPPRESSED ? suppressor : null;
          if (to != from) {
            expected.add(k + " " + tiers.get(t) + " " + from + "->" + to + (to == AlertState.SUPPRESSED ? " by " + suppressor : ""));
            state[t] = to;
          }
        }
      }
      List<String> actual = new ArrayList<>();
      for (AlertTransition t : r.transitions()) {
        actual.add((Duration.between(Slos.START, t.at()).toSeconds() / 10) + " " + t.alert().tier().orElseThrow() + " "
            + t.from() + "->" + t.to() + (t.to() == AlertState.SUPPRESSED ? " by " + t.alert().suppressedBy().orElseThrow() : ""));
      }
      assertEquals(expected, actual, "seed " + Long.toHexString(seed) + " case " + c + ": minEvents " + minEvents
          + ", minBad " + minBad + ", keepFiringFor " + keep + ", notifyPerTier " + perTier);
    }
    // The random traffic reaches what the incidents are about: a page joining the other's incident,
    // and a firing page held open by the other after its own condition cleared.
    assertTrue(joined > 10 && held > 10, "seed " + Long.toHexString(seed) + ": " + joined + " joined, " + held + " held");
  }

  /** bad ÷ total > θ‰, projected to the whole window when only min(k, w) of its w intervals exist. */
  private static boolean over(long[] c, int k, Duration window, long perMille) {
    long w = window.toSeconds() / 10;
    return BigInteger.valueOf(c[1] - c[0]).multiply(BigInteger.valueOf(Math.min(k, w) * 1000))
        .compareTo(BigInteger.valueOf(perMille).multiply(BigInteger.valueOf(c[1])).multiply(BigInteger.valueOf(w))) > 0;
  }

  private static long[] sum(List<long[]> raw, int k, Duration window) {
    int w = (int) Math.min(window.toSeconds() / 10, k);
    long good = 0;
    long total = 0;
    for (int i = k - w; i < k; i++) {
      good += raw.get(i)[0];
      total += raw.get(i)[1];
    }
    return new long[] {good, total};
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
