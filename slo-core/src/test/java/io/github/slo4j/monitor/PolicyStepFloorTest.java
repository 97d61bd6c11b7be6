package io.github.slo4j.monitor;

import static io.github.slo4j.monitor.Slos.START;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.replay.Replay.Point;
import io.github.slo4j.replay.Replay.Traffic;
import io.github.slo4j.replay.Replay;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Budget-policy steps follow the alert tiers' single-failure rule: a step may become breached only
 * when its window holds at least {@code max(minEvents, ⌈1 ÷ (burnRate × (1 − objective))⌉)} events,
 * so one failed request at low traffic never breaches a step (it did when steps checked only
 * {@code minEvents}, 100 by default).
 */
class PolicyStepFloorTest {
  private static final SloDefinition SLO = Slos.workbook();
  private static final Instant APPROVED = Instant.parse("2025-12-01T00:00:00Z");

  /** A step 1h/5m > 9 and a single-window step 1h > 9: threshold 0.9 % at 99.9 %. */
  private static BudgetPolicy steps() {
    return BudgetPolicy.builder("low-traffic-policy", "1")
        .approvedBy("Dana Ruiz", APPROVED)
        .step("fast-burn", ofHours(1), ofMinutes(5), 9, "fast burn", "fast burn over")
        .step("fast-burn-single", ofHours(1), 9, "fast burn (single window)", "over (single window)")
        .build();
  }

  /**
   * Two good events a minute for the first {@code minutes} minutes, then at +57 m {@code good}
   * good and {@code bad} bad events; the replay runs one hour.
   */
  private static List<PolicyDecision> decisions(int minutes, int good, int bad) {
    List<Point> points = new ArrayList<>();
    for (int m = 0; m < minutes; m++) {
      points.add(new Point(START.plus(ofMinutes(m)), 2, 2));
    }
    points.add(new Point(START.plus(ofMinutes(57)), good, good + bad));
    return Replay.of(SLO).policy(steps()).traffic(Traffic.recorded(points)).start(START).duration(ofHours(1)).run().decisions();
  }

  @Test
  void oneFailedRequestDoesNotTriggerAPolicyStep() {
    // 1 ÷ 0.009 = 111.1: with 111 events in the hour one bad event is 0.9009 % > 0.9 %, a burn of
    // 9.009 over the hour and of 90.9 over the 5 m window; 111 >= the 100 events of minEvents. Both
    // steps used to be breached at +1 h; the floor of 112 events keeps them on track.
    assertEquals(112, new AlertTier(Severity.PAGE, ofHours(1), ofMinutes(5), 9).singleFailureMinEvents(SLO.objective()));
    List<PolicyDecision> d = decisions(50, 10, 1);
    assertEquals(List.of(), d);
  }

  @Test
  void twoFailedRequestsAboveTheFloorStillBreachBothSteps() {
    // 110 + 10 = 120 events (>= 112) of which 2 bad: 1.67 % > 0.9 % over the hour and 20 % over 5 m.
    List<PolicyDecision> d = decisions(55, 8, 2);
    assertEquals(List.of("fast-burn STEP_BREACHED", "fast-burn-single STEP_BREACHED"),
        d.stream().map(x -> x.clause() + " " + x.kind()).toList());
  }

  @Test
  void aBreachedStepReturnsOnTrackBelowTheFloor() {
    // As above, then 2 clean events a minute from +65 m to +119 m. At +65m10s the 5 m window is
    // clean and the hour holds 110 events (>= minEvents, < the floor of 112): the multi-window step
    // returns on track. The single-window one does once the bad events leave the hour, at
    // +1h57m10s, with 110 events.
    List<Point> points = new ArrayList<>();
    for (int m = 0; m < 55; m++) {
      points.add(new Point(START.plus(ofMinutes(m)), 2, 2));
    }
    points.add(new Point(START.plus(ofMinutes(57)), 8, 10));
    for (int m = 65; m < 120; m++) {
      points.add(new Point(START.plus(ofMinutes(m)), 2, 2));
    }
    List<PolicyDecision> d =
        Replay.of(SLO).policy(steps()).traffic(Traffic.recorded(points)).start(START).duration(ofHours(2)).run().decisions();
    assertEquals(
        List.of("fast-burn STEP_BREACHED", "fast-burn-single STEP_BREACHED", "fast-burn STEP_ON_TRACK",
            "fast-burn-single STEP_ON_TRACK"),
        d.stream().map(x -> x.clause() + " " + x.kind()).toList());
    assertEquals(START.plus(ofMinutes(65)).plusSeconds(10), d.get(2).at());
    assertEquals(START.plus(ofMinutes(117)).plusSeconds(10), d.get(3).at());
  }
}
