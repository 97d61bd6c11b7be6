package io.github.slo4j.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.github.slo4j.recorder.SloState;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** A state whose corrections section is damaged but whose checksums match is refused, saying which part. */
class CorruptCorrectionsStateTest {
  private static final SloDefinition SLO = SloDefinition.builder("checkout-availability").service("checkout")
      .objective(Objective.percent("99.9")).period(CompliancePeriod.rollingDays(7)).build();

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  private static int crc(byte[] b, int from, int to) {
    CRC32 c = new CRC32();
    c.update(b, from, to - from);
    return (int) c.getValue();
  }

  @Test
  void aCraftedCorrectionsSectionIsRefusedAsSuch() {
    ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-01-05T00:00:00Z"));
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRecorder recorder = registry.register(SLO);
    for (int i = 0; i < 360; i++) {
      recorder.record(true);
      clock.advance(Duration.ofSeconds(10));
      registry.tick();
    }
    CorrectedReader reader = CorrectedReader.over(recorder, Duration.ofSeconds(10));
    reader.apply(BudgetCorrection.builder("cdn-outage")
        .window(Instant.parse("2026-01-05T00:10:00Z"), Instant.parse("2026-01-05T00:20:00Z"))
        .reason("CDN provider outage").author("bob").declaredAt(Instant.parse("2026-01-05T01:00:00Z")).build());
    byte[] corrections = reader.exportCorrections();
    byte[] state = SloState.withCorrections(recorder.exportState(), corrections);
    int section = state.length - 4 - corrections.length;
    state[section] = (byte) 0xFF; // a count of 65,281 or more corrections: the parts run past the section
    putInt(state, state.length - 4, crc(state, 0, state.length - 4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SloState.of(state));
    assertEquals("state: invalid, corrections: a correction of 65536 bytes (expected a state written by slo4j)", e.getMessage());
  }
}
