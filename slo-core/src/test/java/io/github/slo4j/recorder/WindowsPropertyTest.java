package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.property.Gen;
import io.github.slo4j.property.Property;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every window the recorder answers equals a brute-force count over timestamped events under the
 * boundary rule documented on {@link SloRecorder}: random traffic, random gaps, missed ticks, a wall
 * clock stepping backwards and jumping forwards, for 7-day, 28-day, 30-day and calendar-month
 * periods.
 */
class WindowsPropertyTest {
  private static final long BASE = 10_000;
  private static final long[] THRESHOLDS_NANOS = {100_000_000L, 500_000_000L};

  @Test
  void windowsAgreeWithNaiveModel() {
    Property.check(200, d -> {
      int periodKind = d.draw("periodKind", Gen.ints(0, 3));
      long seed = d.draw("seed", Gen.longs(1, Long.MAX_VALUE));
      int steps = d.draw("steps", Gen.ints(50, 1500));
      CompliancePeriod period =
          switch (periodKind) {
            case 0 -> CompliancePeriod.rollingDays(7);
            case 1 -> CompliancePeriod.rollingDays(28);
            case 2 -> CompliancePeriod.rollingDays(30);
            default -> CompliancePeriod.calendarMonth(ZoneId.of("Europe/Paris"));
          };
      SloDefinition slo =
          SloDefinition.builder("api-latency")
              .service("api")
              .sli(
                  Sli.latency(
                      LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
                      LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99"))))
              .period(period)
              .build();
      Random random = new Random(seed);
      // start anywhere, not aligned to a boundary
      ManualTimeSource clock =
          ManualTimeSource.startingAt(Instant.parse("2026-03-01T00:00:00Z").plusMillis(random.nextInt(86_400_000)));
      SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
      SloRecorder recorder = registry.register(slo);
      NaiveWindows model =
          new NaiveWindows(BASE, period.maxLength(), Math.floorDiv(clock.wallMillis(), BASE) * BASE, 2);

      for (int step = 0; step < steps; step++) {
        int events = random.nextInt(4) == 0 ? 0 : random.nextInt(20);
        for (int e = 0; e < events; e++) {
          boolean success = random.nextInt(10) != 0;
          long latency = (long) (random.nextDouble() * 800_000_000L);
          recorder.recordLatencyNanos(latency, success);
          model.record(success ? firstWithin(latency) : THRESHOLDS_NANOS.length);
        }
        moveClock(clock, random);
        if (random.nextInt(5) != 0) { // sometimes the ticker misses a boundary
          registry.tick();
          model.tick(clock.wallMillis());
        }
        if (random.nextInt(50) == 0 || step == steps - 1) {
          check(recorder, model, slo, random);
        }
      }
    });
  }

  /** The index of the first (smallest) threshold the latency is within. */
  private static int firstWithin(long latencyNanos) {
    int i = 0;
    while (i < THRESHOLDS_NANOS.length && latencyNanos > THRESHOLDS_NANOS[i]) {
      i++;
    }
    return i;
  }

  private static void moveClock(ManualTimeSource clock, Random random) {
    int kind = random.nextInt(100);
    if (kind < 60) {
      clock.advance(Duration.ofMillis(random.nextInt(25_000))); // within a few intervals
    } else if (kind < 85) {
      clock.advance(Duration.ofMinutes(random.nextInt(180))); // a gap of up to 3 hours
    } else if (kind < 93) {
      clock.advance(Duration.ofHours(1 + random.nextInt(72))); // up to 3 days
    } else if (kind < 97) {
      // the wall clock steps backwards by up to 10 minutes
      clock.setWall(clock.now().minusMillis(random.nextInt(600_000)));
    } else {
      clock.advance(Duration.ofDays(1 + random.nextInt(40))); // beyond every ring
    }
  }

  private static void check(SloRecorder recorder, NaiveWindows model, SloDefinition slo, Random random) {
    assertEquals(model.asOf(), recorder.asOfMillis(), "asOf");
    List<Duration> windows = new ArrayList<>(recorder.standardWindows());
    if (slo.period() instanceof CompliancePeriod.Calendar) {
      windows.remove(windows.size() - 1);
    }
    Duration max = slo.period().maxLength();
    for (int i = 0; i < 6; i++) {
      windows.add(Duration.ofMillis(BASE + (long) (random.nextDouble() * (max.toMillis() - BASE))));
      windows.add(Duration.ofSeconds(10 * (1 + random.nextInt(360))));
    }
    // the edges where one tier hands over to the next
    for (long edge : new long[] {3_600_000, 86_400_000}) {
      for (long d = -30_000; d <= 240_000; d += 10_000) {
        windows.add(Duration.ofMillis(edge + d));
      }
    }
    for (Duration w : windows) {
      long[] expected = model.window(w.toMillis());
      for (Target t : slo.targets()) {
        WindowCounts actual = recorder.window(t, w);
        String where = "window " + w + " target " + t.name() + " asOf " + Instant.ofEpochMilli(model.asOf());
        assertEquals(expected[0], actual.total(), "total, " + where);
        assertEquals(expected[1 + t.index()], actual.good(), "good, " + where);
        assertEquals(Math.min(expected[3], w.toMillis()), actual.covered().toMillis(), "covered, " + where);
      }
    }
    // the recycling snapshot agrees with window() for every rolling standard window
    SnapshotBuffer buffer = recorder.newSnapshotBuffer();
    recorder.snapshot(buffer);
    for (int w = 0; w < buffer.windows().size(); w++) {
      Duration d = buffer.windows().get(w);
      if (w == buffer.windows().size() - 1 && slo.period() instanceof CompliancePeriod.Calendar) {
        continue;
      }
      for (Target t : slo.targets()) {
        WindowCounts direct = recorder.window(t, d);
        assertEquals(direct.total(), buffer.total(t, w), "snapshot total " + d);
        assertEquals(direct.good(), buffer.good(t, w), "snapshot good " + d);
      }
    }
  }
}
