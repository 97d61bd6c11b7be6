package io.github.slo4j.internal.stats;

import static io.github.slo4j.internal.stats.Sweep.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.property.Gen;
import io.github.slo4j.property.Property;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.RegularizedBeta;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The special functions against Apache Commons Numbers and Statistics, to 1e-9 relative or better. */
class SpecialFunctionsTest {

  /**
   * Parameters of gamma and beta: real ones from 1/2 to 20, counts up to 10^12 (what Clopper–Pearson
   * and the binomial tails pass).
   */
  private static final Gen<Double> PARAMETER = Gen.oneOf(
      Gen.doubles("[0.5, 20]", 3),
      Gen.longs(1, 1_000_000).map(Long::doubleValue),
      Gen.longs(1, Sweep.HUGE).map(Long::doubleValue));

  /**
   * Pairs of beta parameters: any two of the above, except a non-integer with a count above 10^6
   * (the known limit in the class comment of {@link SpecialFunctions}: nothing in the package
   * passes such a pair).
   */
  private static final Gen<java.util.List<Double>> PAIR = t -> {
    double a = PARAMETER.draw(t);
    double b = PARAMETER.draw(t);
    boolean integers = a == Math.rint(a) && b == Math.rint(b);
    return integers ? java.util.List.of(a, b) : java.util.List.of(Math.min(a, 1e6), Math.min(b, 1e6));
  };

  @Test
  void logGammaAgreesWithTheReference() {
    Property.check(2000, d -> {
      double x = d.draw("x", PARAMETER);
      // A log's absolute error is its value's relative error: compare on max(1, |log Γ|).
      double expected = LogGamma.value(x);
      assertLog(expected, SpecialFunctions.logGamma(x), 1e-13, "logGamma(" + x + ")");
    });
  }

  @Test
  void logBetaAgreesWithTheReference() {
    Property.check(2000, d -> {
      double a = d.draw("a", PARAMETER);
      double b = d.draw("b", PARAMETER);
      double expected = LogBeta.value(a, b);
      assertLog(expected, SpecialFunctions.logBeta(a, b), 1e-12, "logBeta(" + a + ", " + b + ")");
    });
  }

  @Test
  void logBetaOfOneAndAHugeCountKeepsEveryDigit() {
    // B(1, n) = 1/n exactly; the textbook log Γ difference would lose about 3 digits here
    assertRelative(-Math.log(1e12), SpecialFunctions.logBeta(1, 1e12), 1e-15, "logBeta(1, 1e12)");
    assertRelative(-Math.log(1e12 * (1e12 + 1)), SpecialFunctions.logBeta(2, 1e12), 1e-15, "logBeta(2, 1e12)");
  }

  /** The incomplete beta at the arguments a binomial tail gives it: x near the mean a/(a+b), or anywhere. */
  @Test
  void regularizedBetaAndItsComplementAgreeWithTheReference() {
    Property.check(1500, d -> {
      java.util.List<Double> ab = d.draw("a, b", PAIR);
      double a = ab.get(0);
      double b = ab.get(1);
      double mean = a / (a + b);
      double sd = Math.sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
      double x = d.draw("x", Gen.oneOf(
          Gen.doubles("[0, 1]", 6),
          Gen.doubles("[-6, 6]", 3).map(z -> Math.min(1, Math.max(0, mean + z * sd)))));
      double lower = RegularizedBeta.value(x, a, b);
      double upper = RegularizedBeta.complement(x, a, b);
      String what = "I_" + x + "(" + a + ", " + b + ")";
      if (lower > 1e-300) {
        assertRelative(lower, SpecialFunctions.regularizedBeta(x, a, b), Sweep.referenceTolerance(a, b), what);
      }
      if (upper > 1e-300) {
        assertRelative(upper, SpecialFunctions.regularizedBetaComplement(x, a, b), Sweep.referenceTolerance(a, b), "1 - " + what);
      }
    });
  }

  /**
   * Values from mpmath at 40 digits (the continued fraction and the power terms in arbitrary
   * precision), where Commons Statistics 1.2 is off by 7e-9 to 1.4e-7: slo4j to 1e-11 or better.
   */
  @Test
  void hardCasesMatchFortyDigitValues() {
    assertRelative(0.5000195853612724645580296814920258655923,
        SpecialFunctions.regularizedBeta(0.08602902106952856, 3.4576564E7, 3.67340877E8), 1e-12, "both huge, at the median");
    assertRelative(0.5000114478377809865885239011522337081703,
        Binomial.cdf(33597021, 24770717119L, 0.0013563200991960752), 1e-11, "binomial at the median, n = 2.5e10");
    assertRelative(0.5000042870832243140208241617507842946455,
        SpecialFunctions.regularizedBeta(0.1257283428292313, 6.1665377E8, 4.287998245E9), 1e-11, "both huge, 6e8");
    // I_x(a, 1) = x^a
    assertRelative(0.1345940882975077960556087567262840749867,
        SpecialFunctions.regularizedBeta(0.9999997874475829, 9435280, 1), 1e-12, "x near 1, a large, b = 1");
  }

