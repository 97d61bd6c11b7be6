package io.github.slo4j.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.Objective;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every bad input of the canary package, refused with its exact message. */
class CanaryBadInputTest {
  private static final Objective NINES = Objective.percent("99.9");

  private static void refused(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
  }

  private static void nullRefused(String message, Executable call) {
    assertEquals(message, assertThrows(NullPointerException.class, call).getMessage());
  }

  private static void stateRefused(String message, Executable call) {
    assertEquals(message, assertThrows(IllegalStateException.class, call).getMessage());
  }

  @Test
  void metrics() {
    nullRefused("name: null (expected a value)", () -> CanaryMetric.errorRate(null));
    refused("name: ' ' (expected a non-blank name)", () -> CanaryMetric.businessSuccess(" "));
    refused("threshold: 0s (expected a duration > 0)", () -> CanaryMetric.latency("p99", Duration.ZERO));
    refused("threshold: NaN (expected a finite number)", () -> CanaryMetric.saturation("pool", Double.NaN));
    refused("maxBurnRate: 0.0 (expected a finite number > 0)", () -> CanaryMetric.burnRate("burn", NINES, 0));
    refused("maxBurnRate: 1000.0 (expected maxBurnRate < 1000.0 for objective 99.9%)",
        () -> CanaryMetric.burnRate("burn", NINES, 1000));
    nullRefused("objective: null (expected a value)", () -> CanaryMetric.burnRate("burn", null, 1));
    refused("allowedIncrease: -0.1 (expected a finite number >= 0)",
        () -> CanaryMetric.errorRate("errors").allowedIncrease(-0.1));
    refused("allowedIncrease: 0.1 (expected no allowed increase on burn-rate guard 'burn': it has no baseline)",
        () -> CanaryMetric.burnRate("burn", NINES, 2).allowedIncrease(0.1));
    refused("limit: 1.5 (expected 0 < limit < 1)", () -> CanaryMetric.saturation("pool", 50).limit(1.5));
    refused("limit: 0.1 (expected no limit on dependency pressure metric 'db')",
        () -> CanaryMetric.dependencyPressure("db").limit(0.1));
    refused("limit: 0.1 (expected no limit on burn rate metric 'burn')",
        () -> CanaryMetric.burnRate("burn", NINES, 2).limit(0.1));
  }

  @Test
  void gates() {
    refused("metric: 'errors' (expected a name no other metric of the gate has)",
        () -> CanaryGate.builder().metric(CanaryMetric.errorRate("errors")).metric(CanaryMetric.latency("errors", Duration.ofMillis(1))));
    nullRefused("metric: null (expected a value)", () -> CanaryGate.builder().metric(null));
    refused("alpha: 0.0 (expected 0 < alpha < 1)", () -> CanaryGate.builder().alpha(0));
    refused("alpha: 1.0 (expected 0 < alpha < 1)", () -> CanaryGate.builder().alpha(1));
    refused("min: -1s (expected >= 0)", () -> CanaryGate.builder().duration(Duration.ofSeconds(-1), Duration.ofHours(1)));
    refused("max: 0s (expected a duration > 0)", () -> CanaryGate.builder().duration(Duration.ZERO, Duration.ZERO));
    refused("min: 2h (expected <= max (1h))", () -> CanaryGate.builder().duration(Duration.ofHours(2), Duration.ofHours(1)));
    refused("min: -1 (expected >= 0)", () -> CanaryGate.builder().volume(-1, 10));
    refused("max: 0 (expected >= 1)", () -> CanaryGate.builder().volume(0, 0));
    refused("min: 10 (expected <= max (5))", () -> CanaryGate.builder().volume(10, 5));
    stateRefused("metrics: none (expected at least one metric)", () -> CanaryGate.builder().build());
  }

