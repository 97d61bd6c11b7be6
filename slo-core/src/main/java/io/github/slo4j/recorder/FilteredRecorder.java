package io.github.slo4j.recorder;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Records into a {@link SloRecorder} the events whose attributes pass a filter, so known bots,
 * synthetic probes or health checks stay out of the SLI. Thread-safe; never throws: a filter that
 * throws is counted and the event recorded (see {@link SloRecorder#filtered(Predicate)}), and only an
 * {@link OutOfMemoryError} from the filter reaches the caller.
 *
 * <p>Obtain one from {@link SloRecorder#filtered(Predicate)}.
 *
 * @param <T> the type of the attributes the filter looks at
 */
public final class FilteredRecorder<T> {
  private final SloRecorder recorder;
  private final Predicate<Object> include;

  @SuppressWarnings("unchecked")
  FilteredRecorder(SloRecorder recorder, Predicate<? super T> include) {
    this.recorder = recorder;
    // Safe: the predicate is only ever called with a T, through the typed methods below.
    this.include = (Predicate<Object>) include;
  }

  /** Records one event, good or bad, if {@code attributes} pass the filter. */
  public void record(T attributes, boolean good) {
    if (recorder.admit(include, attributes)) {
      recorder.record(good);
    }
  }

  /**
   * Records one request with its latency, if {@code attributes} pass the filter (see {@link
   * SloRecorder#recordLatency(Duration, boolean)}).
   */
  public void recordLatency(T attributes, Duration latency, boolean success) {
    if (recorder.admit(include, attributes)) {
      recorder.recordLatency(latency, success);
    }
  }

  /**
   * Records one request with its latency as {@code amount} of {@code unit}, if {@code attributes}
   * pass the filter (see {@link SloRecorder#recordLatency(long, TimeUnit, boolean)}).
   */
  public void recordLatency(T attributes, long amount, TimeUnit unit, boolean success) {
    if (recorder.admit(include, attributes)) {
      recorder.recordLatency(amount, unit, success);
    }
  }

  /**
   * Records one request with its latency in nanoseconds, if {@code attributes} pass the filter (see
   * {@link SloRecorder#recordLatencyNanos(long, boolean)}).
   */
  public void recordLatencyNanos(T attributes, long latencyNanos, boolean success) {
    if (recorder.admit(include, attributes)) {
      recorder.recordLatencyNanos(latencyNanos, success);
    }
  }

  /** The recorder this records into. */
  public SloRecorder recorder() {
    return recorder;
  }
}
