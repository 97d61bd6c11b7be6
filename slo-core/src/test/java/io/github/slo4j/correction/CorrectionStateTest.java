package io.github.slo4j.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.github.slo4j.recorder.SloState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Corrections travel with the SLO's state: exported with it, back on restore, united on merge; a
 * state without corrections stays format version 1.
 */
class CorrectionStateTest {
  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  private static final Duration BASE = Duration.ofSeconds(10);
  private static final SloDefinition SLO = SloDefinition.builder("checkout-availability").service("checkout")
      .objective(Objective.percent("99.9")).period(CompliancePeriod.rollingDays(7)).build();
  private static final Target EVENTS = SLO.targets().get(0);
  /** The outage: 10:00 to 10:30 on the first day, 30 % of the events failed. */
  private static final Instant OUTAGE_FROM = Instant.parse("2026-01-05T10:00:00Z");
  private static final Instant OUTAGE_TO = Instant.parse("2026-01-05T10:30:00Z");

  /** One instance: a registry and its recorder, fed {@code perInterval} events an interval for {@code hours}. */
  private static final class Instance {
    final ManualTimeSource clock;
    final SloRegistry registry;
    final SloRecorder recorder;
    final CorrectedReader reader;

    Instance() {
      this(START);
    }

    /** A process started at {@code start} (a restart restores into a recorder created then). */
    Instance(Instant start) {
      clock = ManualTimeSource.startingAt(start);
      registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
      recorder = registry.register(SLO);
      reader = CorrectedReader.over(recorder, BASE, recorder::servingResolution);
    }

    Instance run(int hours, int perInterval) {
      for (int i = 0; i < hours * 360; i++) {
        Instant at = clock.now();
        boolean outage = !at.isBefore(OUTAGE_FROM) && at.isBefore(OUTAGE_TO);
        int bad = outage ? perInterval * 3 / 10 : (i % 2);
        for (int e = 0; e < perInterval; e++) {
          recorder.record(e >= bad);
        }
        clock.advance(BASE);
        registry.tick();
      }
      return this;
    }
  }

  private static BudgetCorrection cdnOutage(String reason) {
    return BudgetCorrection.builder("cdn-outage").window(OUTAGE_FROM, OUTAGE_TO)
        .reason(reason).author("bob").declaredAt(Instant.parse("2026-01-05T12:00:00Z")).build();
  }

  private static BudgetCorrection nightly() {
    return BudgetCorrection.builder("nightly-batch")
        .recurring(ZonedDateTime.of(2026, 1, 5, 11, 0, 0, 0, ZoneOffset.UTC), Duration.ofMinutes(20), "FREQ=DAILY")
        .reason("nightly batch import").author("alice").declaredAt(Instant.parse("2026-01-04T09:00:00Z")).build();
  }

  private static List<Long> counts(WindowCounts w) {
    return List.of(w.good(), w.total());
  }

