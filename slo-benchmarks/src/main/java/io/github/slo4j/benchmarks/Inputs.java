package io.github.slo4j.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Each benchmark thread's cursor into the pre-generated inputs of {@link Peers#latencies} and
 * {@link Peers#outcomes}: every implementation reads the same values at the same cost (one array
 * load and one masked increment), so input generation is never part of a difference.
 */
@State(Scope.Thread)
public class Inputs {
  static final int SIZE = 1 << 14;
  private static final int MASK = SIZE - 1;
  private static final long[] LATENCIES = Peers.latencies(SIZE, 42);
  private static final int[] LATENCY_MILLIS = new int[SIZE];
  private static final boolean[] OUTCOMES = Peers.outcomes(SIZE, 43);

  static {
    for (int i = 0; i < SIZE; i++) {
      LATENCY_MILLIS[i] = (int) (LATENCIES[i] / 1_000_000L);
    }
  }

  private int i;

  /** Starts each thread at a different place so threads do not record in lockstep. */
  @Setup(Level.Trial)
  public void setUp(ThreadParams thread) {
    i = thread.getThreadIndex() * 4099;
  }

  /** Moves to the next input. */
  int next() {
    return i++ & MASK;
  }

  long latencyNanos(int at) {
    return LATENCIES[at];
  }

  int latencyMillis(int at) {
    return LATENCY_MILLIS[at];
  }

  boolean success(int at) {
    return OUTCOMES[at];
  }
}
