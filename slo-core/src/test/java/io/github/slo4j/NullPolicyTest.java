package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * One null policy, as the JDK's and Caffeine's: a null argument throws a NullPointerException whose
 * message names the parameter, {@code name: null (expected a value)}. These entry points used to
 * throw an IllegalArgumentException, or a NullPointerException without a message.
 */
class NullPolicyTest {

  private static void refusedNull(String message, Executable call) {
    assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
  }

  @Test
  void aNullSnapshotBufferIsANullPointerExceptionNamingIt() {
    try (SloRegistry registry =
        SloRegistry.builder().timeSource(ManualTimeSource.startingAt(Instant.EPOCH)).manualTicks().build()) {
      SloRecorder r =
          registry.register(SloDefinition.builder("a").service("a").objective(Objective.percent("99.9")).build());
      refusedNull("into: null (expected a value)", () -> r.snapshot(null));
    }
  }

  @Test
  void aNullInstantGivenToAPeriodIsANullPointerExceptionNamingIt() {
    CompliancePeriod rolling = CompliancePeriod.rollingDays(30);
    CompliancePeriod month = CompliancePeriod.calendarMonth(ZoneOffset.UTC);
    refusedNull("now: null (expected a value)", () -> rolling.startAt(null));
    refusedNull("now: null (expected a value)", () -> rolling.lengthAt(null));
    refusedNull("now: null (expected a value)", () -> month.startAt(null));
    refusedNull("now: null (expected a value)", () -> month.lengthAt(null));
  }

  @Test
  void aNullObjectiveGivenToTheBurnRateIsANullPointerExceptionNamingIt() {
    refusedNull("objective: null (expected a value)", () -> ErrorBudget.burnRate(null, 1, 2));
    refusedNull(
        "objective: null (expected a value)",
        () -> new WindowCounts(java.time.Duration.ofHours(1), 1, 2, java.time.Duration.ofHours(1)).burnRate(null));
  }
}
