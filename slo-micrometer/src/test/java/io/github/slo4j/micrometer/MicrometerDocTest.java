package io.github.slo4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.recorder.EventCounts;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The code of docs/micrometer.md, section "Feeding SLOs from observations": each tagged region here
 * compiles and runs, and the page shows it line for line (the tag syntax of slo-core's
 * DocSamplesTest). Other sections of the page are checked by their own tests.
 */
class MicrometerDocTest {

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
    DocPage.showsEveryRegion("docs/micrometer.md", "io/github/slo4j/micrometer/MicrometerDocTest.java", 2);
  }

}
