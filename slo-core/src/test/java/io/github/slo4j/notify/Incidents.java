package io.github.slo4j.notify;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ChangeLog;
import io.github.slo4j.ChangeMarker;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertListener;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Real alerts for the notifier tests: SLOs on a registry driven by hand, a {@link RegistryMonitor}
 * with the default rules, and outages that fire the 1 h / 5 m page. Each SLO {@code i} is {@code
 * checkout-availability} (i = 0) or {@code checkout-availability-i}, service {@code checkout},
 * owner {@code team-checkout}, with a runbook, a dashboard link and a deploy recorded before the
 * outage.
 */
final class Incidents {
  static final Duration TEN_S = Duration.ofSeconds(10);

  final ManualTimeSource clock;
  final SloRegistry registry;
  final ChangeLog changes = ChangeLog.create();
  final RegistryMonitor monitor;
  final List<SloRecorder> recorders = new ArrayList<>();
  /** Every transition, in order; read on the test thread (ticks are manual). */
  final List<AlertTransition> seen = new ArrayList<>();

  Incidents(Instant start, AlertListener listener, int slos) {
    this(start, listener, slos, null);
  }

  /** With a group key: each SLO is grouped, and the traffic is that group's. */
  Incidents(Instant start, AlertListener listener, int slos, String groupKey) {
    clock = ManualTimeSource.startingAt(start);
    registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    for (int i = 0; i < slos; i++) {
      SloDefinition slo = slo(i == 0 ? "checkout-availability" : "checkout-availability-" + i);
      recorders.add(groupKey == null ? registry.register(slo) : registry.registerGrouped(slo, 10).group(groupKey));
    }
    monitor =
        RegistryMonitor.builder()
            .rules(
                slo ->
                    AlertRules.builder(slo)
                        .evaluationInterval(TEN_S)
                        .link("dashboard", "https://grafana.example.com/d/slo?var-slo={slo}&from={start}&to={end}")
                        .link("traces", "https://tempo.example.com/search?service={service}&start={startSeconds}")
                        .build())
            .changes(changes)
            .listener(seen::add)
            .listener(listener)
            .attach(registry);
  }

  /** A clock near the real time, aligned to 10 s, so that a real Alertmanager sees current alerts. */
  static Instant recentStart(Duration before) {
    long now = System.currentTimeMillis() - before.toMillis();
    return Instant.ofEpochMilli(now - now % 10_000);
  }

  static SloDefinition slo(String id) {
    return SloDefinition.builder(id)
        .service("checkout")
        .objective(Objective.percent("99.9"))
        .owner("team-checkout")
        .runbook(URI.create("https://runbooks.example.com/checkout-availability"))
        .build();
  }

  /** {@code d} of clean traffic on every SLO, 1,000 requests per 10 s. */
  void clean(Duration d) {
    run(d.dividedBy(TEN_S), 1000);
  }

  private void run(long ticks, long good) {
    for (long i = 0; i < ticks; i++) {
      for (SloRecorder r : recorders) {
        r.recordCounts(good, 1000);
      }
      clock.advance(TEN_S);
      registry.tick();
    }
  }

  /** {@code d} without any traffic. */
  void silence(Duration d) {
    for (long i = 0; i < d.dividedBy(TEN_S); i++) {
      clock.advance(TEN_S);
      registry.tick();
    }
  }

  /** A deploy, then a full outage on every SLO until each has fired its page; the last such transition. */
  AlertTransition fire() {
    changes.record(ChangeMarker.deploy("checkout", "1.42.0", clock.now()));
    return until(t -> t.to() == AlertState.FIRING, 0);
  }

  /** Clean traffic until every SLO's page has resolved; the last such transition. */
  AlertTransition resolve() {
    return until(t -> t.from() == AlertState.FIRING && t.to() == AlertState.RESOLVED, 1000);
  }

  private AlertTransition until(Predicate<AlertTransition> p, long good) {
    int from = seen.size();
    for (int i = 0; i < 1000; i++) {
      run(1, good);
      List<AlertTransition> matching = seen.subList(from, seen.size()).stream().filter(p).toList();
      if (matching.size() >= recorders.size()) {
        return matching.get(matching.size() - 1);
      }
    }
    assertTrue(false, "no such transition in 1000 ticks: " + seen);
    throw new AssertionError();
  }
}
