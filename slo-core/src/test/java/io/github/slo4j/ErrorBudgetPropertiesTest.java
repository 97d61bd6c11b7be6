package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;

/**
 * Property tests of the error-budget arithmetic against naive reference computations: plain double
 * arithmetic where a small relative error is acceptable, exact {@link BigDecimal} arithmetic where
 * slo4j promises exactness (durations to the nanosecond).
 */
class ErrorBudgetPropertiesTest {
  private static final MathContext EXACT = new MathContext(60);

  /** Objectives from 1 % to 99.9999 %, the usual ones over-represented. */
  @Provide
  Arbitrary<Objective> objectives() {
    return Arbitraries.oneOf(
        Arbitraries.of("90", "95", "99", "99.5", "99.9", "99.95", "99.99", "99.999")
            .map(Objective::percent),
        Arbitraries.bigDecimals()
            .between(BigDecimal.ONE, new BigDecimal("99.9999"))
            .ofScale(4)
            .map(p -> Objective.percent(p.toPlainString())));
  }

  /** Compliance periods: a whole number of minutes from 1 hour to 400 days. */
  @Provide
  Arbitrary<Duration> periods() {
    return Arbitraries.oneOf(
        Arbitraries.of(7, 28, 30, 90).map(Duration::ofDays),
        Arbitraries.longs().between(60, 400L * 24 * 60).map(Duration::ofMinutes));
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

  @Property
  void consumedPlusRemainingIsOne(
      @ForAll("objectives") Objective objective,
      @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long total,
      @ForAll @DoubleRange(min = 0, max = 1) @Scale(9) double goodShare) {
    long good = (long) Math.floor(total * goodShare);
    BudgetStatus status = ErrorBudget.status(objective, good, total);
    double consumed = status.consumed().getAsDouble();
    double remaining = status.remaining().getAsDouble();
    // Each fraction is rounded once to a double; their sum is 1 within those two roundings.
    assertEquals(1.0, consumed + remaining, 2 * Math.ulp(Math.max(1, Math.abs(consumed))));
    assertEquals(consumed > 1, status.overspent());
    assertEquals(remaining < 0, status.overspent());
  }

  @Property
  void consumedIsBadOverAllowed(
      @ForAll("objectives") Objective objective,
      @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long total,
      @ForAll @DoubleRange(min = 0, max = 1) @Scale(9) double goodShare) {
    long good = (long) Math.floor(total * goodShare);
    double naive = (double) (total - good) / (total * (1 - objective.ratio()));
    assertClose(naive, ErrorBudget.status(objective, good, total).consumed().getAsDouble(), 1e-9);
    assertClose(
        total * (1 - objective.ratio()), ErrorBudget.allowedBadEvents(objective, total), 1e-9);
  }

  // ---- burn rate -----------------------------------------------------------------------------

  @Property
  void burnRateIsErrorRatioOverBudget(
      @ForAll("objectives") Objective objective, @ForAll @DoubleRange(min = 0, max = 1) @Scale(9) double e) {
    assertClose(e / (1 - objective.ratio()), ErrorBudget.burnRate(e, objective), 1e-9);
  }

  @Property
  void burnRateScalesLinearlyWithErrors(
      @ForAll("objectives") Objective objective,
      @ForAll @LongRange(min = 1, max = 1_000_000_000L) long total,
      @ForAll @LongRange(min = 1, max = 1_000_000) long bad,
      @ForAll @IntRange(min = 1, max = 1_000) int k) {
    Assume.that(bad * k <= total);
    double once = ErrorBudget.burnRate(total - bad, total, objective).getAsDouble();
    double ktimes = ErrorBudget.burnRate(total - k * bad, total, objective).getAsDouble();
    assertClose(k * once, ktimes, 1e-14);
    assertClose((double) bad / total / (1 - objective.ratio()), once, 1e-9);
    assertClose(
        ErrorBudget.burnRate(ErrorBudget.errorRatio(total - bad, total).getAsDouble(), objective),
        once,
        1e-14);
  }

  // ---- alert-tier arithmetic -----------------------------------------------------------------

  @Property
  void theFactorSpendsExactlyTheShareOverTheLongWindow(
      @ForAll("periods") Duration period,
      @ForAll @DoubleRange(min = 0.001, max = 1) @Scale(9) double share,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) @Scale(9) double windowShare) {
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
  }

