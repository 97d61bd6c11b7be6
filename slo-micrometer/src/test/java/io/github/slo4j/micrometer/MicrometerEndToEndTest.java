package io.github.slo4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.recorder.EventCounts;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole Micrometer path in one process: {@code http.server.requests} observations go through
 * one {@link ObservationRegistry} to Micrometer's {@link DefaultMeterObservationHandler} (a
 * {@link SimpleMeterRegistry} and a {@link PrometheusMeterRegistry} behind a composite) and to
 * {@link SloObservationHandler}; a {@link RegistryMonitor} evaluates the SLO at every tick; a
 * {@link SloMeterBinder} publishes it to the Prometheus registry, whose scrape is read back.
 *
 * <p>The hour of traffic, per minute on {@code /checkout}: 95 responses 200 and 5 responses 404
 * (client errors: good, users asked for something that is not there), plus 20 responses 500 from a
 * bot ({@code user_agent_class=bot}, left out by the selector) and 10 responses 500 on {@code /cart}
 * (another endpoint). Minutes 50 to 59 are an outage: 30 of the 95 responses 200 become 503.
 */
class MicrometerEndToEndTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final String SLO = "checkout-availability";
  private static final SloDefinition AVAILABILITY =
      SloDefinition.builder(SLO).service("checkout").objective(Objective.percent("99.9")).build();
  private static final ObservationSelector CHECKOUT_USERS =
      ObservationSelector.name("http.server.requests")
          .keyValue("uri", "/checkout")
          .exclude("user_agent_class", "bot");

  private final ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-01-05T00:00:00Z"));
  private final SloRegistry slos = SloRegistry.builder().timeSource(clock).manualTicks().baseInterval(MINUTE).build();
  private final SimpleMeterRegistry simple = new SimpleMeterRegistry();
  private final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
  private final ObservationRegistry observations = ObservationRegistry.create();
  private final List<AlertTransition> transitions = new ArrayList<>();
  private RegistryMonitor monitor;
  private SloMeterBinder binder;
  private SloRecorder recorder;

  @BeforeEach
  void boot() {
    meters.add(simple);
    meters.add(prometheus);
    recorder = slos.register(AVAILABILITY);
    monitor = RegistryMonitor.builder().listener(transitions::add).attach(slos);
    binder = SloMeterBinder.monitor(prometheus, slos, monitor, Tags.of("env", "prod"));
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    observations.observationConfig().observationHandler(
        SloObservationHandler.builder(slos).slo(AVAILABILITY, CHECKOUT_USERS, OutcomeClassifier.http()).build());
  }

  @AfterEach
  void shutDown() {
    binder.close();
    monitor.close();
    slos.close();
    meters.close();
  }

  /** {@code count} requests, each observed from start to stop with Spring's key values. */
  private void requests(int count, String uri, String status, String userAgentClass) {
    String outcome = status.startsWith("5") ? "SERVER_ERROR" : status.startsWith("4") ? "CLIENT_ERROR" : "SUCCESS";
    for (int i = 0; i < count; i++) {
      Observation.createNotStarted("http.server.requests", observations)
          .lowCardinalityKeyValue("method", "GET")
          .lowCardinalityKeyValue("uri", uri)
          .lowCardinalityKeyValue("status", status)
          .lowCardinalityKeyValue("outcome", outcome)
          .lowCardinalityKeyValue("exception", "none")
          .lowCardinalityKeyValue("user_agent_class", userAgentClass)
          .observe(() -> {});
    }
  }

  /** One minute of traffic with {@code failing} of the 95 users' successes turned into 503, then a tick. */
  private void minute(int failing) {
    requests(95 - failing, "/checkout", "200", "browser");
    requests(failing, "/checkout", "503", "browser");
    requests(5, "/checkout", "404", "browser");
    requests(20, "/checkout", "500", "bot");
    requests(10, "/cart", "500", "browser");
    clock.advance(MINUTE);
    slos.tick();
  }

  private void anHourWithATenMinuteOutage() {
    for (int m = 0; m < 50; m++) {
      minute(0);
    }
    for (int m = 50; m < 60; m++) {
      minute(30);
    }
  }

  private static List<String> lines(String scrape, String prefix) {
    return scrape.lines().filter(l -> l.startsWith(prefix)).sorted().collect(Collectors.toList());
  }

  private double gauge(String name, String... tags) {
    return prometheus.get(name).tag("slo", SLO).tags(tags).gauge().value();
  }

  @Test
  void theSliCountsWhatUsersFeltAndNothingElse() {
    anHourWithATenMinuteOutage();
    Target events = AVAILABILITY.targets().get(0);
    // 60 min x 100 users' requests; 10 min x 30 failed; the 404s are good, the bots and /cart absent
    assertEquals(new EventCounts(5_700, 6_000), recorder.cumulative(events));
    assertEquals(0.05, recorder.window(events, Duration.ofHours(1)).errorRatio().orElseThrow());
    // Micrometer's own timers saw every request, bots and /cart included
    assertEquals(1_200, timerCount(simple, "/checkout", "500"));
    assertEquals(300, timerCount(simple, "/checkout", "503"));
    assertEquals(600, timerCount(prometheus, "/cart", "500"));
    assertEquals(300, timerCount(prometheus, "/checkout", "404"));
  }

  private static long timerCount(MeterRegistry registry, String uri, String status) {
    return registry.get("http.server.requests").tag("uri", uri).tag("status", status).timer().count();
  }

  @Test
  void theBurnRatePerWindowIsTheOutagesShareOfThatWindowOverTheBudget() {
    anHourWithATenMinuteOutage();
    Target events = AVAILABILITY.targets().get(0);
    // budget 0.001: 5m: 150 bad of 500 -> 300; 30m: 300 of 3000 -> 100; 1h and longer: 300 of 6000 -> 50
    assertEquals(300.0, recorder.window(events, Duration.ofMinutes(5)).burnRate(events.objective()).orElseThrow());
    assertEquals(100.0, recorder.window(events, Duration.ofMinutes(30)).burnRate(events.objective()).orElseThrow());
    assertEquals(50.0, recorder.window(events, Duration.ofHours(1)).burnRate(events.objective()).orElseThrow());
    assertEquals(300.0, gauge(SloMeterNames.BURN_RATE, "window", "5m"));
    assertEquals(100.0, gauge(SloMeterNames.BURN_RATE, "window", "30m"));
    assertEquals(50.0, gauge(SloMeterNames.BURN_RATE, "window", "1h"));
    assertEquals(50.0, gauge(SloMeterNames.BURN_RATE, "window", "6h"));
    assertEquals(50.0, gauge(SloMeterNames.BURN_RATE, "window", "3d"));
  }

  @Test
  void theOutagePagesThroughTheMonitorOnTheMinuteTheFastTierCrossesItsThreshold() {
    for (int m = 0; m < 50; m++) {
      minute(0);
    }
    minute(30);
    minute(30);
    // 1h: 60 bad of 5,200 is a burn rate of 11.5, under the fast tier's 14.4. The 6h gauge reads
    // the same 11.5, over the 6h/30m tier's factor 6, yet that tier stays quiet: the monitor judges
    // a window the data covers in part (52 of 360 minutes) on its events projected to the whole
    // window, the rest counted good (AlertEngine), so 60 bad of 36,000 is a burn rate of 1.67.
    assertTrue(transitions.isEmpty(), transitions.toString());
    assertEquals(60.0 / 5_200 / 0.001, gauge(SloMeterNames.BURN_RATE, "window", "6h"), 1e-9);
    assertEquals(0.0, gauge(SloMeterNames.ALERT_ACTIVE, "severity", "page"));
    minute(30);
    // 1h: 90 bad of 5,300 is 16.98 (and 5m: 90 of 500 is 180): the 1h/5m tier pages at 00:53
    assertEquals(1, transitions.size(), transitions.toString());
    AlertTransition page = transitions.get(0);
    assertEquals(SLO, page.alert().sloId());
    assertEquals(Severity.PAGE, page.alert().severity());
    assertEquals(AlertState.FIRING, page.alert().state());
    assertEquals(Duration.ofHours(1), page.alert().tier().orElseThrow().longWindow());
    assertEquals(Instant.parse("2026-01-05T00:53:00Z"), page.alert().at());
    assertEquals(1.0, gauge(SloMeterNames.ALERT_ACTIVE, "severity", "page"));
    assertEquals(0.0, gauge(SloMeterNames.ALERT_ACTIVE, "severity", "ticket"));
  }

  @Test
  void thePublishedMetersAndTheScrapeCarryTheSameFigures() {
    anHourWithATenMinuteOutage();
    assertEquals(5_700.0, prometheus.get(SloMeterNames.EVENTS).tags("slo", SLO, "outcome", "good").functionCounter().count());
    assertEquals(300.0, prometheus.get(SloMeterNames.EVENTS).tags("slo", SLO, "outcome", "bad").functionCounter().count());
    assertEquals(0.95, gauge(SloMeterNames.SLI));
    assertEquals(1.0, gauge(SloMeterNames.DATA_PRESENT, "window", "period"));

    String scrape = prometheus.scrape();
    assertFalse(scrape.contains("NaN"), scrape);
    String labels = "env=\"prod\",service=\"checkout\",slo=\"" + SLO + "\",target=\"events\"";
    assertEquals(
        List.of(
            "slo_events_total{env=\"prod\",outcome=\"bad\",service=\"checkout\",slo=\"" + SLO + "\",target=\"events\"} 300.0",
            "slo_events_total{env=\"prod\",outcome=\"good\",service=\"checkout\",slo=\"" + SLO + "\",target=\"events\"} 5700.0"),
        lines(scrape, "slo_events_total{"),
        scrape);
    assertEquals(
        List.of(
            "slo_burn_rate{" + labels + ",window=\"1d\"} 50.0",
            "slo_burn_rate{" + labels + ",window=\"1h\"} 50.0",
            "slo_burn_rate{" + labels + ",window=\"2h\"} 50.0",
            "slo_burn_rate{" + labels + ",window=\"30m\"} 100.0",
            "slo_burn_rate{" + labels + ",window=\"3d\"} 50.0",
            "slo_burn_rate{" + labels + ",window=\"5m\"} 300.0",
            "slo_burn_rate{" + labels + ",window=\"6h\"} 50.0"),
        lines(scrape, "slo_burn_rate{"),
        scrape);
    // over the period so far: 300 bad where 0.1 % of 6,000 (6) were allowed: 50 budgets spent
    assertEquals(List.of("slo_sli_ratio{" + labels + "} 0.95"), lines(scrape, "slo_sli_ratio{"), scrape);
    assertEquals(
        List.of("slo_error_budget_remaining_ratio{" + labels + "} -49.0"),
        lines(scrape, "slo_error_budget_remaining_ratio{"),
        scrape);
    String sloLabels = "env=\"prod\",service=\"checkout\"";
    assertEquals(
        List.of(
            "slo_alert_active{" + sloLabels + ",severity=\"page\",slo=\"" + SLO + "\"} 1.0",
            "slo_alert_active{" + sloLabels + ",severity=\"ticket\",slo=\"" + SLO + "\"} 0.0"),
        lines(scrape, "slo_alert_active{"),
        scrape);
    List<String> present = lines(scrape, "slo_data_present{");
    assertEquals(8, present.size(), scrape); // the 7 alert windows and the period
    present.forEach(l -> assertTrue(l.endsWith("} 1.0"), l));
  }
}
