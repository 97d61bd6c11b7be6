package io.github.slo4j.monitor;

import static io.github.slo4j.monitor.Slos.at;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ChangeMarker;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.replay.Replay;
import io.github.slo4j.replay.Replay.Traffic;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 9: payloads that read as what they are, severities by any case, payloads that can grow. */
class PayloadTest {
  private static final SloDefinition SLO = Slos.workbook();

  /** Three clean days at 100 requests/s, 10 minutes at 15 % errors, clean again: one page. */
  private static Replay.Result fifteenPercentForTenMinutes() {
    return Replay.of(SLO)
        .change(ChangeMarker.deploy("checkout", "1.42.0", Instant.parse("2026-01-03T23:58:00Z")))
        .traffic(Traffic.phases()
            .steady(ofDays(3), 100, 0.0)
            .steady(ofMinutes(10), 100, 0.15)
            .steady(ofHours(7), 100, 0.0)
            .build())
        .run();
  }

  @Test
  void aResolvedAlertReadsAsResolved() {
    List<AlertTransition> page = fifteenPercentForTenMinutes().notifications();
    assertEquals(2, page.size());
    Alert resolved = page.get(1).alert();
    assertEquals(AlertState.RESOLVED, resolved.state());
    assertEquals(at(ofDays(3).plus(ofMinutes(19)).plusSeconds(40)), resolved.at());
    // At resolve the hour holds the whole outage: 15 bad/s × 600 s = 9,000 of 360,000, burn 25; the
    // last 5 minutes are clean. The episode (from an hour before it fired) spent 9,000 of the
    // 259,200 bad events 30 days at 100/s allow. The period so far (3d19m40s, 26,038,000 events,
    // 26,038 allowed) consumed 9,000 ÷ 26,038 = 34.56 % of its budget.
    assertEquals(
        "RESOLVED [page] checkout/checkout-availability events: burn 25 over 1h, 0 over 5m at resolve (fired above"
            + " 14.4); this episode spent 3.472% of the period's projected budget; the period so far consumed 34.56%"
            + " of its budget (3.472% of the period's projected budget); 1 change in the burn window or the 2h before"
            + " it, newest: deploy checkout 1.42.0 at 2026-01-03T23:58:00Z",
        resolved.summary());
    assertEquals(resolved.summary(), resolved.toString());
    // The same incident while it fired did not say RESOLVED.
    assertTrue(page.get(0).alert().summary().startsWith("[page] checkout/checkout-availability events: burn 14.58"),
        page.get(0).alert().summary());
  }

  @Test
  void aResolvedNoDataAlertSaysTrafficIsBack() {
    // A day of clean traffic, a 10-minute full outage, 2 hours with no traffic at all, then clean.
    Replay.Result r =
        Replay.of(SLO)
            .rules(AlertRules.builder(SLO).noDataAfter(ofMinutes(30), Severity.PAGE).build())
            .traffic(Traffic.phases()
                .steady(ofDays(1), 100, 0)
                .steady(ofMinutes(10), 100, 1.0)
                .silence(ofHours(2))
                .steady(ofHours(1), 100, 0)
                .build())
            .run();
    List<AlertTransition> noData =
        r.transitions().stream().filter(t -> t.alert().kind() == Alert.Kind.NO_DATA).toList();
    Alert back = noData.get(1).alert();
    assertEquals(AlertState.RESOLVED, back.state());
    // Ten seconds after the silence: 60,000 bad of 8,701,000 events (8,701 allowed), 1d2h10m10s
    // covered of 30 days: 60,000 × 94,210 ÷ (0.001 × 8,701,000 × 2,592,000) = 25.06 %.
    assertEquals(
        "RESOLVED [page] checkout/checkout-availability events: traffic is back (fired after 30m without); the period"
            + " so far consumed 689.6% of its budget (25.06% of the period's projected budget)",
        back.summary());
  }

  @Test
  void aSuppressedAlertThatClearsReadsAsCleared() {
    // A full outage of 10 minutes after a clean day: both pages fire as one incident; the tickets
    // (1 d/2 h, 3 d/6 h) become active while the page fires and stay suppressed until they clear.
    Replay.Result r = Replay.of(SLO)
        .traffic(Traffic.phases().steady(ofDays(1), 100, 0).steady(ofMinutes(10), 100, 1.0).steady(ofDays(4), 100, 0)
            .build())
        .run();
    List<AlertTransition> cleared =
        r.transitions().stream().filter(t -> t.to() == AlertState.INACTIVE).toList();
    assertTrue(!cleared.isEmpty(), r.timeline().toString());
    for (AlertTransition t : cleared) {
      assertTrue(t.alert().summary().startsWith("CLEARED ["), t.alert().summary());
      assertTrue(t.alert().summary().contains(" when it cleared (fired above "), t.alert().summary());
    }
  }

  @Test
  void severityNamesParseCaseInsensitivelyIntoOneCanonicalForm() {
    assertEquals(Severity.PAGE, Severity.of("Page"));
    assertEquals(Severity.PAGE, Severity.of("PAGE"));
    assertEquals(Severity.TICKET, Severity.of("tIcKeT"));
    assertEquals(Severity.PAGE.hashCode(), Severity.of("Page").hashCode());
    assertEquals("page", Severity.of("Page").name());
    assertEquals("page", Severity.of("PAGE").toString());
    assertEquals("sev_2-low", new Severity("Sev_2-LOW").name());
    assertEquals(Severity.of("Sev_2-LOW"), Severity.of("sev_2-low"));
    assertNotEquals(Severity.PAGE, Severity.TICKET);
  }

