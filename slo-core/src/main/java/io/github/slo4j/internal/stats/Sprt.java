package io.github.slo4j.internal.stats;

/**
 * Wald's sequential probability ratio test for a Bernoulli failure rate (A. Wald, "Sequential tests of
 * statistical hypotheses", Annals of Mathematical Statistics 16(2), 1945; Wald, "Sequential
 * Analysis", 1947, ch. 5): H0 {@code p <= p0} against H1 {@code p >= p1}, with
 * {@code p0 < p1}, type I error α and type II error β. Each failure adds {@code log(p1/p0)} to the
 * log-likelihood ratio, each success {@code log((1 − p1)/(1 − p0))}; the test accepts H1 once the
 * ratio reaches {@code log((1 − β)/α)} and accepts H0 once it falls to {@code log(β/(1 − α))}
 * (Wald's approximate boundaries, whose actual errors are at most α/(1 − β) and β/(1 − α)).
 * An immutable value.
 *
 * @param p0 the failure rate of H0
 * @param p1 the failure rate of H1, above p0
 * @param alpha the probability of accepting H1 when p = p0
 * @param beta the probability of accepting H0 when p = p1
 */
public record Sprt(double p0, double p1, double alpha, double beta) {

  /** The state of a sequential test after some trials. */
  public enum Decision {
    /** The ratio fell to the lower boundary: the rate is at most p0. */
    ACCEPT_H0,
    /** The ratio reached the upper boundary: the rate is at least p1. */
    ACCEPT_H1,
    /** Neither boundary yet: keep sampling. */
    CONTINUE
  }

  /** Checks {@code 0 < p0 < p1 < 1} and {@code 0 < α, β} with {@code α + β < 1}. */
  public Sprt {
    Check.openUnit("p0", p0);
    Check.openUnit("p1", p1);
    if (!(p1 > p0)) {
      throw io.github.slo4j.internal.Require.invalid("p1", p1, "> p0 (" + p0 + ")");
    }
    Check.openUnit("alpha", alpha);
    Check.openUnit("beta", beta);
    if (!(alpha + beta < 1)) {
      throw io.github.slo4j.internal.Require.invalid("alpha + beta", alpha + beta, "< 1");
    }
  }

  /** What one failure adds to the log-likelihood ratio: {@code log(p1/p0) > 0}. */
  public double failureIncrement() {
    return Math.log(p1 / p0);
  }

  /** What one success adds: {@code log((1 − p1)/(1 − p0)) < 0}. */
  public double successIncrement() {
    return Math.log1p(-p1) - Math.log1p(-p0);
  }

  /** Wald's upper boundary {@code log((1 − β)/α)}: accept H1 at or above it. */
  public double upperThreshold() {
    return Math.log1p(-beta) - Math.log(alpha);
  }

  /** Wald's lower boundary {@code log(β/(1 − α))}: accept H0 at or below it. */
  public double lowerThreshold() {
    return Math.log(beta) - Math.log1p(-alpha);
  }

  /** The log-likelihood ratio after {@code failures} failures in {@code trials} trials. */
  public double logLikelihoodRatio(long failures, long trials) {
    Check.partOf("failures", failures, "trials", trials);
    return failures * failureIncrement() + (trials - failures) * successIncrement();
  }

  /**
   * The decision after {@code failures} failures in {@code trials} trials, the counts read as a
   * path that crossed no boundary before (the caller stops at the first decision).
   */
  public Decision decide(long failures, long trials) {
    double llr = logLikelihoodRatio(failures, trials);
    if (llr >= upperThreshold()) {
      return Decision.ACCEPT_H1;
    }
    if (llr <= lowerThreshold()) {
      return Decision.ACCEPT_H0;
    }
    return Decision.CONTINUE;
  }
}
