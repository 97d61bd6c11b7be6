package io.github.slo4j;

import java.time.Duration;
import java.util.List;

/**
 * A set of {@link WindowReader}s that come and go, closed together at every tick of one clock: the
 * seam through which a monitor follows a whole registry (the recorder's {@code SloRegistry} is one)
 * without depending on it. Thread-safe.
 *
 * <p>Every reader of a source answers as of the same last closed boundary, a multiple of {@link
 * #baseInterval()} read from {@link #timeSource()}: the one time a consumer should use.
 */
public interface WindowSource {

  /** The readers now, in the order they were added (every group of a grouped SLO is one). */
  List<WindowReader> readers();

  /** The time source the boundaries are read from. */
  TimeSource timeSource();

  /** The interval between two boundaries, the finest window resolution. */
  Duration baseInterval();

  /**
   * Subscribes to readers added and removed and to ticks. {@code subscriber} first hears {@link
   * Subscriber#readerAdded} for every reader the source holds at this moment (the catch-up), then
   * every later change and tick, in the order they happened, one call at a time, never while the
   * source holds a lock. Closing the returned handle stops the calls.
   */
  Subscription subscribe(Subscriber subscriber);

  /** What a {@link WindowSource} tells its subscribers. Called one at a time, in order. */
  interface Subscriber {

    /** {@code reader} joined the source (a new SLO, a new group); it is read from the next tick on. */
    void readerAdded(WindowReader reader);

    /** {@code reader} left the source: it is no longer ticked (it stays readable as it was). */
    void readerRemoved(WindowReader reader);

    /** The source closed the interval ending at {@code boundaryMillis}; every reader includes it. */
    void tick(long boundaryMillis);
  }
}
