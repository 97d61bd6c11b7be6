package io.github.slo4j.micrometer.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The code of docs/fleet.md: the sample compiles and runs here, the page shows it line for line (the
 * tag syntax of slo-core's DocSamplesTest), and the rule file the page shows is the one the sample
 * generates.
 */
class FleetDocTest {
  private static final Pattern REGION =
      Pattern.compile("// tag::([a-z0-9-]+)\\[\\]\\n(.*?)\\n\\s*// end::\\1\\[\\]", Pattern.DOTALL);

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
    String page = Files.readString(Path.of("../docs/fleet.md"), StandardCharsets.UTF_8);
    String source = Files.readString(
        Path.of("src/test/java/io/github/slo4j/micrometer/prometheus/FleetDocTest.java"), StandardCharsets.UTF_8);
    Matcher m = REGION.matcher(source);
    assertTrue(m.find(), "a tagged region in FleetDocTest");
    assertTrue(normalize(page).contains(normalize(m.group(2))), "docs/fleet.md shows region " + m.group(1) + ":\n" + m.group(2));
    assertTrue(page.contains("FleetDocTest"), "docs/fleet.md names FleetDocTest");
    String yaml = generate();
    int start = page.indexOf("```yaml\n");
    int end = page.indexOf("```", start + 8);
    assertTrue(start >= 0 && end > start, "docs/fleet.md has a yaml block");
    assertEquals(yaml, page.substring(start + 8, end), "the rule file docs/fleet.md shows");
  }

  private static String normalize(String s) {
    StringBuilder sb = new StringBuilder();
    s.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }
}
