package io.github.slo4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.Severity;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code slo4j.*} as Spring binds it: every property reaches the SLO, and every bad value stops
 * the application with the property path and the core's message, exactly.
 */
class SloSpecsTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(Slo4jAutoConfiguration.class))
      .withPropertyValues("slo4j.manual-ticks=true", "spring.application.name=shop");

  @Test
  void everyPropertyReachesTheSlo() {
    runner.withPropertyValues(
            "slo4j.slos.checkout.service=payments",
            "slo4j.slos.checkout.description=Checkout answers",
            "slo4j.slos.checkout.objective=0.995",
            "slo4j.slos.checkout.period=28d",
            "slo4j.slos.checkout.owner=team-payments",
            "slo4j.slos.checkout.runbook=https://runbooks.example.com/checkout",
            "slo4j.slos.checkout.links.dashboard=https://grafana.example.com/d/checkout",
            "slo4j.slos.checkout.alerts.min-events=50",
            "slo4j.slos.checkout.alerts.min-bad-events=3",
            "slo4j.slos.checkout.alerts.no-data-after=0s",
            "slo4j.slos.checkout.alerts.tiers[0].severity=page",
            "slo4j.slos.checkout.alerts.tiers[0].long-window=1h",
            "slo4j.slos.checkout.alerts.tiers[0].factor=13.44",
            "slo4j.slos.checkout.alerts.links.traces=https://tempo.example.com/?slo={slo}&from={start}",
            "slo4j.slos.checkout.policy.id=payments-policy",
            "slo4j.slos.checkout.policy.version=3",
            "slo4j.slos.checkout.policy.approved-by=Dana Ruiz",
            "slo4j.slos.checkout.policy.approved-at=2026-01-05T09:00:00Z",
            "slo4j.slos.checkout.policy.freeze-when-exhausted=true",
            "slo4j.slos.checkout.policy.postmortem-at=0.2",
            "slo4j.slos.latency.latency[0].threshold=300ms",
            "slo4j.slos.latency.latency[0].objective=99%",
            "slo4j.slos.latency.latency[1].threshold=1s",
            "slo4j.slos.latency.latency[1].objective=0.999",
            "slo4j.slos.latency.period=month",
            "slo4j.slos.latency.zone=Europe/Paris")
        .run(context -> {
          SloSpecs specs = context.getBean(SloSpecs.class);
          SloSpec checkout = specs.find("checkout").orElseThrow();
          SloDefinition d = checkout.definition();
          assertEquals("payments", d.service());
          assertEquals("Checkout answers", d.description());
          assertEquals(Objective.ratio("0.995"), d.objective());
          assertEquals(CompliancePeriod.rollingDays(28), d.period());
          assertEquals("team-payments", d.owner().orElseThrow());
          assertEquals("https://runbooks.example.com/checkout", d.runbook().orElseThrow().toString());
          assertEquals("https://grafana.example.com/d/checkout", d.links().get("dashboard").toString());
          assertEquals(50, checkout.rules().minEvents());
          assertEquals(3, checkout.rules().minBadEvents());
          assertThat(checkout.rules().noDataAfter()).isEmpty();
          assertEquals(List.of(AlertTier.of(Severity.PAGE, Duration.ofHours(1), 13.44)),
              checkout.rules().tiers(d.targets().get(0)));
          assertThat(checkout.rules().linkTemplates()).containsKey("traces");
          assertEquals(Duration.ofSeconds(10), checkout.rules().evaluationInterval());
          assertEquals("payments-policy v3 approved by Dana Ruiz at 2026-01-05T09:00:00Z: [freeze, postmortem]",
              checkout.policy().orElseThrow().toString());

          SloDefinition latency = specs.find("latency").orElseThrow().definition();
          assertEquals("shop", latency.service());
          assertEquals(Sli.latency(LatencyThreshold.of(Duration.ofMillis(300), Objective.percent("99")),
              LatencyThreshold.of(Duration.ofSeconds(1), Objective.ratio("0.999"))), latency.sli());
          assertEquals(CompliancePeriod.calendarMonth(ZoneId.of("Europe/Paris")), latency.period());
          assertThat(specs.find("latency").orElseThrow().policy()).isEmpty();
        });
  }

  @Test
  void theDefaultsAreTheWorkbooksForHttpServerRequests() {
    runner.withPropertyValues("slo4j.slos.checkout.objective=99.9%").run(context -> {
      SloSpec s = context.getBean(SloSpecs.class).find("checkout").orElseThrow();
      assertEquals(CompliancePeriod.rollingDays(30), s.definition().period());
      assertEquals("http.server.requests", s.selector().observationName().orElseThrow());
      assertEquals(4, s.rules().tiers(s.definition().targets().get(0)).size());
      assertThat(s.grouped()).isFalse();
    });
  }

  @Test
  void badStatusAcceptsClassesAndCodes() {
    var bad = SloSpecs.badStatus("x", List.of("5xx", "429"));
    assertThat(bad.test(503)).isTrue();
    assertThat(bad.test(429)).isTrue();
    assertThat(bad.test(404)).isFalse();
    assertThat(bad.test(200)).isFalse();
  }

  @Test
  void anObjectiveOfOnePointTwoStopsTheApplication() {
    refused("slo4j.slos.checkout.objective: 1.2 (expected 0 < ratio < 1; for a percent write 1.2%)",
        "slo4j.slos.checkout.objective=1.2");
  }

  @Test
  void everyBadValueIsRefusedWithItsPathAndTheCoresMessage() {
    refused("slo4j.slos.checkout.objective: 100% (expected 1 <= percent < 100; 100 % leaves no error budget, so no burn rate or alert can be computed)",
        "slo4j.slos.checkout.objective=100%");
    refused("slo4j.slos.checkout.objective: null (expected a ratio such as 0.999 or a percent such as 99.9%)",
        "slo4j.slos.checkout.owner=team-payments");
    refused("slo4j.slos.checkout.objective: 0.999 (expected none with latency: each latency threshold has its own objective)",
        "slo4j.slos.checkout.objective=0.999", "slo4j.slos.checkout.latency[0].threshold=300ms",
        "slo4j.slos.checkout.latency[0].objective=0.99");
    refused("slo4j.slos.checkout.latency[0].threshold: null (expected a latency such as 300ms)",
        "slo4j.slos.checkout.latency[0].objective=0.99");
    refused("slo4j.slos.checkout.latency[0].objective: 99 (expected 0 < ratio < 1; for a percent write 99%)",
        "slo4j.slos.checkout.latency[0].threshold=300ms", "slo4j.slos.checkout.latency[0].objective=99");
    refused("slo4j.slos.checkout.service: 'check out' (expected 1 to 128 letters, digits or . _ : - starting with a letter or digit)",
        "slo4j.slos.checkout.objective=0.999", "slo4j.slos.checkout.service=check out");
    refused("slo4j.slos.checkout.period: fortnight (expected a rolling length such as 30d, or month or week)",
        "slo4j.slos.checkout.objective=0.999", "slo4j.slos.checkout.period=fortnight");
    refused("slo4j.slos.checkout.zone: Mars/Olympus (expected a time zone such as UTC or Europe/Paris)",
        "slo4j.slos.checkout.objective=0.999", "slo4j.slos.checkout.period=month", "slo4j.slos.checkout.zone=Mars/Olympus");
    refused("slo4j.slos.checkout.bad-status: 5xy (expected a status code such as 429 or a class such as 5xx)",
        "slo4j.slos.checkout.objective=0.999", "slo4j.slos.checkout.bad-status=5xy");
    refused("slo4j.slos.checkout.runbook: runbooks/checkout (expected an absolute URI such as https://...)",
        "slo4j.slos.checkout.objective=0.999", "slo4j.slos.checkout.runbook=runbooks/checkout");
    refused("slo4j.slos.checkout.max-groups: 0 (expected 1 <= max-groups <= 10000)",
        "slo4j.slos.checkout.objective=0.999", "slo4j.slos.checkout.group-by=uri", "slo4j.slos.checkout.max-groups=0");
    refused("slo4j.slos.checkout.alerts.tiers[0].long-window: null (expected a window such as 1h)",
        "slo4j.slos.checkout.objective=0.999", "slo4j.slos.checkout.alerts.tiers[0].severity=page",
        "slo4j.slos.checkout.alerts.tiers[0].factor=14.4");
    refused("slo4j.slos.checkout.alerts.tiers[0].severity: 'pager duty' (expected 1 to 32 letters, digits, _ or -, starting with a letter)",
        "slo4j.slos.checkout.objective=0.999", "slo4j.slos.checkout.alerts.tiers[0].severity=pager duty",
        "slo4j.slos.checkout.alerts.tiers[0].long-window=1h", "slo4j.slos.checkout.alerts.tiers[0].factor=14.4");
    refused("slo4j.slos.checkout.alerts.min-events: -1 (expected >= 0)",
        "slo4j.slos.checkout.objective=0.999", "slo4j.slos.checkout.alerts.min-events=-1");
    refused("slo4j.slos.checkout.policy.approved-by: null (expected who approved the policy, with approved-at, when: a signed policy is a contract)",
        "slo4j.slos.checkout.objective=0.999", "slo4j.slos.checkout.policy.id=p", "slo4j.slos.checkout.policy.freeze-when-exhausted=true");
    refused("slo4j.slos.checkout.policy.approved-at: yesterday (expected an instant such as 2026-01-05T09:00:00Z)",
        "slo4j.slos.checkout.objective=0.999", "slo4j.slos.checkout.policy.id=p", "slo4j.slos.checkout.policy.approved-by=Dana",
        "slo4j.slos.checkout.policy.approved-at=yesterday");
    refused("slo4j.slos.checkout.service: null (expected the service the SLO belongs to, or spring.application.name)",
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(Slo4jAutoConfiguration.class)),
        "slo4j.slos.checkout.objective=0.999");
    refused("slo4j.base-interval: 7s (expected a whole number of seconds that divides 2m)", "slo4j.base-interval=7s");
  }

  @Test
  void coreMessagesOfSeveralValuesAreKeptWhole() {
    // a tier longer than the period: the core's message names the window and the tier
    refused("slo4j.slos.checkout.alerts: long window: 3d (expected <= the compliance period (1d) for tier page 3d/6h > 2 of target events)",
        "slo4j.slos.checkout.objective=0.999", "slo4j.slos.checkout.period=1d",
        "slo4j.slos.checkout.alerts.tiers[0].severity=page", "slo4j.slos.checkout.alerts.tiers[0].long-window=3d",
        "slo4j.slos.checkout.alerts.tiers[0].factor=2");
    refused("slo4j.slos.checkout.alerts.links.dashboard: 'https://g.example.com/{nope}' (expected placeholders among {service},"
            + " {slo}, {target}, {severity}, {window}, {start}, {end}, {startIso}, {endIso}, {startSeconds}, {endSeconds},"
            + " {startMicros}, {endMicros}; {nope} is unknown)",
        "slo4j.slos.checkout.objective=0.999", "slo4j.slos.checkout.alerts.links.dashboard=https://g.example.com/{nope}");
  }

  private void refused(String message, String... properties) {
    refused(message, runner.withPropertyValues("slo4j.manual-ticks=true"), properties);
  }

  private static void refused(String message, ApplicationContextRunner runner, String... properties) {
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context).hasFailed();
      assertEquals(message, slo4jMessage(context.getStartupFailure()), String.join(", ", properties));
    });
  }

  /** The first message in the cause chain that names a slo4j property: what the user reads. */
  private static String slo4jMessage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().startsWith("slo4j.")) {
        return t.getMessage();
      }
    }
    throw new AssertionError("no slo4j message in " + failure, failure);
  }
}
