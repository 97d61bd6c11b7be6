package io.github.slo4j.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ChangeMarker;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.recorder.GroupedSloRecorder;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 9: one monitor for a whole registry, groups created on the fly included, detachable. */
class RegistryMonitorTest {
  private static final SloDefinition SLO = Slos.workbook();
  private static final String ID = SLO.id();
  private static final Duration TEN_S = Duration.ofSeconds(10);

  private final ManualTimeSource clock = ManualTimeSource.startingAt(Slos.START);
  private final SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();

  private void tick(Duration base) {
    clock.advance(base);
    registry.tick();
  }

  /** Ticks {@code n} intervals of 10 s, recording {@code good} of 1,000 events into each recorder. */
  private void run(int n, long good, SloRecorder... recorders) {
    for (int i = 0; i < n; i++) {
      for (SloRecorder r : recorders) {
        r.recordCounts(good, 1000);
      }
      tick(TEN_S);
    }
  }

  @Test
  void groupsCreatedWhileAttachedAreMonitoredAndAnOutageInOneGroupPagesThatGroupOnly() {
    GroupedSloRecorder checkout = registry.registerGrouped(SLO, 10);
    List<AlertTransition> heard = new ArrayList<>();
    RegistryMonitor alerting = RegistryMonitor.builder().listener(heard::add).attach(registry);
    assertEquals(List.of(), alerting.monitors(), "no group yet");
    SloRecorder a = checkout.group("tenant-a");
    SloRecorder b = checkout.group("tenant-b");
    // one clean hour in both groups, then a full outage in tenant-a only (as MonitorTest: it pages
    // at the sixth outage interval)
    run(360, 1000, a, b);
    assertEquals(2, alerting.monitors().size(), "both groups appeared on the fly");
    for (int i = 0; i < 12; i++) {
      a.recordCounts(0, 1000);
      b.recordCounts(1000, 1000);
      tick(TEN_S);
    }
    SloMonitor ma = alerting.monitor(ID, "tenant-a").orElseThrow();
    SloMonitor mb = alerting.monitor(ID, "tenant-b").orElseThrow();
    assertEquals(Optional.of("tenant-a"), ma.groupKey());
    assertEquals(1, ma.activeAlerts().size());
    assertEquals(Severity.PAGE, ma.activeAlerts().get(0).severity());
    assertEquals(List.of(), mb.activeAlerts());
    List<AlertTransition> pages = heard.stream().filter(AlertTransition::notifies).toList();
    assertEquals(1, pages.size(), "one page, for tenant-a: " + heard);
    assertEquals(AlertState.FIRING, pages.get(0).to());
    assertTrue(alerting.monitor(ID).isEmpty(), "a grouped SLO has monitors per group only");
    assertEquals("SloMonitor[checkout-availability[tenant-a]]", ma.toString());
  }

  @Test
  void anSloRegisteredWhileAttachedIsMonitoredAndTheExistingOnesAtOnce() {
    SloRecorder first = registry.register(Slos.week());
    RegistryMonitor alerting = RegistryMonitor.builder().attach(registry);
    assertTrue(alerting.monitor(Slos.week().id()).isPresent(), "an SLO there was when attached");
    SloRecorder later = registry.register(SLO);
    run(1, 1000, first, later);
    SloMonitor m = alerting.monitor(ID).orElseThrow();
    assertEquals(clock.now(), m.health().at(), "evaluated at the registry's tick");
    assertEquals(2, alerting.monitors().size());
  }

  @Test
  void closingTheHandleStopsEvaluation() {
    SloRecorder r = registry.register(SLO);
    List<AlertTransition> heard = new ArrayList<>();
    RegistryMonitor alerting = RegistryMonitor.builder().listener(heard::add).attach(registry);
    run(360, 1000, r);
    SloMonitor m = alerting.monitor(ID).orElseThrow();
    Instant lastEvaluated = m.health().at();
    alerting.close();
    alerting.close();
    assertTrue(alerting.closed());
    run(12, 0, r); // an outage that pages when monitored
    assertEquals(List.of(), heard);
    assertEquals(List.of(), m.activeAlerts());
    assertEquals(lastEvaluated, m.health().at(), "not evaluated since the handle was closed");
    registry.register(Slos.week());
    assertTrue(alerting.monitor(Slos.week().id()).isEmpty(), "a closed monitor follows nothing");
  }

  @Test
  void unregisteringAnSloDropsItsMonitor() {
    registry.register(SLO);
    GroupedSloRecorder g = registry.registerGrouped(Slos.week(), 5);
    g.group("x");
    RegistryMonitor alerting = RegistryMonitor.builder().attach(registry);
    assertEquals(2, alerting.monitors().size());
    registry.unregister(ID);
    registry.unregister(Slos.week().id());
    assertTrue(alerting.monitor(ID).isEmpty());
    assertTrue(alerting.monitor(Slos.week().id(), "x").isEmpty());
    assertEquals(List.of(), alerting.monitors());
    // the id can be registered again, with a monitor of its own
    registry.register(SLO);
    assertTrue(alerting.monitor(ID).isPresent());
  }

