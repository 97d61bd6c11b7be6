package io.github.slo4j;

/**
 * The one source of time in slo4j: wall time in milliseconds (window boundaries, timestamps,
 * links) and monotonic time in nanoseconds (durations). Everything that needs the time takes a
 * {@code TimeSource}; tests and replay pass a {@link ManualTimeSource}.
 *
 * <p>Implementations must be thread-safe.
 */
public interface TimeSource {

  /** Milliseconds since the epoch, as {@link System#currentTimeMillis()}; may step backwards. */
  long wallMillis();

  /** Nanoseconds from an arbitrary origin, as {@link System#nanoTime()}; never goes backwards. */
  long monotonicNanos();

  /** The system clocks. */
  static TimeSource system() {
    return SystemTimeSource.INSTANCE;
  }
}

/** {@link TimeSource#system()}. */
enum SystemTimeSource implements TimeSource {
  INSTANCE;

  @Override
  public long wallMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public long monotonicNanos() {
    return System.nanoTime();
  }

  @Override
  public String toString() {
    return "TimeSource.system()";
  }
}
