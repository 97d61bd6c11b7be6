package io.github.slo4j.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.SloMonitor;
import io.github.slo4j.replay.IntervalStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples of docs/corrections.md. */
class CorrectionsDocTest {
  private static final SloDefinition SLO = SloDefinition.builder("checkout-availability").service("checkout")
      .objective(Objective.percent("99.9")).period(CompliancePeriod.calendarMonth(ZoneOffset.UTC)).build();

  @Test
  void maintenanceAndAfterTheFact() {
    IntervalStore store = new IntervalStore(SLO, Instant.parse("2026-01-01T00:00:00Z").toEpochMilli(), Duration.ofSeconds(10));
    List<AlertTransition> pager = new ArrayList<>();
    // tag::corrections[]
    CorrectedReader reader = CorrectedReader.over(store, Duration.ofSeconds(10)); // or a recorder
    reader.apply(BudgetCorrection.builder("sunday-maintenance")
        .recurring(ZonedDateTime.of(2026, 1, 4, 22, 0, 0, 0, ZoneId.of("Europe/Berlin")),
            Duration.ofHours(4), "FREQ=WEEKLY;BYDAY=SU")
        .reason("weekly database maintenance")
        .author("alice@example.com")
        .declaredAt(Instant.parse("2025-12-20T09:00:00Z"))
        .build());
    SloMonitor monitor = SloMonitor.builder(SLO)
        .rules(AlertRules.defaults(SLO))
        .listener(reader.suppressing(pager::add))  // held back in a window: reader.suppressed()
        .build(reader);
    // end::corrections[]
    long[] good = {1000};
    long[] total = {1000};
    for (int i = 0; i < 8640 * 20; i++) {
      store.append(good, total);
      monitor.evaluate(store.asOfMillis());
    }
    Target events = SLO.targets().get(0);
    // tag::retroactive[]
    AppliedCorrection applied = reader.apply(BudgetCorrection.builder("cdn-outage")
        .window(Instant.parse("2026-01-15T10:00:00Z"), Instant.parse("2026-01-15T11:30:00Z"))
        .reason("CDN provider outage, postmortem PM-42")
        .author("bob@example.com")
        .declaredAt(Instant.parse("2026-01-16T08:00:00Z"))
        .build());
    applied.retroactiveResolution();                  // Optional[PT10S]: excluded interval by interval
    CorrectedReader.Figures month = reader.figures(events);
    month.corrected();                                // what alerting and the policy see
    month.uncorrected();                              // what was recorded: report both
    // end::retroactive[]
    assertEquals(java.util.Optional.of(Duration.ofSeconds(10)), applied.retroactiveResolution());
    assertEquals(540_000 + 3 * 1440 * 1000L, month.excludedEvents(), "the outage and three Sunday nights");
    assertTrue(pager.isEmpty());
  }

  @Test
  void aFireDrill() {
    IntervalStore store = new IntervalStore(SLO, Instant.parse("2026-01-10T00:00:00Z").toEpochMilli(), Duration.ofSeconds(10));
    CorrectedReader reader = CorrectedReader.over(store, Duration.ofSeconds(10));
    AlertRules rules = AlertRules.defaults(SLO);
    List<AlertTransition> transitions = new ArrayList<>();
    SloMonitor monitor = SloMonitor.builder(SLO).rules(rules).listener(transitions::add).build(reader);
    Target events = SLO.targets().get(0);
    // tag::drill[]
    FireDrill drill = FireDrill.of("game-day-1", Instant.parse("2026-01-10T14:00:00Z"),
        Duration.ofMinutes(30), 0.2, "alice@example.com");
    reader.start(drill);                              // refused if it overlaps another drill
    // each interval: record inject(...) more bad events, then evaluate as usual
    for (int i = 0; i < 8640; i++) {
      long start = store.asOfMillis();
      long real = 1000;
      long bad = reader.inject(drill, start, real);
      store.append(new long[] {real}, new long[] {real + bad});
      monitor.evaluate(store.asOfMillis());
    }
    DrillReport report = drill.report(events, rules, transitions);
    report.tiers().get(0);  // page 1h/5m: fired after 3m40s, predicted 4m19.2s
    // end::drill[]
    DrillReport.Tier page = report.tiers().get(0);
    assertEquals(Duration.ofSeconds(220), page.timeToFire().orElseThrow(), report.toString());
    assertEquals(Duration.ofMillis(259_200), page.predicted().orElseThrow());
    assertEquals(0, reader.figures(events).corrected().bad());
  }
}
