package io.github.slo4j.testing;

import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.replay.Replay.Traffic;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Assertions on alerting built on replay: verdicts at their edges and their exact messages. */
class AlertAssertTest {
  static final SloDefinition SLO =
      SloDefinition.builder("checkout-availability").service("checkout").objective(Objective.percent("99.9")).build();
  static final AlertRules RULES = AlertRules.defaults(SLO);

  /** A clean day at 100 requests/s, then a full outage for an hour, then a clean hour. */
  static final Traffic OUTAGE_AFTER_A_DAY =
      Traffic.phases().steady(ofDays(1), 100, 0).steady(ofHours(1), 100, 1).steady(ofHours(1), 100, 0).build();

  /** A day at 100 requests/s, 0.5 % of them failing: a burn rate of 5, under both page factors (14.4, 6). */
  static final Traffic SLOW_BURN = Traffic.phases().steady(ofDays(1), 100, 0.005).build();

  private static final String HEAD =
      "  SLO: checkout/checkout-availability: events 99.9% over rolling 30d\n"
          + "  tiers of events: page 1h/5m > 14.4, page 6h/30m > 6, ticket 1d/2h > 3, ticket 3d/6h > 1\n";

  private static final String PAGE_AT_1D1M =
      "[page] checkout/checkout-availability events: burn 16.67 over 1h, 200 over 5m (> 14.4); this episode spent"
          + " 2.315% of the period's projected budget; the period so far consumed 69.4% of its budget (2.315% of the"
          + " period's projected budget); exhausted in 3h31m at this rate; no correlated change\n";

  private static final String OUTAGE_TIMELINE =
      "  timeline:\n"
          + "    +1d1m alert checkout-availability/events page 1h/5m > 14.4: inactive -> firing\n"
          + "    +1d2m10s alert checkout-availability/events page 6h/30m > 6: inactive -> suppressed\n"
          + "    +1d4m20s alert checkout-availability/events ticket 1d/2h > 3: inactive -> suppressed\n"
          + "    +1d4m20s alert checkout-availability/events ticket 3d/6h > 1: inactive -> suppressed\n"
          + "    +1d1h59m50s alert checkout-availability/events page 1h/5m > 14.4: firing -> resolved\n"
          + "    +1d1h59m50s alert checkout-availability/events page 6h/30m > 6: suppressed -> inactive";

  private static String failure(Executable assertion) {
    return assertThrows(ReliabilityAssertionError.class, assertion).getMessage();
  }

  @Test
  void aFullOutagePagesAMinuteIn() {
    // the 1h window's error ratio passes 1.44 % (14.4 × 0.1 %) after 52 s of outage: the page fires at
    // the 60 s boundary, the 5m window far over its factor by then
    assertDoesNotThrow(
        () -> Reliability.assertThatAlerting(RULES, OUTAGE_AFTER_A_DAY).incidentAt(ofDays(1)).pagesWithin(ofMinutes(1)));
  }

  @Test
  void aPageLaterThanAllowedFailsSayingHowLate() {
    assertEquals("alerting VIOLATED: fires a page alert within 50s of the incident at +1d\n" + HEAD
            + "  replayed: 1d2h from 2026-01-01T00:00:00Z (9,360 intervals of 10s)\n"
            + "  first page: +1d1m (1m after the incident, 10s late): " + PAGE_AT_1D1M
            + OUTAGE_TIMELINE,
        failure(() -> Reliability.assertThatAlerting(RULES, OUTAGE_AFTER_A_DAY).incidentAt(ofDays(1))
            .duration(ofDays(1).plusHours(2)).pagesWithin(ofSeconds(50))));
  }

  @Test
  void withoutADurationPagesWithinReplaysOnlyUpToTheTimeAllowed() {
    assertEquals("alerting VIOLATED: fires a page alert within 50s of the incident at +1d\n" + HEAD
            + "  replayed: 1d50s from 2026-01-01T00:00:00Z (8,645 intervals of 10s)\n"
            + "  first page: none by +1d50s\n"
            + "  timeline: no alert transition",
        failure(() -> Reliability.assertThatAlerting(RULES, OUTAGE_AFTER_A_DAY).incidentAt(ofDays(1))
            .pagesWithin(ofSeconds(50))));
  }

