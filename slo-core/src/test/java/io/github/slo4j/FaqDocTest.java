package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.monitor.SloHealth;
import io.github.slo4j.recorder.FilteredRecorder;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The answers of docs/faq.md, compiled and run; {@link DocSamplesTest} checks the page shows them. */
class FaqDocTest {
  private static final SloDefinition SLO = SloDefinition.builder("checkout-availability")
      .service("checkout")
      .objective(Objective.percent("99.9"))
      .period(CompliancePeriod.rollingDays(30))
      .build();

  @Test
  void noTrafficIsNoData() {
    ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-06-01T03:00:00Z"));
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRecorder checkout = registry.register(SLO);
    RegistryMonitor alerting = RegistryMonitor.builder().attach(registry);
    clock.advance(Duration.ofMinutes(1));
    registry.tick();
    // tag::faq-no-data[]
    WindowCounts lastHour = checkout.window(Duration.ofHours(1));   // a quiet night: no requests
    assertFalse(lastHour.hasData());
    assertEquals(OptionalDouble.empty(), lastHour.errorRatio());     // not 0 %, not NaN
    assertEquals(OptionalDouble.empty(), lastHour.burnRate(SLO.objective()));

    SloHealth health = alerting.monitor("checkout-availability").orElseThrow().health();
    assertFalse(health.hasData());
    assertEquals(OptionalDouble.empty(), health.budgetRemaining());
    // end::faq-no-data[]
    alerting.close();
  }

  @Test
  void noDataAlertsAreConfigured() {
    // tag::faq-no-data-alert[]
    AlertRules rules = AlertRules.builder(SLO)
        .noDataAfter(Duration.ofMinutes(15), Severity.PAGE)   // default: a ticket after 30 minutes
        .build();
    // end::faq-no-data-alert[]
    assertEquals(Optional.of(Duration.ofMinutes(15)), rules.noDataAfter());
    assertEquals(Severity.PAGE, rules.noDataSeverity());
    assertEquals(Optional.of(Duration.ofMinutes(30)), AlertRules.defaults(SLO).noDataAfter());
    assertEquals(Severity.TICKET, AlertRules.defaults(SLO).noDataSeverity());
  }

  @Test
  void lowTraffic() {
    // tag::faq-low-traffic[]
    AlertRules rules = AlertRules.builder(SLO)
        .minEvents(500)      // a tier's long window needs 500 events before it may fire (default 100)
        .minBadEvents(3)     // and 3 bad ones: two failures never fire a tier
        .build();

    // Each tier also has its own floor, so that one failure can never exceed its threshold:
    // ⌈1 ÷ (factor × (1 − objective))⌉ = 70, 167, 334 and 1,000 at 99.9 %.
    Target events = SLO.targets().get(0);
    List<Long> floors = rules.tiers(events).stream().map(t -> rules.minEvents(events, t)).toList();
    assertEquals(List.of(500L, 500L, 500L, 1000L), floors);
    // end::faq-low-traffic[]
  }

  @Test
  void twentyEightDays() {
    // tag::faq-28-days[]
    SloDefinition fourWeeks = SloDefinition.builder("checkout-availability")
        .service("checkout")
        .objective(Objective.percent("99.9"))
        .period(CompliancePeriod.rollingDays(28))   // every period holds four of each weekday
        .build();
    assertEquals(Duration.ofSeconds(2419, 200_000_000),  // 40m19.2s of full outage, not 43m12s
        ErrorBudget.budgetTime(fourWeeks.objective(), Duration.ofDays(28)));

    // Same windows, factors for the same budget shares (2 %, 5 %, 10 %, 10 %):
    List<String> tiers = AlertRules.defaults(fourWeeks).tiers(fourWeeks.targets().get(0))
        .stream().map(AlertTier::toString).toList();
    assertEquals(List.of("page 1h/5m > 13.44", "page 6h/30m > 5.6", "ticket 1d/2h > 2.8", "ticket 3d/6h > 0.9333333333333333"),
        tiers);
    // end::faq-28-days[]
  }

  @Test
  void calendarMonths() {
    // tag::faq-calendar[]
    CompliancePeriod month = CompliancePeriod.calendarMonth(ZoneId.of("Europe/Berlin"));
    assertEquals(Duration.ofDays(30), month.nominalLength());   // what the alert tiers are derived for

    // The budget itself is the month's: February is shorter, March loses an hour to summer time.
    assertEquals(Duration.ofDays(28), month.lengthAt(Instant.parse("2026-02-10T12:00:00Z")));
    assertEquals(Duration.ofDays(31).minusHours(1), month.lengthAt(Instant.parse("2026-03-10T12:00:00Z")));
    assertEquals(Instant.parse("2026-02-28T23:00:00Z"),          // midnight in Berlin
        month.startAt(Instant.parse("2026-03-10T12:00:00Z")));
    // end::faq-calendar[]
  }

  /** What the service knows about a request when it ends. */
  record Request(String userAgent, boolean synthetic, int status) {}

  @Test
  void countOnlyWhatUsersFeel() {
    SloRegistry registry = SloRegistry.builder()
        .timeSource(ManualTimeSource.startingAt(Instant.parse("2026-06-01T00:00:00Z"))).manualTicks().build();
    SloRecorder checkout = registry.register(SLO);
    // tag::faq-bots[]
    FilteredRecorder<Request> users =
        checkout.filtered(r -> !r.synthetic() && !r.userAgent().contains("bot"));

    // at the end of every request: 5xx is the service's fault; a 4xx is the client's
    for (Request r : List.of(
        new Request("Mozilla/5.0", false, 200),
        new Request("Mozilla/5.0", false, 404),            // good: the service answered correctly
        new Request("Mozilla/5.0", false, 503),            // bad: a user felt it
        new Request("Googlebot/2.1", false, 503),          // excluded: no user waited for it
        new Request("k6/0.52", true, 200))) {              // excluded: a synthetic probe
      users.record(r, r.status() < 500);
    }
    assertEquals(3, checkout.cumulative().total());
    assertEquals(1, checkout.cumulative().bad());
    assertEquals(2, checkout.excludedEvents());
    // end::faq-bots[]
  }
}
