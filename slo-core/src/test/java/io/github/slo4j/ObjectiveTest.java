package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectiveTest {

  @Test
  void percentIsHeldExactly() {
    Objective o = Objective.percent("99.9");
    assertEquals(0.999, o.ratio());
    assertEquals(new BigDecimal("0.999"), o.decimal());
    assertEquals("99.9", o.percent());
    assertEquals("99.9%", o.toString());
  }

  @Test
  void errorBudgetIsExactNotFloatingPointNoise() {
    // 1 - 0.999 in double arithmetic is 0.0009999999999999432.
    assertNotEquals(0.001, 1 - 0.999);
    assertEquals(0.001, Objective.percent("99.9").errorBudget());
    assertEquals(0.001, Objective.ratio(0.999).errorBudget());
    assertEquals(new BigDecimal("0.001"), Objective.percent("99.9").errorBudgetDecimal());
    assertEquals(0.0005, Objective.percent("99.95").errorBudget());
    assertEquals(0.00001, Objective.percent("99.999").errorBudget());
    assertEquals(0.1, Objective.percent("90").errorBudget());
  }

  @Test
  void ratioFactoriesAgreeWithPercent() {
    assertEquals(Objective.percent("99.9"), Objective.ratio(0.999));
    assertEquals(Objective.percent("99.9"), Objective.ratio("0.999"));
    assertEquals(Objective.percent("99.95"), Objective.ratio(" 0.9995 "));
  }

  @Test
  void equalityIsNumeric() {
    Objective a = Objective.percent("99.9");
    Objective b = Objective.percent("99.90");
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals("99.9", b.percent());
    assertEquals(Objective.percent("99"), Objective.percent("99.000"));
    assertEquals(Objective.percent("99").hashCode(), Objective.percent("99.000").hashCode());
    assertNotEquals(Objective.percent("99.9"), Objective.percent("99.91"));
  }

  @Test
  void percentAcceptsATrailingPercentSign() {
    assertEquals(Objective.percent("99.9"), Objective.percent("99.9%"));
    assertEquals(Objective.percent("99.9"), Objective.percent(" 99.9 % "));
  }

  @Test
  void onePercentIsTheLowestPercent() {
    assertEquals(0.99, Objective.percent("1").errorBudget());
  }

  @Test
  void maxBurnRateIsTheBurnOfAFullOutage() {
    assertEquals(1000, Objective.percent("99.9").maxBurnRate());
    assertEquals(10, Objective.percent("90").maxBurnRate());
    assertEquals(100_000, Objective.percent("99.999").maxBurnRate());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0      | objective ratio: 0.0 (expected 0 < ratio < 1)",
        "-0.5   | objective ratio: -0.5 (expected 0 < ratio < 1)",
        "1      | objective ratio: 1.0 (expected 0 < ratio < 1; an objective of 1 (100 %) leaves no error budget)",
        "99.9   | objective ratio: 99.9 (expected 0 < ratio < 1; for a percent use Objective.percent(\"99.9\"))",
        "1.5    | objective ratio: 1.5 (expected 0 < ratio < 1; for a percent use Objective.percent(\"1.5\"))",
        "100    | objective ratio: 100.0 (expected 0 < ratio < 1)",
        "NaN    | objective ratio: NaN (expected a finite number with 0 < ratio < 1)",
        "Infinity  | objective ratio: Infinity (expected a finite number with 0 < ratio < 1)",
        "-Infinity | objective ratio: -Infinity (expected a finite number with 0 < ratio < 1)",
      })
  void ratioRefusals(double ratio, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Objective.ratio(ratio));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0      | objective ratio: 0 (expected 0 < ratio < 1)",
        "1.000  | objective ratio: 1.000 (expected 0 < ratio < 1; an objective of 1 (100 %) leaves no error budget)",
        "99.9   | objective ratio: 99.9 (expected 0 < ratio < 1; for a percent use Objective.percent(\"99.9\"))",
        "abc    | objective ratio: 'abc' (expected a decimal number such as 0.999)",
        "99.9%  | objective ratio: '99.9%' (expected a decimal number such as 0.999)",
      })
  void ratioTextRefusals(String ratio, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Objective.ratio(ratio));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "100    | objective percent: 100 (expected 1 <= percent < 100; 100 % leaves no error budget, so no burn rate or alert can be computed)",
        "100%   | objective percent: 100% (expected 1 <= percent < 100; 100 % leaves no error budget, so no burn rate or alert can be computed)",
        "100.00 | objective percent: 100.00 (expected 1 <= percent < 100; 100 % leaves no error budget, so no burn rate or alert can be computed)",
        "150    | objective percent: 150 (expected 1 <= percent < 100)",
        "0.999  | objective percent: 0.999 (expected 1 <= percent < 100; for a fraction use Objective.ratio(0.999))",
        "0      | objective percent: 0 (expected 1 <= percent < 100)",
        "-99.9  | objective percent: -99.9 (expected 1 <= percent < 100)",
        "abc    | objective percent: 'abc' (expected a decimal number such as 99.9)",
        "NaN    | objective percent: 'NaN' (expected a decimal number such as 99.9)",
        "Infinity | objective percent: 'Infinity' (expected a decimal number such as 99.9)",
        "99,9   | objective percent: '99,9' (expected a decimal number such as 99.9)",
      })
  void percentRefusals(String percent, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Objective.percent(percent));
    assertEquals(message, e.getMessage());
  }

  @Test
  void emptyAndNullTextAreRefused() {
    assertEquals(
        "objective percent: '' (expected a decimal number such as 99.9)",
        assertThrows(IllegalArgumentException.class, () -> Objective.percent("")).getMessage());
    assertEquals(
        "objective percent: null (expected a value)",
        assertThrows(NullPointerException.class, () -> Objective.percent(null)).getMessage());
    assertEquals(
        "objective ratio: null (expected a value)",
        assertThrows(NullPointerException.class, () -> Objective.ratio((String) null))
            .getMessage());
  }
}
