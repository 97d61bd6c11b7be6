package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.property.Gen;
import io.github.slo4j.property.Property;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Property tests of the error-budget arithmetic against naive reference computations: plain double
 * arithmetic where a small relative error is acceptable, exact {@link BigDecimal} arithmetic where
 * slo4j promises exactness (durations to the nanosecond).
 */
class ErrorBudgetPropertiesTest {
  private static final MathContext EXACT = new MathContext(60);

  /** Objectives from 1 % to 99.9999 %, the usual ones over-represented. */
  static Gen<Objective> objectives() {
    return Gen.oneOf(
        Gen.of("90", "95", "99", "99.5", "99.9", "99.95", "99.99", "99.999")
            .map(Objective::percent),
        Gen.decimals("[1, 99.9999]", 4)
            .map(p -> Objective.percent(p.toPlainString())));
  }

  /** Compliance periods: a whole number of minutes from 1 hour to 400 days. */
  static Gen<Duration> periods() {
    return Gen.oneOf(
        Gen.of(7L, 28L, 30L, 90L).map(Duration::ofDays),
        Gen.longs(60, 400L * 24 * 60).map(Duration::ofMinutes));
  }

  private static void assertClose(double expected, double actual, double relative) {
    double tolerance = Math.max(Math.abs(expected), Double.MIN_NORMAL) * relative;
    assertTrue(
        Math.abs(expected - actual) <= tolerance,
        () -> "expected " + expected + " but was " + actual + " (relative " + relative + ")");
  }

  private static BigDecimal nanos(Duration d) {
    // Not d.toNanos(): a slow burn outlasts the 292 years a long of nanoseconds holds.
    return BigDecimal.valueOf(d.getSeconds()).scaleByPowerOfTen(9).add(BigDecimal.valueOf(d.getNano()));
  }

  // ---- budget status -------------------------------------------------------------------------

  @Test
  void consumedPlusRemainingIsOne() {
    Property.check(d -> {
      Objective objective = d.draw("objective", objectives());
      long total = d.draw("total", Gen.longs(1, 1_000_000_000_000L));
      double goodShare = d.draw("goodShare", Gen.doubles("[0, 1]", 9));
      long good = (long) Math.floor(total * goodShare);
      BudgetStatus status = ErrorBudget.status(objective, good, total);
      double consumed = status.consumed().getAsDouble();
      double remaining = status.remaining().getAsDouble();
      // Each fraction is rounded once to a double; their sum is 1 within those two roundings.
      assertEquals(1.0, consumed + remaining, 2 * Math.ulp(Math.max(1, Math.abs(consumed))));
      assertEquals(consumed > 1, status.overspent());
      assertEquals(remaining < 0, status.overspent());
    });
  }

  @Test
  void consumedIsBadOverAllowed() {
    Property.check(d -> {
      Objective objective = d.draw("objective", objectives());
      long total = d.draw("total", Gen.longs(1, 1_000_000_000_000L));
      double goodShare = d.draw("goodShare", Gen.doubles("[0, 1]", 9));
      long good = (long) Math.floor(total * goodShare);
      double naive = (double) (total - good) / (total * (1 - objective.ratio()));
      assertClose(naive, ErrorBudget.status(objective, good, total).consumed().getAsDouble(), 1e-9);
      assertClose(
          total * (1 - objective.ratio()), ErrorBudget.allowedBadEvents(objective, total), 1e-9);
    });
  }

  // ---- burn rate -----------------------------------------------------------------------------

  @Test
  void burnRateIsErrorRatioOverBudget() {
    Property.check(d -> {
      Objective objective = d.draw("objective", objectives());
      double e = d.draw("e", Gen.doubles("[0, 1]", 9));
      assertClose(e / (1 - objective.ratio()), ErrorBudget.burnRate(objective, e), 1e-9);
    });
  }

