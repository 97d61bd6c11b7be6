package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.TimeSource;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.Test;

/**
 * A registry built with a {@link ManualTimeSource} and the registry's own ticker would never tick
 * (the ticker wakes on real time and reads a clock that only a test moves) and said nothing.
 */
class ManualClockTrapTest {

  @Test
  void aManualTimeSourceWithAutomaticTicksIsRefused() {
    SloRegistry.Builder b = SloRegistry.builder().timeSource(ManualTimeSource.atEpoch());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
    assertEquals(
        "timeSource: a ManualTimeSource with the registry's own ticker (expected manualTicks() or an"
            + " executor with a ManualTimeSource: the ticker runs on real time, and a manual clock only"
            + " moves when the caller moves it)",
        e.getMessage());
  }

  @Test
  void aManualTimeSourceWithManualTicksIsAccepted() {
    ManualTimeSource clock = ManualTimeSource.atEpoch();
    try (SloRegistry r = SloRegistry.builder().timeSource(clock).manualTicks().build()) {
      assertEquals(clock, r.timeSource());
    }
  }

  @Test
  void aManualTimeSourceOnAHostExecutorIsAccepted() {
    ScheduledThreadPoolExecutor host = new ScheduledThreadPoolExecutor(1);
    ManualTimeSource clock = ManualTimeSource.atEpoch();
    try (SloRegistry r = SloRegistry.builder().timeSource(clock).executor(host).build()) {
      assertEquals(clock, r.timeSource());
    } finally {
      host.shutdownNow();
    }
  }

  @Test
  void theSystemTimeSourceWithAutomaticTicksIsAccepted() {
    try (SloRegistry r = SloRegistry.builder().timeSource(TimeSource.system()).build()) {
      assertEquals(TimeSource.system(), r.timeSource());
    }
  }
}
