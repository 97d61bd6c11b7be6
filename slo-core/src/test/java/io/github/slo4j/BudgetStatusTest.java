package io.github.slo4j;

import static io.github.slo4j.ErrorBudgetTest.refused;
import static io.github.slo4j.ErrorBudgetTest.refusedNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class BudgetStatusTest {
  static final Objective P999 = Objective.percent("99.9");

  @Test
  void withinBudget() {
    BudgetStatus s = ErrorBudget.status(P999, 999_400, 1_000_000);
    assertEquals(P999, s.objective());
    assertEquals(999_400, s.good());
    assertEquals(600, s.bad());
    assertEquals(1_000_000, s.total());
    assertTrue(s.hasData());
    assertEquals(1_000, s.allowedBad());
    assertEquals(OptionalDouble.of(0.0006), s.errorRatio());
    assertEquals(OptionalDouble.of(0.6), s.consumed());
    assertEquals(OptionalDouble.of(0.4), s.remaining());
    assertFalse(s.overspent());
    assertEquals("600/1000000 bad, 60% of the budget consumed, 40% remaining", s.toString());
  }

  @Test
  void exactlySpentIsNotOverspent() {
    BudgetStatus s = ErrorBudget.status(P999, 999, 1_000);
    assertEquals(OptionalDouble.of(1), s.consumed());
    assertEquals(OptionalDouble.of(0), s.remaining());
    assertFalse(s.overspent());
    assertEquals("1/1000 bad, 100% of the budget consumed, 0% remaining", s.toString());
  }

  @Test
  void overspentSaysSo() {
    BudgetStatus s = ErrorBudget.status(P999, 998, 1_000);
    assertEquals(OptionalDouble.of(2), s.consumed());
    assertEquals(OptionalDouble.of(-1), s.remaining());
    assertTrue(s.overspent());
    assertEquals("2/1000 bad, 200% of the budget consumed, overspent by 100%", s.toString());

    BudgetStatus slightly = ErrorBudget.status(P999, 9_989, 10_000);
    assertTrue(slightly.overspent());
    assertEquals(-0.1, slightly.remaining().getAsDouble(), 1e-15);
    assertEquals("11/10000 bad, 110% of the budget consumed, overspent by 10%", slightly.toString());
  }

  @Test
  void noBadEvents() {
    BudgetStatus s = ErrorBudget.status(P999, 10, 10);
    assertEquals(OptionalDouble.of(0), s.consumed());
    assertEquals(OptionalDouble.of(1), s.remaining());
    assertEquals("0/10 bad, 0% of the budget consumed, 100% remaining", s.toString());
  }

  @Test
  void noEventsIsNoDataNotZeroPercent() {
    BudgetStatus s = ErrorBudget.status(P999, 0, 0);
    assertFalse(s.hasData());
    assertEquals(OptionalDouble.empty(), s.errorRatio());
    assertEquals(OptionalDouble.empty(), s.consumed());
    assertEquals(OptionalDouble.empty(), s.remaining());
    assertFalse(s.overspent());
    assertEquals(0, s.bad());
    assertEquals(0, s.allowedBad());
    assertEquals("no data", s.toString());
  }

  @Test
  void equalityIsByObjectiveAndCounts() {
    BudgetStatus a = ErrorBudget.status(P999, 998, 1_000);
    BudgetStatus b = ErrorBudget.status(Objective.percent("99.90"), 998, 1_000);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, ErrorBudget.status(P999, 999, 1_000));
    assertNotEquals(a, ErrorBudget.status(Objective.percent("99"), 998, 1_000));
  }

  @Test
  void refusals() {
    refused("good: 5 (expected <= total (4))", () -> ErrorBudget.status(P999, 5, 4));
    refused("good: -1 (expected >= 0)", () -> ErrorBudget.status(P999, -1, 4));
    refused("total: -4 (expected >= 0)", () -> ErrorBudget.status(P999, 0, -4));
    refusedNull("objective: null (expected a value)", () -> ErrorBudget.status(null, 1, 4));
  }
}
