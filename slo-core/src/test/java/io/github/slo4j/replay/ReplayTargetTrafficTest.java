package io.github.slo4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.monitor.AlertTransition;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 9: a replay addresses a target's traffic by the {@link Target}, not by a name. */
class ReplayTargetTrafficTest {
  private static final SloDefinition LATENCY =
      SloDefinition.builder("checkout-latency")
          .service("checkout")
          .sli(Sli.latency(
              LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("99.9")),
              LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99.9"))))
          .build();

  @Test
  void aTargetOfAnotherSloIsRefusedWithTheSharedMessage() {
    Target other =
        SloDefinition.builder("search").service("search").objective(Objective.percent("99")).build().targets().get(0);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Replay.of(LATENCY).traffic(other, Replay.Traffic.steady(10, 0)));
    assertEquals("target: events 99% (expected one of [le100ms 99.9%, le500ms 99.9%])", e.getMessage());
  }

  @Test
  void aNullTargetIsANullPointerExceptionNamingIt() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> Replay.of(LATENCY).traffic((Target) null, Replay.Traffic.steady(10, 0)));
    assertEquals("target: null (expected a value)", e.getMessage());
  }

  @Test
  void eachTargetGetsTheTrafficGivenForIt() {
    Target fast = LATENCY.targets().get(0);
    Target slow = LATENCY.targets().get(1);
    Replay.Result r =
        Replay.of(LATENCY)
            .traffic(fast, Replay.Traffic.phases().steady(Duration.ofHours(1), 100, 0).steady(Duration.ofMinutes(10), 100, 1).build())
            .traffic(slow, Replay.Traffic.steady(100, 0))
            .duration(Duration.ofMinutes(70))
            .run();
    List<Target> paged = r.notifications().stream().map(AlertTransition::alert).map(a -> a.target()).distinct().toList();
    assertEquals(List.of(fast), paged, r.timeline().toString());
  }
}
