package io.github.slo4j.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.slo4j.ChangeMarker;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.github.slo4j.replay.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The worked examples of docs/canary.md, verbatim between the doc markers. */
class CanaryDocTest {

  @Test
  void fromTwoRecorders() {
    // tag::canary-recorders[]
    SloDefinition slo = SloDefinition.builder("checkout-availability")
        .service("checkout")
        .objective(Objective.percent("99.9"))
        .build();
    ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-06-01T00:00:00Z"));
    SloRegistry canaryRegistry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRegistry baselineRegistry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    SloRecorder canary = canaryRegistry.register(slo);       // the pods running the new version
    SloRecorder baseline = baselineRegistry.register(slo);   // the pods running the old one

    CanaryGate gate = CanaryGate.builder()
        .metric(CanaryMetric.errorRate("errors"))                              // may rise 20 %
        .metric(CanaryMetric.burnRate("burn", slo.objective(), 14.4))          // never page-worthy
        .duration(Duration.ofMinutes(5), Duration.ofMinutes(30))
        .build();

    CanaryReport report = null;
    for (int i = 1; i <= 180 && (report == null || report.verdict() == Verdict.HOLD); i++) {
      canary.recordCounts(i % 2 == 0 ? 49 : 48, 50);          // 3 % errors: a bad build
      baseline.recordCounts(449, 450);                        // 0.2 %
      clock.advance(Duration.ofSeconds(10));
      canaryRegistry.tick();
      baselineRegistry.tick();
      Duration elapsed = Duration.ofSeconds(10L * i);         // poll every 10 s: safe
      report = gate.evaluate(gate.observe(elapsed)
          .window("errors", canary, baseline, slo.targets().get(0), elapsed)
          .window("burn", canary, null, slo.targets().get(0), elapsed)
          .build());
    }
    String incident = report.toString();   // paste into the incident channel
    // end::canary-recorders[]
    assertEquals(Verdict.ROLLBACK, report.verdict());
    assertEquals(String.join("\n",
        "ROLLBACK at 30s, volume 150: critical metric errors shows harm (false-rollback rate <= 0.05)",
        "errors (error rate, critical, +20% allowed): canary 5/150 (3.33%) vs baseline 3/1350 (0.222%): HARM,"
            + " BF 128 >= 1/α = 20, Fisher p 0.00041",
        "burn (burn rate <= 14.4x of 99.9%, critical): canary 5/150 (3.33%): INCONCLUSIVE, limit 1.44%"
            + " INCONCLUSIVE (BF 0.148)"), incident);
    canaryRegistry.close();
    baselineRegistry.close();
  }

  @Test
  void fromCountsAndHistograms() {
    Histogram canaryLatency = new Histogram(3);
    Histogram baselineLatency = new Histogram(3);
    for (int i = 0; i < 3000; i++) {
      canaryLatency.recordValue(i % 20 == 0 ? 450_000 : 120_000 + i);   // 5 % above 300 ms
      baselineLatency.recordValue(i % 100 == 0 ? 450_000 : 120_000 + i); // 1 %
    }
    // tag::canary-counts[]
    CanaryGate gate = CanaryGate.builder()
        .metric(CanaryMetric.errorRate("errors"))
        .metric(CanaryMetric.businessSuccess("checkout").allowedIncrease(0.1))
        .metric(CanaryMetric.latency("p99", Duration.ofMillis(300)))
        .metric(CanaryMetric.saturation("pool-wait-ms", 50).limit(0.05))      // not critical
        .metric(CanaryMetric.dependencyPressure("db-calls"))                   // not critical
        .alpha(0.01)
        .build();

    CanaryReport report = gate.evaluate(gate.observe(Duration.ofMinutes(12))
        .counts("errors", 3, 3000, 25, 27_000)
        .successes("checkout", 580, 600, 5230, 5400)
        .latency("p99", canaryLatency, baselineLatency, TimeUnit.MICROSECONDS)
        .gauge("pool-wait-ms", new double[] {3, 8, 12, 61, 4}, new double[] {2, 9, 5, 7, 3})
        .rates("db-calls", 6100, 3000, 54_900, 27_000)
        .build());
    // end::canary-counts[]
    assertEquals(Verdict.ROLLBACK, report.verdict(), report::toString);
    assertEquals(List.of("p99"), report.harmed().stream().map(m -> m.metric().name()).toList());
  }

  @Test
  void theReleaseGate() {
    CanaryGate gate = CanaryGate.builder().metric(CanaryMetric.errorRate("errors")).build();
    CanaryReport report = gate.evaluate(gate.observe(Duration.ofHours(1)).counts("errors", 9, 18_000, 80, 162_000).build());
    SloDefinition slo = SloDefinition.builder("checkout-availability")
        .service("checkout").objective(Objective.percent("99.9")).build();
    Replay.of(slo).duration(Duration.ofMinutes(10)).traffic(Replay.Traffic.steady(10, 0)).at(Duration.ofMinutes(5), monitor -> {
      // tag::canary-release[]
      ChangeMarker change = ChangeMarker.deploy("checkout", "1.43.0", Instant.now());
      var decision = report.releaseDecision(monitor, change);   // budget policy and canary together
      if (!decision.allowed()) {
        throw new IllegalStateException("not promoting: " + decision.reason());
      }
      // end::canary-release[]
      assertFalse(decision.reason().isEmpty());
    }).run();
  }
}
