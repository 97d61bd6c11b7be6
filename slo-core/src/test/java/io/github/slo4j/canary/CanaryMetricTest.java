package io.github.slo4j.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.slo4j.Objective;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The metrics' defaults, directions, copies and text. */
class CanaryMetricTest {

  @Test
  void eachKindHasItsDirectionAndCriticalDefault() {
    List<CanaryMetric> all = List.of(
        CanaryMetric.errorRate("errors"),
        CanaryMetric.businessSuccess("checkout"),
        CanaryMetric.latency("p99", Duration.ofMillis(300)),
        CanaryMetric.saturation("pool-wait-ms", 50),
        CanaryMetric.dependencyPressure("db-calls"),
        CanaryMetric.burnRate("burn", Objective.percent("99.9"), 14.4));
    assertEquals(List.of(
        "errors (error rate, critical, +20% allowed)",
        "checkout (business success, critical, +20% allowed)",
        "p99 (latency > 300ms, critical, +20% allowed)",
        "pool-wait-ms (saturation > 50, not critical, +20% allowed)",
        "db-calls (dependency pressure, not critical, +20% allowed)",
        "burn (burn rate <= 14.4x of 99.9%, critical)"),
        all.stream().map(CanaryMetric::toString).collect(Collectors.toList()));
    assertEquals(List.of(CanaryMetric.Direction.HIGHER_IS_WORSE, CanaryMetric.Direction.LOWER_IS_WORSE,
        CanaryMetric.Direction.HIGHER_IS_WORSE, CanaryMetric.Direction.HIGHER_IS_WORSE,
        CanaryMetric.Direction.HIGHER_IS_WORSE, CanaryMetric.Direction.HIGHER_IS_WORSE),
        all.stream().map(CanaryMetric::direction).collect(Collectors.toList()));
    assertEquals(OptionalDouble.empty(), all.get(5).allowedIncrease());
    assertEquals(14.4 * 0.001, all.get(5).limit().getAsDouble(), 1e-15);
  }

  @Test
  void settersReturnChangedCopiesAndLeaveTheOriginal() {
    CanaryMetric errors = CanaryMetric.errorRate("errors");
    CanaryMetric strict = errors.allowedIncrease(0).critical(false).limit(0.02);
    assertEquals("errors (error rate, not critical, +0% allowed, limit 2%)", strict.toString());
    assertEquals(OptionalDouble.of(CanaryMetric.DEFAULT_ALLOWED_INCREASE), errors.allowedIncrease());
    assertEquals(OptionalDouble.empty(), errors.limit());
    assertNotEquals(errors, strict);
    assertEquals(strict, CanaryMetric.errorRate("errors").critical(false).limit(0.02).allowedIncrease(0));
    assertEquals(strict.hashCode(), CanaryMetric.errorRate("errors").critical(false).limit(0.02).allowedIncrease(0).hashCode());
  }
}
