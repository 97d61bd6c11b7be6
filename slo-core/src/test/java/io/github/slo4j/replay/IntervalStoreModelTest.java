package io.github.slo4j.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.WindowReader;
import io.github.slo4j.correction.BudgetCorrection;
import io.github.slo4j.correction.CorrectedReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The store's allocation-free reads, the ones the monitor evaluates with, against a naive model
 * that keeps every interval's counts and sums the last {@code k} of them (issue 10: any faster
 * layout of the store must keep these green). Random traffic of two targets with empty intervals
 * and bursts, past one ring's worth so that reads wrap; each interval reads the windows a monitor
 * reads at every evaluation (in its order, so a layout that learns them is exercised), random
 * windows, the period window (rolling and calendar), and the same through a {@link
 * CorrectedReader} over the store and over the model. Fixed seeds; the messages name seed and
 * interval. The model is {@link NaiveWindowReader}.
 */
class IntervalStoreModelTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);
  /** What a monitor reads at every evaluation of a 1-day period: tiers' long and short windows, the shortest, repeats. */
  private static final long[] EVALUATED = {
    3_600_000, 300_000, 21_600_000, 1_800_000, 86_400_000, 7_200_000, 21_600_000, 300_000, 3_600_000
  };

  private static SloDefinition latency(CompliancePeriod period) {
    return SloDefinition.builder("checkout-latency").service("checkout")
        .sli(Sli.latency(
            LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
            LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99"))))
        .period(period).build();
  }

  /** Random counts of one interval: a fifth empty, some bursts of bad events, the rest a trickle. */
  private static void traffic(SplittableRandom random, long[] good, long[] total) {
    int shape = random.nextInt(10);
    for (int t = 0; t < good.length; t++) {
      long n = shape < 2 ? 0 : random.nextLong(shape == 9 ? 5_000 : 200);
      long bad = shape == 9 ? random.nextLong(n + 1) : random.nextLong(n / 20 + 1);
      total[t] = n;
      good[t] = n - bad;
    }
  }

  private static long[] expected(WindowReader model, Target target, long windowMillis) {
    WindowCounts w = model.window(target, Duration.ofMillis(windowMillis));
    return new long[] {w.good(), w.total(), w.covered().toMillis()};
  }

  private static long[] expectedPeriod(WindowReader model, Target target) {
    WindowCounts w = model.periodWindow(target);
    return new long[] {w.good(), w.total(), w.covered().toMillis(), w.window().toMillis()};
  }

  @Test
  void everyReadAMonitorMakesAgreesWithTheNaiveSumOverRandomTraffic() {
    for (long seed : new long[] {1, 2, 3}) {
      SloDefinition slo = latency(CompliancePeriod.rollingDays(1));
      IntervalStore store = new IntervalStore(slo, START.toEpochMilli(), MINUTE);
      NaiveWindowReader model = new NaiveWindowReader(slo, START.toEpochMilli(), MINUTE);
      SplittableRandom random = new SplittableRandom(seed);
      long[] good = new long[2];
      long[] total = new long[2];
      long[] into = new long[4];
      // 4,000 one-minute intervals: past the ring of 1,442 rows twice
      for (int i = 0; i < 4_000; i++) {
        traffic(random, good, total);
        store.append(good, total);
        model.append(good, total);
        String at = "seed " + seed + ", interval " + i;
        for (Target target : slo.targets()) {
          store.periodWindow(target, into);
          assertArrayEquals(expectedPeriod(model, target), into, at + ", period of " + target.name());
        }
        for (Target target : slo.targets()) {
          for (long w : EVALUATED) {
            store.window(target, w, into);
            assertArrayEquals(expected(model, target, w), java.util.Arrays.copyOf(into, 3), at + ", " + w + " ms of " + target.name());
          }
        }
        Target any = slo.targets().get(random.nextInt(2));
        long w = random.nextInt(4) == 0 ? 1 + random.nextLong(60_000) : 1 + random.nextLong(86_400_000);
        store.window(any, w, into);
        assertArrayEquals(expected(model, any, w), java.util.Arrays.copyOf(into, 3), at + ", random " + w + " ms of " + any.name());
      }
    }
  }

  @Test
  void theCalendarPeriodAgreesWithTheNaiveSumAcrossMonthBoundaries() {
    SloDefinition slo = latency(CompliancePeriod.calendarMonth(ZoneId.of("Asia/Kathmandu")));
    Duration interval = Duration.ofMinutes(15);
    IntervalStore store = new IntervalStore(slo, START.toEpochMilli(), interval);
    NaiveWindowReader model = new NaiveWindowReader(slo, START.toEpochMilli(), interval);
    SplittableRandom random = new SplittableRandom(7);
    long[] good = new long[2];
    long[] total = new long[2];
    long[] into = new long[4];
    // 75 days: three month boundaries at +05:45, not a multiple of the interval
    for (int i = 0; i < 75 * 96; i++) {
      traffic(random, good, total);
      store.append(good, total);
      model.append(good, total);
      for (Target target : slo.targets()) {
        store.periodWindow(target, into);
        assertArrayEquals(expectedPeriod(model, target), into,
            "seed 7, at " + Instant.ofEpochMilli(store.asOfMillis()) + ", " + target.name());
      }
    }
  }

  @Test
  void correctionsOverTheStoreReadAsTheyDoOverTheNaiveSum() {
    SloDefinition slo = latency(CompliancePeriod.rollingDays(1));
    IntervalStore store = new IntervalStore(slo, START.toEpochMilli(), MINUTE);
    NaiveWindowReader model = new NaiveWindowReader(slo, START.toEpochMilli(), MINUTE);
    CorrectedReader overStore = CorrectedReader.over(store, MINUTE);
    CorrectedReader overModel = CorrectedReader.over(model, MINUTE);
    SplittableRandom random = new SplittableRandom(11);
    for (int c = 0; c < 6; c++) {
      Instant from = START.plus(Duration.ofMinutes(random.nextInt(3_000)));
      BudgetCorrection.Builder b = BudgetCorrection.builder("maintenance-" + c)
          .window(from, from.plus(Duration.ofMinutes(1 + random.nextInt(240))))
          .reason("drill " + c).author("alice").declaredAt(START);
      BudgetCorrection correction = (c % 3 == 2 ? b.budgetOnly() : b).build();
      overStore.apply(correction);
      overModel.apply(correction);
    }
    long[] good = new long[2];
    long[] total = new long[2];
    long[] into = new long[4];
    long[] want = new long[4];
    for (int i = 0; i < 3_500; i++) {
      traffic(random, good, total);
      store.append(good, total);
      model.append(good, total);
      String at = "seed 11, interval " + i;
      for (Target target : slo.targets()) {
        overStore.periodWindow(target, into);
        overModel.periodWindow(target, want);
        assertArrayEquals(want, into, at + ", corrected period of " + target.name());
        for (long w : EVALUATED) {
          overStore.window(target, w, into);
          overModel.window(target, w, want);
          assertArrayEquals(want, into, at + ", corrected " + w + " ms of " + target.name());
          overStore.trafficWindow(target, w, into);
          overModel.trafficWindow(target, w, want);
          assertArrayEquals(want, into, at + ", traffic of " + w + " ms of " + target.name());
        }
      }
    }
  }
}
