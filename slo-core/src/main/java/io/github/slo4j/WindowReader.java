package io.github.slo4j;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads an SLO's counts over trailing windows as of its last closed interval. A recorder is one;
 * replay and tests supply others. Alerting and budget policies read through this interface only.
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

  /**
   * The counts of {@code target} over its compliance period so far. For a rolling period this is
   * {@link #window(Target, Duration)} of the period's nominal length. For a calendar period it is
   * the period that contains the instant just before {@link #asOfMillis()} (at the boundary that
   * ends a period, that period, complete), read by default as the window from the period's start
   * to {@code asOf}: exact for a reader that answers whole intervals and rounds a window down to
   * them. A reader whose windows may start early (a recorder's rings) overrides this with an exact
   * read.
   *
   * @throws IllegalArgumentException when the target is not this SLO's
   */
  default WindowCounts periodWindow(Target target) {
    CompliancePeriod period = definition().period();
    if (!(period instanceof CompliancePeriod.Calendar)) {
      return window(target, period.nominalLength());
    }
    Instant last = Instant.ofEpochMilli(asOfMillis() - 1);
    return window(target, Duration.between(period.startAt(last), last.plusMillis(1)));
  }

  /** The group key when this reads one group of a grouped SLO; empty by default. */
  default Optional<String> groupKey() {
    return Optional.empty();
  }
}
