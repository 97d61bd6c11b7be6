package io.github.slo4j.notify;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for something another thread does (a delivery). A hang detector, not a timing assertion:
 * the condition is expected within milliseconds, and 30 s only bounds a test whose delivery hangs.
 */
final class Await {
  private Await() {}

  static void until(BooleanSupplier condition, Supplier<String> what) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("not within 30 s (a hang): " + what.get());
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for: " + what.get());
      }
    }
  }
}
