package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** An error budget too small for a double is refused at construction, never rounded to 0. */
class ObjectiveUnderflowTest {
  private static final String EXPECTED =
      "expected an error budget 1 − objective of at least 2.2250738585072014E-308, the smallest normal double;";

  @Test
  void hundredsOfNinesWhoseBudgetUnderflowsADoubleAreRefused() {
    String percent = "99." + "9".repeat(400);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Objective.percent(percent));
    assertEquals(
        "objective percent: " + percent + " (" + EXPECTED + " this one is 1E-402 and would round to 0.0)",
        e.getMessage());

    String ratio = "0." + "9".repeat(350);
    e = assertThrows(IllegalArgumentException.class, () -> Objective.ratio(ratio));
    assertEquals(
        "objective ratio: " + ratio + " (" + EXPECTED + " this one is 1E-350 and would round to 0.0)",
        e.getMessage());
  }

  @Test
  void aBudgetThatWouldBeASubnormalDoubleIsRefused() {
    // 1e-308 is a double, but a subnormal one: fewer than 53 significant bits
    String ratio = "0." + "9".repeat(307) + "9";
    assertTrue(1e-308 < Double.MIN_NORMAL && 1e-308 > 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Objective.ratio(ratio));
    assertEquals(
        "objective ratio: " + ratio + " (" + EXPECTED + " this one is 1E-308 and would round to 1.0E-308)",
        e.getMessage());
    String percent = "99." + "9".repeat(306) + "5";
    e = assertThrows(IllegalArgumentException.class, () -> Objective.percent(percent + "%"));
    assertEquals(
        "objective percent: " + percent + "% (" + EXPECTED + " this one is 5E-309 and would round to 5.0E-309)",
        e.getMessage());
  }

  @Test
  void theSmallestAcceptedBudgetIsTheSmallestNormalDoubleAndStaysFinite() {
    BigDecimal min = new BigDecimal(Double.MIN_NORMAL);
    Objective edge = Objective.ratio(BigDecimal.ONE.subtract(min).toPlainString());
    assertEquals(Double.MIN_NORMAL, edge.errorBudget());
    assertEquals(min, edge.errorBudgetDecimal());
    assertTrue(Double.isFinite(edge.maxBurnRate()), "max burn rate " + edge.maxBurnRate());
    WindowCounts allBad = new WindowCounts(java.time.Duration.ofHours(1), 0, Long.MAX_VALUE, java.time.Duration.ofHours(1));
    double burn = allBad.burnRate(edge).orElseThrow();
    assertTrue(Double.isFinite(burn) && burn > 1e307, "burn rate " + burn);

    // one step below the edge in the last digit is refused
    BigDecimal below = min.subtract(BigDecimal.ONE.movePointLeft(min.scale()));
    String text = BigDecimal.ONE.subtract(below).toPlainString();
    assertThrows(IllegalArgumentException.class, () -> Objective.ratio(text));

    // many nines whose budget is still a normal double are accepted and exact
    Objective nines = Objective.percent("99." + "9".repeat(290));
    assertEquals(new BigDecimal("1E-292"), nines.errorBudgetDecimal());
    assertEquals(1e-292, nines.errorBudget());
  }
}
