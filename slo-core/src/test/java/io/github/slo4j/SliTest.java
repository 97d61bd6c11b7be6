package io.github.slo4j;

import static io.github.slo4j.ErrorBudgetTest.refused;
import static io.github.slo4j.ErrorBudgetTest.refusedNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SliTest {
  static LatencyThreshold le(long millis, String percent) {
    return LatencyThreshold.of(Duration.ofMillis(millis), Objective.percent(percent));
  }

  @Test
  void eventsIsOneValue() {
    assertSame(Sli.events(), Sli.events());
    assertEquals(new Sli.Events(), Sli.events());
    assertEquals("events", Sli.events().toString());
  }

  @Test
  void latencyThresholdsAreSortedAscending() {
    Sli.Latency sli = (Sli.Latency) Sli.latency(le(500, "99"), le(100, "90"), le(250, "95"));
    assertEquals(List.of(le(100, "90"), le(250, "95"), le(500, "99")), sli.thresholds());
    assertThrows(UnsupportedOperationException.class, () -> sli.thresholds().clear());
  }

  @Test
  void latencyCopiesItsList() {
    List<LatencyThreshold> list = new ArrayList<>(List.of(le(100, "90")));
    Sli.Latency sli = new Sli.Latency(list);
    list.add(le(500, "99"));
    assertEquals(1, sli.thresholds().size());
  }

  @Test
  void upToEightThresholds() {
    LatencyThreshold[] more = new LatencyThreshold[7];
    for (int i = 0; i < more.length; i++) {
      more[i] = le(i + 2, "90");
    }
    assertEquals(8, ((Sli.Latency) Sli.latency(le(1, "90"), more)).thresholds().size());
    assertEquals(8, Sli.MAX_THRESHOLDS);
    List<LatencyThreshold> nine = new ArrayList<>(List.of(more));
    nine.add(le(1, "90"));
    nine.add(le(100, "90"));
    refused("latency thresholds: 9 (expected 1 to 8 thresholds)", () -> new Sli.Latency(nine));
  }

  @Test
  void refusals() {
    refused(
        "latency thresholds: [90% <= 100ms, 99% <= 100ms] (expected distinct latencies)",
        () -> Sli.latency(le(100, "90"), le(100, "99")));
    refused(
        "latency thresholds: 0 (expected 1 to 8 thresholds)", () -> new Sli.Latency(List.of()));
    refusedNull("latency thresholds: null (expected a value)", () -> new Sli.Latency(null));
    refusedNull("latency threshold: null (expected a value)", () -> Sli.latency(null));
    refusedNull(
        "latency thresholds: null (expected a value)",
        () -> Sli.latency(le(100, "90"), (LatencyThreshold[]) null));
    refusedNull(
        "latency threshold: null (expected a value)",
        () -> Sli.latency(le(100, "90"), le(200, "95"), null));
  }
}
