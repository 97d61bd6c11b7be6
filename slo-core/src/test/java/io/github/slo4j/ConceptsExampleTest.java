package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The worked example of {@code docs/concepts.md}. Each code block of that page is a region of this
 * file between {@code // tag::name[]} and {@code // end::name[]}; {@link DocSamplesTest} checks
 * that the page shows exactly this code, so the page cannot drift from what compiles and passes
 * here.
 */
class ConceptsExampleTest {
  @Test
  void objectiveAndBudget() {
    // tag::budget[]
    Objective slo = Objective.percent("99.9"); // or Objective.ratio(0.999)
    Duration period = Duration.ofDays(30);

    assertEquals(0.001, slo.errorBudget()); // exactly, not 0.0009999999999999432
    assertEquals(Duration.ofMinutes(43).plusSeconds(12), ErrorBudget.budgetTime(slo, period));

    long requests = 100L * period.toSeconds(); // 100 requests a second
    assertEquals(259_200_000, requests);
    assertEquals(259_200, ErrorBudget.allowedBadEvents(slo, requests));
    // end::budget[]
  }

  @Test
  void anIncident() {
    Objective slo = Objective.percent("99.9");
    Duration period = Duration.ofDays(30);
    // tag::incident[]
    // 5 % of requests fail: the budget burns 50 times faster than it may.
    double burn = ErrorBudget.burnRate(slo, 0.05);
    assertEquals(50, burn);
    // Left alone, the incident would spend a whole month's budget in 14h24m.
    assertEquals(Optional.of(Duration.ofMinutes(864)), ErrorBudget.timeToExhaustion(burn, period));

    // The 1 h / 5 m page at 14.4 notices after 17m16.8s (from a clean window),
    // when the incident has spent exactly the 2 % of the budget that tier allows.
    Duration hour = Duration.ofHours(1);
    Duration detected = ErrorBudget.detectionTime(slo, 0.05, 14.4, hour).orElseThrow();
    assertEquals(Duration.ofMillis(1_036_800), detected);
    assertEquals(0.02, ErrorBudget.budgetConsumed(burn, detected, period));
    assertEquals(14.4, ErrorBudget.burnRateFactor(0.02, hour, period));

    // The 6 h / 30 m page at 6 would need 43m12s: the incident is over (30 minutes) before.
    assertEquals(
        Optional.of(Duration.ofMinutes(43).plusSeconds(12)),
        ErrorBudget.detectionTime(slo, 0.05, 6, Duration.ofHours(6)));
    // end::incident[]
  }

  @Test
  void theMonth() {
    Objective slo = Objective.percent("99.9");
    // tag::month[]
    long requests = 259_200_000;
    long incidentBad = 9_000; // 5 % of the 180,000 requests of those 30 minutes
    long otherBad = 25_902; // 0.01 % of the other 259,020,000
    BudgetStatus month = ErrorBudget.status(slo, requests - incidentBad - otherBad, requests);

    assertEquals(0.13465, month.consumed().getAsDouble(), 5e-6); // 13.47 % of the budget spent
    assertEquals(0.86535, month.remaining().getAsDouble(), 5e-6); // 86.53 % left
    assertFalse(month.overspent());
    assertEquals("34902/259200000 bad, 13.47% of the budget consumed, 86.53% remaining", month.toString());
    // end::month[]
  }

  @Test
  void noData() {
    Objective slo = Objective.percent("99.9");
    // tag::no-data[]
    // A quiet 5-minute window with no requests at all: no ratio, no burn rate, no budget state.
    WindowCounts quiet = new WindowCounts(Duration.ofMinutes(5), 0, 0, Duration.ofMinutes(5));
    assertFalse(quiet.hasData());
    assertEquals(OptionalDouble.empty(), quiet.errorRatio());
    assertEquals(OptionalDouble.empty(), quiet.burnRate(slo));
    assertEquals(OptionalDouble.empty(), ErrorBudget.burnRate(slo, 0, 0));
    assertEquals("no data", ErrorBudget.status(slo, 0, 0).toString());
    // end::no-data[]
  }
}