  @Test
  void aPageBeforeTheIncidentIsAFalsePage() {
    assertEquals("alerting VIOLATED: fires a page alert within 1h of the incident at +1d1h\n" + HEAD
            + "  replayed: 1d2h from 2026-01-01T00:00:00Z (9,360 intervals of 10s)\n"
            + "  first page: +1d1m (59m before the incident): " + PAGE_AT_1D1M
            + OUTAGE_TIMELINE,
        failure(() -> Reliability.assertThatAlerting(RULES, OUTAGE_AFTER_A_DAY).incidentAt(ofDays(1).plusHours(1))
            .pagesWithin(ofHours(1))));
  }

  @Test
  void anOutageFailsNeverPages() {
    assertEquals("alerting VIOLATED: never fires a page alert\n" + HEAD
            + "  replayed: 1d2h from 2026-01-01T00:00:00Z (9,360 intervals of 10s)\n"
            + "  first page: +1d1m (1 firing in all): " + PAGE_AT_1D1M
            + OUTAGE_TIMELINE,
        failure(() -> Reliability.assertThatAlerting(RULES, OUTAGE_AFTER_A_DAY).neverPages()));
  }

  @Test
  void aSlowBurnNeverPagesButOpensATicketOnceTheDayWindowProjectsPastItsFactor() {
    assertDoesNotThrow(() -> Reliability.assertThatAlerting(RULES, SLOW_BURN).neverPages());
    // from a cold start the 1d window is judged on its events projected to the whole day: burn 5 over
    // 14h24m of 24h is 3, the ticket's factor, so it fires at the next boundary
    assertDoesNotThrow(() -> Reliability.assertThatAlerting(RULES, SLOW_BURN).firesWithin(Severity.TICKET, ofMinutes(865)));
    assertEquals("alerting VIOLATED: fires a ticket alert within 14h24m of the incident at +0s\n" + HEAD
            + "  replayed: 14h24m from 2026-01-01T00:00:00Z (5,184 intervals of 10s)\n"
            + "  first ticket: none by +14h24m\n"
            + "  timeline: no alert transition",
        failure(() -> Reliability.assertThatAlerting(RULES, SLOW_BURN).firesWithin(Severity.TICKET, ofMinutes(864))));
    assertEquals("alerting VIOLATED: never fires a ticket alert\n" + HEAD
            + "  replayed: 1d from 2026-01-01T00:00:00Z (8,640 intervals of 10s)\n"
            + "  first ticket: +14h24m10s (1 firing in all): [ticket] checkout/checkout-availability events: burn 5"
            + " over 1d, 5 over 2h (> 3); this episode spent 10% of the period's projected budget; the period so far"
            + " consumed 500% of its budget (10% of the period's projected budget); exhausted in 5d9h35m at this rate;"
            + " no correlated change\n"
            + "  timeline:\n"
            + "    +14h24m10s alert checkout-availability/events ticket 1d/2h > 3: inactive -> firing\n"
            + "    +14h24m10s alert checkout-availability/events ticket 3d/6h > 1: inactive -> suppressed",
        failure(() -> Reliability.assertThatAlerting(RULES, SLOW_BURN).neverFires(Severity.TICKET)));
  }

  @Test
  void badArgumentsAreRefusedNamingThem() {
    assertEquals("rules: null (expected a value)",
        assertThrows(NullPointerException.class, () -> Reliability.assertThatAlerting(null, SLOW_BURN)).getMessage());
    assertEquals("traffic: null (expected a value)",
        assertThrows(NullPointerException.class, () -> Reliability.assertThatAlerting(RULES, null)).getMessage());
    assertEquals("incidentAt: -1s (expected >= 0, time elapsed since the replay's start)",
        assertThrows(IllegalArgumentException.class,
                () -> Reliability.assertThatAlerting(RULES, SLOW_BURN).incidentAt(ofSeconds(-1)))
            .getMessage());
    assertEquals(
        "within: 0s (expected a duration > 0)",
        assertThrows(IllegalArgumentException.class,
                () -> Reliability.assertThatAlerting(RULES, SLOW_BURN).pagesWithin(Duration.ZERO))
            .getMessage());
    // endless traffic has no length of its own: replay says so
    assertEquals("duration: null (expected a duration for endless traffic: duration(...))",
        assertThrows(IllegalArgumentException.class,
                () -> Reliability.assertThatAlerting(RULES, Traffic.steady(100, 0)).neverPages())
            .getMessage());
  }
}
