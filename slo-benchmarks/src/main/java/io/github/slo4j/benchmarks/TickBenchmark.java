package io.github.slo4j.benchmarks;

import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One tick of a registry holding {@code trackers} 99.9 %/30-day events SLOs: {@code
 * SloRegistry.tick()} after a {@link FakeTime} moved one 10-s base interval, so every tracker
 * closes one boundary (sums its cells, appends its rows, updates its standard windows). The
 * trackers first lived through a 31-day jump (every ring full) and an hour of regular ticks with
 * traffic; the measurement then ticks them without traffic, so it covers the first hours of quiet,
 * in which the 2-min boundaries still move windows through rows with traffic (the registry skips a
 * tracker only where a boundary changes none of its windows; after a quiet day a tick costs about a
 * fifth of what it costs in these hours). What the ticker costs runs on its own thread in
 * production, never on the request path.
 *
 * <ul>
 *   <li>{@code baseline}: the floor of a tick over the same number of trackers: per tracker, sum
 *       two {@code LongAdder}s and store both sums in the next slot of a 362-slot ring (what
 *       appending one row to the finest ring needs at least);
 *   <li>{@code slo4j}: {@code SloRegistry.tick()};
 *   <li>{@code slo4jBusy}: one good event recorded into every tracker, then {@code
 *       SloRegistry.tick()}: a registry whose SLOs all see traffic, where no tracker is skipped
 *       (the recording adds about 3 ns a tracker).
 * </ul>
 *
 * <pre>
 * java -jar slo-benchmarks/target/benchmarks.jar TickBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TickBenchmark {
  private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final long STEP = Peers.BUCKET.toNanos();
  private static final int RING = 362;

  /** How many trackers (SLOs) the registry ticks. */
  @Param({"1", "100", "1000", "10000"})
  public int trackers;

  private FakeTime time;
  private SloRegistry registry;
  private SloRecorder[] recorders;
  private LongAdder[] good;
  private LongAdder[] bad;
  private long[][] rings;
  private int slot;

  /** Registers the trackers and takes them to the steady state; builds the baseline's rings. */
  @Setup(Level.Trial)
  public void setUp() {
    time = new FakeTime(START);
    registry = SloRegistry.builder().timeSource(time).baseInterval(Peers.BUCKET).manualTicks().build();
    recorders = new SloRecorder[trackers];
    for (int i = 0; i < trackers; i++) {
      recorders[i] = registry.register(Peers.eventsSlo(String.format("tick-%05d", i)));
    }
    time.advanceNanos(Duration.ofDays(31).toNanos());
    registry.tick();
    for (int s = 0; s < 360; s++) {
      for (int i = 0; i < trackers; i++) {
        recorders[i].recordCounts(i % 10 == 0 ? 99 : 100, 100);
      }
      time.advanceNanos(STEP);
      registry.tick();
    }

    good = new LongAdder[trackers];
    bad = new LongAdder[trackers];
    rings = new long[trackers][];
    for (int i = 0; i < trackers; i++) {
      good[i] = new LongAdder();
      bad[i] = new LongAdder();
      good[i].add(36_000 - i % 10);
      bad[i].add(i % 10);
      rings[i] = new long[2 * RING];
    }
  }

  /** Closes the registry. */
  @TearDown(Level.Trial)
  public void tearDown() {
    registry.close();
  }

  /** Per tracker: two {@code LongAdder.sum()} stored in the next slot of its ring. */
  @Benchmark
  public int baseline() {
    int s = slot + 1 == RING ? 0 : slot + 1;
    for (int i = 0; i < trackers; i++) {
      long g = good[i].sum();
      long total = g + bad[i].sum();
      rings[i][2 * s] = total;
      rings[i][2 * s + 1] = g;
    }
    slot = s;
    return s;
  }

  /** {@code SloRegistry.tick()}: every tracker closes one boundary. */
  @Benchmark
  public long slo4j() {
    time.advanceNanos(STEP);
    registry.tick();
    return registry.lastBoundaryMillis();
  }

  /** One good event into every tracker, then {@code SloRegistry.tick()}: no tracker is quiet. */
  @Benchmark
  public long slo4jBusy() {
    for (SloRecorder r : recorders) {
      r.recordGood();
    }
    time.advanceNanos(STEP);
    registry.tick();
    return registry.lastBoundaryMillis();
  }
}
