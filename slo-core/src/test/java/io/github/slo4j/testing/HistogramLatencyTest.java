package io.github.slo4j.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Quantile bounds on latencies given as an HdrHistogram: exact where the buckets are exact, and
 * never less safe than the exact values where the buckets round.
 */
class HistogramLatencyTest {

  /** 1..n ms, in a histogram of milliseconds with 3 significant digits (every value below 2,048 exact). */
  private static Histogram rampMillis(int n) {
    Histogram h = new Histogram(3);
    for (int i = 1; i <= n; i++) {
      h.recordValue(i);
    }
    return h;
  }

  private static List<Duration> ramp(int n) {
    List<Duration> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(Duration.ofMillis(i));
    }
    return out;
  }

  private static final String NOTE =
      "\n  histogram: HdrHistogram of milliseconds, 3 significant digits: a lower bound is its bucket's low edge,"
          + " an upper bound its high edge";

  @Test
  void whereTheBucketsAreExactTheHistogramGivesTheVerdictOfTheValues() {
    String fromList =
        assertThrows(ReliabilityAssertionError.class,
                () -> Reliability.assertThatLatencies(ramp(1_000)).p99Below(Duration.ofMillis(900)))
            .getMessage();
    ReliabilityAssertionError e =
        assertThrows(ReliabilityAssertionError.class,
            () -> Reliability.assertThatLatencies(rampMillis(1_000), TimeUnit.MILLISECONDS).p99Below(Duration.ofMillis(900)));
    assertEquals("latency VIOLATED: p99 below 900ms, mode NOT_VIOLATED\n"
            + "  sample: 1,000 latencies, 100 above 900ms (10%), observed p99 990ms\n"
            + "  bounds: lower 972ms (alpha 0.000001), upper 996ms (95% confidence), order statistics" + NOTE + "\n"
            + "  needed: 299 latencies to bound the p99 from above at 95% confidence", e.getMessage());
    assertEquals(fromList.replace(", order statistics", ", order statistics" + NOTE), e.getMessage());

    assertDoesNotThrow(() -> Reliability.assertThatLatencies(rampMillis(1_000), TimeUnit.MILLISECONDS)
        .demonstrated().p99Below(Duration.ofMillis(1_001)));
    TestAbortedException inconclusive = assertThrows(TestAbortedException.class,
        () -> Reliability.assertThatLatencies(rampMillis(1_000), TimeUnit.MILLISECONDS).demonstrated()
            .p99Below(Duration.ofMillis(992)));
    assertEquals("latency INCONCLUSIVE: p99 below 992ms, mode DEMONSTRATED\n"
            + "  sample: 1,000 latencies, 8 above 992ms (0.8%), observed p99 990ms\n"
            + "  bounds: lower 972ms (alpha 0.000001), upper 996ms (95% confidence), order statistics" + NOTE + "\n"
            + "  needed: 299 latencies to bound the p99 from above at 95% confidence", inconclusive.getMessage());
  }

  @Test
  void aBucketThatStraddlesTheThresholdNeitherFailsNorPasses() {
    // 1,000 calls of exactly 1,005 µs; with 2 significant digits the bucket of 1,005 is [1,004, 1,007] µs
    Histogram h = new Histogram(2);
    h.recordValueWithCount(1_005, 1_000);
    List<Duration> exact = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      exact.add(Duration.ofNanos(1_005_000));
    }
    Duration threshold = Duration.ofNanos(1_004_500);
    // the exact values are above 1.0045 ms: the list fails ...
    assertThrows(ReliabilityAssertionError.class, () -> Reliability.assertThatLatencies(exact).p99Below(threshold));
    // ... the histogram cannot tell 1,004 µs from 1,005 µs, so it does not fail, and cannot pass either
    assertDoesNotThrow(() -> Reliability.assertThatLatencies(h, TimeUnit.MICROSECONDS).p99Below(threshold));
    TestAbortedException e = assertThrows(TestAbortedException.class,
        () -> Reliability.assertThatLatencies(h, TimeUnit.MICROSECONDS).demonstrated().p99Below(threshold));
    assertEquals("latency INCONCLUSIVE: p99 below 1ms4us500ns, mode DEMONSTRATED\n"
            + "  sample: 1,000 latencies, 0 above 1ms4us500ns (0%), observed p99 1ms7us\n"
            + "  bounds: lower 1ms4us (alpha 0.000001), upper 1ms7us (95% confidence), order statistics\n"
            + "  histogram: HdrHistogram of microseconds, 2 significant digits: a lower bound is its bucket's low edge,"
            + " an upper bound its high edge\n"
            + "  needed: 299 latencies to bound the p99 from above at 95% confidence", e.getMessage());
    // a threshold past the bucket's high edge is demonstrated; one below its low edge fails
    assertDoesNotThrow(() -> Reliability.assertThatLatencies(h, TimeUnit.MICROSECONDS).demonstrated()
        .p99Below(Duration.ofNanos(1_008_000)));
    assertThrows(ReliabilityAssertionError.class,
        () -> Reliability.assertThatLatencies(h, TimeUnit.MICROSECONDS).p99Below(Duration.ofNanos(1_003_000)));
  }

  @Test
  void theHistogramIsCopiedSoLaterRecordingDoesNotChangeTheAssertion() {
    Histogram h = rampMillis(1_000);
    LatencyAssert taken = Reliability.assertThatLatencies(h, TimeUnit.MILLISECONDS);
    h.recordValueWithCount(5_000, 1_000_000);
    assertDoesNotThrow(() -> taken.p99Below(Duration.ofMillis(1_000)));
    assertThrows(ReliabilityAssertionError.class,
        () -> Reliability.assertThatLatencies(h, TimeUnit.MILLISECONDS).p99Below(Duration.ofMillis(1_000)));
  }

  @Test
  void demonstratedRefusesAHistogramTooSmallToBoundTheP99() {
    assertDoesNotThrow(() -> Reliability.assertThatLatencies(rampMillis(299), TimeUnit.MILLISECONDS).demonstrated()
        .p99Below(Duration.ofSeconds(1)));
    assertEquals("latencies: 298 values (expected at least 299 to bound the p99 from above at 95% confidence)",
        assertThrows(IllegalArgumentException.class,
                () -> Reliability.assertThatLatencies(rampMillis(298), TimeUnit.MILLISECONDS).demonstrated()
                    .p99Below(Duration.ofSeconds(1)))
            .getMessage());
  }

  @Test
  void badHistogramsAreRefusedNamingTheArgument() {
    assertEquals("histogram: no values (expected at least one latency: no sample is no data, not evidence)",
        assertThrows(IllegalArgumentException.class,
                () -> Reliability.assertThatLatencies(new Histogram(3), TimeUnit.MILLISECONDS))
            .getMessage());
    assertEquals("histogram: null (expected a value)",
        assertThrows(NullPointerException.class,
                () -> Reliability.assertThatLatencies((Histogram) null, TimeUnit.MILLISECONDS))
            .getMessage());
    assertEquals("unit: null (expected a value)",
        assertThrows(NullPointerException.class, () -> Reliability.assertThatLatencies(rampMillis(3), null))
            .getMessage());
  }
}
