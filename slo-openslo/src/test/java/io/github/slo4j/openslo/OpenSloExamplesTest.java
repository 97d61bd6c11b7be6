package io.github.slo4j.openslo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.BudgetingMethod;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.replay.Replay;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenSLO specification's own examples (copied from its repository, see
 * src/test/resources/openslo-examples/README.md): each loads into the definitions it describes,
 * round-trips, and evaluates by replay.
 */
class OpenSloExamplesTest {
  private static final Path EXAMPLES = Path.of("src/test/resources/openslo-examples");
  private static final Path OCCURRENCES = EXAMPLES.resolve("budgeting-method/occurences-slo.yaml");
  private static final Path RATIO_TIMESLICES = EXAMPLES.resolve("budgeting-method/ratio-timeslices.yaml");
  private static final Path TIMESLICES = EXAMPLES.resolve("budgeting-method/timeslices-slo.yaml");
  private static final Path TIMESLICES_1M = Path.of("src/test/resources/openslo-fixed/timeslices-slo-1M.yaml");
  private static final Path LOW_TRAFFIC = EXAMPLES.resolve("treat-low-traffic-as-equally-important/timeslices-slo.yaml");

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static SloDefinition only(OpenSloDocuments docs) {
    assertEquals(1, docs.definitions().size(), docs.toString());
    return docs.definitions().get(0);
  }

  @Test
  void theOccurrencesExampleIsALatencySloOfOneThresholdInMilliseconds() throws IOException {
    OpenSloDocuments docs = OpenSlo.read(OCCURRENCES);
    SloDefinition d = only(docs);
    assertEquals("search-slo", d.id());
    assertEquals("web-shop", d.service());
    assertEquals("Regardless of the number of paraller searches it never should be more than 500ms.", d.description());
    assertEquals(Sli.latency(LatencyThreshold.of(Duration.ofMillis(500), Objective.ratio("0.99"))), d.sli());
    assertEquals(CompliancePeriod.rolling(Duration.ofDays(14)), d.period());
    assertEquals(BudgetingMethod.occurrences(), d.budgeting());
    OpenSloSlo slo = docs.slos().get(0);
    assertEquals("Searching time", slo.displayName());
    assertEquals("thresholdMetric", slo.indicator().metric());
    assertEquals("Latency of user searches", slo.indicator().displayName());
    assertEquals(Map.of("metricSource", Map.of("type", "Any", "spec", Map.of("query", "Any"))), slo.indicator().queries());
    assertEquals(List.of(), slo.alertPolicies(), "alertPolicies: with no value is no policy");
    assertEquals(AlertRules.defaults(d).tiers(d.targets().get(0)), slo.rules().get(0).tiers(d.targets().get(0)));
  }

  @Test
  void theRatioTimeslicesExampleIsAnEventsSloWithOneMinuteSlices() throws IOException {
    SloDefinition d = only(OpenSlo.read(RATIO_TIMESLICES));
    assertEquals("main-page", d.id());
    assertEquals(Sli.events(), d.sli());
    assertEquals(Objective.ratio("0.99"), d.objective());
    assertEquals(CompliancePeriod.rolling(Duration.ofDays(14)), d.period());
    assertEquals(BudgetingMethod.ratioTimeslices(Duration.ofMinutes(1)), d.budgeting());
  }

  @Test
  void theLowTrafficExampleIsACalendarWeekStartingOnTheWeekdayOfItsStartTime() throws IOException {
    SloDefinition d = only(OpenSlo.read(LOW_TRAFFIC));
    assertEquals("service-availability", d.id());
    // 2022-01-01 was a Saturday
    assertEquals(CompliancePeriod.calendarWeek(NEW_YORK, DayOfWeek.SATURDAY), d.period());
    assertEquals(Objective.ratio("0.9995"), d.objective());
    assertEquals(BudgetingMethod.timeslices(Duration.ofMinutes(1), Objective.ratio("0.95")), d.budgeting());
  }

