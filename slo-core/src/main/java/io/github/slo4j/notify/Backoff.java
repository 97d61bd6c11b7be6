package io.github.slo4j.notify;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Exponential backoff with "equal jitter" (M. Brooker, "Exponential Backoff And Jitter", AWS
 * Architecture Blog, 2015): after the {@code n}-th consecutive failure the delivery waits a delay
 * drawn uniformly from {@code [d/2, d]}, where {@code d = min(max, initial × 2^(n−1))}. Half the
 * delay spreads the retries of many processes; the other half guarantees the receiver a pause. Not
 * thread-safe: the delivery thread owns it.
 */
final class Backoff {
  private final long initialNanos;
  private final long maxNanos;
  private final SplittableRandom random;

  Backoff(Duration initial, Duration max, SplittableRandom random) {
    this.initialNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
    this.random = random;
  }

  /** The delay after {@code failures} (>= 1) consecutive failures, in nanoseconds. */
  long delayNanos(int failures) {
    long d = initialNanos;
    for (int i = 1; i < failures && d < maxNanos; i++) {
      d = d > maxNanos / 2 ? maxNanos : d * 2;
    }
    d = Math.min(d, maxNanos);
    long half = d / 2;
    return half + (d - half == 0 ? 0 : random.nextLong(d - half + 1));
  }
}
