package io.github.slo4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The code of the section "Publishing SLO meters" of docs/micrometer.md: the sample compiles and
 * runs here, and the page shows it line for line (the tag syntax of slo-core's DocSamplesTest).
 */
class SloMeterBinderDocTest {
  private static final String SECTION = "## Publishing SLO meters";

  @Test
  void theSampleWiresARegistryItsMonitorAndAPrometheusRegistry() {
    PrometheusMeterRegistry meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // tag::publish-slo-meters[]
    SloRegistry slos = SloRegistry.builder().build(); // ticks every 10 s on the system clock
    RegistryMonitor alerts = RegistryMonitor.builder().attach(slos);
    SloMeterBinder binder = SloMeterBinder.monitor(meterRegistry, slos, alerts, Tags.of("region", "eu-west-1"));

    SloRecorder checkout = slos.register(SloDefinition.builder("checkout-availability")
        .service("checkout")
        .objective(Objective.percent("99.9"))
        .build());
    checkout.recordGood();
    // end::publish-slo-meters[]
    try {
      String scrape = meterRegistry.scrape();
      assertTrue(scrape.contains("slo_events_total{outcome=\"good\",region=\"eu-west-1\",service=\"checkout\","
          + "slo=\"checkout-availability\",target=\"events\"} 1.0"), scrape);
      assertTrue(scrape.contains("slo_alert_active{region=\"eu-west-1\",service=\"checkout\","
          + "severity=\"page\",slo=\"checkout-availability\"} 0.0"), scrape);
      assertFalse(scrape.contains("NaN"), scrape);
    } finally {
      binder.close();
      alerts.close();
      slos.close();
    }
  }

  @Test
  void theSectionShowsTheSample() throws IOException {
    String page = DocPage.showsEveryRegion("docs/micrometer.md", "io/github/slo4j/micrometer/SloMeterBinderDocTest.java", 1);
    assertTrue(page.contains(SECTION), "the section is there");
  }

}