  @Test
  void theTimeslicesExampleWritesAMonthAs1mWhichIsAMinuteAndIsRefusedSayingSo() {
    OpenSloException e = assertThrows(OpenSloException.class, () -> OpenSlo.read(TIMESLICES));
    assertEquals(
        TIMESLICES + ":27:17: spec.timeWindow[0].duration: 1m (expected 1w or 1M for a calendar window (slo4j's calendar"
            + " periods are a week or a month); 1m is one minute, a month is 1M)",
        e.getMessage());
  }

  @Test
  void theTimeslicesExampleWithItsMonthWrittenAs1MIsOneDefinitionPerObjective() throws IOException {
    OpenSloDocuments docs = OpenSlo.read(TIMESLICES_1M);
    List<SloDefinition> defs = docs.definitions();
    assertEquals(List.of("service-availability.0", "service-availability.1"), defs.stream().map(SloDefinition::id).toList());
    assertEquals(Objective.ratio("0.995"), defs.get(0).objective());
    assertEquals(Objective.ratio("0.99"), defs.get(1).objective());
    for (SloDefinition d : defs) {
      assertEquals("web-availability", d.service());
      assertEquals(CompliancePeriod.calendarMonth(NEW_YORK), d.period());
      assertEquals(BudgetingMethod.timeslices(Duration.ofMinutes(1), Objective.ratio("0.99")), d.budgeting());
    }
  }

  @Test
  void everyExampleRoundTrips() throws IOException {
    for (Path p : List.of(OCCURRENCES, RATIO_TIMESLICES, TIMESLICES_1M, LOW_TRAFFIC)) {
      OpenSloDocuments read = OpenSlo.read(p);
      String written = OpenSlo.write(read);
      OpenSloDocuments again = OpenSlo.read("written", written);
      assertEquals(Canonical.of(read), Canonical.of(again), p + " written as\n" + written);
      assertEquals(written, OpenSlo.write(again), p + ": writing is stable");
    }
  }

  /**
   * Each example, with its rules (slo4j's defaults, as none has alert policies), replayed through a
   * clean day and then a burst of 50 % bad events: the first page fires no later than the SRE
   * Workbook's detection time for that error ratio, {@code (1 − objective) ÷ e × window × factor},
   * plus one evaluation interval, and nothing fires on the clean day.
   */
  @Test
  void everyExamplePagesOnABurstWithinTheWorkbooksDetectionTime() throws IOException {
    for (Path p : List.of(OCCURRENCES, RATIO_TIMESLICES, TIMESLICES_1M, LOW_TRAFFIC)) {
      OpenSloSlo slo = OpenSlo.read(p).slos().get(0);
      for (int i = 0; i < slo.definitions().size(); i++) {
        SloDefinition d = slo.definitions().get(i);
        AlertRules rules = slo.rules().get(i);
        double errorRatio = 0.5;
        Replay.Result r = Replay.of(d).rules(rules)
            .traffic(Replay.Traffic.phases()
                .steady(Duration.ofDays(1), 20, 0.0)
                .steady(Duration.ofHours(1), 20, errorRatio)
                .build())
            .run();
        List<AlertTransition> pages = r.transitions(Severity.PAGE);
        assertTrue(!pages.isEmpty(), p + " " + d.id() + ": a page fires: " + r.timeline());
        AlertTransition first = pages.get(0);
        Duration afterBurst = Duration.between(Replay.DEFAULT_START.plus(Duration.ofDays(1)), first.at());
        AlertTier tier = rules.tiers(d.targets().get(0)).get(0);
        double detectionSeconds = d.objective().errorBudget() / errorRatio * tier.longWindow().toSeconds() * tier.factor();
        assertTrue(
            !afterBurst.isNegative() && afterBurst.toSeconds() <= detectionSeconds + rules.evaluationInterval().toSeconds(),
            p + " " + d.id() + ": paged " + afterBurst + " into the burst, predicted " + detectionSeconds + " s for " + tier);
      }
    }
  }
}
