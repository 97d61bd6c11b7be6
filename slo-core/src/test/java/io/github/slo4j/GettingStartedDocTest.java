package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.monitor.Alert;
import io.github.slo4j.monitor.BudgetPolicy;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.monitor.SloHealth;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/getting-started.md: a service's SLOs wired, recorded, read and tested. {@link DocSamplesTest}
 * checks the page shows each tagged region; this also checks the Maven coordinates it shows.
 */
class GettingStartedDocTest {

  /** Stands for whatever the service pages with. */
  interface Pager {
    void send(Alert alert);
  }

  // tag::gs-slos[]
  static final SloDefinition AVAILABILITY = SloDefinition.builder("checkout-availability")
      .service("checkout")
      .description("checkout requests that succeed")
      .objective(Objective.percent("99.9"))              // 43m12s of full outage a month
      .period(CompliancePeriod.rollingDays(30))
      .owner("team-payments")
      .runbook(URI.create("https://runbooks.example.com/checkout"))
      .build();

  static final SloDefinition LATENCY = SloDefinition.builder("checkout-latency")
      .service("checkout")
      .description("checkout requests that succeed within 300 ms")
      .sli(Sli.latency(LatencyThreshold.of(Duration.ofMillis(300), Objective.percent("99"))))
      .period(CompliancePeriod.rollingDays(30))
      .owner("team-payments")
      .runbook(URI.create("https://runbooks.example.com/checkout-latency"))
      .build();
  // end::gs-slos[]

  // tag::gs-service[]
  /** The checkout service's SLOs: recorded on every request, alerted on at every tick. */
  static final class CheckoutSlos implements AutoCloseable {
    private final SloRecorder availability;
    private final SloRecorder latency;
    private final RegistryMonitor monitor;

    CheckoutSlos(SloRegistry registry, Pager pager) {
      this.availability = registry.register(AVAILABILITY);
      this.latency = registry.register(LATENCY);
      BudgetPolicy policy = BudgetPolicy.builder("checkout-budget-policy", "1")
          .approvedBy("Ana Silva, head of payments", Instant.parse("2026-05-04T09:00:00Z"))
          .freezeWhenExhausted()                         // the release gate below
          .postmortemAt(0.20)                            // one episode spending 20 % of the budget
          .build();
      this.monitor = RegistryMonitor.builder()
          .policy(slo -> Optional.of(policy))
          .listener(t -> { if (t.notifies()) pager.send(t.alert()); })
          .attach(registry);
    }

    /** On every request: a few atomic adds, no allocation, no lock, never throws. */
    void onRequest(Duration took, boolean succeeded) {
      availability.record(succeeded);
      latency.recordLatency(took, succeeded);
    }

    /** For a status page or an admin endpoint. */
    SloHealth health(String sloId) {
      return monitor.monitor(sloId).orElseThrow().health();
    }

    /** The release gate for a deploy pipeline: no SLO of the service has its releases frozen. */
    boolean mayShip(ChangeMarker change) {
      return monitor.monitors().stream().allMatch(m -> m.mayShip(change).allowed());
    }

    @Override
    public void close() {
      monitor.close();
    }
  }
  // end::gs-service[]

  @Test
  void inProduction() {
    List<Alert> pages = new ArrayList<>();
    Pager pager = pages::add;
    // tag::gs-main[]
    SloRegistry registry = SloRegistry.builder().build();   // system clock, a daemon ticker, 10 s intervals
    CheckoutSlos slos = new CheckoutSlos(registry, pager);

    slos.onRequest(Duration.ofMillis(120), true);           // in the request handler

    SloHealth health = slos.health("checkout-availability");
    OptionalDouble remaining = health.budgetRemaining();    // empty until the first interval closes
    boolean ship = slos.mayShip(ChangeMarker.deploy("checkout", "1.43.0", Instant.now()));

    slos.close();                                           // at shutdown
    registry.close();
    // end::gs-main[]
    assertEquals("checkout-availability", health.sloId());
    assertTrue(remaining.isEmpty() || remaining.getAsDouble() == 1, () -> "one good request: " + remaining);
    assertTrue(ship, "no freeze without a spent budget");
    assertEquals(List.of(), pages);
  }

  @Test
  void aFullOutagePagesWithinAMinute() {
    // tag::gs-test[]
    ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-06-01T00:00:00Z"));
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    List<Alert> pages = new ArrayList<>();
    CheckoutSlos slos = new CheckoutSlos(registry, pages::add);

    // A healthy hour: 100 requests every 10 s, all fast and successful.
    for (int tick = 0; tick < 360; tick++) {
      for (int i = 0; i < 100; i++) {
        slos.onRequest(Duration.ofMillis(80), true);
      }
      clock.advance(Duration.ofSeconds(10));
      registry.tick();                                   // closes the interval, evaluates the alerts
    }
    assertEquals(List.of(), pages);
    assertEquals(OptionalDouble.of(1.0), slos.health("checkout-availability").budgetRemaining());

    // Then every request fails. The fast page (1 h / 5 m > 14.4) fires after 60 s: six intervals.
    for (int tick = 0; tick < 6; tick++) {
      for (int i = 0; i < 100; i++) {
        slos.onRequest(Duration.ofMillis(80), false);
      }
      clock.advance(Duration.ofSeconds(10));
      registry.tick();
    }
    assertEquals(1, pages.size());
    Alert page = pages.get(0);
    assertEquals(Severity.PAGE, page.severity());
    assertEquals("checkout-availability", page.sloId());
    assertEquals(Instant.parse("2026-06-01T01:01:00Z"), page.at());
    assertEquals(Optional.of(URI.create("https://runbooks.example.com/checkout")), page.runbook());
    assertEquals(Optional.of("team-payments"), page.owner());

    // A failed request is never fast enough either, but the latency SLO (99 %) has ten times the
    // budget: its page needs more than 14.4 % slow requests in the hour, after 52 intervals (8m40s).
    for (int tick = 6; tick < 52; tick++) {
      for (int i = 0; i < 100; i++) {
        slos.onRequest(Duration.ofMillis(80), false);
      }
      clock.advance(Duration.ofSeconds(10));
      registry.tick();
    }
    assertEquals(2, pages.size());
    assertEquals("checkout-latency", pages.get(1).sloId());
    assertEquals(Instant.parse("2026-06-01T01:08:40Z"), pages.get(1).at());
    slos.close();
    // end::gs-test[]
  }

  @Test
  void thePageShowsTheMavenCoordinatesOfThisBuild() throws IOException {
    String page = Files.readString(Path.of("..", "docs", "getting-started.md"), StandardCharsets.UTF_8);
    String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
    Matcher parent = Pattern.compile("<parent>.*?<groupId>(.*?)</groupId>.*?<version>(.*?)</version>", Pattern.DOTALL)
        .matcher(pom);
    assertTrue(parent.find(), "slo-core/pom.xml has a parent");
    String dependency = "<dependency>\n  <groupId>" + parent.group(1) + "</groupId>\n"
        + "  <artifactId>slo-core</artifactId>\n  <version>" + parent.group(2) + "</version>\n</dependency>";
    assertTrue(page.contains(dependency), () -> "getting-started.md shows the dependency as\n" + dependency);
  }
}
