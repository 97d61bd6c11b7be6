package io.github.slo4j;

import java.time.Duration;
import java.time.Instant;

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

  /**
   * The counts of {@code target} over its compliance period so far: for a rolling period the
   * window of the period's length; for a calendar period the period that contains the instant just
   * before {@link #asOfMillis()}, from its start. This default asks {@link #window(Target,
   * Duration)}, which suits a reader that answers whole intervals (it counts those that started in
   * the period); a reader that can count the period exactly overrides it.
   *
   * @throws IllegalArgumentException when the target is not this SLO's
   */
  default WindowCounts periodWindow(Target target) {
    CompliancePeriod period = definition().period();
    if (period instanceof CompliancePeriod.Rolling) {
      return window(target, period.nominalLength());
    }
    Instant last = Instant.ofEpochMilli(asOfMillis() - 1);
    return window(target, Duration.between(period.startAt(last), last.plusMillis(1)));
  }

  /** The wall-clock millisecond at which the last closed interval ended. */
  long asOfMillis();
}
