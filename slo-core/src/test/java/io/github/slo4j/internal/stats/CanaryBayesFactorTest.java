package io.github.slo4j.internal.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.property.Gen;
import io.github.slo4j.property.Property;
import java.util.SplittableRandom;
import org.apache.commons.numbers.gamma.LogBeta;
import org.junit.jupiter.api.Test;

/** The anytime-valid Bayes factor: its formula against Commons' log beta, and its guarantee under polling. */
class CanaryBayesFactorTest {

  @Test
  void theLogBayesFactorIsLindonAndMaleksFormula() {
    Property.check(500, d -> {
      long nc = d.draw("canaryTrials", Sweep.TRIALS);
      long nb = d.draw("baselineTrials", Sweep.TRIALS);
      long xc = Sweep.failuresOf(d, nc);
      long xb = d.draw("baselineFailures", Gen.oneOf(Gen.longs(0, Math.min(nb, 1000)), Gen.longs(0, nb)));
      double r0 = d.draw("r0", Gen.doubles("[0.5, 3]", 2));
      double a = d.draw("a", Gen.doubles("[0.1, 100]", 1));
      double b = d.draw("b", Gen.doubles("[0.1, 100]", 1));
      // log ρ0 and log(1 − ρ0) from ρ0 = n_c·r0 / (n_c·r0 + n_b) without rounding ρ0 itself, which
      // near 1 (a canary of 5·10^7 against a baseline of 1) would cost 9 digits
      double logRho = -Math.log1p(nb / (nc * r0));
      double logNotRho = -Math.log1p(nc * r0 / nb);
      double logMixture = LogBeta.value(a + xc, b + xb) - LogBeta.value(a, b);
      double logNull = (xc == 0 ? 0 : xc * logRho) + (xb == 0 ? 0 : xb * logNotRho);
      double expected = logMixture - logNull;
      double mine = CanaryBayesFactor.logBayesFactor(xc, nc, xb, nb, r0, a, b);
      // The terms are as large as the counts and cancel: compare on the scale of the largest term.
      double scale = Math.max(1, Math.max(Math.abs(logMixture), Math.abs(logNull)));
      assertTrue(Math.abs(mine - expected) <= 1e-9 * scale,
          () -> "log BF: expected " + expected + " but was " + mine + " on a scale of " + scale);
    });
  }

  /**
   * The guarantee, simulated: 2,000 rollouts of two equal arms (1 % failures, 50 requests an arm a
   * poll) polled 360 times. The gate that rolls back at BF >= 1/α must roll back at most α of them,
   * the fixed-sample Fisher test (one-sided, p <= α) polled the same way rolls back far more. The
   * seed is fixed, so this is one deterministic outcome, not a statistical test that can flake; the
   * assertions are on its Clopper–Pearson bounds at 99.9 %, so they would also hold for nearly every
   * other seed: the anytime-valid rate's upper bound is at most α, Fisher's lower bound above α.
   */
  @Test
  void pollingTheBayesFactorKeepsFalseRollbacksBelowAlphaWhereFisherDoesNot() {
    double alpha = 0.05;
    int rollouts = 2000;
    int polls = 360;
    int perPoll = 50;
    double rate = 0.01;
    SplittableRandom random = new SplittableRandom(0x51045EEDL);
    int bayesRejections = 0;
    int fisherRejections = 0;
    for (int r = 0; r < rollouts; r++) {
      long xc = 0;
      long xb = 0;
      boolean bayes = false;
      boolean fisher = false;
      for (int poll = 1; poll <= polls && !(bayes && fisher); poll++) {
        for (int i = 0; i < perPoll; i++) {
          xc += random.nextDouble() < rate ? 1 : 0;
          xb += random.nextDouble() < rate ? 1 : 0;
        }
        long n = (long) poll * perPoll;
        bayes |= CanaryBayesFactor.rejects(xc, n, xb, n, 1, 1, 1, alpha);
        fisher |= FisherExact.pValueCanaryWorse(xc, n, xb, n) <= alpha;
      }
      bayesRejections += bayes ? 1 : 0;
      fisherRejections += fisher ? 1 : 0;
    }
    double bayesUpper = ClopperPearson.upperBound(bayesRejections, rollouts, 0.001);
    double fisherLower = ClopperPearson.lowerBound(fisherRejections, rollouts, 0.001);
    String figures = "Bayes factor: " + bayesRejections + " of " + rollouts + " (upper bound " + bayesUpper
        + "), Fisher: " + fisherRejections + " (lower bound " + fisherLower + ")";
    assertTrue(bayesUpper <= alpha, figures);
    assertTrue(fisherLower > alpha, figures);
  }

  @Test
  void evidenceAgainstAWorseCanaryGrowsAndNoneIsNoEvidence() {
    assertEquals(0.0, CanaryBayesFactor.logBayesFactor(0, 1000, 0, 1000, 1, 1, 1));
    assertTrue(CanaryBayesFactor.rejects(100, 10_000, 20, 10_000, 1, 1, 1, 0.05));
    assertTrue(!CanaryBayesFactor.rejects(22, 10_000, 20, 10_000, 1, 1, 1, 0.05));
    // 10^12 requests an arm: finite, and decisive for a doubled rate
    double huge = CanaryBayesFactor.logBayesFactor(2_000_000, 1_000_000_000_000L, 1_000_000, 1_000_000_000_000L, 1, 1, 1);
    assertTrue(huge > 1e5 && Double.isFinite(huge), "log BF " + huge);
  }

  @Test
  void badArgumentsAreRefusedNamingTheParameter() {
    assertEquals("canaryTrials: 0 (expected >= 1)", assertThrows(IllegalArgumentException.class,
        () -> CanaryBayesFactor.logBayesFactor(0, 0, 0, 1, 1, 1, 1)).getMessage());
    assertEquals("baselineTrials: 0 (expected >= 1)", assertThrows(IllegalArgumentException.class,
        () -> CanaryBayesFactor.logBayesFactor(0, 1, 0, 0, 1, 1, 1)).getMessage());
    assertEquals("r0: 0.0 (expected a finite number > 0)", assertThrows(IllegalArgumentException.class,
        () -> CanaryBayesFactor.logBayesFactor(0, 1, 0, 1, 0, 1, 1)).getMessage());
    assertEquals("a: -1.0 (expected a finite number > 0)", assertThrows(IllegalArgumentException.class,
        () -> CanaryBayesFactor.logBayesFactor(0, 1, 0, 1, 1, -1, 1)).getMessage());
    assertEquals("alpha: 0.0 (expected 0 < alpha < 1)", assertThrows(IllegalArgumentException.class,
        () -> CanaryBayesFactor.rejects(0, 1, 0, 1, 1, 1, 1, 0)).getMessage());
    assertEquals("baselineFailures: 2 (expected <= baselineTrials (1))", assertThrows(IllegalArgumentException.class,
        () -> CanaryBayesFactor.logBayesFactor(0, 1, 2, 1, 1, 1, 1)).getMessage());
  }
}
