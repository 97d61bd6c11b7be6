package io.github.slo4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.slo4j.micrometer.prometheus.PrometheusRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * docs/spring-boot.md, "Several instances": the fleet's Prometheus rules come from the same
 * {@code slo4j.slos} the instances alert on. The region runs here; the page shows it.
 */
class FleetRulesDocTest {

  @Test
  void theFleetsRulesComeFromTheSameYaml() throws IOException {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(Slo4jAutoConfiguration.class))
        .withPropertyValues("slo4j.manual-ticks=true", "spring.application.name=shop",
            "slo4j.slos.checkout-availability.objective=99.9%", "slo4j.slos.checkout-availability.match.uri=/checkout")
        .run(context -> {
          SloSpecs specs = context.getBean(SloSpecs.class);
          // tag::fleet-rules[]
          PrometheusRules.Builder fleet = PrometheusRules.builder();
          specs.all().forEach(s -> fleet.add(s.definition(), s.rules()));
          String yaml = fleet.build().yaml(); // a rule file for Prometheus, Thanos or Mimir
          // end::fleet-rules[]
          assertThat(yaml).contains("checkout-availability").contains(PrometheusRules.BURN_ALERT);
        });
    String page = Files.readString(Path.of("../docs/spring-boot.md"), StandardCharsets.UTF_8);
    assertThat(page.replaceAll("\\s+", " "))
        .contains("PrometheusRules.Builder fleet = PrometheusRules.builder();"
            + " specs.all().forEach(s -> fleet.add(s.definition(), s.rules()));"
            + " String yaml = fleet.build().yaml(); // a rule file for Prometheus, Thanos or Mimir")
        .contains("FleetRulesDocTest");
  }
}
