package io.github.slo4j.internal.stats;

import io.github.slo4j.internal.Require;

/**
 * The anytime-valid test of a canary's failure counts (M. Lindon and A. Malek, "Anytime-valid
 * inference for multinomial count data", arXiv:2011.03567, 2020, §3; the Netflix technology blog,
 * "Sequential A/B testing keeps the world streaming Netflix", 2024). Condition on the failures: under
 * H0 "the canary's failure rate is at most {@code r0} times the baseline's" each failure lands in the
 * canary with probability {@code ρ0 = n_c·r0 / (n_c·r0 + n_b)}. With a prior {@code ρ ~ Beta(a, b)}
 * the Bayes factor of the mixture against the point null,
 *
 * <pre>  BF = [B(a + x_c, b + x_b) / B(a, b)] / [ρ0^x_c · (1 − ρ0)^x_b],</pre>
 *
 * is a nonnegative martingale under H0, so by Ville's inequality {@code P(sup BF >= 1/α) <= α}:
 * rolling back when {@code BF >= 1/α} keeps the false-rollback rate at most α however often the gate
 * is polled. The test is two-sided in ρ; a gate that rolls back only a worse canary may also require
 * {@code x_c/n_c > r0·x_b/n_b}, which only removes rejections and so keeps the guarantee.
 * Everything is in log space. Thread-safe (stateless).
 */
public final class CanaryBayesFactor {
  private CanaryBayesFactor() {}

  /**
   * {@code log BF} for the counts so far (failures and trials of each arm), the tolerated ratio
   * {@code r0 > 0} and the prior {@code Beta(a, b)}. A 0·log 0 term counts as 0, so no canary
   * failure with {@code ρ0} near 0 is no evidence, never NaN.
   */
  public static double logBayesFactor(long canaryFailures, long canaryTrials, long baselineFailures,
      long baselineTrials, double r0, double a, double b) {
    Check.partOf("canaryFailures", canaryFailures, "canaryTrials", canaryTrials);
    Check.partOf("baselineFailures", baselineFailures, "baselineTrials", baselineTrials);
    if (canaryTrials == 0) {
      throw Require.invalid("canaryTrials", 0, ">= 1");
    }
    if (baselineTrials == 0) {
      throw Require.invalid("baselineTrials", 0, ">= 1");
    }
    Check.positive("r0", r0);
    Check.positive("a", a);
    Check.positive("b", b);
    double weighted = canaryTrials * r0;
    // log ρ0 and log(1 − ρ0) without forming 1 − ρ0
    double logRho = -Math.log1p(baselineTrials / weighted);
    double logNotRho = -Math.log1p(weighted / baselineTrials);
    double xc = canaryFailures;
    double xb = baselineFailures;
    double logMixture = SpecialFunctions.logBeta(a + xc, b + xb) - SpecialFunctions.logBeta(a, b);
    double logNull = (xc == 0 ? 0 : xc * logRho) + (xb == 0 ? 0 : xb * logNotRho);
    return logMixture - logNull;
  }

  /**
   * Whether to reject H0 (roll back) at level {@code alpha}: {@code BF >= 1/α}, i.e.
   * {@code log BF >= −log α}.
   */
  public static boolean rejects(long canaryFailures, long canaryTrials, long baselineFailures,
      long baselineTrials, double r0, double a, double b, double alpha) {
    Check.openUnit("alpha", alpha);
    return logBayesFactor(canaryFailures, canaryTrials, baselineFailures, baselineTrials, r0, a, b)
        >= -Math.log(alpha);
  }
}
