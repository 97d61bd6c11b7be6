package io.github.slo4j.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ChangeLog;
import io.github.slo4j.ChangeMarker;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.github.slo4j.replay.Replay;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked example of docs/alerting.md, verbatim between the doc markers. */
class AlertingDocTest {

  @Test
  void workedExample() {
    // tag::alerting-example[]
    SloDefinition slo = SloDefinition.builder("checkout-availability")
        .service("checkout")
        .objective(Objective.percent("99.9"))
        .period(CompliancePeriod.rollingDays(30))
        .owner("team-payments")
        .runbook(URI.create("https://runbooks.example.com/checkout"))
        .build();

    AlertRules rules = AlertRules.builder(slo)          // the default tiers: the Workbook's three, Sloth's 1 d ticket
        .link("dashboard", "https://grafana.example.com/d/red?var-service={service}&from={start}&to={end}")
        .link("traces", "https://traces.example.com/search?service={service}&start={startMicros}&end={endMicros}")
        .requireRunbookWithOwner()
        .build();

    // Three clean days at 100 requests/s, then 15 % errors for 10 minutes, then clean again.
    Replay.Result result = Replay.of(slo)
        .rules(rules)
        .change(ChangeMarker.deploy("checkout", "1.42.0", Instant.parse("2026-01-03T23:58:00Z")))
        .traffic(Replay.Traffic.phases()
            .steady(Duration.ofDays(3), 100, 0.0)
            .steady(Duration.ofMinutes(10), 100, 0.15)
            .steady(Duration.ofHours(7), 100, 0.0)
            .build())
        .run();

    assertEquals(List.of(
            "+3d5m50s alert checkout-availability/events page 1h/5m > 14.4: inactive -> firing",
            "+3d19m40s alert checkout-availability/events page 1h/5m > 14.4: firing -> resolved"),
        result.timeline());

    AlertTransition page = result.notifications().get(0);
    assertEquals(
        "[page] checkout/checkout-availability events: burn 14.58 over 1h, 150 over 5m (> 14.4); "
            + "this episode spent 2.025% of the period's projected budget; the period so far consumed "
            + "20.23% of its budget (2.025% of the period's projected budget); exhausted in 4h42m at this rate; "
            + "1 change in the burn window or the 2h before it, newest: "
            + "deploy checkout 1.42.0 at 2026-01-03T23:58:00Z",
        page.alert().summary());
    assertEquals(URI.create("https://grafana.example.com/d/red?var-service=checkout"
            + "&from=1767481550000&to=1767485150000"),
        page.alert().links().get("dashboard"));
    // end::alerting-example[]
  }

  @Test
  void registryWideMonitor() {
    ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
    SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRecorder recorder = registry.register(Slos.workbook());
    ChangeLog changeLog = ChangeLog.create();
    List<String> sent = new ArrayList<>();
    Pager pager = (summary, links) -> sent.add(summary);
    // tag::registry-monitor[]
    RegistryMonitor alerting = RegistryMonitor.builder()   // every SLO and group of the registry
        .rules(slo -> AlertRules.builder(slo)                // the Workbook's tiers and Sloth's 1 d ticket
            .evaluationInterval(registry.baseInterval())     // must be the registry's
            .build())
        .changes(changeLog)                                  // deploys, config flips, feature flags
        .listener(t -> { if (t.notifies()) pager.send(t.alert().summary(), t.alert().links()); })
        .attach(registry);                                   // evaluated at every closed 10 s interval
    // end::registry-monitor[]
    for (int i = 0; i < 366; i++) {
      recorder.recordCounts(i < 360 ? 1000 : 0, 1000);
      clock.advance(Duration.ofSeconds(10));
      registry.tick();
    }
    assertEquals(1, sent.size());
    assertTrue(sent.get(0).startsWith("[page] checkout/checkout-availability events"), sent.get(0));
    alerting.close();
  }

  /** Stands for whatever the service pages with. */
  interface Pager {
    void send(String summary, Map<String, URI> links);
  }
}
