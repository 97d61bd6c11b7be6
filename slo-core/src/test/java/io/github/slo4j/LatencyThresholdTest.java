package io.github.slo4j;

import static io.github.slo4j.ErrorBudgetTest.refused;
import static io.github.slo4j.ErrorBudgetTest.refusedNull;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyThresholdTest {
  static final Objective P90 = Objective.percent("90");

  @Test
  void holdsAThresholdAndItsObjective() {
    LatencyThreshold t = LatencyThreshold.of(Duration.ofMillis(100), P90);
    assertEquals(Duration.ofMillis(100), t.threshold());
    assertEquals(P90, t.objective());
    assertEquals(new LatencyThreshold(Duration.ofMillis(100), Objective.percent("90.0")), t);
    assertEquals("90% <= 100ms", t.toString());
    assertEquals("99.5% <= 1s500ms", LatencyThreshold.of(Duration.ofMillis(1500), Objective.percent("99.5")).toString());
  }

  @Test
  void aWholeNumberOfMicroseconds() {
    assertEquals(Duration.ofNanos(1_000), LatencyThreshold.of(Duration.ofNanos(1_000), P90).threshold());
    refused(
        "latency threshold: 1us500ns (expected a whole number of microseconds)",
        () -> LatencyThreshold.of(Duration.ofNanos(1_500), P90));
  }

  @Test
  void refusals() {
    refused(
        "latency threshold: 0s (expected a duration > 0)",
        () -> LatencyThreshold.of(Duration.ZERO, P90));
    refused(
        "latency threshold: -100ms (expected a duration > 0)",
        () -> LatencyThreshold.of(Duration.ofMillis(-100), P90));
    refusedNull("latency threshold: null (expected a value)", () -> LatencyThreshold.of(null, P90));
    refusedNull(
        "objective: null (expected a value)",
        () -> LatencyThreshold.of(Duration.ofMillis(100), null));
  }
}
