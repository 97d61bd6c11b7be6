package io.github.slo4j.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** Quantile bounds on a sample of latencies. */
class LatencyAssertTest {

  /** n latencies of 1..n ms. */
  private static List<Duration> ramp(int n) {
    List<Duration> out = new ArrayList<>();
    for (int i = n; i >= 1; i--) {
      out.add(Duration.ofMillis(i));
    }
    return out;
  }

  @Test
  void notViolatedFailsWhenTheLowerBoundOfTheP99IsAboveTheThreshold() {
    // of 1,000 values 1..1000 ms the p99 is 990 ms; its lower bound at 1e-6 is far above 900 ms
    assertDoesNotThrow(() -> Reliability.assertThatLatencies(ramp(1_000)).p99Below(Duration.ofMillis(980)));
    ReliabilityAssertionError e =
        assertThrows(
            ReliabilityAssertionError.class,
            () -> Reliability.assertThatLatencies(ramp(1_000)).p99Below(Duration.ofMillis(900)));
    assertEquals("latency VIOLATED: p99 below 900ms, mode NOT_VIOLATED\n"
            + "  sample: 1,000 latencies, 100 above 900ms (10%), observed p99 990ms\n"
            + "  bounds: lower 972ms (alpha 0.000001), upper 996ms (95% confidence), order statistics\n"
            + "  needed: 299 latencies to bound the p99 from above at 95% confidence", e.getMessage());
  }

  @Test
  void demonstratedPassesOnlyWhenTheUpperBoundIsBelowTheThreshold() {
    assertDoesNotThrow(
        () -> Reliability.assertThatLatencies(ramp(1_000)).demonstrated().p99Below(Duration.ofMillis(1_001)));
    TestAbortedException e =
        assertThrows(
            TestAbortedException.class,
            () -> Reliability.assertThatLatencies(ramp(1_000)).demonstrated().p99Below(Duration.ofMillis(992)));
    assertEquals("latency INCONCLUSIVE: p99 below 992ms, mode DEMONSTRATED\n"
            + "  sample: 1,000 latencies, 8 above 992ms (0.8%), observed p99 990ms\n"
            + "  bounds: lower 972ms (alpha 0.000001), upper 996ms (95% confidence), order statistics\n"
            + "  needed: 299 latencies to bound the p99 from above at 95% confidence", e.getMessage());
  }

  @Test
  void demonstratedRefusesASampleTooSmallToBoundTheP99() {
    assertDoesNotThrow(
        () -> Reliability.assertThatLatencies(ramp(299)).demonstrated().p99Below(Duration.ofSeconds(1)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Reliability.assertThatLatencies(ramp(298)).demonstrated().p99Below(Duration.ofSeconds(1)));
    assertEquals("latencies: 298 values (expected at least 299 to bound the p99 from above at 95% confidence)", e.getMessage());
  }

  @Test
  void badLatenciesAreRefusedNamingTheValue() {
    assertEquals(
        "latencies[1]: -1ms (expected >= 0)",
        assertThrows(
                IllegalArgumentException.class,
                () -> Reliability.assertThatLatencies(List.of(Duration.ofMillis(1), Duration.ofMillis(-1))))
            .getMessage());
    assertEquals(
        "latencies: [] (expected at least one latency: no sample is no data, not evidence)",
        assertThrows(IllegalArgumentException.class, () -> Reliability.assertThatLatencies(List.of()))
            .getMessage());
    assertEquals(
        "q: 1.0 (expected 0 < q < 1)",
        assertThrows(
                IllegalArgumentException.class,
                () -> Reliability.assertThatLatencies(ramp(10)).quantileBelow(1, Duration.ofSeconds(1)))
            .getMessage());
    assertEquals(
        "mode: SEQUENTIAL (expected NOT_VIOLATED or DEMONSTRATED for a sample of latencies)",
        assertThrows(IllegalArgumentException.class, () -> Reliability.assertThatLatencies(ramp(10)).mode(Mode.SEQUENTIAL))
            .getMessage());
  }

  @Test
  void aNullLatencyIsRefusedNamingItsIndex() {
    List<Duration> withNull = new ArrayList<>(ramp(3));
    withNull.set(2, null);
    assertEquals("latencies[2]: null (expected a value)",
        assertThrows(NullPointerException.class, () -> Reliability.assertThatLatencies(withNull)).getMessage());
  }
}
