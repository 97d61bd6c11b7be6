package io.github.slo4j.internal.stats;

import static io.github.slo4j.internal.stats.Sweep.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.property.Gen;
import io.github.slo4j.property.Property;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.junit.jupiter.api.Test;

/** Mann–Whitney against Commons Statistics' asymptotic test; Hodges–Lehmann by its defining properties. */
class MannWhitneyTest {

  /** Samples with many ties (small integers) or few (three decimals). */
  private static final Gen<List<Double>> SAMPLE = Gen.oneOf(
      Gen.ints(0, 10).map(Integer::doubleValue).list(1, 80),
      Gen.doubles("[0, 100]", 3).list(1, 80));

  private static double[] array(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  @Test
  void theTestAgreesWithTheReference() {
    MannWhitneyUTest reference = MannWhitneyUTest.withDefaults()
        .with(PValueMethod.ASYMPTOTIC).with(ContinuityCorrection.ENABLED);
    Property.check(500, d -> {
      double[] x = array(d.draw("x", SAMPLE));
      double[] y = array(d.draw("y", SAMPLE));
      MannWhitney.Result mine = MannWhitney.test(x, y);
      if (mine.standardDeviation() == 0) {
        // every value tied: no evidence either way (Commons gives NaN here)
        assertEquals(new MannWhitney.Result(mine.u(), mine.mean(), 0, 1, 1, 1), mine);
        return;
      }
      assertEquals(reference.statistic(x, y), mine.u(), 1e-9);
      assertRelative(reference.test(x, y).getPValue(), mine.pTwoSided(), 1e-9, "two-sided");
      assertRelative(reference.with(AlternativeHypothesis.GREATER_THAN).test(x, y).getPValue(), mine.pGreater(),
          1e-9, "greater");
      assertRelative(reference.with(AlternativeHypothesis.LESS_THAN).test(x, y).getPValue(), mine.pLess(), 1e-9,
          "less");
    });
  }

  @Test
  void theShiftEstimateMovesWithTheSampleAndItsIntervalHoldsIt() {
    Property.check(300, d -> {
      double[] x = array(d.draw("x", SAMPLE));
      double[] y = array(d.draw("y", SAMPLE));
      int shift = d.draw("shift", Gen.ints(-50, 50));
      double[] shifted = Arrays.stream(x).map(v -> v + shift).toArray();
      double estimate = MannWhitney.shiftEstimate(x, y);
      assertEquals(estimate + shift, MannWhitney.shiftEstimate(shifted, y), 1e-9);
      assertEquals(-estimate, MannWhitney.shiftEstimate(y, x), 1e-9);
      Interval interval = MannWhitney.shiftInterval(x, y, 0.05);
      assertTrue(interval.contains(estimate), interval + " holds " + estimate);
      Interval moved = MannWhitney.shiftInterval(shifted, y, 0.05);
      assertEquals(interval.lower() + shift, moved.lower(), 1e-9);
      assertEquals(interval.upper() + shift, moved.upper(), 1e-9);
    });
  }

  @Test
  void tenAgainstTenUsesTheTwentyFourthDifferenceFromEachEnd() {
    // Hollander, Wolfe and Chicken's C(0.05) for n = m = 10 is 24: floor(50 − 1.96·√(100·21/12))
    double[] x = new double[10];
    double[] y = new double[10];
    for (int i = 0; i < 10; i++) {
      x[i] = 100 * i;
      y[i] = i;
    }
    double[] differences = new double[100];
    for (int i = 0; i < 10; i++) {
      for (int j = 0; j < 10; j++) {
        differences[10 * i + j] = x[i] - y[j];
      }
    }
    Arrays.sort(differences);
    assertEquals(new Interval(differences[23], differences[76]), MannWhitney.shiftInterval(x, y, 0.05));
    // three differences cannot bound a shift at 95 %
    assertEquals(new Interval(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
        MannWhitney.shiftInterval(new double[] {1, 2, 3}, new double[] {0}, 0.05));
    assertEquals(2.0, MannWhitney.shiftEstimate(new double[] {1, 2, 3}, new double[] {0}));
  }

  @Test
  void badArgumentsAreRefusedNamingTheParameter() {
    assertEquals("x.length: 0 (expected >= 1)",
        assertThrows(IllegalArgumentException.class, () -> MannWhitney.test(new double[0], new double[] {1}))
            .getMessage());
    assertEquals("y[1]: NaN (expected a finite number)", assertThrows(IllegalArgumentException.class,
        () -> MannWhitney.shiftEstimate(new double[] {1}, new double[] {1, Double.NaN})).getMessage());
    assertEquals("y: null (expected a value)",
        assertThrows(NullPointerException.class, () -> MannWhitney.test(new double[] {1}, null)).getMessage());
    assertEquals("alpha: 2.0 (expected 0 < alpha < 1)", assertThrows(IllegalArgumentException.class,
        () -> MannWhitney.shiftInterval(new double[] {1}, new double[] {1}, 2)).getMessage());
  }
}
