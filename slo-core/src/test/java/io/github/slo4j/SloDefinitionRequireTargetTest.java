package io.github.slo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link SloDefinition#requireTarget(Target)}: the one "is this target one of the SLO's" check. */
class SloDefinitionRequireTargetTest {
  private static final SloDefinition LATENCY =
      SloDefinition.builder("checkout-latency")
          .service("checkout")
          .sli(
              Sli.latency(
                  LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
                  LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99"))))
          .build();

  @Test
  void aTargetOfTheSloIsReturned() {
    for (Target t : LATENCY.targets()) {
      assertSame(t, LATENCY.requireTarget(t));
    }
  }

  @Test
  void aTargetOfAnotherSloIsRefusedWithTheListOfTargets() {
    Target other =
        SloDefinition.builder("x").service("x").objective(Objective.percent("99.9")).build().targets().get(0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LATENCY.requireTarget(other));
    assertEquals("target: events 99.9% (expected one of [le100ms 90%, le500ms 99%])", e.getMessage());
  }

  @Test
  void aNullTargetIsRefusedWithANullPointerExceptionNamingIt() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> LATENCY.requireTarget(null));
    assertEquals("target: null (expected a value)", e.getMessage());
  }
}