  @Property
  void theDefaultTiersSpendTheirSharesOnAnyPeriod(@ForAll("periods") Duration period) {
    Assume.that(period.compareTo(Duration.ofDays(3)) >= 0);
    double[] shares = {0.02, 0.05, 0.10, 0.10};
    Duration[] windows = {
      Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3)
    };
    for (int i = 0; i < shares.length; i++) {
      double factor = ErrorBudget.burnRateFactor(shares[i], windows[i], period);
      double naive = shares[i] * period.toSeconds() / windows[i].toSeconds();
      assertClose(naive, factor, 1e-15);
    }
  }

  @Property
  void timeToExhaustionTimesBurnRateIsThePeriod(
      @ForAll("periods") Duration period,
      @ForAll @DoubleRange(min = 0.001, max = 1_000_000) @Scale(9) double burn) {
    Duration t = ErrorBudget.timeToExhaustion(period, burn).orElseThrow();
    // t is period ÷ burn to the nanosecond, so t × burn is the period within burn × ½ ns.
    BigDecimal exact = nanos(period).divide(BigDecimal.valueOf(burn), EXACT);
    BigDecimal error = nanos(t).subtract(exact).abs();
    assertTrue(
        error.compareTo(new BigDecimal("0.5")) <= 0,
        () -> t + " × " + burn + " is " + error + " ns away from " + period + " ÷ " + burn);
    assertTrue(
        nanos(t).multiply(BigDecimal.valueOf(burn)).subtract(nanos(period)).abs()
                .compareTo(BigDecimal.valueOf(burn / 2 + 1e-9)) <= 0);
  }

  @Property
  void timeToExhaustionOfARemainingShareIsThatShareOfTheFullTime(
      @ForAll("periods") Duration period,
      @ForAll @DoubleRange(min = 0.001, max = 1_000) @Scale(9) double burn,
      @ForAll @DoubleRange(min = 0, max = 1, minIncluded = false) @Scale(9) double remaining) {
    Duration part = ErrorBudget.timeToExhaustion(remaining, period, burn).orElseThrow();
    BigDecimal exact =
        nanos(period).multiply(BigDecimal.valueOf(remaining)).divide(BigDecimal.valueOf(burn), EXACT);
    assertTrue(nanos(part).subtract(exact).abs().compareTo(new BigDecimal("0.5")) <= 0);
  }

  @Property
  void budgetTimeIsThePeriodTimesTheBudgetToTheNanosecond(
      @ForAll("objectives") Objective objective, @ForAll("periods") Duration period) {
    BigDecimal exact = nanos(period).multiply(objective.errorBudgetDecimal());
    assertEquals(
        exact.setScale(0, RoundingMode.HALF_EVEN).longValueExact(),
        ErrorBudget.budgetTime(objective, period).toNanos());
  }

  @Property
  void detectionBeforeTheWindowEndsIffTheRatioBurnsFasterThanTheFactor(
      @ForAll("objectives") Objective objective,
      @ForAll @DoubleRange(min = 0, max = 1, minIncluded = false) @Scale(9) double errorRatio,
      @ForAll @LongRange(min = 1, max = 7 * 24 * 60) long windowMinutes,
      @ForAll @DoubleRange(min = 0.01, max = 1_000) @Scale(9) double factor) {
    Duration window = Duration.ofMinutes(windowMinutes);
    Optional<Duration> detection = ErrorBudget.detectionTime(objective, errorRatio, window, factor);
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
  }

  // ---- objectives and composition ------------------------------------------------------------

  @Property
  void aPercentIsTheRatioTimesAHundred(@ForAll("percents") BigDecimal percent) {
    Objective fromPercent = Objective.percent(percent.toPlainString());
    String ratioText = percent.movePointLeft(2).toPlainString();
    assertEquals(fromPercent, Objective.ratio(ratioText));
    assertEquals(fromPercent, Objective.ratio(Double.parseDouble(ratioText)));
    assertEquals(
        0, BigDecimal.ONE.subtract(new BigDecimal(ratioText)).compareTo(fromPercent.errorBudgetDecimal()));
  }

  @Provide
  Arbitrary<BigDecimal> percents() {
    // Up to 12 significant digits, so that the ratio also survives the trip through a double.
    return Arbitraries.integers()
        .between(0, 9)
        .flatMap(
            scale ->
                Arbitraries.bigDecimals()
                    .between(BigDecimal.ONE, new BigDecimal("99.999999999").setScale(scale, RoundingMode.DOWN))
                    .ofScale(scale));
  }

  @Property
  void seriesIsTheProductOfAvailabilities(
      @ForAll("objectives") Objective a, @ForAll("objectives") Objective b, @ForAll("objectives") Objective c) {
    assertClose(a.ratio() * b.ratio() * c.ratio(), ErrorBudget.series(a, b, c).ratio(), 1e-12);
    assertEquals(ErrorBudget.series(a, b, c), ErrorBudget.series(c, b, a));
  }

  @Property
  void parallelIsOneMinusTheProductOfUnavailabilities(
      @ForAll("objectives") Objective a, @ForAll("objectives") Objective b) {
    assertClose(a.errorBudget() * b.errorBudget(), ErrorBudget.parallel(a, b).errorBudget(), 1e-12);
    assertTrue(ErrorBudget.parallel(a, b).decimal().compareTo(a.decimal().max(b.decimal())) >= 0);
  }
}
