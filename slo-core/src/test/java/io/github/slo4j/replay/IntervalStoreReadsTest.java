package io.github.slo4j.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The store's allocation-free reads ({@code window(target, millis, into)} and {@code
 * periodWindow(target, into)}, which the monitor evaluates with) answer what its {@link
 * WindowCounts} reads answer, and refuse what they refuse with the same message.
 */
class IntervalStoreReadsTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private static SloDefinition slo(CompliancePeriod period) {
    return SloDefinition.builder("checkout-availability").service("checkout")
        .objective(Objective.percent("99.9")).period(period).build();
  }

  private static long[] of(WindowCounts w) {
    return new long[] {w.good(), w.total(), w.covered().toMillis()};
  }

  @Test
  void theArrayFormReadsWhatTheValueFormReads() {
    SloDefinition slo = slo(CompliancePeriod.rollingDays(1));
    Target target = slo.targets().get(0);
    IntervalStore store = new IntervalStore(slo, START.toEpochMilli(), Duration.ofSeconds(10));
    SplittableRandom random = new SplittableRandom(42);
    long[] into = new long[3];
    // past one ring's worth (8,642 slots), so reads wrap around
    for (int i = 0; i < 20_000; i++) {
      long total = random.nextInt(50);
      store.append(new long[] {total - random.nextLong(total + 1)}, new long[] {total});
      for (int j = 0; j < 3; j++) {
        long millis = 1 + random.nextLong(86_400_000L);
        store.window(target, millis, into);
        assertArrayEquals(of(store.window(target, Duration.ofMillis(millis))), into, "interval " + i + ", window " + millis + " ms");
      }
    }
  }

  @Test
  void aCalendarMonthIsReadAsTheValueFormReadsItAcrossMonthBoundaries() {
    SloDefinition slo = slo(CompliancePeriod.calendarMonth(ZoneId.of("Asia/Kathmandu")));
    Target target = slo.targets().get(0);
    IntervalStore store = new IntervalStore(slo, START.toEpochMilli(), Duration.ofMinutes(15));
    long[] into = new long[4];
    // 75 days: three month boundaries at +05:45, which is not a multiple of the interval
    for (int i = 0; i < 75 * 96; i++) {
      store.append(new long[] {i % 7}, new long[] {i % 7 + i % 3});
      store.periodWindow(target, into);
      WindowCounts w = store.periodWindow(target);
      assertArrayEquals(new long[] {w.good(), w.total(), w.covered().toMillis(), w.window().toMillis()}, into,
          "at " + Instant.ofEpochMilli(store.asOfMillis()));
    }
  }

  @Test
  void aWindowThatIsNotPositiveIsRefusedAsTheValueFormRefusesIt() {
    SloDefinition slo = slo(CompliancePeriod.rollingDays(1));
    IntervalStore store = new IntervalStore(slo, START.toEpochMilli(), Duration.ofSeconds(10));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> store.window(slo.targets().get(0), 0, new long[3]));
    assertEquals("window: 0s (expected a duration > 0)", e.getMessage());
  }

  @Test
  void aWindowLongerThanThePeriodIsRefusedAsTheValueFormRefusesIt() {
    SloDefinition slo = slo(CompliancePeriod.rollingDays(1));
    IntervalStore store = new IntervalStore(slo, START.toEpochMilli(), Duration.ofSeconds(10));
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> store.window(slo.targets().get(0), 86_400_001L, new long[3]));
    assertEquals("window: 1d1ms (expected <= the compliance period (1d))", e.getMessage());
  }

  @Test
  void aTargetOfAnotherSloIsRefused() {
    SloDefinition slo = slo(CompliancePeriod.rollingDays(1));
    Target other = SloDefinition.builder("search-availability").service("search")
        .objective(Objective.percent("99")).period(CompliancePeriod.rollingDays(1)).build().targets().get(0);
    IntervalStore store = new IntervalStore(slo, START.toEpochMilli(), Duration.ofSeconds(10));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> store.window(other, 10_000, new long[3]));
    assertEquals(
        assertThrows(IllegalArgumentException.class, () -> store.window(other, Duration.ofSeconds(10))).getMessage(),
        e.getMessage());
  }
}