  @Test
  void burnRateScalesLinearlyWithErrors() {
    Property.check(d -> {
      Objective objective = d.draw("objective", objectives());
      long total = d.draw("total", Gen.longs(1, 1_000_000_000L));
      long bad = d.draw("bad", Gen.longs(1, 1_000_000));
      int k = d.draw("k", Gen.ints(1, 1_000));
      d.assume(bad * k <= total);
      double once = ErrorBudget.burnRate(objective, total - bad, total).getAsDouble();
      double ktimes = ErrorBudget.burnRate(objective, total - k * bad, total).getAsDouble();
      assertClose(k * once, ktimes, 1e-14);
      assertClose((double) bad / total / (1 - objective.ratio()), once, 1e-9);
      assertClose(
          ErrorBudget.burnRate(objective, ErrorBudget.errorRatio(total - bad, total).getAsDouble()),
          once,
          1e-14);
    });
  }

  // ---- alert-tier arithmetic -----------------------------------------------------------------

  @Test
  void theFactorSpendsExactlyTheShareOverTheLongWindow() {
    Property.check(d -> {
      Duration period = d.draw("period", periods());
      double share = d.draw("share", Gen.doubles("[0.001, 1]", 9));
      double windowShare = d.draw("windowShare", Gen.doubles("[0, 1)", 9));
      Duration window = Duration.ofMinutes(Math.max(1, (long) (period.toMinutes() * windowShare)));
      double factor = ErrorBudget.burnRateFactor(share, window, period);
      // factor × longWindow ÷ period, exactly, from the double slo4j returned:
      double spent =
          BigDecimal.valueOf(factor)
              .multiply(nanos(window))
              .divide(nanos(period), EXACT)
              .doubleValue();
      assertClose(share, spent, 1e-15);
      assertClose(share, ErrorBudget.budgetConsumed(factor, window, period), 1e-15);
    });
  }