  @Test
  void timeAndIntervalComeFromTheRegistry() {
    Duration minute = Duration.ofMinutes(1);
    SloRegistry slow = SloRegistry.builder().timeSource(clock).manualTicks().baseInterval(minute).build();
    SloRecorder r = slow.register(Slos.week());
    List<PolicyDecision> decided = new ArrayList<>();
    RegistryMonitor alerting =
        RegistryMonitor.builder()
            .policy(
                slo ->
                    Optional.of(
                        BudgetPolicy.builder("p", "1")
                            .approvedBy("Dana", Instant.parse("2025-12-15T09:00:00Z"))
                            .freezeWhenExhausted()
                            .build()))
            .decisionListener(decided::add)
            .attach(slow);
    SloMonitor m = alerting.monitor(Slos.week().id()).orElseThrow();
    assertEquals(minute, alerting.evaluationInterval());
    assertEquals(minute, m.rules().evaluationInterval(), "the default rules are derived at the base interval");
    // a clean day, then a full outage far longer than the 7-day budget (10m4.8s)
    for (int i = 0; i < 24 * 60 + 20; i++) {
      r.recordCounts(i < 24 * 60 ? 6000 : 0, 6000);
      clock.advance(minute);
      slow.tick();
    }
    assertTrue(m.frozen(), "exhausted: " + decided);
    assertEquals(PolicyDecision.Kind.FREEZE, decided.get(0).kind(), "a decision reaches a plain lambda");
    clock.advance(Duration.ofSeconds(17)); // between two boundaries
    PolicyDecision override = m.overrideFreeze("Dana", "the fix is the release");
    assertEquals(clock.now(), override.at(), "stamped with the registry's time source");
    assertSame(override, decided.get(decided.size() - 1));
  }

  @Test
  void rulesWhoseEvaluationIntervalIsNotTheBaseIntervalAreRefusedAtAttach() {
    SloRegistry slow =
        SloRegistry.builder().timeSource(clock).manualTicks().baseInterval(Duration.ofMinutes(1)).build();
    slow.register(SLO);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RegistryMonitor.builder().rules(AlertRules::defaults).attach(slow));
    assertEquals(
        "rules: evaluation interval 10s of SLO checkout-availability (expected the source's base interval, 1m)",
        e.getMessage());
  }

  @Test
  void rulesRefusedForAnSloRegisteredWhileAttachedAreLoggedCountedAndStopNoOtherSlo() {
    SloRegistry slow =
        SloRegistry.builder().timeSource(clock).manualTicks().baseInterval(Duration.ofMinutes(1)).build();
    SloRecorder fine = slow.register(Slos.week());
    RegistryMonitor alerting =
        RegistryMonitor.builder()
            .rules(
                slo ->
                    slo.id().equals(ID)
                        ? AlertRules.defaults(slo)
                        : AlertRules.builder(slo).evaluationInterval(Duration.ofMinutes(1)).build())
            .attach(slow);
    slow.register(SLO);
    assertTrue(alerting.monitor(ID).isEmpty());
    assertEquals(1, alerting.evaluationFailures());
    fine.recordGood();
    clock.advance(Duration.ofMinutes(1));
    slow.tick();
    assertEquals(clock.now(), alerting.monitor(Slos.week().id()).orElseThrow().health().at());
  }

  @Test
  void aListenerThatThrowsStopsNeitherTheOtherSlosNorTheTicker() {
    GroupedSloRecorder checkout = registry.registerGrouped(SLO, 10);
    List<AlertTransition> heard = new ArrayList<>();
    RegistryMonitor alerting =
        RegistryMonitor.builder()
            .listener(t -> { throw new IllegalStateException("pager down"); })
            .listener(heard::add)
            .attach(registry);
    SloRecorder a = checkout.group("a");
    SloRecorder b = checkout.group("b");
    run(360, 1000, a, b);
    run(12, 0, a, b);
    assertEquals(2, heard.stream().filter(AlertTransition::notifies).count(), "both groups paged");
    assertEquals(heard.size(), alerting.listenerFailures());
  }

  @Test
  void nullArgumentsAreRefusedWithTheirName() {
    RegistryMonitor.Builder b = RegistryMonitor.builder();
    assertEquals("rules: null (expected a value)", assertThrows(NullPointerException.class, () -> b.rules(null)).getMessage());
    assertEquals("policy: null (expected a value)", assertThrows(NullPointerException.class, () -> b.policy(null)).getMessage());
    assertEquals(
        "listener: null (expected a value)",
        assertThrows(NullPointerException.class, () -> b.decisionListener(null)).getMessage());
    assertEquals("source: null (expected a value)", assertThrows(NullPointerException.class, () -> b.attach(null)).getMessage());
    RegistryMonitor m = b.attach(registry);
    assertEquals("sloId: null (expected a value)", assertThrows(NullPointerException.class, () -> m.monitor(null)).getMessage());
  }

  @Test
  void aBlockedListenerDelaysNeitherAnotherSlosEvaluationNorTheReleaseGate() throws InterruptedException {
    SloRecorder a = registry.register(SLO);
    SloDefinition other = SloDefinition.builder("payments-availability")
        .service("payments")
        .objective(SLO.objective())
        .build();
    SloRecorder b = registry.register(other);
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RegistryMonitor alerting =
        RegistryMonitor.builder()
            .listener(
                t -> {
                  if (t.notifies() && t.alert().sloId().equals(ID)) {
                    entered.countDown();
                    try {
                      release.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }
                })
            .attach(registry);
    Thread ticker =
        new Thread(
            () -> {
              run(360, 1000, a, b);
              for (int i = 0; i < 12 && entered.getCount() > 0; i++) {
                run(1, 0, a, b); // both SLOs page at the same tick
              }
            },
            "ticker");
    ticker.start();
    try {
      assertTrue(entered.await(10, TimeUnit.SECONDS), "the page of " + ID + " reached the listener");
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () -> {
            assertEquals(1, alerting.monitor(other.id()).orElseThrow().activeAlerts().size(), "evaluated already");
            SloMonitor blocked = alerting.monitor(ID).orElseThrow();
            assertTrue(blocked.mayShip(ChangeMarker.deploy("checkout", "1.43.0", Slos.START)).allowed());
            assertEquals(1, blocked.health().activeAlerts());
          });
    } finally {
      release.countDown();
      ticker.join(10_000);
    }
    assertFalse(ticker.isAlive());
  }
}
