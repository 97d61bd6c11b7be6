package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every function of {@link ErrorBudget} and every refusal, message included. */
class ErrorBudgetTest {
  static final Objective P999 = Objective.percent("99.9");
  static final Duration D30 = Duration.ofDays(30);
  static final Duration H1 = Duration.ofHours(1);

  static void refused(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  /** A null argument is refused as the JDK does: a NullPointerException naming the parameter. */
  static void refusedNull(String message, Executable call) {
    assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
  }

  @Nested
  class AllowedBadEvents {
    @Test
    void isTotalTimesTheBudget() {
      assertEquals(7.2, ErrorBudget.allowedBadEvents(P999, 7_200));
      assertEquals(1_000, ErrorBudget.allowedBadEvents(P999, 1_000_000));
      assertEquals(0, ErrorBudget.allowedBadEvents(P999, 0));
      assertEquals(0.3, ErrorBudget.allowedBadEvents(Objective.percent("99.7"), 100));
    }

    @Test
    void refusals() {
      refused("total: -1 (expected >= 0)", () -> ErrorBudget.allowedBadEvents(P999, -1));
      refusedNull("objective: null (expected a value)", () -> ErrorBudget.allowedBadEvents(null, 1));
    }
  }

  @Nested
  class BudgetTime {
    @Test
    void isThePeriodTimesTheBudget() {
      assertEquals(Duration.ofMinutes(43).plusSeconds(12), ErrorBudget.budgetTime(P999, D30));
      assertEquals(
          Duration.ofMinutes(40).plusMillis(19_200),
          ErrorBudget.budgetTime(P999, Duration.ofDays(28)));
      assertEquals(Duration.ofDays(3), ErrorBudget.budgetTime(Objective.percent("90"), D30));
      assertEquals(
          Duration.ofMillis(25_920), ErrorBudget.budgetTime(Objective.percent("99.999"), D30));
    }

    @Test
    void roundsToTheNanosecond() {
      // 1 s at 1 - 1/3 ... : 0.333333333333 of a second, half-even to the nanosecond.
      assertEquals(
          Duration.ofNanos(333_333_333),
          ErrorBudget.budgetTime(Objective.ratio("0.666666666666666"), Duration.ofSeconds(1)));
    }

    @Test
    void refusals() {
      refused("period: 0s (expected a duration > 0)", () -> ErrorBudget.budgetTime(P999, Duration.ZERO));
      refused(
          "period: -1d (expected a duration > 0)",
          () -> ErrorBudget.budgetTime(P999, Duration.ofDays(-1)));
      refusedNull("period: null (expected a value)", () -> ErrorBudget.budgetTime(P999, null));
      refusedNull("objective: null (expected a value)", () -> ErrorBudget.budgetTime(null, D30));
    }
  }

  @Nested
  class ErrorRatio {
    @Test
    void isBadOverTotal() {
      assertEquals(OptionalDouble.of(0.001), ErrorBudget.errorRatio(999, 1_000));
      assertEquals(OptionalDouble.of(1.0), ErrorBudget.errorRatio(0, 10));
      assertEquals(OptionalDouble.of(0.0), ErrorBudget.errorRatio(10, 10));
    }

    @Test
    void noEventsIsNoData() {
      assertEquals(OptionalDouble.empty(), ErrorBudget.errorRatio(0, 0));
    }

    @Test
    void refusals() {
      refused("good: -1 (expected >= 0)", () -> ErrorBudget.errorRatio(-1, 10));
      refused("total: -1 (expected >= 0)", () -> ErrorBudget.errorRatio(0, -1));
      refused("good: 11 (expected <= total (10))", () -> ErrorBudget.errorRatio(11, 10));
      refused("good: 1 (expected <= total (0))", () -> ErrorBudget.errorRatio(1, 0));
    }
  }

  @Nested
  class BurnRate {
    @Test
    void isTheErrorRatioOverTheBudget() {
      assertEquals(14.4, ErrorBudget.burnRate(P999, 0.0144));
      assertEquals(1, ErrorBudget.burnRate(P999, 0.001));
      assertEquals(1000, ErrorBudget.burnRate(P999, 1.0));
      assertEquals(0, ErrorBudget.burnRate(P999, 0.0));
      assertEquals(6, ErrorBudget.burnRate(Objective.percent("90"), 0.6));
    }

    @Test
    void ofCounts() {
      assertEquals(OptionalDouble.of(14.4), ErrorBudget.burnRate(P999, 9_856, 10_000));
      assertEquals(OptionalDouble.of(1000), ErrorBudget.burnRate(P999, 0, 3));
      assertEquals(OptionalDouble.of(0), ErrorBudget.burnRate(P999, 3, 3));
    }

    @Test
    void noEventsIsNoData() {
      assertEquals(OptionalDouble.empty(), ErrorBudget.burnRate(P999, 0, 0));
    }

    @Test
    void refusals() {
      refused(
          "error ratio: -0.1 (expected 0 <= error ratio <= 1)",
          () -> ErrorBudget.burnRate(P999, -0.1));
      refused(
          "error ratio: 1.1 (expected 0 <= error ratio <= 1)",
          () -> ErrorBudget.burnRate(P999, 1.1));
      refused(
          "error ratio: NaN (expected 0 <= error ratio <= 1)",
          () -> ErrorBudget.burnRate(P999, Double.NaN));
      refusedNull("objective: null (expected a value)", () -> ErrorBudget.burnRate(null, 0.5));
      refused("good: 5 (expected <= total (4))", () -> ErrorBudget.burnRate(P999, 5, 4));
      refused("good: -5 (expected >= 0)", () -> ErrorBudget.burnRate(P999, -5, 4));
      refused("total: -4 (expected >= 0)", () -> ErrorBudget.burnRate(P999, 0, -4));
      refusedNull("objective: null (expected a value)", () -> ErrorBudget.burnRate(null, 1, 4));
    }
  }

  @Nested
  class TimeToExhaustion {
    @Test
    void isThePeriodOverTheBurnRate() {
      assertEquals(Optional.of(D30), ErrorBudget.timeToExhaustion(1, D30));
      assertEquals(Optional.of(Duration.ofDays(15)), ErrorBudget.timeToExhaustion(2, D30));
      assertEquals(Optional.of(Duration.ofDays(60)), ErrorBudget.timeToExhaustion(0.5, D30));
      assertEquals(Optional.of(Duration.ofSeconds(2_592)), ErrorBudget.timeToExhaustion(1000, D30));
    }

    @Test
    void aZeroBurnRateNeverExhausts() {
      assertEquals(Optional.empty(), ErrorBudget.timeToExhaustion(0, D30));
    }

    @Test
    void aBurnRateSoSlowThatNoDurationHoldsTheTimeNeverExhausts() {
      // Regression: 30 days at 1e-20 is 2.6e26 s; this threw ArithmeticException("Overflow").
      assertEquals(Optional.empty(), ErrorBudget.timeToExhaustion(1e-20, D30));
      assertEquals(Optional.empty(), ErrorBudget.timeToExhaustion(Double.MIN_VALUE, D30));
      assertEquals(
          Optional.of(Duration.ofSeconds(2_592_000_000_000_000_000L)),
          ErrorBudget.timeToExhaustion(1e-12, D30));
    }

    @Test
    void ofARemainingShare() {
      assertEquals(Optional.of(Duration.ofDays(15)), ErrorBudget.timeToExhaustion(0.5, 1, D30));
      assertEquals(
          Optional.of(Duration.ofSeconds(1_296)), ErrorBudget.timeToExhaustion(0.5, 1000, D30));
      assertEquals(Optional.of(Duration.ZERO), ErrorBudget.timeToExhaustion(0, 14.4, D30));
      assertEquals(Optional.of(Duration.ZERO), ErrorBudget.timeToExhaustion(-0.5, 14.4, D30));
      assertEquals(Optional.of(Duration.ZERO), ErrorBudget.timeToExhaustion(-0.5, 0, D30));
      assertEquals(Optional.empty(), ErrorBudget.timeToExhaustion(0.5, 0, D30));
    }

    @Test
    void refusals() {
      refused(
          "burn rate: -1.0 (expected a finite number >= 0)",
          () -> ErrorBudget.timeToExhaustion(-1, D30));
      refused(
          "burn rate: NaN (expected a finite number >= 0)",
          () -> ErrorBudget.timeToExhaustion(Double.NaN, D30));
      refused(
          "burn rate: Infinity (expected a finite number >= 0)",
          () -> ErrorBudget.timeToExhaustion(Double.POSITIVE_INFINITY, D30));
      refused(
          "period: 0s (expected a duration > 0)",
          () -> ErrorBudget.timeToExhaustion(1, Duration.ZERO));
      refusedNull("period: null (expected a value)", () -> ErrorBudget.timeToExhaustion(1, null));
      refused(
          "remaining: 1.5 (expected a finite fraction <= 1)",
          () -> ErrorBudget.timeToExhaustion(1.5, 1, D30));
      refused(
          "remaining: NaN (expected a finite fraction <= 1)",
          () -> ErrorBudget.timeToExhaustion(Double.NaN, 1, D30));
      refused(
          "remaining: -Infinity (expected a finite fraction <= 1)",
          () -> ErrorBudget.timeToExhaustion(Double.NEGATIVE_INFINITY, 1, D30));
    }
  }

  @Nested
  class BudgetConsumed {
    @Test
    void isBurnTimesWindowOverPeriod() {
      assertEquals(0.02, ErrorBudget.budgetConsumed(14.4, H1, D30));
      assertEquals(0.05, ErrorBudget.budgetConsumed(6, Duration.ofHours(6), D30));
      assertEquals(0.1, ErrorBudget.budgetConsumed(3, Duration.ofDays(1), D30));
      assertEquals(0.1, ErrorBudget.budgetConsumed(1, Duration.ofDays(3), D30));
      assertEquals(1, ErrorBudget.budgetConsumed(1, D30, D30));
      assertEquals(0, ErrorBudget.budgetConsumed(0, H1, D30));
    }

    @Test
    void refusals() {
      refused(
          "burn rate: -1.0 (expected a finite number >= 0)",
          () -> ErrorBudget.budgetConsumed(-1, H1, D30));
      refused(
          "burn rate: NaN (expected a finite number >= 0)",
          () -> ErrorBudget.budgetConsumed(Double.NaN, H1, D30));
      refused(
          "window: 0s (expected a duration > 0)",
          () -> ErrorBudget.budgetConsumed(1, Duration.ZERO, D30));
      refusedNull("window: null (expected a value)", () -> ErrorBudget.budgetConsumed(1, null, D30));
      refused(
          "window: 31d (expected <= the compliance period (30d))",
          () -> ErrorBudget.budgetConsumed(1, Duration.ofDays(31), D30));
      refused(
          "period: -30d (expected a duration > 0)",
          () -> ErrorBudget.budgetConsumed(1, H1, D30.negated()));
    }
  }

  @Nested
  class DetectionTime {
    @Test
    void isBudgetOverRatioTimesWindowTimesFactor() {
      assertEquals(
          Optional.of(Duration.ofMillis(51_840)), ErrorBudget.detectionTime(P999, 1.0, 14.4, H1));
      assertEquals(
          Optional.of(Duration.ofMillis(129_600)),
          ErrorBudget.detectionTime(P999, 1.0, 6, Duration.ofHours(6)));
      // 2 % errors trip 14.4 over 1 h after 0.0144 / 0.02 of the hour.
      assertEquals(
          Optional.of(Duration.ofSeconds(2_592)), ErrorBudget.detectionTime(P999, 0.02, 14.4, H1));
    }

    @Test
    void aRatioThatDoesNotBurnFasterThanTheFactorIsNeverDetected() {
      // Tiers fire on strictly greater: 1.44 % errors burn at exactly 14.4.
      assertEquals(Optional.empty(), ErrorBudget.detectionTime(P999, 0.0144, 14.4, H1));
      assertEquals(Optional.empty(), ErrorBudget.detectionTime(P999, 0.001, 14.4, H1));
      assertEquals(
          Optional.of(Duration.ofNanos(3_599_999_975_000L)),
          ErrorBudget.detectionTime(P999, 0.0144000001, 14.4, H1));
    }

    @Test
    void refusals() {
      refused(
          "error ratio: 0.0 (expected 0 < error ratio <= 1)",
          () -> ErrorBudget.detectionTime(P999, 0, 14.4, H1));
      refused(
          "error ratio: 1.5 (expected 0 < error ratio <= 1)",
          () -> ErrorBudget.detectionTime(P999, 1.5, 14.4, H1));
      refused(
          "error ratio: NaN (expected 0 < error ratio <= 1)",
          () -> ErrorBudget.detectionTime(P999, Double.NaN, 14.4, H1));
      refused(
          "window: 0s (expected a duration > 0)",
          () -> ErrorBudget.detectionTime(P999, 1, 14.4, Duration.ZERO));
      refused(
          "factor: 0.0 (expected a finite number > 0)",
          () -> ErrorBudget.detectionTime(P999, 1, 0, H1));
      refused(
          "factor: Infinity (expected a finite number > 0)",
          () -> ErrorBudget.detectionTime(P999, 1, Double.POSITIVE_INFINITY, H1));
      refusedNull(
          "objective: null (expected a value)",
          () -> ErrorBudget.detectionTime(null, 1, 14.4, H1));
    }
  }

  @Nested
  class BurnRateFactor {
    @Test
    void reproducesTheWorkbookTiersFor30Days() {
      assertEquals(14.4, ErrorBudget.burnRateFactor(0.02, H1, D30));
      assertEquals(6, ErrorBudget.burnRateFactor(0.05, Duration.ofHours(6), D30));
      assertEquals(3, ErrorBudget.burnRateFactor(0.10, Duration.ofDays(1), D30));
      assertEquals(1, ErrorBudget.burnRateFactor(0.10, Duration.ofDays(3), D30));
    }

    @Test
    void reproducesSlothsFactorsFor28Days() {
      Duration d28 = Duration.ofDays(28);
      assertEquals(13.44, ErrorBudget.burnRateFactor(0.02, H1, d28));
      assertEquals(5.6, ErrorBudget.burnRateFactor(0.05, Duration.ofHours(6), d28));
      assertEquals(2.8, ErrorBudget.burnRateFactor(0.10, Duration.ofDays(1), d28));
      assertEquals(28.0 / 30, ErrorBudget.burnRateFactor(0.10, Duration.ofDays(3), d28), 1e-15);
    }

    @Test
    void refusals() {
      refused(
          "budget share: 0.0 (expected 0 < share <= 1)",
          () -> ErrorBudget.burnRateFactor(0, H1, D30));
      refused(
          "budget share: 1.5 (expected 0 < share <= 1)",
          () -> ErrorBudget.burnRateFactor(1.5, H1, D30));
      refused(
          "budget share: NaN (expected 0 < share <= 1)",
          () -> ErrorBudget.burnRateFactor(Double.NaN, H1, D30));
      refused(
          "long window: 0s (expected a duration > 0)",
          () -> ErrorBudget.burnRateFactor(0.02, Duration.ZERO, D30));
      refused(
          "long window: 3d (expected <= the compliance period (1d))",
          () -> ErrorBudget.burnRateFactor(0.1, Duration.ofDays(3), Duration.ofDays(1)));
      refusedNull(
          "period: null (expected a value)", () -> ErrorBudget.burnRateFactor(0.1, H1, null));
    }
  }

  @Nested
  class Composition {
    @Test
    void seriesMultipliesAvailabilitiesExactly() {
      Objective both = ErrorBudget.series(P999, P999);
      assertEquals(Objective.percent("99.8001"), both);
      assertEquals(new BigDecimal("0.001999"), both.errorBudgetDecimal());
      assertEquals(
          new BigDecimal("0.99840064995"),
          ErrorBudget.series(P999, Objective.percent("99.95"), Objective.percent("99.99"))
              .decimal());
      assertEquals(P999, ErrorBudget.series(P999));
    }

    @Test
    void parallelMultipliesUnavailabilitiesExactly() {
      assertEquals(Objective.percent("99.99"), ErrorBudget.parallel(Objective.percent("99"), Objective.percent("99")));
      assertEquals(
          Objective.percent("99.9999999"), ErrorBudget.parallel(P999, P999, P999));
      assertEquals(new BigDecimal("1E-9"), ErrorBudget.parallel(P999, P999, P999).errorBudgetDecimal());
      assertEquals(P999, ErrorBudget.parallel(P999));
    }

    @Test
    void refusals() {
      refusedNull("availability: null (expected a value)", () -> ErrorBudget.series(null));
      refusedNull(
          "availabilities: null (expected a value)",
          () -> ErrorBudget.series(P999, (Objective[]) null));
      refusedNull("availability: null (expected a value)", () -> ErrorBudget.series(P999, P999, null));
      refusedNull("availability: null (expected a value)", () -> ErrorBudget.parallel(null));
      refusedNull(
          "availabilities: null (expected a value)",
          () -> ErrorBudget.parallel(P999, (Objective[]) null));
      refusedNull("availability: null (expected a value)", () -> ErrorBudget.parallel(P999, null, P999));
    }
  }
}
