package io.github.slo4j.benchmarks;

import io.github.slo4j.TimeSource;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One fake clock for every implementation, so that all of them see exactly the same time: slo4j
 * through {@link TimeSource}, and each peer through its own clock type. Thread-safe; the clock only
 * moves when {@link #advanceNanos(long)} or {@link #setMillis(long)} is called.
 *
 * <p>Wall and monotonic time are the same number here (nanoseconds from the epoch), which every
 * peer accepts.
 */
final class FakeTime implements TimeSource {
  private final AtomicLong nanos;

  FakeTime(long startMillis) {
    this.nanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(startMillis));
  }

  /** Moves the clock forward and returns the new time in nanoseconds. */
  long advanceNanos(long delta) {
    return nanos.addAndGet(delta);
  }

  void setMillis(long millis) {
    nanos.set(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  long nanos() {
    return nanos.get();
  }

  long millis() {
    return nanos.get() / 1_000_000L;
  }

  @Override
  public long wallMillis() {
    return millis();
  }

  @Override
  public long monotonicNanos() {
    return nanos.get();
  }

  /** For resilience4j's {@code SlidingTimeWindowMetrics}. */
  java.time.Clock javaClock() {
    return new JavaClock(this);
  }

  /** For resilience4j's {@code LockFreeSlidingTimeWindowMetrics}. */
  io.github.resilience4j.core.Clock resilience4jClock() {
    return new io.github.resilience4j.core.Clock() {
      @Override
      public long wallTime() {
        return millis();
      }

      @Override
      public long monotonicTime() {
        return nanos();
      }
    };
  }

  /** For Micrometer meters. */
  io.micrometer.core.instrument.Clock micrometerClock() {
    return new io.micrometer.core.instrument.Clock() {
      @Override
      public long wallTime() {
        return millis();
      }

      @Override
      public long monotonicTime() {
        return nanos();
      }
    };
  }

  /** For Dropwizard reservoirs. */
  com.codahale.metrics.Clock dropwizardClock() {
    return new com.codahale.metrics.Clock() {
      @Override
      public long getTick() {
        return nanos();
      }

      @Override
      public long getTime() {
        return millis();
      }
    };
  }

  private static final class JavaClock extends java.time.Clock {
    private final FakeTime time;

    JavaClock(FakeTime time) {
      this.time = time;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public long millis() {
      return time.millis();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(time.millis());
    }
  }
}
