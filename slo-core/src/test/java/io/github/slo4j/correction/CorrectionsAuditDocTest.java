package io.github.slo4j.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.BudgetPolicy;
import io.github.slo4j.monitor.PolicyDecision;
import io.github.slo4j.monitor.SloMonitor;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.github.slo4j.recorder.SloState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples of docs/corrections.md on the enforcement history and on state. */
class CorrectionsAuditDocTest {
  private static final SloDefinition SLO = SloDefinition.builder("checkout-availability").service("checkout")
      .objective(Objective.percent("99.9")).period(CompliancePeriod.rollingDays(7)).build();
  private static final Instant START = Instant.parse("2026-01-15T00:00:00Z");

  private static BudgetCorrection cdnOutage() {
    return BudgetCorrection.builder("cdn-outage")
        .window(Instant.parse("2026-01-15T10:00:00Z"), Instant.parse("2026-01-15T11:30:00Z"))
        .reason("CDN provider outage, postmortem PM-42").author("bob@example.com")
        .declaredAt(Instant.parse("2026-01-16T08:00:00Z")).build();
  }

  private static void run(ManualTimeSource clock, SloRegistry registry, SloRecorder recorder, int hours) {
    for (int i = 0; i < hours * 360; i++) {
      recorder.record(i % 100 != 0);
      clock.advance(Duration.ofSeconds(10));
      registry.tick();
    }
  }

  @Test
  void aCorrectionIsInTheEnforcementHistoryAndTravelsWithTheState() {
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRecorder recorder = registry.register(SLO);
    run(clock, registry, recorder, 14);
    BudgetPolicy policy = BudgetPolicy.builder("checkout-policy", "3")
        .approvedBy("Dana Ruiz", Instant.parse("2026-01-01T00:00:00Z")).freezeWhenExhausted().build();
    List<PolicyDecision> audit = new ArrayList<>();
    // tag::correction-history[]
    CorrectedReader reader = CorrectedReader.over(recorder, Duration.ofSeconds(10), recorder::servingResolution);
    SloMonitor monitor = SloMonitor.builder(SLO)
        .rules(AlertRules.defaults(SLO))
        .policy(policy)
        .decisionListener(audit::add)              // the same path as a freeze
        .build(reader);
    reader.apply(cdnOutage());
    monitor.evaluate(reader.asOfMillis());
    PolicyDecision d = audit.get(0);                 // kind CORRECTION_APPLIED, clause "correction"
    d.correction().get().corrected();                // the period budget after the corrections
    d.correction().get().uncorrected();              // and as recorded, side by side
    monitor.health().problems();                     // judged on the uncorrected budget too
    // end::correction-history[]
    assertEquals(PolicyDecision.Kind.CORRECTION_APPLIED, d.kind());
    assertEquals(monitor.enforcementHistory(), audit);
    assertTrue(d.correction().get().uncorrected().total() > d.correction().get().corrected().total());

    SloRegistry next = SloRegistry.builder().timeSource(ManualTimeSource.startingAt(clock.now())).manualTicks().build();
    SloRecorder restarted = next.register(SLO);
    // tag::correction-state[]
    byte[] saved = SloState.withCorrections(recorder.exportState(), reader.exportCorrections());
    // ... in the next process, or after SloState.merge(savedByA, savedByB):
    restarted.restore(saved);
    CorrectedReader again = CorrectedReader.over(restarted, Duration.ofSeconds(10), restarted::servingResolution);
    again.restoreCorrections(SloState.of(saved).corrections().orElseThrow());
    // end::correction-state[]
    assertEquals(reader.applied(), again.applied());
    assertEquals(reader.figures(SLO.targets().get(0)).excludedEvents(), again.figures(SLO.targets().get(0)).excludedEvents());
    assertEquals(540L, again.figures(SLO.targets().get(0)).excludedEvents(), "90 minutes of one event per 10 s");
  }
}
