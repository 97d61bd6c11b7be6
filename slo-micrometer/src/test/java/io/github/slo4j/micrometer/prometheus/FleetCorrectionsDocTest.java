package io.github.slo4j.micrometer.prometheus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.correction.BudgetCorrection;
import io.github.slo4j.micrometer.DocPage;
import io.github.slo4j.monitor.AlertRules;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The corrections sample of docs/fleet.md, and the rules the page shows are the ones it generates. */
class FleetCorrectionsDocTest {

  static String generate() {
    SloDefinition slo = SloDefinition.builder("checkout-availability")
        .service("checkout").objective(Objective.percent("99.9")).build();
    AlertRules rules = AlertRules.defaults(slo);
    // tag::fleet-corrections[]
    BudgetCorrection maintenance = BudgetCorrection.builder("sunday-maintenance")
        .recurring(ZonedDateTime.of(2026, 1, 4, 22, 0, 0, 0, ZoneOffset.UTC),
            Duration.ofHours(4), "FREQ=WEEKLY;BYDAY=SU")
        .reason("weekly database maintenance")
        .author("alice@example.com")
        .declaredAt(Instant.parse("2025-12-20T09:00:00Z"))
        .build();
    String yaml = PrometheusRules.builder()
        .add(slo, rules)
        .correction(slo, maintenance)   // the same correction the CorrectedReader applies
        .build()
        .yaml();
    // end::fleet-corrections[]
    return yaml;
  }

  @Test
  void thePageShowsTheSampleAndTheRulesItGenerates() throws IOException {
    String yaml = generate();
    String page = DocPage.showsEveryRegion(
        "docs/fleet.md", "io/github/slo4j/micrometer/prometheus/FleetCorrectionsDocTest.java", 1);
    int start = page.indexOf("```text\n      - record: slo4j:correction:active");
    assertTrue(start >= 0, "docs/fleet.md shows the correction rule in a text block");
    int end = page.indexOf("```", start + 8);
    for (String line : page.substring(start + 8, end).split("\n")) {
      if (!line.strip().equals("...")) {
        assertTrue(yaml.contains(line + "\n"), () -> "the generated rules hold the line the page shows: " + line + "\n" + yaml);
      }
    }
  }
}
