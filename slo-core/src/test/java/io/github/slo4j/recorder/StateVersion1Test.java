package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * States written in format version 1 (captured from the code of November 2026, before the rings
 * were made compact, with the windows that code answered) still restore, and answer the same
 * windows. The resources hold nine days of varied traffic with an hour of missed ticks inside the
 * last day, and events recorded after the last closed boundary.
 */
class StateVersion1Test {

  @Test
  void aVersion1LatencyStateStillRestoresWithTheSameWindows() throws IOException {
    assertRestoresAsCaptured(StateFixtures.latency("checkout-latency", 7), "v1-latency-7d");
  }

  @Test
  void aVersion1TimesliceStateStillRestoresWithTheSameWindows() throws IOException {
    assertRestoresAsCaptured(StateFixtures.timeslices("checkout-slices"), "v1-timeslices-7d");
  }

  private static void assertRestoresAsCaptured(SloDefinition slo, String name) throws IOException {
    byte[] state = resource(name + ".state");
    assertEquals(1, ((state[4] & 0xFF) << 8) | (state[5] & 0xFF), "the resource is a version-1 state");
    String expected = new String(resource(name + ".txt"), StandardCharsets.UTF_8);
    Instant asOf = Instant.parse(expected.substring("asOf ".length(), expected.indexOf('\n')));
    ManualTimeSource clock = ManualTimeSource.startingAt(asOf);
    SloRecorder r = StateFixtures.registry(clock).register(slo);
    r.restore(state);
    assertEquals(expected, describe(r, slo));
  }

  /** The text the resource's {@code .txt} was written with when the state was captured. */
  private static String describe(SloRecorder r, SloDefinition slo) {
    StringBuilder b = new StringBuilder();
    b.append("asOf ").append(r.asOf()).append('\n');
    for (Target t : slo.targets()) {
      for (Duration w : StateFixtures.windows(slo)) {
        b.append(t.name()).append(' ').append(w).append(' ').append(r.window(t, w)).append(' ')
            .append(r.eventWindow(t, w)).append('\n');
      }
    }
    return b.append(r.snapshot()).append('\n').toString();
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = StateVersion1Test.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }
}
