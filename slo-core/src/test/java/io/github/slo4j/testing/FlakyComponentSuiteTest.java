package io.github.slo4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.Objective;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's "done when", for the whole set of assertions: a suite of them — availability, burn
 * rate, the p99 from a list and from an HdrHistogram — run in NOT_VIOLATED mode against a
 * deliberately flaky-looking component, 1,000 times with seeds 0..999, fails none. The component sits
 * exactly on every limit it is held to (failures at the budget, a p99 at the threshold), the hardest
 * case that still meets them; the same suite against a component over its limits fails nearly every
 * run, so the zero is not the suite being blind.
 */
class FlakyComponentSuiteTest {
  private static final Objective THREE_NINES = Objective.percent("99.9");
  private static final int RUNS = 1_000;
  private static final int CALLS = 5_000;
  /** The p99 of an exponential latency of mean 10 ms: 10 ms × ln 100. */
  private static final Duration P99 = Duration.ofNanos(Math.round(10_000_000 * Math.log(100)));

  /** A component that fails at random with {@code failureRate} and whose latency is exponential with {@code meanNanos}. */
  record FlakyComponent(double failureRate, double meanNanos) {
    boolean call(SplittableRandom random) {
      return random.nextDouble() >= failureRate;
    }

    long latencyNanos(SplittableRandom random) {
      return Math.round(-Math.log(1 - random.nextDouble()) * meanNanos);
    }
  }

  /** The suite: throws the first assertion's failure. */
  private static void suite(FlakyComponent component, long seed) {
    Reliability.sample(CALLS, seed, component::call).meetsSlo(THREE_NINES);
    Reliability.sample(CALLS, seed + RUNS, r -> r.nextDouble() >= 2 * component.failureRate())
        .burnRateBelow(THREE_NINES, 2);
    SplittableRandom random = new SplittableRandom(seed + 2 * RUNS);
    List<Duration> latencies = new ArrayList<>(CALLS);
    Histogram histogram = new Histogram(3);
    for (int i = 0; i < CALLS; i++) {
      long nanos = component.latencyNanos(random);
      latencies.add(Duration.ofNanos(nanos));
      histogram.recordValue(nanos / 1_000);
    }
    Reliability.assertThatLatencies(latencies).p99Below(P99);
    Reliability.assertThatLatencies(histogram, TimeUnit.MICROSECONDS).p99Below(P99);
  }

  /** The seeds, of {@code runs} runs of the suite, whose run failed, with the first line of each failure. */
  private static List<String> failures(FlakyComponent component, int runs) {
    List<String> failed = new ArrayList<>();
    for (long seed = 0; seed < runs; seed++) {
      try {
        suite(component, seed);
      } catch (ReliabilityAssertionError e) {
        failed.add("seed " + seed + ": " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    return failed;
  }

  @Test
  void aComponentOnEveryLimitFailsNoneOfAThousandRunsOfTheSuite() {
    assertEquals(List.of(), failures(new FlakyComponent(0.001, 10_000_000), RUNS), "runs that failed spuriously");
  }

  @Test
  void aComponentOverItsLimitsFailsNearlyEveryRun() {
    // five times the budget, and a mean latency 1.5 times as long (its p99 is 69 ms, not 46 ms)
    int failed = failures(new FlakyComponent(0.005, 15_000_000), RUNS).size();
    assertTrue(failed > 990, () -> failed + " of " + RUNS + " runs failed");
  }

  @Test
  void aSlowComponentThatIsNeverWrongFailsOnItsLatencyAlone() {
    List<String> failed = failures(new FlakyComponent(0, 15_000_000), 100);
    assertTrue(failed.size() > 95, () -> failed.size() + " of 100 runs failed");
    assertTrue(failed.stream().allMatch(f -> f.contains(": latency VIOLATED: p99 below 46ms51us702ns")), () -> failed.get(0));
  }
}
