package io.github.slo4j.monitor;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** SLO definitions shared by the alerting tests. */
final class Slos {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private Slos() {}

  /** 99.9 % over a rolling 30 days: every example of the SRE Workbook's chapter 5. */
  static SloDefinition workbook() {
    return SloDefinition.builder("checkout-availability")
        .service("checkout")
        .objective(Objective.percent("99.9"))
        .period(CompliancePeriod.rollingDays(30))
        .owner("team-payments")
        .runbook(URI.create("https://runbooks.example.com/checkout"))
        .build();
  }

  /** 99.9 % over a rolling 7 days: a budget of 10m4.8s of full outage, handy for policy tests. */
  static SloDefinition week() {
    return SloDefinition.builder("search-availability")
        .service("search")
        .objective(Objective.percent("99.9"))
        .period(CompliancePeriod.rollingDays(7))
        .owner("team-search")
        .build();
  }

  static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  static Instant at(Duration elapsed) {
    return START.plus(elapsed);
  }
}
