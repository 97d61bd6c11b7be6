package io.github.slo4j.micrometer;

import io.github.slo4j.TimeSource;
import io.micrometer.core.instrument.Clock;
import java.util.Objects;

/**
 * Micrometer's {@link Clock} as slo4j's {@link TimeSource}, so that a meter registry and an {@code
 * SloRegistry} share one time source: {@code SloRegistry.builder().timeSource(MicrometerTime.of(
 * meterRegistry.config().clock()))}. In tests, one {@code MockClock} then drives both.
 * Thread-safe when the clock is (Micrometer's clocks are).
 */
public final class MicrometerTime implements TimeSource {
  private final Clock clock;

  private MicrometerTime(Clock clock) {
    this.clock = clock;
  }

  /** The time source reading {@code clock}: {@link Clock#wallTime()} and {@link Clock#monotonicTime()}. */
  public static TimeSource of(Clock clock) {
    Objects.requireNonNull(clock, "clock: null (expected a Micrometer Clock)");
    return new MicrometerTime(clock);
  }

  /** {@link Clock#wallTime()}: milliseconds since the epoch. */
  @Override
  public long wallMillis() {
    return clock.wallTime();
  }

  /** {@link Clock#monotonicTime()}: nanoseconds from an arbitrary origin. */
  @Override
  public long monotonicNanos() {
    return clock.monotonicTime();
  }

  /** Names the clock. */
  @Override
  public String toString() {
    return "MicrometerTime.of(" + clock + ")";
  }
}
