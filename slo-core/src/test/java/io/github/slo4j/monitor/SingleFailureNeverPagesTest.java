package io.github.slo4j.monitor;

import static io.github.slo4j.monitor.Slos.START;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.replay.Replay.Point;
import io.github.slo4j.replay.Replay.Traffic;
import io.github.slo4j.replay.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * One failed request never fires a tier, at any traffic level: a tier may start firing only when its
 * long window holds at least {@code ⌈1 ÷ (factor × (1 − objective))⌉} events (and the rules' extra
 * {@code minEvents}), so one bad event cannot exceed its threshold.
 */
class SingleFailureNeverPagesTest {
  private static final SloDefinition SLO = Slos.workbook();
  private static final Target EVENTS = SLO.targets().get(0);
  private static final AlertTier FAST_PAGE = AlertTiers.workbook().get(0);

  @Test
  void theFloorOfEachWorkbookTierAt99_9IsTheCeilingOfOneOverItsThreshold() {
    // 1 ÷ 0.0144 = 69.4 -> 70; 1 ÷ 0.006 = 166.7 -> 167; 1 ÷ 0.003 = 333.3 -> 334;
    // 1 ÷ 0.001 = 1000 exactly -> 1000: one bad of 1,000 is 0.1 %, not more than 0.1 %.
    List<Long> floors = new ArrayList<>();
    AlertTiers.workbook().forEach(t -> floors.add(t.singleFailureMinEvents(Objective.percent("99.9"))));
    assertEquals(List.of(70L, 167L, 334L, 1000L), floors);
    // The rules take the larger of that and their own minimum (100 by default).
    AlertRules rules = AlertRules.defaults(SLO);
    List<Long> effective = new ArrayList<>();
    rules.tiers(EVENTS).forEach(t -> effective.add(rules.minEvents(EVENTS, t)));
    assertEquals(List.of(100L, 167L, 334L, 1000L), effective);
    AlertRules bare = AlertRules.builder(SLO).minEvents(0).build();
    assertEquals(70, bare.minEvents(EVENTS, FAST_PAGE));
    // Higher objectives need proportionally more: 99.99 % -> 695, 1667, 3334, 10000.
    List<Long> higher = new ArrayList<>();
    AlertTiers.workbook().forEach(t -> higher.add(t.singleFailureMinEvents(Objective.percent("99.99"))));
    assertEquals(List.of(695L, 1667L, 3334L, 10_000L), higher);
    // 28 days (Sloth's factors): 13.44 -> 1 ÷ 0.01344 = 74.4 -> 75; 0.9333… -> 1071.4 -> 1072.
    List<AlertTier> month = AlertTiers.budgetShare(ofDays(28));
    assertEquals(75, month.get(0).singleFailureMinEvents(Objective.percent("99.9")));
    assertEquals(1072, month.get(3).singleFailureMinEvents(Objective.percent("99.9")));
  }

  @Test
  void theFloorIsExactOnBothSidesOfTheBoundary() {
    Objective o = Objective.percent("99.9");
    for (AlertTier t : AlertTiers.workbook()) {
      long n = t.singleFailureMinEvents(o);
      RatioThreshold th = RatioThreshold.of(t.factor(), o);
      assertFalse(th.exceededBy(1, n), t + ": 1 bad of " + n);
      assertTrue(th.exceededBy(1, n - 1), t + ": 1 bad of " + (n - 1));
    }
  }