  @Test
  void inverseRegularizedBetaAgreesWithTheReferenceQuantile() {
    Property.check(300, d -> {
      java.util.List<Double> ab = d.draw("a, b", PAIR);
      double a = ab.get(0);
      double b = ab.get(1);
      double p = d.draw("p", Gen.oneOf(Sweep.ALPHA, Gen.doubles("[0, 1]", 6)));
      BetaDistribution beta = BetaDistribution.of(a, b);
      String what = "B^-1(" + p + "; " + a + ", " + b + ")";
      double expected = beta.inverseCumulativeProbability(p);
      assertRelative(expected, SpecialFunctions.inverseRegularizedBeta(p, a, b), tolerance(beta, expected, p, a, b), what);
      double expectedC = beta.inverseSurvivalProbability(p);
      assertRelative(expectedC, SpecialFunctions.inverseRegularizedBetaComplement(p, a, b),
          tolerance(beta, expectedC, Math.min(p, 1 - p), a, b), "complement " + what);
    });
  }

  /**
   * 1e-9, widened where the quantile is ill-conditioned: a relative error e in the tail probability
   * moves the quantile by e·κ relative, κ = tail / (x·density). Both libraries hold the tail to about
   * 1e-14, so beyond κ = 1e5 (only parameters well below 1 get there) the quantile is known to no
   * better than about 1e-14·κ and the bound grows with it.
   */
  private static double tolerance(BetaDistribution beta, double x, double tail, double a, double b) {
    double kappa = tail / (x * beta.density(x));
    return Sweep.referenceTolerance(a, b) * Math.max(1, kappa / 1e5);
  }

  /** A log agrees to {@code tolerance} relative, or absolute below 1: a log's absolute error is its value's relative error. */
  private static void assertLog(double expected, double actual, double tolerance, String what) {
    org.junit.jupiter.api.Assertions.assertTrue(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
        () -> what + ": expected " + expected + " but was " + actual);
  }

  @Test
  void theNormalTailAndItsInverseAgreeWithTheReference() {
    NormalDistribution normal = NormalDistribution.of(0, 1);
    Property.check(1000, d -> {
      double z = d.draw("z", Gen.doubles("[-38, 38]", 4));
      assertRelative(normal.survivalProbability(z), SpecialFunctions.normalSurvival(z), 1e-12, "P(Z > " + z + ")");
      double q = d.draw("q", Gen.oneOf(Sweep.ALPHA, Gen.doubles("(0, 1)", 6)));
      assertRelative(normal.inverseSurvivalProbability(q), SpecialFunctions.normalSurvivalInverse(q), 1e-12,
          "z(" + q + ")");
    });
  }

  @Test
  void badArgumentsAreRefusedNamingTheParameter() {
    assertEquals("x: 0.0 (expected a finite number > 0)",
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.logGamma(0)).getMessage());
    assertEquals("x: NaN (expected a finite number > 0)",
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.logGamma(Double.NaN)).getMessage());
    assertEquals("b: -1.0 (expected a finite number > 0)",
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.logBeta(1, -1)).getMessage());
    assertEquals("a: Infinity (expected a finite number > 0)",
        assertThrows(IllegalArgumentException.class,
            () -> SpecialFunctions.regularizedBeta(0.5, Double.POSITIVE_INFINITY, 1)).getMessage());
    assertEquals("x: 1.5 (expected 0 <= x <= 1)",
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.regularizedBetaComplement(1.5, 1, 1))
            .getMessage());
    assertEquals("p: -0.1 (expected 0 <= p <= 1)",
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.inverseRegularizedBeta(-0.1, 1, 1))
            .getMessage());
    assertEquals("q: NaN (expected 0 <= q <= 1)",
        assertThrows(IllegalArgumentException.class,
            () -> SpecialFunctions.inverseRegularizedBetaComplement(Double.NaN, 1, 1)).getMessage());
    assertEquals("q: 1.0 (expected 0 < q < 1)",
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.normalSurvivalInverse(1)).getMessage());
    assertEquals("z: NaN (expected a number)",
        assertThrows(IllegalArgumentException.class, () -> SpecialFunctions.normalSurvival(Double.NaN)).getMessage());
  }

  @Test
  void theEndsOfTheUnitIntervalAreExact() {
    assertEquals(0.0, SpecialFunctions.regularizedBeta(0, 3, 4));
    assertEquals(1.0, SpecialFunctions.regularizedBeta(1, 3, 4));
    assertEquals(1.0, SpecialFunctions.regularizedBetaComplement(0, 3, 4));
    assertEquals(0.0, SpecialFunctions.regularizedBetaComplement(1, 3, 4));
    assertEquals(0.0, SpecialFunctions.inverseRegularizedBeta(0, 3, 4));
    assertEquals(1.0, SpecialFunctions.inverseRegularizedBeta(1, 3, 4));
    assertEquals(1.0, SpecialFunctions.inverseRegularizedBetaComplement(0, 3, 4));
    assertEquals(0.0, SpecialFunctions.inverseRegularizedBetaComplement(1, 3, 4));
    assertEquals(0.0, SpecialFunctions.normalSurvival(Double.POSITIVE_INFINITY));
    assertEquals(1.0, SpecialFunctions.normalSurvival(Double.NEGATIVE_INFINITY));
  }
}