  @Test
  void observations() {
    CanaryGate gate = CanaryGate.builder()
        .metric(CanaryMetric.errorRate("errors"))
        .metric(CanaryMetric.latency("p99", Duration.ofMillis(300)))
        .metric(CanaryMetric.saturation("pool", 50))
        .metric(CanaryMetric.dependencyPressure("db"))
        .build();
    refused("elapsed: -1s (expected >= 0)", () -> gate.observe(Duration.ofSeconds(-1)));
    nullRefused("elapsed: null (expected a value)", () -> gate.observe(null));
    CanaryObservation.Builder b = gate.observe(Duration.ofMinutes(1));
    refused("metric: 'nope' (expected one of [errors, p99, pool, db])", () -> b.counts("nope", 0, 0, 0, 0));
    refused("canaryBad: 5 (expected <= canaryTotal (4))", () -> b.counts("errors", 5, 4, 0, 0));
    refused("baselineTotal: -1 (expected >= 0)", () -> b.counts("errors", 0, 4, 0, -1));
    refused("latency of metric: 'errors' (error rate) (expected a latency metric)",
        () -> b.latency("errors", new Histogram(3), new Histogram(3), TimeUnit.MILLISECONDS));
    refused("successes of metric: 'errors' (error rate) (expected a business success metric)",
        () -> b.successes("errors", 1, 1, 1, 1));
    refused("counts of metric: 'db' (dependency pressure) (expected any metric but dependency pressure (use rates))",
        () -> b.counts("db", 0, 1, 0, 1));
    refused("window of metric: 'db' (dependency pressure) (expected any metric but dependency pressure (use rates))",
        () -> b.window("db", Rollout.EVENTS_READER, Rollout.EVENTS_READER, Rollout.EVENTS, Duration.ofMinutes(1)));
    refused("canaryCalls: -2 (expected >= 0)", () -> b.rates("db", -2, 1, 0, 1));
    refused("canarySamples[1]: NaN (expected a number)", () -> b.gauge("pool", new double[] {1, Double.NaN}, new double[0]));
    nullRefused("baseline: null (expected a value)",
        () -> b.window("errors", Rollout.EVENTS_READER, null, Rollout.EVENTS, Duration.ofMinutes(1)));
    b.counts("errors", 0, 0, 0, 0);
    refused("metric: 'errors' (expected each metric given once)", () -> b.counts("errors", 1, 1, 1, 1));
    stateRefused("observation: no data given for [p99, pool, db] (expected one call per metric: counts,"
        + " successes, latency, gauge, rates or window)", b::build);
    CanaryGate other = CanaryGate.builder().metric(CanaryMetric.errorRate("errors")).build();
    CanaryObservation foreign = other.observe(Duration.ZERO).counts("errors", 0, 0, 0, 0).build();
    refused("observation: from another gate (expected one made by this gate's observe())", () -> gate.evaluate(foreign));
    nullRefused("observation: null (expected a value)", () -> gate.evaluate(null));
  }

  @Test
  void quantileBounds() {
    refused("quantile: 1.0 (expected 0 < quantile < 1)",
        () -> new QuantileBound("canary", 1, 10, Optional.empty(), Optional.empty()));
    refused("samples: -1 (expected >= 0)",
        () -> new QuantileBound("canary", 0.99, -1, Optional.empty(), Optional.empty()));
  }

  @Test
  void kayentaJudges() {
    refused("name: 'lat' (expected a name no other metric of the judge has)", () -> KayentaJudge.builder()
        .metric("lat", "latency", KayentaJudge.FailOn.INCREASE, false)
        .metric("lat", "errors", KayentaJudge.FailOn.INCREASE, false));
    refused("weight: 0.0 (expected a finite number > 0)", () -> KayentaJudge.builder().weight("latency", 0));
    refused("thresholds: marginal 90.0, pass 80.0 (expected 0 <= marginal <= pass <= 100)",
        () -> KayentaJudge.builder().thresholds(90, 80));
    stateRefused("metrics: none (expected at least one metric)", () -> KayentaJudge.builder().build());
    KayentaJudge judge = KayentaJudge.builder().metric("lat", "latency", KayentaJudge.FailOn.INCREASE, false).build();
    refused("canary metric: 'cpu' (expected a metric of the judge)",
        () -> judge.judge(Map.of("cpu", new double[] {1}), Map.of()));
    refused("baseline 'lat'[1]: Infinity (expected a finite number)",
        () -> judge.judge(Map.of("lat", new double[] {1}), Map.of("lat", new double[] {1, Double.POSITIVE_INFINITY})));
  }
}
