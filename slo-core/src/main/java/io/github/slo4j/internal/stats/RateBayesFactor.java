package io.github.slo4j.internal.stats;

import io.github.slo4j.internal.Require;

/**
 * The two anytime-valid tests a canary gate needs beside {@link CanaryBayesFactor}: a failure rate
 * against a fixed limit (an absolute guard), and two event rates whose counts may exceed their
 * exposure (dependency calls per request). Both are beta-binomial mixtures against a point null, so
 * each is a nonnegative martingale under its null and, by Ville's inequality, crossing {@code 1/α}
 * ever has probability at most α however often it is looked at (H. Robbins, "Statistical methods
 * related to the law of the iterated logarithm", Ann. Math. Statist. 41(5), 1970, §3; M. Lindon and
 * A. Malek, arXiv:2011.03567, 2020, §3). Everything is in log space; a 0·log 0 term counts as 0.
 * Thread-safe (stateless).
 */
public final class RateBayesFactor {
  private RateBayesFactor() {}

  /**
   * {@code log BF} of x failures in n trials against H0 "the failure rate is {@code p0}", prior
   * {@code p ~ Beta(a, b)}:
   *
   * <pre>  BF = [B(a + x, b + n − x) / B(a, b)] / [p0^x · (1 − p0)^(n − x)]</pre>
   *
   * (Robbins 1970, §3: the mixture of the likelihood ratios {@code (p/p0)^x ((1 − p)/(1 − p0))^(n − x)}
   * over the prior). No trial gives 0 (no evidence).
   */
  public static double oneSample(long failures, long trials, double p0, double a, double b) {
    Check.partOf("failures", failures, "trials", trials);
    Check.openUnit("p0", p0);
    Check.positive("a", a);
    Check.positive("b", b);
    double x = failures;
    double y = trials - failures;
    double logMixture = SpecialFunctions.logBeta(a + x, b + y) - SpecialFunctions.logBeta(a, b);
    double logNull = (x == 0 ? 0 : x * Math.log(p0)) + (y == 0 ? 0 : y * Math.log1p(-p0));
    return logMixture - logNull;
  }

  /**
   * {@code log BF} of two Poisson event counts against H0 "the canary's rate per unit of exposure is
   * {@code r0} times the baseline's": conditional on the {@code x_c + x_b} events, each lands in the
   * canary with probability {@code ρ0 = e_c·r0 / (e_c·r0 + e_b)} (the conditional binomial of
   * J. Przyborowski and H. Wileński, Biometrika 31, 1940), and the mixture over {@code ρ ~ Beta(a, b)}
   * is the one of {@link CanaryBayesFactor}, without its {@code failures <= trials}: a canary may
   * call a dependency more often than it serves requests.
   */
  public static double ofRates(long canaryEvents, long canaryExposure, long baselineEvents,
      long baselineExposure, double r0, double a, double b) {
    Check.count("canaryEvents", canaryEvents);
    Check.count("baselineEvents", baselineEvents);
    if (canaryExposure < 1 || canaryExposure > Check.MAX_COUNT) {
      throw Require.invalid("canaryExposure", canaryExposure, "1 <= canaryExposure <= 2^53");
    }
    if (baselineExposure < 1 || baselineExposure > Check.MAX_COUNT) {
      throw Require.invalid("baselineExposure", baselineExposure, "1 <= baselineExposure <= 2^53");
    }
    Check.positive("r0", r0);
    Check.positive("a", a);
    Check.positive("b", b);
    double weighted = canaryExposure * r0;
    double logRho = -Math.log1p(baselineExposure / weighted);
    double logNotRho = -Math.log1p(weighted / baselineExposure);
    double xc = canaryEvents;
    double xb = baselineEvents;
    double logMixture = SpecialFunctions.logBeta(a + xc, b + xb) - SpecialFunctions.logBeta(a, b);
    double logNull = (xc == 0 ? 0 : xc * logRho) + (xb == 0 ? 0 : xb * logNotRho);
    return logMixture - logNull;
  }

  /**
   * The exact conditional p-value for "the canary's rate exceeds {@code r0} times the baseline's"
   * (Przyborowski and Wileński 1940): {@code P(X >= x_c)} for {@code X ~ Binomial(x_c + x_b, ρ0)}.
   * The fixed-sample reference of {@link #ofRates}, for humans; 1 with no event.
   */
  public static double conditionalPValue(long canaryEvents, long canaryExposure, long baselineEvents,
      long baselineExposure, double r0) {
    Check.count("canaryEvents", canaryEvents);
    Check.count("baselineEvents", baselineEvents);
    Check.positive("r0", r0);
    if (canaryExposure < 1 || baselineExposure < 1) {
      throw Require.invalid(canaryExposure < 1 ? "canaryExposure" : "baselineExposure",
          Math.min(canaryExposure, baselineExposure), ">= 1");
    }
    long n = canaryEvents + baselineEvents;
    if (n > Check.MAX_COUNT) {
      throw Require.invalid("canaryEvents + baselineEvents", n, "<= 2^53");
    }
    double rho = 1 / (1 + baselineExposure / (canaryExposure * r0));
    return Binomial.survival(canaryEvents - 1, n, rho);
  }
}
