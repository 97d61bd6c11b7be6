package io.github.slo4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The code of docs/micrometer.md, section "Feeding SLOs from existing meters": the tagged region
 * here compiles and runs, and the page shows it line for line (the tag syntax of slo-core's
 * DocSamplesTest).
 */
class SloMeterSourceDocTest {

  @Test
  void existingTimersFeedTheCheckoutSlo() {
    MockClock clock = new MockClock();
    MeterRegistry meterRegistry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    Timer ok = Timer.builder("http.server.requests").tags("uri", "/checkout", "outcome", "SUCCESS")
        .register(meterRegistry);
    Timer failed = Timer.builder("http.server.requests").tags("uri", "/checkout", "outcome", "SERVER_ERROR")
        .register(meterRegistry);
    // tag::meter-source[]
    SloRegistry slos = SloRegistry.builder()
        .timeSource(MicrometerTime.of(meterRegistry.config().clock())) // one clock for meters and SLOs
        .manualTicks() // in production: leave out, the registry ticks every 10 s
        .build();
    SloDefinition checkout = SloDefinition.builder("checkout-availability")
        .service("checkout")
        .objective(Objective.percent("99.9"))
        .build();
    SloMeterSource source = SloMeterSource.builder(meterRegistry, slos)
        .badOfTotal(checkout,
            MeterQuery.of("http.server.requests", "uri", "/checkout", "outcome", "SERVER_ERROR"),
            MeterQuery.of("http.server.requests", "uri", "/checkout"))
        .build();
    // end::meter-source[]
    try (slos; source) {
      for (int i = 0; i < 99; i++) {
        ok.record(Duration.ofMillis(3));
      }
      failed.record(Duration.ofMillis(3));
      for (int i = 0; i < 2; i++) { // read at the first tick, counted when the second closes
        clock.add(Duration.ofSeconds(10));
        slos.tick();
      }
      WindowCounts w = slos.find("checkout-availability").orElseThrow().window(Duration.ofMinutes(5));
      assertEquals("99/100", w.good() + "/" + w.total());
    }
  }

  @Test
  void thePageShowsEveryRegionOfThisTest() throws IOException {
    DocPage.showsEveryRegion("docs/micrometer.md", "io/github/slo4j/micrometer/SloMeterSourceDocTest.java", 1);
  }

}
