package io.github.slo4j.internal.stats;

import static io.github.slo4j.internal.stats.Sweep.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.property.Gen;
import io.github.slo4j.property.Property;
import org.apache.commons.numbers.gamma.RegularizedBeta;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.FisherExactTest;
import org.junit.jupiter.api.Test;

/** The binomial tails and Fisher's exact test against Commons Statistics. */
class BinomialAndFisherTest {

  @Test
  void binomialTailsAgreeWithTheReference() {
    Property.check(500, d -> {
      long n = d.draw("n", Sweep.TRIALS);
      long k = Sweep.failuresOf(d, n);
      double p = d.draw("p", Gen.oneOf(Gen.doubles("[0, 1]", 4), Gen.constant(Math.min(1, (k + 0.5) / n))));
      String what = "P(X <= " + k + "; " + n + ", " + p + ")";
      double cdf = n <= Integer.MAX_VALUE ? BinomialDistribution.of((int) n, p).cumulativeProbability((int) k)
          : (k >= n ? 1 : RegularizedBeta.complement(p, k + 1.0, n - k));
      double sf = n <= Integer.MAX_VALUE ? BinomialDistribution.of((int) n, p).survivalProbability((int) k)
          : (k >= n ? 0 : RegularizedBeta.value(p, k + 1.0, n - k));
      if (cdf > 1e-300) {
        assertRelative(cdf, Binomial.cdf(k, n, p), Sweep.referenceTolerance(k + 1.0, n - k), what);
      }
      if (sf > 1e-300) {
        assertRelative(sf, Binomial.survival(k, n, p), Sweep.referenceTolerance(k + 1.0, n - k), "1 - " + what);
      }
    });
  }

  @Test
  void fisherAgreesWithTheReference() {
    Property.check(400, d -> {
      int nc = d.draw("canaryTrials", Gen.oneOf(Gen.ints(1, 50), Gen.ints(1, 100_000), Gen.ints(1, 1_000_000_000)));
      int nb = d.draw("baselineTrials", Gen.oneOf(Gen.ints(1, 50), Gen.ints(1, 100_000), Gen.ints(1, 1_000_000_000)));
      int xc = (int) Sweep.failuresOf(d, nc);
      int xb = d.draw("baselineFailures", Gen.oneOf(Gen.ints(0, Math.min(nb, 1000)), Gen.ints(0, nb)));
      if ((long) nc + nb > Integer.MAX_VALUE) {
        return;
      }
      // Commons sums its hypergeometric tails term by term from the support's edge: compare where
      // the support is at most 10^5 wide (a few failures, or an arm of a few trials, in any counts).
      long width = Math.min(Math.min((long) xc + xb, (long) nc + nb - xc - xb), Math.min(nc, nb));
      if (width > 100_000) {
        return;
      }
      int[][] table = {{xc, nc - xc}, {xb, nb - xb}};
      String what = xc + "/" + nc + " vs " + xb + "/" + nb;
      double greater = FisherExactTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN).test(table).getPValue();
      assertRelative(greater, FisherExact.pValueCanaryWorse(xc, nc, xb, nb), fisherTolerance(nc, nb), "worse " + what);
      // Commons compares the tables' probabilities exactly, R (and this class) within 1e-7: they
      // agree unless a table other than the observed one is that close to it in probability.
      double twoSided = FisherExactTest.withDefaults().test(table).getPValue();
      double mine = FisherExact.pValueTwoSided(xc, nc, xb, nb);
      if (!nearTie(xc, nc, xb, nb)) {
        assertRelative(twoSided, mine, fisherTolerance(nc, nb), "two-sided " + what);
      }
    });
  }

  /**
   * 1e-9, widened to 1e-9 · N / 10^6 for N trials in all: the reference's hypergeometric (R's dhyper)
   * takes log1p(−k/n) of a rounded k/n and loses about 2^-53 · n digits near the edge of the support
   * (measured 1e-8 at N = 7.4·10^7), where the exact fractions below agree with slo4j to 1e-12.
   */
  private static double fisherTolerance(long nc, long nb) {
    return 1e-9 * Math.max(1, (nc + nb) / 1e6);
  }

  /**
   * Tables with one arm of one trial, whose probabilities are simple fractions: the reference is off
   * by 6e-9 and 1e-8 on the first two, slo4j by less than 1e-12.
   */
  @Test
  void extremeTablesHaveTheirExactProbabilities() {
    // the one trial left out of the canary is one of the 2 successes: 2/N
    assertRelative(2.0 / 36326304, FisherExact.pValueCanaryWorse(36326302, 36326303, 0, 1), 1e-12, "2/N");
    assertRelative(2.0 / 74052354, FisherExact.pValueCanaryWorse(74052352, 74052353, 0, 1), 1e-12, "2/N, N = 7.4e7");
    // the single failure falls in the baseline's one trial: 1/N
    assertRelative(1.0 / 43756018, FisherExact.pValueTwoSided(0, 43756017, 1, 1), 1e-12, "1/N");
  }

  private static boolean nearTie(int xc, int nc, int xb, int nb) {
    org.apache.commons.statistics.distribution.HypergeometricDistribution h =
        org.apache.commons.statistics.distribution.HypergeometricDistribution.of(nc + nb, xc + xb, nc);
    double observed = h.logProbability(xc);
    // the mirror image across the mean is the only candidate for an exact tie
    double mean = (double) nc * (xc + xb) / (nc + nb);
    long mirror = Math.round(2 * mean - xc);
    for (long k = mirror - 1; k <= mirror + 1; k++) {
      if (k != xc && k >= h.getSupportLowerBound() && k <= h.getSupportUpperBound()
          && Math.abs(h.logProbability((int) k) - observed) < 1e-6) {
        return true;
      }
    }
    return false;
  }

  @Test
  void fisherHandlesCountsBeyondAnInt() {
    // 10^12 requests a side, equal rates: nothing to see; a doubled canary rate: overwhelming
    long n = 1_000_000_000_000L;
    double p = FisherExact.pValueCanaryWorse(1_000_000, n, 1_000_000, n);
    assertRelative(0.5, p, 1e-2, "equal arms");
    double worse = FisherExact.pValueCanaryWorse(2_000, n, 1_000, n);
    org.junit.jupiter.api.Assertions.assertTrue(worse < 1e-40 && worse >= 0, "doubled rate: " + worse);
    assertEquals(1.0, FisherExact.pValueTwoSided(0, n, 0, n));
  }

  @Test
  void badArgumentsAreRefusedNamingTheParameter() {
    assertEquals("canaryFailures: 4 (expected <= canaryTrials (3))",
        assertThrows(IllegalArgumentException.class, () -> FisherExact.pValueCanaryWorse(4, 3, 0, 1)).getMessage());
    assertEquals("baselineTrials: -1 (expected 0 <= baselineTrials <= 2^53)",
        assertThrows(IllegalArgumentException.class, () -> FisherExact.pValueTwoSided(0, 3, 0, -1)).getMessage());
    assertEquals("n: -1 (expected 0 <= n <= 2^53)",
        assertThrows(IllegalArgumentException.class, () -> Binomial.cdf(0, -1, 0.5)).getMessage());
    assertEquals("p: 2.0 (expected 0 <= p <= 1)",
        assertThrows(IllegalArgumentException.class, () -> Binomial.survival(0, 1, 2)).getMessage());
  }
}
