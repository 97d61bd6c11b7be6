package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.monitor.Alert;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.monitor.SloHealth;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's samples, compiled and run; {@link DocSamplesTest} checks the README shows them. */
class ReadmeExampleTest {

  @Test
  void theMath() {
    // tag::math[]
    Objective objective = Objective.percent("99.9");            // or Objective.ratio(0.999)
    Duration budget = ErrorBudget.budgetTime(objective, Duration.ofDays(30));   // 43m12s
    double burn = ErrorBudget.burnRate(objective, 0.0144);                       // 14.4
    Duration left = ErrorBudget.timeToExhaustion(1000, Duration.ofDays(30)).orElseThrow(); // 43m12s
    BudgetStatus month = ErrorBudget.status(objective, 999_400, 1_000_000);
    // "600/1000000 bad, 60% of the budget consumed, 40% remaining"
    // end::math[]
    assertEquals(Duration.ofSeconds(2592), budget);
    assertEquals(14.4, burn);
    assertEquals(Duration.ofSeconds(2592), left);
    assertEquals("600/1000000 bad, 60% of the budget consumed, 40% remaining", month.toString());
  }

  @Test
  void recordingAndAlerting() {
    List<Alert> pages = new ArrayList<>();
    Pager pager = pages::add;
    // tag::recorder[]
    SloDefinition slo = SloDefinition.builder("checkout-availability")
        .service("checkout")
        .objective(Objective.percent("99.9"))
        .period(CompliancePeriod.rollingDays(30))
        .owner("team-payments")
        .runbook(URI.create("https://runbooks.example.com/checkout"))
        .build();

    SloRegistry registry = SloRegistry.builder().build();   // system clock, a daemon ticker, 10 s intervals
    SloRecorder checkout = registry.register(slo);
    RegistryMonitor alerting = RegistryMonitor.builder()    // every SLO of the registry, groups included
        .listener(t -> { if (t.notifies()) pager.send(t.alert()); })   // the Workbook's tiers, Sloth's 1 d ticket
        .attach(registry);

    // on every request: one atomic add, no allocation, no lock
    checkout.record(true);

    // at any time: counts, burn rate and coverage of any window; the SLO's health and release gate
    WindowCounts lastHour = checkout.window(Duration.ofHours(1));
    SloHealth health = alerting.monitor("checkout-availability").orElseThrow().health();

    // at shutdown
    alerting.close();
    registry.close();
    // end::recorder[]
    assertEquals("checkout-availability", health.sloId());
    assertTrue(lastHour.total() <= 1, "at most the one event, once a boundary has closed: " + lastHour);
    assertTrue(alerting.closed());
    assertEquals(List.of(), pages);
  }

  @Test
  void testingWithAManualClock() {
    SloDefinition slo = SloDefinition.builder("checkout-availability")
        .service("checkout")
        .objective(Objective.percent("99.9"))
        .build();
    List<Alert> pages = new ArrayList<>();
    Pager pager = pages::add;
    // tag::testing[]
    ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-06-01T00:00:00Z"));
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRecorder checkout = registry.register(slo);
    RegistryMonitor alerting = RegistryMonitor.builder()
        .listener(t -> { if (t.notifies()) pager.send(t.alert()); })
        .attach(registry);

    for (int i = 0; i < 360; i++) {                 // an hour: 59 clean minutes, then a full outage
      checkout.recordCounts(i < 354 ? 1000 : 0, 1000);
      clock.advance(Duration.ofSeconds(10));
      registry.tick();                              // closes the interval and evaluates the alerts
    }
    // end::testing[]
    WindowCounts hour = checkout.window(Duration.ofHours(1));
    assertEquals(360_000, hour.total());
    assertTrue(hour.burnRate(slo.objective()).getAsDouble() > 14.4);
    assertEquals(1, pages.size());
    assertEquals(Severity.PAGE, pages.get(0).severity());
    assertEquals(1, alerting.monitor("checkout-availability").orElseThrow().activeAlerts().size());
  }

  /** Stands for whatever the service pages with. */
  interface Pager {
    void send(Alert alert);
  }
}
