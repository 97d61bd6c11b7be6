package io.github.slo4j.testing;

import io.github.slo4j.WindowCounts;
import io.github.slo4j.internal.Require;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.replay.Replay;
import java.time.Duration;
import java.util.Collection;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.HdrHistogram.AbstractHistogram;

/**
 * The entry points of the reliability assertions, for any test framework:
 * {@code Reliability.of(3, 10_000).meetsSlo(Objective.percent("99.9"))}. A failure is a {@link
 * ReliabilityAssertionError}; an inconclusive outcome is the JUnit Platform's {@code
 * TestAbortedException} (the test is reported as aborted) when it is on the class path, otherwise an
 * {@link InconclusiveAssertionError} that explains itself. Thread-safe (stateless).
 */
public final class Reliability {
  private Reliability() {}

  /** Assertions on the good and total events of a window (failures are {@code total − good}). */
  public static ReliabilityAssert assertThat(WindowCounts counts) {
    Require.nonNull("counts", counts);
    return ReliabilityAssert.counts(counts.bad(), counts.total());
  }

  /** Assertions on {@code failures} of {@code trials}, {@code 0 <= failures <= trials}, {@code trials > 0}. */
  public static ReliabilityAssert of(long failures, long trials) {
    return ReliabilityAssert.counts(failures, trials);
  }

  /**
   * Assertions on {@code n} calls of {@code call} ({@code true} for a success), made when an
   * assertion runs, so that {@link Mode#DEMONSTRATED} can refuse a sample too small before any call.
   */
  public static ReliabilityAssert sample(long n, Supplier<Boolean> call) {
    Require.nonNull("call", call);
    return ReliabilityAssert.sampled(n, r -> success(call.get()), false, 0, Mode.NOT_VIOLATED);
  }

  /**
   * Assertions on {@code n} calls of {@code call}, each given the same {@link SplittableRandom}
   * seeded with {@code seed}: the calls are reproducible and the messages print the seed.
   */
  public static ReliabilityAssert sample(long n, long seed, Predicate<SplittableRandom> call) {
    return ReliabilityAssert.sampled(n, call, true, seed, Mode.NOT_VIOLATED);
  }

  /**
   * A {@link Mode#SEQUENTIAL} assertion: calls {@code call} ({@code true} for a success) one at a
   * time until the verdict is certain, at most {@code max} times.
   */
  public static ReliabilityAssert sampleUntilConclusive(long max, Supplier<Boolean> call) {
    Require.nonNull("call", call);
    return ReliabilityAssert.sampled(max, r -> success(call.get()), false, 0, Mode.SEQUENTIAL);
  }

  /** {@link #sampleUntilConclusive(long, Supplier)} with calls given a random seeded with {@code seed}. */
  public static ReliabilityAssert sampleUntilConclusive(long max, long seed, Predicate<SplittableRandom> call) {
    return ReliabilityAssert.sampled(max, call, true, seed, Mode.SEQUENTIAL);
  }

  /** Assertions on quantiles of a sample of latencies (each {@code >= 0}); the collection is copied. */
  public static LatencyAssert assertThatLatencies(Collection<Duration> latencies) {
    return LatencyAssert.of(latencies);
  }

  /**
   * Assertions on quantiles of the latencies recorded in an HdrHistogram (a {@code Histogram}, or
   * the interval histogram of a {@code Recorder}), whose values are in {@code unit}; the histogram
   * is copied, so later recording does not change the assertion.
   */
  public static LatencyAssert assertThatLatencies(AbstractHistogram histogram, TimeUnit unit) {
    return LatencyAssert.of(histogram, unit);
  }

  /**
   * Assertions on alerting: the SLO of {@code rules} (its {@link AlertRules#definition()}) replayed
   * through {@code traffic} with those rules, e.g. {@code
   * Reliability.assertThatAlerting(rules, outage).incidentAt(Duration.ofDays(1)).pagesWithin(Duration.ofMinutes(5))}.
   */
  public static AlertAssert assertThatAlerting(AlertRules rules, Replay.Traffic traffic) {
    return AlertAssert.of(rules, traffic);
  }

  private static boolean success(Boolean outcome) {
    return Require.nonNull("call's outcome", outcome);
  }
}