  @Test
  void theDefaultTiersSpendTheirSharesOnAnyPeriod() {
    Property.check(d -> {
      Duration period = d.draw("period", periods());
      d.assume(period.compareTo(Duration.ofDays(3)) >= 0);
      double[] shares = {0.02, 0.05, 0.10, 0.10};
      Duration[] windows = {
        Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3)
      };
      for (int i = 0; i < shares.length; i++) {
        double factor = ErrorBudget.burnRateFactor(shares[i], windows[i], period);
        double naive = shares[i] * period.toSeconds() / windows[i].toSeconds();
        assertClose(naive, factor, 1e-15);
      }
    });
  }

  @Test
  void timeToExhaustionTimesBurnRateIsThePeriod() {
    Property.check(d -> {
      Duration period = d.draw("period", periods());
      double burn = d.draw("burn", Gen.doubles("[0.001, 1000000]", 9));
      Duration t = ErrorBudget.timeToExhaustion(burn, period).orElseThrow();
      // t is period ÷ burn to the nanosecond, so t × burn is the period within burn × ½ ns.
      BigDecimal exact = nanos(period).divide(BigDecimal.valueOf(burn), EXACT);
      BigDecimal error = nanos(t).subtract(exact).abs();
      assertTrue(
          error.compareTo(new BigDecimal("0.5")) <= 0,
          () -> t + " × " + burn + " is " + error + " ns away from " + period + " ÷ " + burn);
      assertTrue(
          nanos(t).multiply(BigDecimal.valueOf(burn)).subtract(nanos(period)).abs()
                  .compareTo(BigDecimal.valueOf(burn / 2 + 1e-9)) <= 0);
    });
  }

  @Test
  void timeToExhaustionOfARemainingShareIsThatShareOfTheFullTime() {
    Property.check(d -> {
      Duration period = d.draw("period", periods());
      double burn = d.draw("burn", Gen.doubles("[0.001, 1000]", 9));
      double remaining = d.draw("remaining", Gen.doubles("(0, 1]", 9));
      Duration part = ErrorBudget.timeToExhaustion(remaining, burn, period).orElseThrow();
      BigDecimal exact =
          nanos(period).multiply(BigDecimal.valueOf(remaining)).divide(BigDecimal.valueOf(burn), EXACT);
      assertTrue(nanos(part).subtract(exact).abs().compareTo(new BigDecimal("0.5")) <= 0);
    });
  }

  @Test
  void budgetTimeIsThePeriodTimesTheBudgetToTheNanosecond() {
    Property.check(d -> {
      Objective objective = d.draw("objective", objectives());
      Duration period = d.draw("period", periods());
      BigDecimal exact = nanos(period).multiply(objective.errorBudgetDecimal());
      assertEquals(
          exact.setScale(0, RoundingMode.HALF_EVEN).longValueExact(),
          ErrorBudget.budgetTime(objective, period).toNanos());
    });
  }

  @Test
  void detectionBeforeTheWindowEndsIffTheRatioBurnsFasterThanTheFactor() {
    Property.check(d -> {
      Objective objective = d.draw("objective", objectives());
      double errorRatio = d.draw("errorRatio", Gen.doubles("(0, 1]", 9));
      long windowMinutes = d.draw("windowMinutes", Gen.longs(1, 7 * 24 * 60));
      double factor = d.draw("factor", Gen.doubles("[0.01, 1000]", 9));
      Duration window = Duration.ofMinutes(windowMinutes);
      Optional<Duration> detection = ErrorBudget.detectionTime(objective, errorRatio, factor, window);
      BigDecimal threshold = objective.errorBudgetDecimal().multiply(BigDecimal.valueOf(factor));
      boolean burnsFaster = BigDecimal.valueOf(errorRatio).compareTo(threshold) > 0;
      assertEquals(burnsFaster, detection.isPresent(), () -> "detection " + detection);
      if (burnsFaster) {
        BigDecimal exact =
            threshold.multiply(nanos(window)).divide(BigDecimal.valueOf(errorRatio), EXACT);
        assertTrue(nanos(detection.get()).subtract(exact).abs().compareTo(new BigDecimal("0.5")) <= 0);
        assertTrue(detection.get().compareTo(window) <= 0);
        if (exact.compareTo(nanos(window).subtract(BigDecimal.ONE)) < 0) {
          assertTrue(detection.get().compareTo(window) < 0);
        }
      }
    });
  }

  // ---- objectives and composition ------------------------------------------------------------

  @Test
  void aPercentIsTheRatioTimesAHundred() {
    Property.check(d -> {
      BigDecimal percent = d.draw("percent", percents());
      Objective fromPercent = Objective.percent(percent.toPlainString());
      String ratioText = percent.movePointLeft(2).toPlainString();
      assertEquals(fromPercent, Objective.ratio(ratioText));
      assertEquals(fromPercent, Objective.ratio(Double.parseDouble(ratioText)));
      assertEquals(
          0, BigDecimal.ONE.subtract(new BigDecimal(ratioText)).compareTo(fromPercent.errorBudgetDecimal()));
    });
  }

  static Gen<BigDecimal> percents() {
    // Up to 12 significant digits, so that the ratio also survives the trip through a double.
    return Gen.ints(0, 9)
        .flatMap(
            scale ->
                Gen.decimals(
                    "[1, " + new BigDecimal("99.999999999").setScale(scale, RoundingMode.DOWN) + "]",
                    scale));
  }

  @Test
  void seriesIsTheProductOfAvailabilities() {
    Property.check(d -> {
      Objective a = d.draw("a", objectives());
      Objective b = d.draw("b", objectives());
      Objective c = d.draw("c", objectives());
      assertClose(a.ratio() * b.ratio() * c.ratio(), ErrorBudget.series(a, b, c).ratio(), 1e-12);
      assertEquals(ErrorBudget.series(a, b, c), ErrorBudget.series(c, b, a));
    });
  }

  @Test
  void parallelIsOneMinusTheProductOfUnavailabilities() {
    Property.check(d -> {
      Objective a = d.draw("a", objectives());
      Objective b = d.draw("b", objectives());
      assertClose(a.errorBudget() * b.errorBudget(), ErrorBudget.parallel(a, b).errorBudget(), 1e-12);
      assertTrue(ErrorBudget.parallel(a, b).decimal().compareTo(a.decimal().max(b.decimal())) >= 0);
    });
  }
}