  @Test
  void oneBadEventNeverExceedsAnyTierAtOrAboveItsFloor() {
    // Random objectives and factors, a third of them budget-share factors of random periods; the
    // floor must be the exact boundary: one bad event exceeds below it and never at or above it.
    String[] objectives = {"50", "90", "95", "99", "99.5", "99.9", "99.95", "99.99", "99.999", "99.9999"};
    long seed = 0x5106_4A1EL;
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 5_000; i++) {
      Objective o = Objective.percent(objectives[random.nextInt(objectives.length)]);
      double factor = i % 3 == 0
          ? AlertTiers.budgetShare(ofDays(3 + random.nextInt(398))).get(random.nextInt(4)).factor()
          : Math.round(random.nextDouble(0.001, 2000) * 1e6) / 1e6;
      AlertTier tier = AlertTier.of(io.github.slo4j.monitor.Severity.PAGE, ofHours(1), factor);
      if (!tier.canFire(o)) {
        continue;
      }
      long n = tier.singleFailureMinEvents(o);
      RatioThreshold th = RatioThreshold.of(factor, o);
      String at = "seed " + Long.toHexString(seed) + " case " + i + ": factor " + factor + " at " + o + ", floor " + n;
      assertFalse(th.exceededBy(1, n), at);
      assertFalse(th.exceededBy(1, n + random.nextLong(0, 1_000_000)), at);
      assertTrue(n == 1 || th.exceededBy(1, n - 1), at);
    }
  }

  /** Recorded traffic: {@code perHour} requests an hour, evenly spread, for 4 days; one fails. */
  private static List<Point> oneFailureAt(double perHour, Instant failure) {
    List<Point> points = new ArrayList<>();
    double every = 3600.0 / perHour;
    if (every >= 10) {
      for (long k = 0; ; k++) {
        Instant t = START.plusMillis(Math.round(k * every * 1000));
        if (!t.isBefore(START.plus(ofDays(4)))) {
          break;
        }
        boolean bad = !t.isBefore(failure) && t.minusMillis(Math.round(every * 1000)).isBefore(failure);
        points.add(new Point(t, bad ? 0 : 1, 1));
      }
    } else {
      // Several requests per 10 s interval: one point per interval holding all of them.
      long perInterval = Math.round(perHour / 360);
      for (Instant t = START; t.isBefore(START.plus(ofDays(4))); t = t.plusSeconds(10)) {
        boolean bad = !t.isBefore(failure) && t.minusSeconds(10).isBefore(failure);
        points.add(new Point(t, bad ? perInterval - 1 : perInterval, perInterval));
      }
    }
    return points;
  }

  @Test
  void oneFailedRequestNeverPagesOrOpensATicketAtAnyTrafficLevel() {
    // From 1 request an hour to 100 a second; the failure comes after 3 clean days, when every
    // window is full. Before the per-tier floor a single failure fired the 6 h page at 20 requests
    // an hour and the 1 d or 3 d ticket at 2 to 13 an hour.
    Instant failure = START.plus(ofDays(3)).plus(ofHours(1));
    double[] perHour = {1, 2, 5, 10, 13, 20, 27, 50, 69, 70, 100, 166, 333, 600, 1000, 3600, 36_000, 360_000};
    for (double rate : perHour) {
      Replay.Result r = Replay.of(SLO).traffic(Traffic.recorded(oneFailureAt(rate, failure))).run();
      List<AlertTransition> burn = r.transitions().stream()
          .filter(t -> t.alert().kind() == io.github.slo4j.monitor.Alert.Kind.BURN_RATE).toList();
      assertEquals(List.of(), burn, rate + " requests an hour");
    }
  }

  @Test
  void oneFailureAtTwentyRequestsAnHourDoesNotFireTheSixHourPage() {
    // 120 events in 6 h passed the old fixed minimum of 100, and 1 of 120 = 0.83 % > 0.6 %.
    Instant failure = START.plus(ofDays(3)).plus(ofHours(1));
    Replay.Result r = Replay.of(SLO).traffic(Traffic.recorded(oneFailureAt(20, failure))).run();
    assertEquals(List.of(), r.transitions(io.github.slo4j.monitor.Severity.PAGE));
    // Two failures in a row do open a ticket (2 of 480 in a day is 0.42 %, 334 events and more):
    // the floor guards against one failure, not against a burn.
    List<Point> two = oneFailureAt(20, failure);
    Instant second = failure.plusSeconds(180);
    two.replaceAll(p -> p.at().equals(second) ? new Point(second, 0, 1) : p);
    Replay.Result ticketed = Replay.of(SLO).traffic(Traffic.recorded(two)).run();
    assertEquals(AlertState.FIRING, ticketed.transitions(io.github.slo4j.monitor.Severity.TICKET).get(0).to());
    assertEquals(second.plusSeconds(10), ticketed.transitions(io.github.slo4j.monitor.Severity.TICKET).get(0).at());
  }

  @Test
  void oneFailureAtTenRequestsAnHourDoesNotOpenTheOneDayTicket() {
    // 240 events in a day passed the old fixed minimum of 100, and 1 of 240 = 0.42 % > 0.3 %.
    Instant failure = START.plus(ofDays(3)).plus(ofHours(1));
    Replay.Result r = Replay.of(SLO).traffic(Traffic.recorded(oneFailureAt(10, failure))).run();
    assertEquals(List.of(), r.transitions());
  }

  /** Events every 50 s from 1 h on, the last {@code bad} of {@code n} bad. */
  private static List<Point> lastBad(int n, int bad) {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      points.add(new Point(START.plus(ofHours(1)).plusSeconds(50L * i), i >= n - bad ? 0 : 1, 1));
    }
    return points;
  }

  @Test
  void theFastPageMayFireFromExactlySeventyEventsInItsHourAndNotFromSixtyNine() {
    // Only the fast page, without the rules' extra minimum: its own floor is 70. Two bad events
    // among the last ones exceed 1.44 % either way (2 of 69, 2 of 70); only the floor differs.
    AlertRules rules = AlertRules.builder(SLO).tiers(List.of(FAST_PAGE)).minEvents(0).withoutNoDataAlert().build();
    Replay.Result seventy = Replay.of(SLO).rules(rules).traffic(Traffic.recorded(lastBad(70, 2)))
        .start(START).duration(ofHours(3)).run();
    assertEquals(1, seventy.notifications().size());
    AlertTransition fired = seventy.notifications().get(0);
    assertEquals(70, fired.alert().longWindow().total());
    assertEquals(START.plus(ofHours(1)).plusSeconds(50L * 69 + 10), fired.at());

    Replay.Result sixtyNine = Replay.of(SLO).rules(rules).traffic(Traffic.recorded(lastBad(69, 2)))
        .start(START).duration(ofHours(3)).run();
    assertEquals(List.of(), sixtyNine.transitions());
    // And one bad of 70, allowed by the floor, does not exceed 1.44 %: nothing fires.
    Replay.Result one = Replay.of(SLO).rules(rules).traffic(Traffic.recorded(lastBad(70, 1)))
        .start(START).duration(ofHours(3)).run();
    assertEquals(List.of(), one.transitions());
  }

  @Test
  void oneFailureInAQuietShortWindowAfterABusyHourDoesNotPage() {
    // The short window needs no floor of its own: it ends where the long window ends and lies
    // inside it, so its bad events are among the long window's. Here the 5 m window holds a single
    // event, the failure (100 %), but the hour holds 330,000 events and that one bad event.
    Replay.Result r = Replay.of(SLO)
        .traffic(Traffic.phases()
            .steady(ofDays(3), 100, 0)
            .silence(ofSeconds(300))
            .steady(ofSeconds(10), 0.1, 1.0)
            .silence(ofSeconds(600))
            .build())
        .run();
    assertEquals(List.of(), r.transitions().stream()
        .filter(t -> t.alert().kind() == io.github.slo4j.monitor.Alert.Kind.BURN_RATE).toList());
  }

  @Test
  void theFloorHoldsForEveryDerivedDefaultTier() {
    // Every default tier of every period and objective the rules derive keeps the guarantee.
    for (String percent : new String[] {"50", "90", "99", "99.9", "99.99"}) {
      for (Duration period : new Duration[] {ofHours(1), ofDays(1), ofDays(7), ofDays(28), ofDays(90)}) {
        SloDefinition slo = SloDefinition.builder("s").service("s").objective(Objective.percent(percent))
            .period(CompliancePeriod.rolling(period)).build();
        AlertRules rules = AlertRules.builder(slo).minEvents(0).build();
        Target target = slo.targets().get(0);
        for (AlertTier t : rules.tiers(target)) {
          long n = rules.minEvents(target, t);
          RatioThreshold th = RatioThreshold.of(t.factor(), target.objective());
          assertFalse(th.exceededBy(1, n), percent + " " + period + " " + t);
        }
      }
    }
  }
}
