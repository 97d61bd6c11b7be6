package io.github.slo4j;

import java.time.Duration;
import java.util.Optional;

/**
 * Reads an SLO's counts over trailing windows as of its last closed interval. A recorder's
 * recorder is one; replay and tests supply others. Alerting and budget policies read through this
 * interface only.
 *
 * <p>Implementations are thread-safe.
 */
public interface WindowReader {

  /** The SLO whose counts this reads. */
  SloDefinition definition();

  /**
   * The counts of {@code target} over the {@code window} that ends at {@link #asOfMillis()}.
   *
   * @throws IllegalArgumentException when the window is not positive, or is longer than the
   *     reader can answer (the SLO's compliance period)
   */
  WindowCounts window(Target target, Duration window);

  /** The wall-clock millisecond at which the last closed interval ended. */
  long asOfMillis();

  /** The group key when this reads one group of a grouped SLO; empty by default. */
  default Optional<String> groupKey() {
    return Optional.empty();
  }
}