  @Test
  void badSeverityNamesAreRefusedWithTheNameAsGiven() {
    refused("severity: '2page' (expected 1 to 32 letters, digits, _ or -, starting with a letter)", "2page");
    refused("severity: '' (expected 1 to 32 letters, digits, _ or -, starting with a letter)", "");
    refused("severity: 'Pagé' (expected 1 to 32 letters, digits, _ or -, starting with a letter)", "Pagé");
    refused("severity: 'on call' (expected 1 to 32 letters, digits, _ or -, starting with a letter)", "on call");
    // The Kelvin sign lowercases to an ASCII k; it is not an ASCII letter, so it is refused as given.
    refused("severity: '\u212Aelvin' (expected 1 to 32 letters, digits, _ or -, starting with a letter)", "\u212Aelvin");
    refused("severity: '" + "P".repeat(33) + "' (expected 1 to 32 letters, digits, _ or -, starting with a letter)",
        "P".repeat(33));
    assertEquals("p".repeat(32), Severity.of("P".repeat(32)).name());
  }

  private static void refused(String message, String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Severity.of(name));
    assertEquals(message, e.getMessage());
  }

  @Test
  void theRegistryReportAveragesBothBudgetFigures() {
    Instant at = Slos.START;
    // 750 bad of 1,000,000 at 99.9 % over half the period: 25 % of the budget left of the events
    // seen, 1 − 0.75 × ½ = 62.5 % of the period's projected budget.
    SloHealth half = SloHealth.builder("a", "a-availability", at, ofHours(1))
        .burnRate(java.util.OptionalDouble.of(2))
        .budget("events", PeriodBudget.of(SLO.objective(), 999_250, 1_000_000, 500, 1000))
        .frozen(true)
        .build();
    // 250 bad of 1,000,000 over the whole period: 75 % left either way.
    SloHealth full = SloHealth.builder("b", "b-availability", at, ofHours(1))
        .burnRate(java.util.OptionalDouble.of(0.5))
        .budget("events", PeriodBudget.of(SLO.objective(), 999_750, 1_000_000, 1000, 1000))
        .build();
    SloHealth quiet = SloHealth.builder("c", "c-availability", at, ofHours(1)).build();
    assertEquals(0.25, half.budgetRemaining().getAsDouble(), 1e-15);
    assertEquals(0.625, half.projectedBudgetRemaining().getAsDouble(), 1e-15);
    SloHealth.Summary s = SloHealth.summarize(List.of(half, full, quiet));
    assertEquals(0.5, s.averageBudgetRemaining().getAsDouble(), 1e-15);
    assertEquals(0.6875, s.averageProjectedBudgetRemaining().getAsDouble(), 1e-15);
    assertEquals("3 SLOs: 1 with no data, 1 burning, 1 frozen, 0 too tight, 0 too loose, 0 with problems", s.toString());
    assertEquals(s, SloHealth.summarize(List.of(half, full, quiet)));
    assertTrue(SloHealth.summarize(List.of()).averageProjectedBudgetRemaining().isEmpty());
  }

  @Test
  void anAlertIsNotBuiltWithoutItsStateWindowsAndBudget() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Alert.builder(Alert.Kind.BURN_RATE, "checkout", "checkout-availability", SLO.targets().get(0), Severity.PAGE).build());
    assertEquals("an alert needs a state, windows and a budget", e.getMessage());
  }

  @Test
  void policyDecisionsOfTheSameHistoryAreEqualValues() {
    List<List<PolicyDecision>> runs = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      SloDefinition week = Slos.week();
      runs.add(Replay.of(week)
          .policy(BudgetPolicy.builder("p", "1").approvedBy("Dana", Instant.EPOCH).freezeWhenExhausted().postmortemAt(0.2)
              .build())
          .traffic(Traffic.phases().steady(ofDays(7), 100, 0).steady(ofMinutes(12), 100, 1.0).steady(ofHours(1), 100, 0)
              .build())
          .run()
          .decisions());
    }
    // a postmortem, then a freeze
    assertEquals(List.of(PolicyDecision.Kind.POSTMORTEM_REQUIRED, PolicyDecision.Kind.FREEZE),
        runs.get(0).stream().map(PolicyDecision::kind).toList());
    assertEquals(runs.get(0), runs.get(1));
    assertEquals(runs.get(0).hashCode(), runs.get(1).hashCode());
    assertNotEquals(runs.get(0).get(0), runs.get(0).get(1));
  }

  @Test
  void payloadsOfTheSameHistoryAreEqualValues() {
    Replay.Result one = fifteenPercentForTenMinutes();
    Replay.Result two = fifteenPercentForTenMinutes();
    for (int i = 0; i < one.transitions().size(); i++) {
      Alert a = one.transitions().get(i).alert();
      Alert b = two.transitions().get(i).alert();
      assertEquals(a, b);
      assertEquals(a.hashCode(), b.hashCode());
      assertEquals(one.transitions().get(i), two.transitions().get(i));
    }
    assertNotEquals(one.notifications().get(0).alert(), one.notifications().get(1).alert());
    assertEquals(one.monitor().health(), two.monitor().health());
    assertEquals(one.monitor().health().toString(), two.monitor().health().toString());
    assertEquals(one.monitor().health().hashCode(), two.monitor().health().hashCode());
  }
}
