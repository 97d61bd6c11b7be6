package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.property.Gen;
import io.github.slo4j.property.Property;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The standard windows of a snapshot, computed when each boundary closes (incrementally at a
 * regular boundary), equal a brute-force model at every boundary: counts of every target, covered
 * time, gap intervals and length. Periods and base intervals are chosen so that every tier fills
 * within a few thousand boundaries, so the incremental path runs on full tiers, on tiers still
 * filling, and after gaps, jumps, a wall clock stepping back and a restart (the state exported and
 * restored into a new registry's recorder, which ticks on).
 */
class ReadyWindowsPropertyTest {
  private static final long[] THRESHOLDS_NANOS = {100_000_000L, 500_000_000L};

  @Test
  void everyStandardWindowOfEverySnapshotAgreesWithTheModel() {
    Property.check(24, d -> {
      long base = d.draw("base seconds", Gen.of(40L, 60L, 120L)) * 1000;
      int periodHours = d.draw("period hours", Gen.of(30, 50, 96));
      long seed = d.draw("seed", Gen.longs(1, Long.MAX_VALUE));
      int steps = d.draw("steps", Gen.ints(100, 5000));
      CompliancePeriod period = CompliancePeriod.rolling(Duration.ofHours(periodHours));
      SloDefinition slo =
          SloDefinition.builder("api-latency")
              .service("api")
              .sli(
                  Sli.latency(
                      LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
                      LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99"))))
              .period(period)
              .build();
      SplittableRandom random = new SplittableRandom(seed);
      ManualTimeSource clock =
          ManualTimeSource.startingAt(Instant.parse("2026-03-01T00:00:00Z").plusMillis(random.nextInt(86_400_000)));
      SloRegistry registry =
          SloRegistry.builder().timeSource(clock).baseInterval(Duration.ofMillis(base)).manualTicks().build();
      SloRecorder recorder = registry.register(slo);
      Model model = new Model(base, period.maxLength().toMillis(), Math.floorDiv(clock.wallMillis(), base) * base);
      SnapshotBuffer buffer = recorder.newSnapshotBuffer();

      for (int step = 0; step < steps; step++) {
        int events = random.nextInt(3) == 0 ? 0 : random.nextInt(6);
        for (int e = 0; e < events; e++) {
          boolean success = random.nextInt(8) != 0;
          long latency = (long) (random.nextDouble() * 800_000_000L);
          recorder.recordLatencyNanos(latency, success);
          model.record(success ? firstWithin(latency) : THRESHOLDS_NANOS.length);
        }
        int kind = random.nextInt(1000);
        if (kind < 960) {
          clock.advance(Duration.ofMillis(base)); // the regular boundary
        } else if (kind < 990) {
          clock.advance(Duration.ofMillis(base * (2 + random.nextInt(30)))); // missed boundaries
        } else if (kind < 995) {
          clock.advance(Duration.ofHours(1 + random.nextInt(100))); // a long stop
        } else {
          clock.setWall(clock.now().minusMillis(random.nextInt(600_000))); // stepped back
        }
        registry.tick();
        model.tick(clock.wallMillis());
        if (random.nextInt(500) == 0 && recorder.asOfMillis() == Math.floorDiv(clock.wallMillis(), base) * base) {
          // a restart: the state restored into a new registry's recorder, which ticks on from there
          byte[] state = recorder.exportState();
          registry.close();
          registry = SloRegistry.builder().timeSource(clock).baseInterval(Duration.ofMillis(base)).manualTicks().build();
          recorder = registry.register(slo);
          recorder.restore(state);
          buffer = recorder.newSnapshotBuffer();
        }
        if (random.nextInt(4) == 0 || step == steps - 1) {
          recorder.snapshot(buffer);
          check(buffer, recorder, model, slo, step);
        }
      }
    });
  }

  private static void check(SnapshotBuffer buffer, SloRecorder recorder, Model model, SloDefinition slo, int step) {
    assertEquals(model.last, buffer.asOfMillis(), "asOf at step " + step);
    for (int w = 0; w < buffer.windows().size(); w++) {
      long length = buffer.windows().get(w).toMillis();
      long[] expected = model.window(length);
      String where = "window " + buffer.windows().get(w) + " at step " + step + ", asOf " + Instant.ofEpochMilli(model.last)
          + ", age " + Duration.ofMillis(model.last - model.origin);
      for (Target t : slo.targets()) {
        assertEquals(expected[0], buffer.total(t, w), "total, " + where);
        assertEquals(expected[1 + t.index()], buffer.good(t, w), "good " + t.name() + ", " + where);
        assertEquals(expected[3], buffer.gapIntervals(t, w), "gaps, " + where);
        assertEquals(expected[4], buffer.coveredMillis(t, w), "covered, " + where);
        assertEquals(length, buffer.lengthMillis(t, w), "length, " + where);
      }
    }
  }

  private static int firstWithin(long latencyNanos) {
    int i = 0;
    while (i < THRESHOLDS_NANOS.length && latencyNanos > THRESHOLDS_NANOS[i]) {
      i++;
    }
    return i;
  }

  /**
   * Cumulative counts {total, good per target, gap intervals} at every closed boundary, in a map;
   * a window is the difference between its end and its start, the start chosen by the boundary
   * rule of {@link SloRecorder} (the finest tier that reaches back to it).
   */
  private static final class Model {
    final long base;
    final long origin;
    final long[] resolution;
    final long[] capacity;
    final TreeMap<Long, long[]> cumulative = new TreeMap<>();
    final long[] running = new long[4];
    long last;

    Model(long base, long periodMax, long origin) {
      this.base = base;
      this.origin = origin;
      this.last = origin;
      this.resolution = new long[] {base, 120_000, 3_600_000};
      long[] span = {3_600_000, 86_400_000, periodMax + 86_400_000};
      this.capacity = new long[3];
      for (int k = 0; k < 3; k++) {
        capacity[k] = span[k] / resolution[k] + 2;
      }
      cumulative.put(origin, new long[4]);
    }

    void record(int firstGood) {
      running[0]++;
      for (int i = firstGood; i < THRESHOLDS_NANOS.length; i++) {
        running[1 + i]++;
      }
    }

    void tick(long now) {
      long a = Math.floorDiv(now, base) * base;
      if (a <= last) {
        return;
      }
      running[3] += (a - last) / base - 1; // the boundaries skipped are gap intervals
      cumulative.put(a, running.clone());
      last = a;
    }

    /** The cumulative counts at boundary {@code t}: carried (and counted as gaps) after the last closed one. */
    long[] at(long t) {
      if (t <= origin) {
        return new long[4];
      }
      Map.Entry<Long, long[]> e = cumulative.floorEntry(t);
      long[] v = e.getValue().clone();
      v[3] += (t - e.getKey()) / base;
      return v;
    }

    /** {total, good_0, good_1, gaps, covered}. */
    long[] window(long length) {
      long want = last - length;
      long start;
      long covered = length;
      if (want < origin) {
        start = origin;
        covered = last - origin;
      } else {
        start = want;
        for (int k = 0; k < 3; k++) {
          long r = resolution[k];
          long s = Math.floorDiv(want, r) * r;
          long oldest = Math.floorDiv(last, r) * r - (capacity[k] - 1) * r;
          if (s <= origin || s >= oldest) {
            start = s;
            break;
          }
        }
      }
      long[] end = at(last);
      long[] begin = at(start);
      long[] out = Arrays.copyOf(end, 5);
      for (int c = 0; c < 4; c++) {
        out[c] -= begin[c];
      }
      out[4] = covered;
      return out;
    }
  }
}
