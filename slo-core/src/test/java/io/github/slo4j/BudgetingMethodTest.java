package io.github.slo4j;

import static io.github.slo4j.ErrorBudgetTest.refused;
import static io.github.slo4j.ErrorBudgetTest.refusedNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetingMethodTest {
  static final Objective P95 = Objective.percent("95");

  @Test
  void occurrencesIsOneValue() {
    assertSame(BudgetingMethod.occurrences(), BudgetingMethod.occurrences());
    assertEquals("occurrences", BudgetingMethod.occurrences().toString());
  }

  @Test
  void timeslicesHoldTheirSliceAndTarget() {
    BudgetingMethod m = BudgetingMethod.timeslices(Duration.ofMinutes(1), P95);
    assertEquals(new BudgetingMethod.Timeslices(Duration.ofMinutes(1), P95), m);
    assertEquals(Duration.ofMinutes(1), ((BudgetingMethod.Timeslices) m).slice());
    assertEquals(P95, ((BudgetingMethod.Timeslices) m).sliceObjective());
    BudgetingMethod r = BudgetingMethod.ratioTimeslices(Duration.ofMinutes(5));
    assertEquals(Duration.ofMinutes(5), ((BudgetingMethod.RatioTimeslices) r).slice());
  }

  @Test
  void slicesFromOneSecondToOneHour() {
    assertEquals(
        new BudgetingMethod.RatioTimeslices(Duration.ofSeconds(1)),
        BudgetingMethod.ratioTimeslices(Duration.ofSeconds(1)));
    assertEquals(
        new BudgetingMethod.RatioTimeslices(Duration.ofHours(1)),
        BudgetingMethod.ratioTimeslices(Duration.ofHours(1)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "PT0S      | slice: 0s (expected a duration > 0)",
        "PT-1M     | slice: -1m (expected a duration > 0)",
        "PT0.5S    | slice: 500ms (expected a whole number of seconds from 1s to 1h)",
        "PT1.5S    | slice: 1s500ms (expected a whole number of seconds from 1s to 1h)",
        "PT1H1S    | slice: 1h1s (expected a whole number of seconds from 1s to 1h)",
        "PT2H      | slice: 2h (expected a whole number of seconds from 1s to 1h)",
      })
  void sliceRefusals(Duration slice, String message) {
    refused(message, () -> BudgetingMethod.timeslices(slice, P95));
    refused(message, () -> BudgetingMethod.ratioTimeslices(slice));
  }

  @Test
  void refusals() {
    refusedNull("slice: null (expected a value)", () -> BudgetingMethod.ratioTimeslices(null));
    refusedNull(
        "slice objective: null (expected a value)",
        () -> BudgetingMethod.timeslices(Duration.ofMinutes(1), null));
  }
}
