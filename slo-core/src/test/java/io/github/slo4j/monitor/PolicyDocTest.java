package io.github.slo4j.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ChangeMarker;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.replay.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked example of docs/policy.md, verbatim between the doc markers. */
class PolicyDocTest {

  @Test
  void workedExample() {
    // tag::policy-example[]
    SloDefinition slo = SloDefinition.builder("search-availability")
        .service("search")
        .objective(Objective.percent("99.9"))
        .period(CompliancePeriod.rollingDays(7))
        .build();

    BudgetPolicy policy = BudgetPolicy.builder("search-budget-policy", "3")
        .approvedBy("Dana Ruiz, VP Engineering", Instant.parse("2025-12-15T09:00:00Z"))
        .freezeWhenExhausted()              // unfreeze once more than 5 % of the budget is back
        .postmortemAt(0.20)                 // one episode burning 20 % or more of the budget
        .build();

    // A clean week at 100 requests/s, a 12-minute full outage, then clean until it slides out.
    Replay.Result result = Replay.of(slo)
        .policy(policy)
        .traffic(Replay.Traffic.phases()
            .steady(Duration.ofDays(7), 100, 0.0)
            .steady(Duration.ofMinutes(12), 100, 1.0)
            .steady(Duration.ofDays(7).minusMinutes(2), 100, 0.0)
            .build())
        .at(Duration.ofDays(8), monitor -> {
          ChangeMarker feature = ChangeMarker.deploy("search", "7.1.0", Instant.parse("2026-01-09T00:00:00Z"));
          assertFalse(monitor.mayShip(feature).allowed());
          assertTrue(monitor.mayShip(feature.withCategory(ChangeMarker.Category.SECURITY)).allowed());
        })
        .run();

    assertEquals(List.of(
            "+7d2m10s policy postmortem postmortem-required events: the alert episode that started firing at "
                + "2026-01-08T00:00:20Z (page 1h/5m > 3.36) spent 21.5% of the period's projected budget (at least 20%): "
                + "a postmortem is required",
            "+7d10m10s policy freeze freeze events: budget exhausted: 101% of the period's projected budget spent; non-critical releases are "
                + "frozen until more than 5% of the budget is back; reliability and security fixes are exempt",
            "+14d2m30s policy freeze unfreeze events: budget recovered: 5.75% of the period's projected budget remaining (more than 5%); "
                + "releases may ship again"),
        result.timeline().stream().filter(line -> line.contains(" policy ")).toList());

    SloHealth health = result.monitor().health();
    assertEquals(Duration.ofDays(7).minusSeconds(10), health.sinceLastFreeze().orElseThrow());
    assertEquals(List.of(), health.problems());
    // end::policy-example[]
  }
}
