package io.github.slo4j;

import static io.github.slo4j.ErrorBudgetTest.refused;
import static io.github.slo4j.ErrorBudgetTest.refusedNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class WindowCountsTest {
  static final Duration HOUR = Duration.ofHours(1);
  static final Objective P999 = Objective.percent("99.9");

  @Test
  void countsAndRatios() {
    WindowCounts w = new WindowCounts(HOUR, 9_856, 10_000, HOUR);
    assertEquals(144, w.bad());
    assertTrue(w.hasData());
    assertEquals(OptionalDouble.of(0.0144), w.errorRatio());
    assertEquals(OptionalDouble.of(14.4), w.burnRate(P999), "exactly the factor, not 14.399999999999999");
    assertEquals(1.0, w.coverage());
  }

  @Test
  void aNullObjectiveIsRefusedWithAMessage() {
    NullPointerException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            NullPointerException.class, () -> new WindowCounts(HOUR, 1, 1, HOUR).burnRate(null));
    assertEquals("objective: null (expected a value)", e.getMessage());
  }

  @Test
  void coverageIsTheShareOfTheWindowTheDataSpans() {
    assertEquals(1.0 / 3, new WindowCounts(HOUR, 1, 1, Duration.ofMinutes(20)).coverage(), 1e-15);
    assertEquals(0.0, new WindowCounts(HOUR, 0, 0, Duration.ZERO).coverage());
  }

  @Test
  void noEventsIsNoData() {
    WindowCounts w = new WindowCounts(HOUR, 0, 0, HOUR);
    assertFalse(w.hasData());
    assertEquals(0, w.bad());
    assertEquals(OptionalDouble.empty(), w.errorRatio());
    assertEquals(OptionalDouble.empty(), w.burnRate(P999));
  }

  @Test
  void refusals() {
    refused("window: 0s (expected a duration > 0)", () -> new WindowCounts(Duration.ZERO, 0, 0, Duration.ZERO));
    refusedNull("window: null (expected a value)", () -> new WindowCounts(null, 0, 0, Duration.ZERO));
    refused("good: 2 (expected <= total (1))", () -> new WindowCounts(HOUR, 2, 1, HOUR));
    refused("good: -1 (expected >= 0)", () -> new WindowCounts(HOUR, -1, 1, HOUR));
    refused("total: -1 (expected >= 0)", () -> new WindowCounts(HOUR, 0, -1, HOUR));
    refusedNull("covered: null (expected a value)", () -> new WindowCounts(HOUR, 0, 0, null));
    // The covered message prints ISO-8601 durations, unlike every other message (reported).
    refused(
        "covered: PT2H (expected 0 <= covered <= window (PT1H))",
        () -> new WindowCounts(HOUR, 0, 0, Duration.ofHours(2)));
    refused(
        "covered: PT-1S (expected 0 <= covered <= window (PT1H))",
        () -> new WindowCounts(HOUR, 0, 0, Duration.ofSeconds(-1)));
  }
}
