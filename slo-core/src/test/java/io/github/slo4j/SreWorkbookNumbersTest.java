package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The numbers the Google SRE Workbook, chapter 5 "Alerting on SLOs", publishes for a 99.9 % SLO
 * over 30 days (https://sre.google/workbook/alerting-on-slos/), reproduced exactly.
 */
class SreWorkbookNumbersTest {
  static final Objective SLO = Objective.percent("99.9");
  static final Duration PERIOD = Duration.ofDays(30);

  @Test
  void theBudgetIs43Point2MinutesOfFullOutage() {
    Duration budget = ErrorBudget.budgetTime(SLO, PERIOD);
    assertEquals(Duration.ofMinutes(43).plusSeconds(12), budget);
    assertEquals(43.2, budget.toNanos() / 60e9);
  }

  @ParameterizedTest(name = "burn {0} at {1} errors exhausts the budget in {2}")
  @CsvSource({
    "1,    0.001, PT720H",
    "2,    0.002, PT360H",
    "10,   0.01,  PT72H",
    "1000, 1.0,   PT43M12S",
  })
  void burnRateTable(double burn, double errorRatio, Duration exhausted) {
    assertEquals(burn, ErrorBudget.burnRate(SLO, errorRatio));
    assertEquals(Optional.of(exhausted), ErrorBudget.timeToExhaustion(burn, PERIOD));
  }

  @ParameterizedTest(name = "{0} over {1}: {2} of the budget spent when it fires")
  @CsvSource({
    "14.4, PT1H,  0.02",
    "6,    PT6H,  0.05",
    "3,    PT24H, 0.10",
    "1,    PT72H, 0.10",
  })
  void budgetConsumedWhenTheRecommendedTiersFire(double factor, Duration longWindow, double share) {
    assertEquals(share, ErrorBudget.budgetConsumed(factor, longWindow, PERIOD));
    assertEquals(factor, ErrorBudget.burnRateFactor(share, longWindow, PERIOD));
    // The short window is 1/12 of the long one.
    assertEquals(0, longWindow.toNanos() % 12);
  }

  @Test
  void aFullOutageTrips14Point4OverOneHourAfter51Point84Seconds() {
    assertEquals(
        Optional.of(Duration.ofMillis(51_840)),
        ErrorBudget.detectionTime(SLO, 1.0, 14.4, Duration.ofHours(1)));
    // The threshold it implies: 1.44 % errors.
    assertEquals(14.4, ErrorBudget.burnRate(SLO, 0.0144));
  }

  @Test
  void lowTrafficTenRequestsAnHour() {
    long requests = 10L * 24 * 30;
    assertEquals(7_200, requests);
    assertEquals(7.2, ErrorBudget.allowedBadEvents(SLO, requests));
    // One failed request spends 1/7.2 = 13.9 % of the month's budget.
    BudgetStatus oneFailure = ErrorBudget.status(SLO, requests - 1, requests);
    assertEquals(1 / 7.2, oneFailure.consumed().getAsDouble(), 1e-15);
    assertEquals("13.9", String.format(Locale.ROOT, "%.1f", 100 * oneFailure.consumed().getAsDouble()));
    // In the hour it happens, 1 of 10 requests failed: a burn rate of 100 (the Workbook prints
    // "1,000x"; the arithmetic gives 100x).
    assertEquals(OptionalDouble.of(100), ErrorBudget.burnRate(SLO, 9, 10));
  }

  @Test
  void at90PercentAFullOutageBurnsAtMost10xSoA14Point4PageNeverFires() {
    Objective ninety = Objective.percent("90");
    assertEquals(10, ninety.maxBurnRate());
    assertEquals(10, ErrorBudget.burnRate(ninety, 1.0));
    assertEquals(
        Optional.empty(), ErrorBudget.detectionTime(ninety, 1.0, 14.4, Duration.ofHours(1)));
    assertTrue(ErrorBudget.detectionTime(ninety, 1.0, 6, Duration.ofHours(6)).isPresent());
  }

  @Test
  void at99Point999PercentAFullOutageExhaustsA30DayBudgetIn25Point92Seconds() {
    Objective fiveNines = Objective.percent("99.999");
    double fullOutage = ErrorBudget.burnRate(fiveNines, 1.0);
    assertEquals(100_000, fullOutage);
    assertEquals(
        Optional.of(Duration.ofMillis(25_920)), ErrorBudget.timeToExhaustion(fullOutage, PERIOD));
    assertEquals(Duration.ofMillis(25_920), ErrorBudget.budgetTime(fiveNines, PERIOD));
  }

  @Test
  void serialAndParallelComposition() {
    // Two 99.9 % dependencies that must both work: their unavailabilities (nearly) add up.
    assertEquals(Objective.percent("99.8001"), ErrorBudget.series(SLO, SLO));
    // Two independent 99 % replicas of which either suffices give 99.99 %.
    assertEquals(
        Objective.percent("99.99"),
        ErrorBudget.parallel(Objective.percent("99"), Objective.percent("99")));
  }
}
