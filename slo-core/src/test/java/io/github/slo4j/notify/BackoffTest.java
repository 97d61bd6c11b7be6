package io.github.slo4j.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Exponential backoff with equal jitter: each delay in {@code [d/2, d]}, {@code d} doubling up to the cap. */
class BackoffTest {
  private static final long MS = 1_000_000;

  @Test
  void eachDelayLiesBetweenHalfAndAllOfTheDoubledDelayCappedAtTheMaximum() {
    SplittableRandom seeds = new SplittableRandom(20261130);
    for (int run = 0; run < 200; run++) {
      long seed = seeds.nextLong();
      Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new SplittableRandom(seed));
      for (int failures = 1; failures <= 40; failures++) {
        long d = Math.min(5000 * MS, 100 * MS << Math.min(failures - 1, 20));
        long got = b.delayNanos(failures);
        int f = failures;
        assertTrue(got >= d / 2 && got <= d, () -> "seed " + seed + ", failure " + f + ": " + got + " not in [" + d / 2 + ", " + d + "]");
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameDelaysAndTheJitterSpreadsThem() {
    Backoff a = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), new SplittableRandom(7));
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), new SplittableRandom(7));
    Backoff other = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), new SplittableRandom(8));
    boolean differs = false;
    for (int failures = 1; failures <= 20; failures++) {
      long x = a.delayNanos(failures);
      assertEquals(x, b.delayNanos(failures), "failure " + failures);
      differs |= x != other.delayNanos(failures);
    }
    assertTrue(differs, "another seed, other delays");
  }

  @Test
  void aHugeFailureCountDoesNotOverflow() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofDays(365), new SplittableRandom(1));
    long got = b.delayNanos(Integer.MAX_VALUE);
    assertTrue(got >= Duration.ofDays(365).toNanos() / 2 && got <= Duration.ofDays(365).toNanos(), String.valueOf(got));
  }
}
