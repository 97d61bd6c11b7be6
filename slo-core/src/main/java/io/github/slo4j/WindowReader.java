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

  /**
   * {@link #window(Target, Duration)} for a reader evaluated at every tick, without a result
   * object: writes the good and total counts and the covered milliseconds of the window of {@code
   * windowMillis} into {@code into[0]}, {@code into[1]} and {@code into[2]}. The default reads
   * {@link #window(Target, Duration)} and so allocates; a reader whose reads can allocate nothing
   * overrides it (replay's exact store does), and the monitor reads through it.
   *
   * @throws IllegalArgumentException as {@link #window(Target, Duration)} does
   */
  default void window(Target target, long windowMillis, long[] into) {
    WindowCounts w = window(target, Duration.ofMillis(windowMillis));
    into[0] = w.good();
    into[1] = w.total();
    into[2] = w.covered().toMillis();
  }

  /**
   * The events that happened in the window, whether or not a correction excludes them from the SLI:
   * what tells traffic from silence (the monitor's no-data alert reads it, so that a window a
   * correction excludes entirely is not taken for silence). Into {@code into} as {@link
   * #window(Target, long, long[])}; the default is that read.
   *
   * @throws IllegalArgumentException as {@link #window(Target, Duration)} does
   */
  default void trafficWindow(Target target, long windowMillis, long[] into) {
    window(target, windowMillis, into);
  }

  /**
   * {@link #periodWindow(Target)} without a result object, as {@link #window(Target, long,
   * long[])}: good, total and covered milliseconds into {@code into[0..2]}, and the length of the
   * window read ({@link WindowCounts#window()}) into {@code into[3]}. The default reads {@link
   * #periodWindow(Target)} and so allocates.
   *
   * @throws IllegalArgumentException when the target is not this SLO's
   */
  default void periodWindow(Target target, long[] into) {
    WindowCounts w = periodWindow(target);
    into[0] = w.good();
    into[1] = w.total();
    into[2] = w.covered().toMillis();
    into[3] = w.window().toMillis();
  }

  /** The group key when this reads one group of a grouped SLO; empty by default. */
  default Optional<String> groupKey() {
    return Optional.empty();
  }
}
