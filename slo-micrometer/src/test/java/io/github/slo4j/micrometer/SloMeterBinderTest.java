package io.github.slo4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.recorder.GroupedSloRecorder;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SloMeterBinderTest {
  static final Duration MINUTE = Duration.ofMinutes(1);

  final ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-01-05T00:00:00Z"));
  final SloRegistry slos = SloRegistry.builder().timeSource(clock).manualTicks().baseInterval(MINUTE).build();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  static SloDefinition availability(String id) {
    return SloDefinition.builder(id).service("checkout").objective(Objective.percent("99")).build();
  }

  void tick() {
    clock.advance(MINUTE);
    slos.tick();
  }

  static double counter(MeterRegistry r, String slo, String outcome) {
    return r.get(SloMeterNames.EVENTS).tag("slo", slo).tag("outcome", outcome).functionCounter().count();
  }

  static double gauge(MeterRegistry r, String name, String slo, String... tags) {
    return r.get(name).tag("slo", slo).tags(tags).gauge().value();
  }

  @Test
  void eventsCountersCountEachOutcomeSinceStartWithoutATick() {
    SloRecorder rec = slos.register(availability("pay"));
    SloMeterBinder.monitor(meters, slos);
    assertEquals(0.0, counter(meters, "pay", "good"), "both outcomes are published from the start");
    assertEquals(0.0, counter(meters, "pay", "bad"));
    rec.recordCounts(97, 100);
    assertEquals(97.0, counter(meters, "pay", "good"));
    assertEquals(3.0, counter(meters, "pay", "bad"));
    tick();
    rec.recordCounts(10, 20);
    assertEquals(107.0, counter(meters, "pay", "good"));
    assertEquals(13.0, counter(meters, "pay", "bad"));
  }

  @Test
  void burnRatesBudgetAndSliReadTheClosedWindows() {
    SloRecorder rec = slos.register(availability("pay"));
    SloMeterBinder.monitor(meters, slos);
    rec.recordCounts(980, 1000);
    tick();
    // 2 % bad against a 1 % budget: burn rate 2 over every window, the period's budget spent twice
    assertEquals(2.0, gauge(meters, SloMeterNames.BURN_RATE, "pay", "window", "5m"));
    assertEquals(2.0, gauge(meters, SloMeterNames.BURN_RATE, "pay", "window", "1h"));
    assertEquals(-1.0, gauge(meters, SloMeterNames.ERROR_BUDGET_REMAINING, "pay"));
    assertEquals(0.98, gauge(meters, SloMeterNames.SLI, "pay"), "980 / 1000, rounded once");
    assertEquals(1.0, gauge(meters, SloMeterNames.DATA_PRESENT, "pay", "window", "5m"));
    assertEquals(1.0, gauge(meters, SloMeterNames.DATA_PRESENT, "pay", "window", "period"));

    rec.recordCounts(1000, 1000);
    tick();
    // 20 bad of 2000 over the period: consumed 1, nothing remains; the last minute alone burns at 1
    assertEquals(1.0, gauge(meters, SloMeterNames.BURN_RATE, "pay", "window", "5m"));
    assertEquals(0.0, gauge(meters, SloMeterNames.ERROR_BUDGET_REMAINING, "pay"));
    assertEquals(0.99, gauge(meters, SloMeterNames.SLI, "pay"), "1980 / 2000, rounded once");
  }

  @Test
  void theBurnRateWindowsAreTheAlertTiersWindows() {
    slos.register(availability("pay"));
    SloMeterBinder.monitor(meters, slos);
    Set<String> windows = new TreeSet<>();
    meters.get(SloMeterNames.BURN_RATE).gauges().forEach(g -> windows.add(g.getId().getTag("window")));
    assertEquals(Set.of("5m", "30m", "1h", "2h", "6h", "1d", "3d"), windows);
    Set<String> present = new TreeSet<>();
    meters.get(SloMeterNames.DATA_PRESENT).gauges().forEach(g -> present.add(g.getId().getTag("window")));
    Set<String> expected = new TreeSet<>(windows);
    expected.add("period");
    assertEquals(expected, present);
  }

  @Test
  void anSloWithoutTrafficPublishesNoNaNAndSaysItHasNoData() {
    slos.register(availability("idle"));
    SloMeterBinder.monitor(meters, slos);
    tick();
    assertNoNaN(meters);
    assertEquals(0.0, gauge(meters, SloMeterNames.BURN_RATE, "idle", "window", "5m"));
    assertEquals(0.0, gauge(meters, SloMeterNames.ERROR_BUDGET_REMAINING, "idle"));
    assertEquals(0.0, gauge(meters, SloMeterNames.SLI, "idle"));
    for (Gauge g : meters.get(SloMeterNames.DATA_PRESENT).gauges()) {
      assertEquals(0.0, g.value(), g.getId().toString());
    }
  }

  static void assertNoNaN(MeterRegistry r) {
    for (Meter m : r.getMeters()) {
      for (Measurement x : m.measure()) {
        assertFalse(Double.isNaN(x.getValue()), m.getId().toString());
      }
    }
  }

  @Test
  void theMetersOfAGroupCreatedAfterBindingAppear() {
    GroupedSloRecorder grouped = slos.registerGrouped(availability("tenants"), 10);
    SloMeterBinder.monitor(meters, slos);
    assertTrue(meters.find(SloMeterNames.EVENTS).meters().isEmpty(), "no group yet");
    grouped.group("acme").recordCounts(5, 6);
    tick(); // a group created on a recording thread is told at the next tick
    assertEquals(5.0, meters.get(SloMeterNames.EVENTS).tags("group", "acme", "outcome", "good").functionCounter().count());
    assertEquals(1.0, meters.get(SloMeterNames.EVENTS).tags("group", "acme", "outcome", "bad").functionCounter().count());
    assertEquals(2, meters.find(SloMeterNames.EVENTS).meters().size());
  }

  @Test
  void theMetersOfAnSloRegisteredAfterBindingAppear() {
    SloMeterBinder.monitor(meters, slos);
    slos.register(availability("late")).recordCounts(4, 4);
    assertEquals(4.0, counter(meters, "late", "good"));
  }

  @Test
  void theMetersOfAnUnregisteredSloAreRemoved() {
    slos.register(availability("gone"));
    slos.registerGrouped(availability("gone-too"), 10).group("acme");
    slos.register(availability("kept"));
    SloMeterBinder.monitor(meters, slos);
    tick();
    assertTrue(slos.unregister("gone"));
    assertTrue(slos.unregister("gone-too"));
    tick();
    assertTrue(meters.find(SloMeterNames.EVENTS).tag("slo", "gone").meters().isEmpty());
    assertTrue(meters.find(SloMeterNames.BURN_RATE).tag("slo", "gone").meters().isEmpty());
    assertTrue(meters.find(SloMeterNames.EVENTS).tag("slo", "gone-too").meters().isEmpty());
    assertEquals(2, meters.find(SloMeterNames.EVENTS).tag("slo", "kept").meters().size());
    for (Meter m : meters.getMeters()) {
      assertEquals("kept", m.getId().getTag("slo"), m.getId().toString());
    }
  }

  @Test
  void closingTheBinderRemovesItsMetersAndStopsFollowing() {
    slos.register(availability("pay"));
    SloMeterBinder binder = SloMeterBinder.monitor(meters, slos);
    binder.close();
    assertTrue(meters.getMeters().isEmpty(), meters.getMeters().toString());
    slos.register(availability("later"));
    assertTrue(meters.getMeters().isEmpty(), meters.getMeters().toString());
  }

  @Test
  void anUnregisteredRecorderCanBeCollectedWhileItsMetersAreStillHeld() {
    SloRecorder rec = slos.register(availability("weak"));
    SloMeterBinder binder = SloMeterBinder.monitor(meters, slos);
    rec.recordCounts(1, 1);
    // hold every meter strongly: a meter holding its recorder strongly would keep it alive
    List<Meter> held = new ArrayList<>(meters.getMeters());
    WeakReference<SloRecorder> ref = new WeakReference<>(rec);
    rec = null;
    assertTrue(slos.unregister("weak"));
    tick();
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
    }
    assertNull(ref.get(), "the recorder is still reachable after 50 collections");
    assertFalse(held.isEmpty());
    binder.close();
  }

  @Test
  void alertActiveFollowsTheMonitorPerSeverity() {
    SloRecorder rec = slos.register(availability("pay"));
    RegistryMonitor monitor = RegistryMonitor.builder().attach(slos);
    SloMeterBinder.monitor(meters, slos, monitor, Tags.of("env", "prod"));
    assertEquals(0.0, gauge(meters, SloMeterNames.ALERT_ACTIVE, "pay", "severity", "page"));
    assertEquals(0.0, gauge(meters, SloMeterNames.ALERT_ACTIVE, "pay", "severity", "ticket"));
    for (int i = 0; i < 10; i++) { // a full outage: the 1h/5m tier fires within minutes
      rec.recordCounts(0, 1000);
      tick();
    }
    assertEquals(1.0, gauge(meters, SloMeterNames.ALERT_ACTIVE, "pay", "severity", "page"));
    assertEquals("prod", meters.get(SloMeterNames.ALERT_ACTIVE).tag("severity", "page").gauge().getId().getTag("env"));
    monitor.close();
  }

  @Test
  void alertActiveOfAGroupCreatedAfterBindingFollowsThatGroupsMonitor() {
    GroupedSloRecorder grouped = slos.registerGrouped(availability("tenants"), 10);
    RegistryMonitor monitor = RegistryMonitor.builder().attach(slos);
    SloMeterBinder.monitor(meters, slos, monitor, Tags.empty());
    for (int i = 0; i < 10; i++) { // acme fails outright, globex is healthy
      grouped.group("acme").recordCounts(0, 1000);
      grouped.group("globex").recordCounts(1000, 1000);
      tick();
    }
    assertEquals(1.0, meters.get(SloMeterNames.ALERT_ACTIVE).tags("group", "acme", "severity", "page").gauge().value());
    assertEquals(0.0, meters.get(SloMeterNames.ALERT_ACTIVE).tags("group", "globex", "severity", "page").gauge().value());
    monitor.close();
  }

  @Test
  void theBurnRateGaugeIsTheRecordersWindowBurnRate() {
    SloRecorder rec = slos.register(availability("pay"));
    SloMeterBinder.monitor(meters, slos, "env", "test");
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    for (int i = 0; i < 40; i++) {
      long total = 1 + random.nextInt(5000);
      long good = total - random.nextInt((int) Math.min(total, 200) + 1);
      rec.recordCounts(good, total);
      tick();
      Target t = rec.definition().targets().get(0);
      for (Duration w : List.of(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1))) {
        double expected = rec.window(t, w).burnRate(t.objective()).orElseThrow();
        String label = SloMeterBinder.format(w);
        assertEquals(expected, gauge(meters, SloMeterNames.BURN_RATE, "pay", "window", label),
            "seed 11, step " + i + ", window " + label);
      }
      assertEquals(1.0, gauge(meters, SloMeterNames.DATA_PRESENT, "pay", "window", "5m"));
    }
    assertEquals("test", meters.get(SloMeterNames.BURN_RATE).tag("window", "5m").gauge().getId().getTag("env"));
  }

  @Test
  void withoutAMonitorNoAlertMeterIsPublished() {
    slos.register(availability("pay"));
    SloMeterBinder.monitor(meters, slos);
    assertTrue(meters.find(SloMeterNames.ALERT_ACTIVE).meters().isEmpty());
    assertFalse(meters.find(SloMeterNames.EVENTS).meters().isEmpty());
  }

  @Test
  void aLatencySloPublishesOneSeriesPerTarget() {
    SloDefinition slo = SloDefinition.builder("search-latency")
        .service("search")
        .sli(Sli.latency(LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("99"))))
        .build();
    SloRecorder rec = slos.register(slo);
    SloMeterBinder.monitor(meters, slos);
    rec.recordLatency(Duration.ofMillis(50), true);
    rec.recordLatency(Duration.ofMillis(500), true);
    Target t = slo.targets().get(0);
    assertEquals(1.0, meters.get(SloMeterNames.EVENTS).tags("target", t.name(), "outcome", "good").functionCounter().count());
    assertEquals(1.0, meters.get(SloMeterNames.EVENTS).tags("target", t.name(), "outcome", "bad").functionCounter().count());
  }

  @Test
  void aSecondBindingIsRefused() {
    SloMeterBinder binder = new SloMeterBinder(slos, Tags.empty());
    binder.bindTo(meters);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> binder.bindTo(new SimpleMeterRegistry()));
    assertEquals("binder is already bound to a meter registry or closed", e.getMessage());
  }

  @Test
  void nullArgumentsAreRefusedByName() {
    assertEquals("slos", assertThrows(NullPointerException.class, () -> new SloMeterBinder(null, Tags.empty())).getMessage());
    assertEquals("tags", assertThrows(NullPointerException.class, () -> new SloMeterBinder(slos, null)).getMessage());
    SloMeterBinder binder = new SloMeterBinder(slos, Tags.empty());
    assertEquals("registry", assertThrows(NullPointerException.class, () -> binder.bindTo(null)).getMessage());
  }

  @Test
  void windowsAreLabelledAsTheRuleFilesLabelThem() {
    assertEquals("5m", SloMeterBinder.format(Duration.ofMinutes(5)));
    assertEquals("1h30m", SloMeterBinder.format(Duration.ofMinutes(90)));
    assertEquals("3d", SloMeterBinder.format(Duration.ofDays(3)));
  }
}