  @Test
  void correctionsAndTheCountsTheyCapturedComeBackOnRestore() {
    Instance a = new Instance();
    a.reader.apply(nightly());
    a.run(12, 100);
    AppliedCorrection retro = a.reader.apply(cdnOutage("CDN provider outage, PM-42"));
    a.run(2, 100);
    byte[] saved = SloState.withCorrections(a.recorder.exportState(), a.reader.exportCorrections());

    Instance b = new Instance(a.clock.now());
    b.recorder.restore(saved);
    CorrectedReader restored = CorrectedReader.over(b.recorder, BASE, b.recorder::servingResolution);
    List<AppliedCorrection> back = restored.restoreCorrections(SloState.of(saved).corrections().orElseThrow());

    assertEquals(a.reader.applied(), back, "the audit trail, as applied");
    assertEquals(a.reader.applied(), restored.applied());
    assertEquals(retro, back.get(1));
    CorrectedReader.Figures before = a.reader.figures(EVENTS);
    CorrectedReader.Figures after = restored.figures(EVENTS);
    assertEquals(counts(before.corrected()), counts(after.corrected()), "corrected period");
    assertEquals(counts(before.uncorrected()), counts(after.uncorrected()), "uncorrected period");
    // the outage (180 intervals of 30 failed in 100) and the 11:00-11:20 batch window (120 intervals) leave
    assertEquals((180 + 120) * 100L, after.excludedEvents());
    for (Duration w : List.of(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1))) {
      assertEquals(counts(a.reader.window(EVENTS, w)), counts(restored.window(EVENTS, w)), "over " + w);
    }
  }

  @Test
  void mergingTwoInstancesStatesUnitesTheirCorrectionsOnceAndAddsTheirExcludedCounts() {
    Instance a = new Instance().run(11, 100);
    Instance b = new Instance().run(11, 40);
    a.reader.apply(cdnOutage("CDN provider outage, PM-42"));
    b.reader.apply(cdnOutage("CDN provider outage, PM-42"));
    b.reader.apply(nightly());
    a.run(1, 100);
    b.run(1, 40);
    byte[] merged = SloState.merge(
        SloState.withCorrections(a.recorder.exportState(), a.reader.exportCorrections()),
        SloState.withCorrections(b.recorder.exportState(), b.reader.exportCorrections()));

    Instance fleet = new Instance(a.clock.now());
    fleet.recorder.restore(merged);
    CorrectedReader reader = CorrectedReader.over(fleet.recorder, BASE, fleet.recorder::servingResolution);
    List<AppliedCorrection> back = reader.restoreCorrections(SloState.of(merged).corrections().orElseThrow());

    assertEquals(List.of("cdn-outage", "nightly-batch"), back.stream().map(c -> c.correction().id()).toList(),
        "the same correction once, in the order first seen");
    assertEquals(a.reader.applied().get(0), back.get(0), "the audit of the first state that holds it");
    CorrectedReader.Figures f = reader.figures(EVENTS);
    assertEquals(a.reader.figures(EVENTS).excludedEvents() + b.reader.figures(EVENTS).excludedEvents(), f.excludedEvents());
    assertEquals(180 * 100L + 180 * 40L + 120 * 40L, f.excludedEvents(), "a's outage; b's outage and its batch window");
    assertEquals(a.reader.figures(EVENTS).excludedBad() + b.reader.figures(EVENTS).excludedBad(), f.excludedBad());
  }

  @Test
  void aCorrectionOfTheSameIdDeclaredOtherwiseIsRefusedOnMerge() {
    Instance a = new Instance().run(11, 10);
    Instance b = new Instance().run(11, 10);
    a.reader.apply(cdnOutage("CDN provider outage, PM-42"));
    b.reader.apply(cdnOutage("a load test"));
    byte[] sa = SloState.withCorrections(a.recorder.exportState(), a.reader.exportCorrections());
    byte[] sb = SloState.withCorrections(b.recorder.exportState(), b.reader.exportCorrections());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SloState.merge(sa, sb));
    assertEquals("states[1]: a correction cdn-outage other than the one of that id in states[0]"
        + " (expected one definition per correction id)", e.getMessage());
  }

  @Test
  void restoringACorrectionAlreadyAppliedIsRefused() {
    Instance a = new Instance().run(11, 10);
    a.reader.apply(cdnOutage("CDN provider outage, PM-42"));
    byte[] exported = a.reader.exportCorrections();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.reader.restoreCorrections(exported));
    assertEquals("corrections: cdn-outage (expected an id not applied yet)", e.getMessage());
  }

  @Test
  void bytesThatAreNotCorrectionsAreRefused() {
    Instance a = new Instance().run(1, 10);
    byte[] state = a.recorder.exportState();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> a.reader.restoreCorrections(new byte[] {0, 1, 2}));
    assertEquals("corrections: not corrections, corrections that end early (expected bytes from exportCorrections())",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SloState.withCorrections(state, new byte[] {0, 1, 2}));
    assertEquals("corrections: not corrections, corrections that end early"
        + " (expected bytes from CorrectedReader.exportCorrections())", e.getMessage());
  }

  @Test
  void aStateWithoutCorrectionsStaysFormatVersion1AndOneWithCorrectionsIsVersion2() {
    Instance a = new Instance().run(11, 10);
    byte[] plain = a.recorder.exportState();
    assertEquals(1, plain[5], "version 1: an older slo4j still reads it");
    assertTrue(SloState.of(plain).corrections().isEmpty());
    a.reader.apply(cdnOutage("CDN provider outage, PM-42"));
    byte[] with = SloState.withCorrections(plain, a.reader.exportCorrections());
    assertEquals(2, with[5]);
    assertEquals(SloState.of(plain).asOf(), SloState.of(with).asOf());
    // a recorder restores either; its own export holds no corrections
    Instance b = new Instance(a.clock.now());
    b.recorder.restore(with);
    assertEquals(1, b.recorder.exportState()[5]);
  }

  @Test
  void correctionsOfAnSloOfAnotherNumberOfTargetsAreRefused() {
    SloDefinition latency = SloDefinition.builder("checkout-latency").service("checkout")
        .sli(io.github.slo4j.Sli.latency(
            io.github.slo4j.LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
            io.github.slo4j.LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99"))))
        .period(CompliancePeriod.rollingDays(7)).build();
    io.github.slo4j.replay.IntervalStore store =
        new io.github.slo4j.replay.IntervalStore(latency, START.toEpochMilli(), BASE);
    for (int i = 0; i < 360; i++) {
      store.append(new long[] {90, 99}, new long[] {100, 100});
    }
    CorrectedReader two = CorrectedReader.over(store, BASE);
    two.apply(BudgetCorrection.builder("cdn-outage").window(START.plusSeconds(600), START.plusSeconds(1200))
        .reason("CDN provider outage").author("bob").declaredAt(START).build());
    byte[] exported = two.exportCorrections();
    Instance events = new Instance().run(1, 10);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> events.reader.restoreCorrections(exported));
    assertEquals("corrections: not corrections, a segment of 249 values that is not one of 1 targets"
        + " (expected bytes from exportCorrections())", e.getMessage());
    assertEquals(List.of(), events.reader.applied(), "nothing restored");
  }
}
