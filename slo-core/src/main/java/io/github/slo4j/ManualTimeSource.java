package io.github.slo4j;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TimeSource} moved by hand, for tests and replay. Thread-safe.
 *
 * <p>{@link #advance(Duration)} moves both clocks forward together. {@link #setWall(Instant)} moves
 * only the wall clock, forwards or backwards, as NTP or an operator may do to a real one; the
 * monotonic clock is unaffected. Wall time is kept in nanoseconds, so sub-millisecond advances add
 * up, and must stay within the years 1678 to 2261.
 */
public final class ManualTimeSource implements TimeSource {
  private static final Duration MAX_ADVANCE = Duration.ofDays(36_500);

  /** Wall time in nanoseconds since the epoch, so sub-millisecond advances add up. */
  private final AtomicLong wallNanos;
  private final AtomicLong monotonicNanos = new AtomicLong();

  private ManualTimeSource(long wallMillis) {
    this.wallNanos = new AtomicLong(Math.multiplyExact(wallMillis, 1_000_000L));
  }

  /** A manual time source whose wall clock starts at {@code start}. */
  public static ManualTimeSource startingAt(Instant start) {
    return new ManualTimeSource(Require.nonNull("start", start).toEpochMilli());
  }

  /** A manual time source whose wall clock starts at the epoch. */
  public static ManualTimeSource atEpoch() {
    return new ManualTimeSource(0);
  }

  @Override
  public long wallMillis() {
    return Math.floorDiv(wallNanos.get(), 1_000_000L);
  }

  @Override
  public long monotonicNanos() {
    return monotonicNanos.get();
  }

  /** The wall clock as an instant. */
  public Instant now() {
    return Instant.ofEpochMilli(wallMillis());
  }

  /**
   * Moves both clocks forward by {@code d}.
   *
   * @throws IllegalArgumentException when {@code d} is negative
   */
  public ManualTimeSource advance(Duration d) {
    Require.nonNull("advance", d);
    if (d.isNegative()) {
      throw Require.invalid("advance", DurationFormat.format(d), ">= 0; use setWall to step the wall clock back");
    }
    if (d.compareTo(MAX_ADVANCE) > 0) {
      throw Require.invalid("advance", DurationFormat.format(d), "<= " + DurationFormat.format(MAX_ADVANCE));
    }
    monotonicNanos.addAndGet(d.toNanos());
    wallNanos.addAndGet(d.toNanos());
    return this;
  }

  /** Sets the wall clock only, as a clock step would; the monotonic clock does not move. */
  public ManualTimeSource setWall(Instant wall) {
    wallNanos.set(Math.multiplyExact(Require.nonNull("wall", wall).toEpochMilli(), 1_000_000L));
    return this;
  }

  /** {@code ManualTimeSource[2026-01-01T00:00:00Z]}. */
  @Override
  public String toString() {
    return "ManualTimeSource[" + now() + "]";
  }
}
