package io.github.slo4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.recorder.EventCounts;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The code of docs/micrometer.md, section "Feeding SLOs from observations": each tagged region here
 * compiles and runs, and the page shows it line for line (the tag syntax of slo-core's
 * DocSamplesTest). Other sections of the page are checked by their own tests.
 */
class MicrometerDocTest {
  private static final Pattern REGION =
      Pattern.compile("// tag::([a-z0-9-]+)\\[\\]\\n(.*?)\\n\\s*// end::\\1\\[\\]", Pattern.DOTALL);

  @Test
  void observationsFeedTheCheckoutSlo() {
    ManualTimeSource time = ManualTimeSource.atEpoch();
    try (SloRegistry slos = SloRegistry.builder().timeSource(time).manualTicks().build()) {
      ObservationRegistry observationRegistry = ObservationRegistry.create();
      // tag::observation-handler[]
      SloDefinition checkout = SloDefinition.builder("checkout-availability")
          .service("checkout")
          .objective(Objective.percent("99.9"))
          .build();
      SloObservationHandler handler = SloObservationHandler.builder(slos)
          .slo(checkout,
              ObservationSelector.name("http.server.requests")
                  .keyValue("uri", "/checkout")
                  .exclude("user_agent_class", "bot"),
              OutcomeClassifier.http()) // 5xx and exceptions are bad, 4xx are not
          .build();
      observationRegistry.observationConfig().observationHandler(handler);
      // end::observation-handler[]
      stop(observationRegistry, "/checkout", "200", "browser");
      stop(observationRegistry, "/checkout", "404", "browser");
      stop(observationRegistry, "/checkout", "503", "browser");
      stop(observationRegistry, "/checkout", "503", "bot");
      stop(observationRegistry, "/cart", "503", "browser");
      assertEquals(new EventCounts(2, 3), slos.find("checkout-availability").orElseThrow().cumulative());
    }
  }

  @Test
  void aGroupedSloWithItsOwnBadStatuses() {
    try (SloRegistry slos = SloRegistry.builder().timeSource(ManualTimeSource.atEpoch()).manualTicks().build()) {
      ObservationRegistry observationRegistry = ObservationRegistry.create();
      SloDefinition api = SloDefinition.builder("api-availability").service("api").objective(Objective.percent("99.5")).build();
      // tag::observation-handler-grouped[]
      SloObservationHandler handler = SloObservationHandler.builder(slos)
          .groupedSlo(api, "uri", 100,
              ObservationSelector.name("http.server.requests").exclude("synthetic", "true"),
              OutcomeClassifier.http(status -> status >= 500 || status == 429))
          .build();
      // end::observation-handler-grouped[]
      observationRegistry.observationConfig().observationHandler(handler);
      stop(observationRegistry, "/checkout", "429", "browser");
      stop(observationRegistry, "/cart", "200", "browser");
      assertEquals(new EventCounts(0, 1),
          slos.findGrouped("api-availability").orElseThrow().existing("/checkout").orElseThrow().cumulative());
      assertEquals(new EventCounts(1, 1),
          slos.findGrouped("api-availability").orElseThrow().existing("/cart").orElseThrow().cumulative());
    }
  }

  private static void stop(ObservationRegistry registry, String uri, String status, String agent) {
    Observation.createNotStarted("http.server.requests", registry)
        .lowCardinalityKeyValue("uri", uri)
        .lowCardinalityKeyValue("status", status)
        .lowCardinalityKeyValue("user_agent_class", agent)
        .start()
        .stop();
  }

  @Test
  void thePageShowsEveryRegionOfThisTest() throws IOException {
    String page = Files.readString(Path.of("../docs/micrometer.md"), StandardCharsets.UTF_8);
    String source = Files.readString(
        Path.of("src/test/java/io/github/slo4j/micrometer/MicrometerDocTest.java"), StandardCharsets.UTF_8);
    Matcher m = REGION.matcher(source);
    int regions = 0;
    while (m.find()) {
      regions++;
      assertTrue(normalize(page).contains(normalize(m.group(2))),
          "docs/micrometer.md shows region " + m.group(1) + ":\n" + m.group(2));
    }
    assertEquals(2, regions, "tagged regions in MicrometerDocTest");
    assertTrue(page.contains("MicrometerDocTest"), "docs/micrometer.md names MicrometerDocTest");
  }

  private static String normalize(String s) {
    StringBuilder sb = new StringBuilder();
    s.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }
}
