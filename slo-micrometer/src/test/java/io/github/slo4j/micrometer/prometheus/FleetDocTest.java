package io.github.slo4j.micrometer.prometheus;

import io.github.slo4j.micrometer.DocPage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The code of docs/fleet.md: the sample compiles and runs here, the page shows it line for line (the
 * tag syntax of slo-core's DocSamplesTest), and the rule file the page shows is the one the sample
 * generates.
 */
class FleetDocTest {

  static String generate() {
    // tag::fleet-rules[]
    SloDefinition slo = SloDefinition.builder("checkout-availability")
        .service("checkout")
        .objective(Objective.percent("99.9"))
        .owner("team-checkout")
        .runbook(URI.create("https://runbooks.example.com/checkout"))
        .build();
    AlertRules rules = AlertRules.builder(slo)
        .link("dashboard", "https://grafana.example.com/d/red?var-service={service}&from={start}&to={end}")
        .build();
    String yaml = PrometheusRules.builder()
        .add(slo, rules)
        .naming(PrometheusRules.Naming.SLO4J)
        .build()
        .yaml();
    // end::fleet-rules[]
    return yaml;
  }

  @Test
  void thePageShowsTheSampleAndTheRulesItGenerates() throws IOException {
    String page = DocPage.showsEveryRegion("docs/fleet.md", "io/github/slo4j/micrometer/prometheus/FleetDocTest.java", 1);
    String yaml = generate();
    int start = page.indexOf("```yaml\n");
    int end = page.indexOf("```", start + 8);
    assertTrue(start >= 0 && end > start, "docs/fleet.md has a yaml block");
    assertEquals(yaml, page.substring(start + 8, end), "the rule file docs/fleet.md shows");
  }

}
