package io.github.slo4j.internal.stats;

import static io.github.slo4j.internal.stats.Sweep.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.property.Gen;
import io.github.slo4j.property.Property;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.numbers.gamma.RegularizedBeta;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.BinomialTest;
import org.junit.jupiter.api.Test;

/** The one-sample and rate mixtures against Commons' log beta; the conditional p-value against Commons' binomial test. */
class RateBayesFactorTest {

  @Test
  void theOneSampleBayesFactorIsRobbinsMixture() {
    Property.check(500, d -> {
      long n = d.draw("trials", Sweep.TRIALS);
      long x = Sweep.failuresOf(d, n);
      double p0 = d.draw("p0", Gen.oneOf(Gen.doubles("(0, 1)", 4), Gen.<Double>of(1e-6, 0.001, 0.5, 0.999)));
      double a = d.draw("a", Gen.doubles("[0.1, 100]", 1));
      double b = d.draw("b", Gen.doubles("[0.1, 100]", 1));
      double logMixture = LogBeta.value(a + x, b + (n - x)) - LogBeta.value(a, b);
      double logNull = (x == 0 ? 0 : x * Math.log(p0)) + (n - x == 0 ? 0 : (n - x) * Math.log1p(-p0));
      double expected = logMixture - logNull;
      double mine = RateBayesFactor.oneSample(x, n, p0, a, b);
      // the two terms grow with the counts and cancel: compare on the scale of the larger
      double scale = Math.max(1, Math.max(Math.abs(logMixture), Math.abs(logNull)));
      assertTrue(Math.abs(mine - expected) <= 1e-9 * scale,
          () -> "log BF(" + x + "/" + n + ", p0 " + p0 + "): expected " + expected + " but was " + mine);
    });
  }

  @Test
  void theRateBayesFactorIsTheConditionalMixtureAndCountsMayExceedExposure() {
    Property.check(500, d -> {
      long ec = d.draw("canaryExposure", Sweep.TRIALS);
      long eb = d.draw("baselineExposure", Sweep.TRIALS);
      // events per unit of exposure from none to five (calls per request)
      long xc = d.draw("canaryEvents", Gen.oneOf(Gen.constant(0L), Gen.longs(0, 1000), Gen.longs(0, 5 * ec)));
      long xb = d.draw("baselineEvents", Gen.oneOf(Gen.constant(0L), Gen.longs(0, 1000), Gen.longs(0, 5 * eb)));
      double r0 = d.draw("r0", Gen.doubles("[0.5, 3]", 2));
      double logRho = -Math.log1p(eb / (ec * r0));
      double logNotRho = -Math.log1p(ec * r0 / eb);
      double logMixture = LogBeta.value(1 + xc, 1 + xb) - LogBeta.value(1, 1);
      double logNull = (xc == 0 ? 0 : xc * logRho) + (xb == 0 ? 0 : xb * logNotRho);
      double expected = logMixture - logNull;
      double mine = RateBayesFactor.ofRates(xc, ec, xb, eb, r0, 1, 1);
      double scale = Math.max(1, Math.max(Math.abs(logMixture), Math.abs(logNull)));
      assertTrue(Math.abs(mine - expected) <= 1e-9 * scale,
          () -> "log BF: expected " + expected + " but was " + mine);
    });
  }

  @Test
  void theConditionalPValueAgreesWithTheReferenceBinomialTest() {
    Property.check(400, d -> {
      long ec = d.draw("canaryExposure", Sweep.TRIALS);
      long eb = d.draw("baselineExposure", Sweep.TRIALS);
      long xc = d.draw("canaryEvents", Gen.oneOf(Gen.constant(0L), Gen.longs(0, 1000), Gen.longs(0, 1_000_000)));
      long xb = d.draw("baselineEvents", Gen.oneOf(Gen.constant(0L), Gen.longs(0, 1000), Gen.longs(0, 1_000_000)));
      double r0 = d.draw("r0", Gen.doubles("[0.5, 3]", 2));
      long n = xc + xb;
      double rho = 1 / (1 + eb / (ec * r0));
      double expected;
      if (n == 0) {
        expected = 1;
      } else if (n <= Integer.MAX_VALUE) {
        expected = BinomialTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN)
            .test((int) n, (int) xc, rho).getPValue();
      } else {
        expected = xc == 0 ? 1 : RegularizedBeta.value(rho, xc, n - xc + 1.0);
      }
      double mine = RateBayesFactor.conditionalPValue(xc, ec, xb, eb, r0);
      if (expected > 1e-300) {
        assertRelative(expected, mine, Sweep.referenceTolerance(xc, n - xc + 1.0),
            "P(X >= " + xc + "; " + n + ", " + rho + ")");
      }
    });
  }

  @Test
  void aCanaryAtTheLimitGivesLittleEvidenceAndOneFarAboveItMuch() {
    assertEquals(0.0, RateBayesFactor.oneSample(0, 0, 0.01, 1, 1));
    // 10 failures of 1,000 at a limit of 1 %: no evidence against it
    assertTrue(RateBayesFactor.oneSample(10, 1000, 0.01, 1, 1) < Math.log(20));
    // 60 failures of 1,000 at a limit of 1 %: decisive
    assertTrue(RateBayesFactor.oneSample(60, 1000, 0.01, 1, 1) > Math.log(1e6));
    double huge = RateBayesFactor.oneSample(20_000_000_000L, 1_000_000_000_000L, 0.01, 1, 1);
    assertTrue(huge > 1e6 && Double.isFinite(huge), "log BF " + huge);
  }

  @Test
  void badArgumentsAreRefusedNamingTheParameter() {
    assertEquals("p0: 1.0 (expected 0 < p0 < 1)", assertThrows(IllegalArgumentException.class,
        () -> RateBayesFactor.oneSample(0, 1, 1, 1, 1)).getMessage());
    assertEquals("failures: 2 (expected <= trials (1))", assertThrows(IllegalArgumentException.class,
        () -> RateBayesFactor.oneSample(2, 1, 0.5, 1, 1)).getMessage());
    assertEquals("canaryExposure: 0 (expected 1 <= canaryExposure <= 2^53)", assertThrows(IllegalArgumentException.class,
        () -> RateBayesFactor.ofRates(0, 0, 0, 1, 1, 1, 1)).getMessage());
    assertEquals("baselineExposure: -3 (expected 1 <= baselineExposure <= 2^53)", assertThrows(IllegalArgumentException.class,
        () -> RateBayesFactor.ofRates(0, 1, 0, -3, 1, 1, 1)).getMessage());
    assertEquals("canaryEvents: -1 (expected 0 <= canaryEvents <= 2^53)", assertThrows(IllegalArgumentException.class,
        () -> RateBayesFactor.ofRates(-1, 1, 0, 1, 1, 1, 1)).getMessage());
    assertEquals("r0: 0.0 (expected a finite number > 0)", assertThrows(IllegalArgumentException.class,
        () -> RateBayesFactor.conditionalPValue(0, 1, 0, 1, 0)).getMessage());
    assertEquals("baselineExposure: 0 (expected >= 1)", assertThrows(IllegalArgumentException.class,
        () -> RateBayesFactor.conditionalPValue(0, 1, 0, 0, 1)).getMessage());
  }
}
