package io.github.slo4j.testing;

import static io.github.slo4j.testing.Verdicts.count;
import static io.github.slo4j.testing.Verdicts.level;
import static io.github.slo4j.testing.Verdicts.number;
import static io.github.slo4j.testing.Verdicts.percent;

import io.github.slo4j.Objective;
import io.github.slo4j.internal.Require;
import io.github.slo4j.internal.stats.ClopperPearson;
import io.github.slo4j.internal.stats.Sprt;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Assertions on the failure rate of a component, from counts or from calls sampled when an
 * assertion runs: {@link #meetsSlo} and {@link #burnRateBelow}, decided in a {@link Mode}. Made by
 * {@link Reliability}; an immutable value (each setting returns a new one). A sampled assertion
 * calls the component afresh for each terminal assertion, on one thread; with a seed, the same seed
 * gives the same calls.
 */
public final class ReliabilityAssert {
  /** The default failure level: a component that meets its objective fails once in a million runs. */
  static final double DEFAULT_ALPHA = 1e-6;
  /** The default confidence of {@link Mode#DEMONSTRATED} and {@link Mode#SEQUENTIAL}. */
  static final double DEFAULT_CONFIDENCE = 0.95;

  private final long failures;
  private final long trials;
  /** The calls to sample, true for a success; null for fixed counts. */
  private final Predicate<SplittableRandom> source;
  private final boolean seeded;
  private final long seed;
  private final Mode mode;
  private final double alpha;
  private final double confidence;
  private final String abortedClass;

  private ReliabilityAssert(
      long failures,
      long trials,
      Predicate<SplittableRandom> source,
      boolean seeded,
      long seed,
      Mode mode,
      double alpha,
      double confidence,
      String abortedClass) {
    this.failures = failures;
    this.trials = trials;
    this.source = source;
    this.seeded = seeded;
    this.seed = seed;
    this.mode = mode;
    this.alpha = alpha;
    this.confidence = confidence;
    this.abortedClass = abortedClass;
  }

  static ReliabilityAssert counts(long failures, long trials) {
    if (trials <= 0) {
      throw Require.invalid("trials", trials, "> 0: no trials are no data, not evidence");
    }
    if (failures < 0 || failures > trials) {
      throw Require.invalid("failures", failures, "0 <= failures <= trials (" + trials + ")");
    }
    return new ReliabilityAssert(
        failures, trials, null, false, 0, Mode.NOT_VIOLATED, DEFAULT_ALPHA, DEFAULT_CONFIDENCE, Verdicts.ABORTED);
  }

  static ReliabilityAssert sampled(long n, Predicate<SplittableRandom> call, boolean seeded, long seed, Mode mode) {
    if (n <= 0) {
      throw Require.invalid(mode == Mode.SEQUENTIAL ? "max" : "n", n, "> 0");
    }
    return new ReliabilityAssert(
        0, n, Require.nonNull("call", call), seeded, seed, mode, DEFAULT_ALPHA, DEFAULT_CONFIDENCE, Verdicts.ABORTED);
  }

  private ReliabilityAssert with(Mode m, double a, double c, String aborted) {
    return new ReliabilityAssert(failures, trials, source, seeded, seed, m, a, c, aborted);
  }

  /**
   * This assertion in {@code mode}. {@link Mode#SEQUENTIAL} belongs to {@link
   * Reliability#sampleUntilConclusive} and the fixed modes to fixed samples.
   */
  public ReliabilityAssert mode(Mode mode) {
    Require.nonNull("mode", mode);
    boolean sequential = this.mode == Mode.SEQUENTIAL;
    if ((mode == Mode.SEQUENTIAL) != sequential) {
      throw Require.invalid(
          "mode",
          mode,
          sequential
              ? "SEQUENTIAL for Reliability.sampleUntilConclusive"
              : "NOT_VIOLATED or DEMONSTRATED for a fixed sample (SEQUENTIAL is Reliability.sampleUntilConclusive)");
    }
    return with(mode, alpha, confidence, abortedClass);
  }

  /** This assertion in {@link Mode#NOT_VIOLATED} (the default for a fixed sample). */
  public ReliabilityAssert notViolated() {
    return mode(Mode.NOT_VIOLATED);
  }

  /** This assertion in {@link Mode#DEMONSTRATED}. */
  public ReliabilityAssert demonstrated() {
    return mode(Mode.DEMONSTRATED);
  }

  /**
   * The failure level, default {@code 1e-6}: the chance that a component meeting what is asserted
   * fails the assertion. Must be {@code 0 < alpha < 1}.
   */
  public ReliabilityAssert alpha(double alpha) {
    Verdicts.openUnit("alpha", alpha);
    return with(mode, alpha, confidence, abortedClass);
  }

  /**
   * The confidence with which {@link Mode#DEMONSTRATED} and {@link Mode#SEQUENTIAL} pass, default
   * {@code 0.95}. Must be {@code 0 < confidence < 1}.
   */
  public ReliabilityAssert confidence(double confidence) {
    Verdicts.openUnit("confidence", confidence);
    return with(mode, alpha, confidence, abortedClass);
  }

  /** The same assertion reporting inconclusive through {@code className} (tests of the fallback). */
  ReliabilityAssert abortingWith(String className) {
    return with(mode, alpha, confidence, className);
  }

  /**
   * Asserts that the failure rate is below the error budget {@code 1 − objective}.
   *
   * @throws ReliabilityAssertionError when the sample shows a violation
   * @throws IllegalArgumentException in {@link Mode#DEMONSTRATED} or {@link Mode#SEQUENTIAL} when
   *     the sample (or its maximum) is too small ever to pass, before any call
   */
  public ReliabilityAssert meetsSlo(Objective objective) {
    Require.nonNull("objective", objective);
    check("meets " + objective.percent() + "%", objective.errorBudget());
    return this;
  }

  /**
   * Asserts that the burn rate against {@code objective} is below {@code maxBurnRate}: a failure
   * rate below {@code maxBurnRate × (1 − objective)}, which must be below 1.
   *
   * @throws ReliabilityAssertionError when the sample shows the burn rate is not below it
   */
  public ReliabilityAssert burnRateBelow(Objective objective, double maxBurnRate) {
    Require.nonNull("objective", objective);
    double maxRate = Require.finitePositive("maxBurnRate", maxBurnRate) * objective.errorBudget();
    if (!(maxRate < 1)) {
      throw Require.invalid(
          "maxBurnRate", maxBurnRate, "below " + number(objective.maxBurnRate()) + ", a full outage's burn rate at " + objective.percent() + "%");
    }
    check("burn rate below " + number(maxBurnRate) + " at " + objective.percent() + "%", maxRate);
    return this;
  }

  private void check(String claim, double maxRate) {
    if (mode == Mode.SEQUENTIAL) {
      sequential(claim, maxRate);
      return;
    }
    double passAlpha = 1 - confidence;
    if (mode == Mode.DEMONSTRATED) {
      long needed = ClopperPearson.zeroFailureTrials(maxRate, passAlpha);
      if (trials < needed) {
        throw Require.invalid(
            source == null ? "trials" : "n",
            trials,
            ">= " + needed + ": even with no failure a smaller sample cannot demonstrate a failure rate below "
                + percent(maxRate) + " at " + percent(confidence) + " confidence");
      }
    }
    long f = failures;
    long n = trials;
    if (source != null) {
      SplittableRandom random = seeded ? new SplittableRandom(seed) : new SplittableRandom();
      f = 0;
      for (long i = 0; i < n; i++) {
        if (!source.test(random)) {
          f++;
        }
      }
    }
    double lower = ClopperPearson.lowerBound(f, n, alpha);
    double upper = ClopperPearson.upperBound(f, n, passAlpha);
    if (lower > maxRate) {
      throw new ReliabilityAssertionError(message("VIOLATED", claim, maxRate, f, n, lower, upper, level(alpha), null));
    }
    if (mode == Mode.DEMONSTRATED && !(upper < maxRate)) {
      Verdicts.throwInconclusive(message("INCONCLUSIVE", claim, maxRate, f, n, lower, upper, level(alpha), null), abortedClass);
    }
  }

  /**
   * Wald's SPRT between {@code p0 = maxRate / 2} (pass) and {@code p1 = maxRate} with α the failure
   * level and β = 1 − confidence: it passes on accepting p0 (a component at the allowed rate passes
   * with probability at most about β, Wald 1947 §3.2). It fails only when the Clopper–Pearson lower
   * bound at {@code alpha / max} exceeds maxRate after some call: Bonferroni over the at most
   * {@code max} looks keeps the false-failure rate at most α however the sampling stops. Accepting
   * p1 without that evidence, or reaching the maximum, is inconclusive.
   */
  private void sequential(String claim, double maxRate) {
    double passAlpha = 1 - confidence;
    Sprt sprt = new Sprt(maxRate / 2, maxRate, alpha, passAlpha);
    long needed = (long) Math.ceil(sprt.lowerThreshold() / sprt.successIncrement());
    if (trials < needed) {
      throw Require.invalid(
          "max",
          trials,
          ">= " + needed + ": even with no failure the sequential test cannot pass a failure rate below "
              + percent(maxRate) + " at " + percent(confidence) + " confidence in fewer calls");
    }
    double failAlpha = alpha / trials;
    String looks = level(alpha) + " / " + count(trials) + " looks";
    SplittableRandom random = seeded ? new SplittableRandom(seed) : new SplittableRandom();
    long f = 0;
    long n = 0;
    boolean pointsToViolation = false;
    while (n < trials && !pointsToViolation) {
      n++;
      if (!source.test(random)) {
        f++;
        if (ClopperPearson.lowerBound(f, n, failAlpha) > maxRate) {
          throw new ReliabilityAssertionError(
              message("VIOLATED", claim, maxRate, f, n, ClopperPearson.lowerBound(f, n, failAlpha),
                  ClopperPearson.upperBound(f, n, passAlpha), looks, "stopped at the first conclusive call"));
        }
      }
      Sprt.Decision d = sprt.decide(f, n);
      if (d == Sprt.Decision.ACCEPT_H0) {
        return;
      }
      pointsToViolation = d == Sprt.Decision.ACCEPT_H1;
    }
    String why =
        pointsToViolation
            ? "the sequential test points to a failure rate of at least " + percent(maxRate)
                + ", but the evidence is below the failure level"
            : "no decision within " + count(trials) + " calls";
    Verdicts.throwInconclusive(
        message("INCONCLUSIVE", claim, maxRate, f, n, ClopperPearson.lowerBound(f, n, failAlpha),
            ClopperPearson.upperBound(f, n, passAlpha), looks, why),
        abortedClass);
  }

  private String message(
      String verdict, String claim, double maxRate, long f, long n, double lower, double upper, String failAlpha, String note) {
    StringBuilder sb = new StringBuilder();
    sb.append("reliability ").append(verdict).append(": ").append(claim)
        .append(" (failure rate below ").append(percent(maxRate)).append("), mode ").append(mode);
    if (note != null) {
      sb.append("\n  ").append(note);
    }
    sb.append("\n  counts: ").append(count(f)).append(f == 1 ? " failure of " : " failures of ").append(count(n))
        .append(" trials (observed rate ").append(percent((double) f / n)).append(')');
    sb.append("\n  bounds: lower ").append(percent(lower)).append(" (alpha ").append(failAlpha)
        .append("), upper ").append(percent(upper)).append(" (").append(percent(confidence))
        .append(" confidence), one-sided Clopper-Pearson");
    if (seeded) {
      sb.append("\n  seed: ").append(seed);
    }
    sb.append("\n  needed: ").append(needed(f, n, maxRate));
    return sb.toString();
  }

  /** The sample that would demonstrate the rate at the confidence asked for, at the observed rate. */
  private String needed(long f, long n, double maxRate) {
    double passAlpha = 1 - confidence;
    String at = " to demonstrate a failure rate below " + percent(maxRate) + " at " + percent(confidence) + " confidence";
    if (f == 0) {
      return count(ClopperPearson.zeroFailureTrials(maxRate, passAlpha)) + " trials with no failure" + at;
    }
    double rate = (double) f / n;
    if (!(rate < maxRate)) {
      return "no sample size" + at + " at the observed rate";
    }
    long limit = 1L << 53;
    long hi = Math.max(n, 1);
    while (!demonstrates(rate, hi, maxRate, passAlpha)) {
      if (hi > limit / 2) {
        return "more than 2^52 trials" + at + " at the observed rate";
      }
      hi *= 2;
    }
    long lo = hi / 2;
    while (lo + 1 < hi) {
      long mid = lo + (hi - lo) / 2;
      if (demonstrates(rate, mid, maxRate, passAlpha)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return "about " + count(hi) + " trials at the observed rate" + at;
  }

  private static boolean demonstrates(double rate, long m, double maxRate, double passAlpha) {
    return ClopperPearson.upperBound(Math.round(rate * m), m, passAlpha) < maxRate;
  }
}
