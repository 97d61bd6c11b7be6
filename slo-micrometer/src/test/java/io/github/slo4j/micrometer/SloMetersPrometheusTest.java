package io.github.slo4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The published meters as a real Prometheus registry scrapes them. */
class SloMetersPrometheusTest {
  static final Duration MINUTE = Duration.ofMinutes(1);

  final ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-01-05T00:00:00Z"));
  final SloRegistry slos = SloRegistry.builder().timeSource(clock).manualTicks().baseInterval(MINUTE).build();
  final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  static SloDefinition availability(String id) {
    return SloDefinition.builder(id).service("checkout").objective(Objective.percent("99")).build();
  }

  static List<String> lines(String scrape, String prefix) {
    return scrape.lines().filter(l -> l.startsWith(prefix)).sorted().collect(Collectors.toList());
  }

  @Test
  void theScrapeHasTheEventsCountersTheFleetRulesRead() {
    SloRecorder rec = slos.register(availability("pay"));
    SloMeterBinder.monitor(prometheus, slos);
    rec.recordCounts(97, 100);
    clock.advance(MINUTE);
    slos.tick();
    String scrape = prometheus.scrape();
    assertEquals(
        List.of(
            "slo_events_total{outcome=\"bad\",service=\"checkout\",slo=\"pay\",target=\"events\"} 3.0",
            "slo_events_total{outcome=\"good\",service=\"checkout\",slo=\"pay\",target=\"events\"} 97.0"),
        lines(scrape, SloMeterNames.PROMETHEUS_EVENTS + "{"),
        scrape);
    assertTrue(scrape.contains("# TYPE slo_events_total counter"), scrape);
    assertTrue(
        lines(scrape, "slo_burn_rate{").contains(
            "slo_burn_rate{service=\"checkout\",slo=\"pay\",target=\"events\",window=\"5m\"} 3.0"),
        scrape);
    assertTrue(
        lines(scrape, "slo_data_present{").contains(
            "slo_data_present{service=\"checkout\",slo=\"pay\",target=\"events\",window=\"period\"} 1.0"),
        scrape);
  }

  @Test
  void theScrapeOfAnSloWithoutTrafficHasNoNaN() {
    slos.register(availability("idle"));
    SloMeterBinder.monitor(prometheus, slos, null, Tags.of("env", "prod"));
    clock.advance(MINUTE);
    slos.tick();
    String scrape = prometheus.scrape();
    assertFalse(scrape.contains("NaN"), scrape);
    assertTrue(
        lines(scrape, "slo_events_total{").contains(
            "slo_events_total{env=\"prod\",outcome=\"bad\",service=\"checkout\",slo=\"idle\",target=\"events\"} 0.0"),
        scrape);
    for (String l : lines(scrape, "slo_data_present{")) {
      assertTrue(l.endsWith(" 0.0"), l);
    }
    assertFalse(lines(scrape, "slo_data_present{").isEmpty(), scrape);
  }

  @Test
  void anUnregisteredSloLeavesTheScrape() {
    slos.register(availability("gone")).recordCounts(1, 1);
    SloMeterBinder.monitor(prometheus, slos);
    assertTrue(prometheus.scrape().contains("slo=\"gone\""));
    slos.unregister("gone");
    clock.advance(MINUTE);
    slos.tick();
    assertFalse(prometheus.scrape().contains("slo=\"gone\""), prometheus.scrape());
  }

  @Test
  void aPlainAndAGroupedSloShareTheScrapeTheGroupedOnesWithTheirGroupLabel() {
    slos.register(availability("plain")).recordCounts(2, 2);
    slos.registerGrouped(availability("grouped"), 10).group("acme").recordCounts(1, 1);
    SloMeterBinder.monitor(prometheus, slos);
    clock.advance(MINUTE);
    slos.tick();
    String scrape = prometheus.scrape();
    assertEquals(
        List.of(
            "slo_events_total{group=\"acme\",outcome=\"bad\",service=\"checkout\",slo=\"grouped\",target=\"events\"} 0.0",
            "slo_events_total{group=\"acme\",outcome=\"good\",service=\"checkout\",slo=\"grouped\",target=\"events\"} 1.0",
            "slo_events_total{outcome=\"bad\",service=\"checkout\",slo=\"plain\",target=\"events\"} 0.0",
            "slo_events_total{outcome=\"good\",service=\"checkout\",slo=\"plain\",target=\"events\"} 2.0"),
        lines(scrape, "slo_events_total{"),
        scrape);
  }
}
