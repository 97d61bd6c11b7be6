package io.github.slo4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.Objective;
import io.github.slo4j.WindowCounts;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every bad argument of the reliability assertions, with its exact message. */
class BadInputTest {
  private static final Objective THREE_NINES = Objective.percent("99.9");

  private static void refused(Class<? extends Throwable> type, String message, Executable call) {
    assertEquals(message, assertThrows(type, call).getMessage());
  }

  @Test
  void countsAreChecked() {
    refused(IllegalArgumentException.class, "trials: 0 (expected > 0: no trials are no data, not evidence)",
        () -> Reliability.of(0, 0));
    refused(IllegalArgumentException.class, "failures: -1 (expected 0 <= failures <= trials (10))",
        () -> Reliability.of(-1, 10));
    refused(IllegalArgumentException.class, "failures: 11 (expected 0 <= failures <= trials (10))",
        () -> Reliability.of(11, 10));
    refused(NullPointerException.class, "counts: null (expected a value)", () -> Reliability.assertThat(null));
    // a window without traffic is no data: refused, not passed
    refused(IllegalArgumentException.class, "trials: 0 (expected > 0: no trials are no data, not evidence)",
        () -> Reliability.assertThat(new WindowCounts(Duration.ofHours(1), 0, 0, Duration.ofHours(1))));
  }

  @Test
  void samplesAreChecked() {
    refused(IllegalArgumentException.class, "n: 0 (expected > 0)", () -> Reliability.sample(0, () -> true));
    refused(IllegalArgumentException.class, "max: -5 (expected > 0)",
        () -> Reliability.sampleUntilConclusive(-5, () -> true));
    refused(NullPointerException.class, "call: null (expected a value)",
        () -> Reliability.sample(10, (Supplier<Boolean>) null));
    refused(NullPointerException.class, "call's outcome: null (expected a value)",
        () -> Reliability.sample(10, () -> null).meetsSlo(THREE_NINES));
  }

  @Test
  void levelsAreChecked() {
    refused(IllegalArgumentException.class, "alpha: 0.0 (expected 0 < alpha < 1)", () -> Reliability.of(0, 10).alpha(0));
    refused(IllegalArgumentException.class, "confidence: 1.0 (expected 0 < confidence < 1)",
        () -> Reliability.of(0, 10).confidence(1));
    refused(NullPointerException.class, "objective: null (expected a value)", () -> Reliability.of(0, 10).meetsSlo(null));
  }

  @Test
  void aBurnRateAtOrAboveAFullOutageIsRefused() {
    refused(IllegalArgumentException.class, "maxBurnRate: 1000.0 (expected below 1000, a full outage's burn rate at 99.9%)",
        () -> Reliability.of(0, 10).burnRateBelow(THREE_NINES, 1000));
    refused(IllegalArgumentException.class, "maxBurnRate: -1.0 (expected a finite number > 0)",
        () -> Reliability.of(0, 10).burnRateBelow(THREE_NINES, -1));
  }
}
