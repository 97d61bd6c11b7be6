package io.github.slo4j.openslo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.github.slo4j.replay.Replay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The samples of docs/openslo.md, compiled and run; the page shows them and the YAML they read and write. */
class OpenSloDocTest {
  private static final String PAGE = "docs/openslo.md";
  private static final String CHECKOUT = "src/test/resources/docs/checkout.yaml";
  private static final String WRITTEN = "src/test/resources/docs/written.yaml";

  @Test
  void thePageShowsEverySampleAndTheYamlItReadsAndWrites() throws IOException {
    DocPage.showsEveryRegion(PAGE, "io/github/slo4j/openslo/OpenSloDocTest.java", 3);
    DocPage.showsFile(PAGE, CHECKOUT);
    DocPage.showsFile(PAGE, WRITTEN);
  }

  @Test
  void readAndMonitor() throws IOException {
    ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    List<String> pages = new ArrayList<>();
    // tag::read[]
    OpenSloDocuments docs = OpenSlo.read(Path.of("src/test/resources/docs/checkout.yaml")); // a file or a directory
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    for (SloDefinition slo : docs.definitions()) {
      registry.register(slo);
    }
    RegistryMonitor alerting = RegistryMonitor.builder()
        .rules(slo -> docs.rules(slo.id()).orElseThrow())       // the tiers of the SLO's alert policies
        .listener(t -> { if (t.notifies()) pages.add(t.alert().summary()); })
        .attach(registry);
    // end::read[]
    SloRecorder checkout = registry.find("checkout-availability").orElseThrow();
    for (int i = 0; i < 366; i++) { // an hour at 100 % errors after a clean minute
      checkout.recordCounts(i < 6 ? 1000 : 0, 1000);
      clock.advance(Duration.ofSeconds(10));
      registry.tick();
    }
    assertEquals(1, pages.size(), pages.toString());
    assertTrue(pages.get(0).startsWith("[page] checkout/checkout-availability events: burn"), pages.get(0));
    alerting.close();
  }

  @Test
  void replayBeforeGoingLive() throws IOException {
    OpenSloDocuments docs = OpenSlo.read(Path.of(CHECKOUT));
    // tag::replay[]
    SloDefinition slo = docs.definition("checkout-availability").orElseThrow();
    Replay.Result r = Replay.of(slo).rules(docs.rules(slo.id()).orElseThrow())
        .traffic(Replay.Traffic.phases()
            .steady(Duration.ofDays(1), 100, 0.0)               // a clean day at 100 requests/s
            .steady(Duration.ofMinutes(20), 100, 0.05)          // 5 % errors for 20 minutes
            .steady(Duration.ofHours(2), 100, 0.0)
            .build())
        .run();
    r.timeline();   // [+1d17m20s alert checkout-availability/events page 1h/5m > 14.4: inactive -> firing, ...]
    // end::replay[]
    assertEquals(
        List.of(
            "+1d17m20s alert checkout-availability/events page 1h/5m > 14.4: inactive -> firing",
            "+1d28m40s alert checkout-availability/events page 1h/5m > 14.4: firing -> resolved"),
        r.timeline());
  }

  @Test
  void writeBack() throws IOException {
    // tag::write[]
    SloDefinition latency = SloDefinition.builder("checkout-latency")
        .service("checkout")
        .sli(Sli.latency(
            LatencyThreshold.of(Duration.ofMillis(250), Objective.percent("99")),
            LatencyThreshold.of(Duration.ofMillis(1500), Objective.percent("99.9"))))
        .owner("team-payments")
        .build();
    AlertRules rules = AlertRules.builder(latency)
        .tiers(List.of(new AlertTier(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 14.4)))
        .build();                                                // and a ticket after 30 minutes without traffic
    String yaml = OpenSlo.write(latency, rules);                  // OpenSLO v1, as below
    // end::write[]
    assertEquals(Files.readString(Path.of(WRITTEN), StandardCharsets.UTF_8), yaml);
  }
}
