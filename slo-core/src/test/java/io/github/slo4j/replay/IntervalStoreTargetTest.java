package io.github.slo4j.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IntervalStoreTargetTest {
  private static final SloDefinition SLO =
      SloDefinition.builder("checkout").service("checkout").objective(Objective.percent("99.9")).build();

  @Test
  void anIntervalStoreRefusesATargetOfAnotherSlo() {
    IntervalStore store = new IntervalStore(SLO, 0, Duration.ofSeconds(10));
    Target other =
        SloDefinition.builder("search").service("search").objective(Objective.percent("99")).build().targets().get(0);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> store.window(other, Duration.ofHours(1)));
    assertEquals("target: events 99% (expected one of [events 99.9%])", e.getMessage());
  }

  @Test
  void anIntervalStoreRefusesAWindowLongerThanThePeriodWithTheSharedMessage() {
    IntervalStore store = new IntervalStore(SLO, 0, Duration.ofSeconds(10));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> store.window(SLO.targets().get(0), Duration.ofDays(31)));
    assertEquals("window: 31d (expected <= the compliance period (30d))", e.getMessage());
  }
}
