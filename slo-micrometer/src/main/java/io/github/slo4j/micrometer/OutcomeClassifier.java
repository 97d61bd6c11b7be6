package io.github.slo4j.micrometer;

import io.micrometer.observation.Observation;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Judges a stopped observation good or bad for an SLO. It runs on the instrumented thread at every
 * stop of a selected observation: keep it cheap and allocation-free. One that throws is counted and
 * logged by the {@link SloObservationHandler}, and that observation is not recorded (an event
 * nobody could judge is no data, neither good nor bad).
 *
 * <p><b>Count only what users feel.</b> {@link #http()} counts a server error (status 5xx) or an
 * exception as bad, and a client error (4xx) as good: a 404 for a mistyped URL or a 401 for an
 * expired token is the service working as it should. Where a 4xx is the service's fault (a 429 from
 * an overloaded rate limiter), say so with {@link #http(IntPredicate)}.
 */
@FunctionalInterface
public interface OutcomeClassifier {

  /** Whether the stopped observation {@code context} was a good event. */
  boolean isGood(Observation.Context context);

  /**
   * HTTP: bad when the observation has an error, or its {@code status} key value is 5xx; good
   * otherwise (4xx included, and a status that is not a number such as {@code UNKNOWN}).
   */
  static OutcomeClassifier http() {
    return HttpClassifier.DEFAULT;
  }

  /**
   * HTTP with your own bad statuses: bad when the observation has an error or {@code badStatus}
   * accepts its numeric {@code status} key value (e.g. {@code s -> s >= 500 || s == 429}); a status
   * that is missing or not a number is judged by the error alone.
   */
  static OutcomeClassifier http(IntPredicate badStatus) {
    Objects.requireNonNull(badStatus, "badStatus: null (expected a predicate on the status code)");
    return new HttpClassifier(badStatus);
  }

  /** Bad when the observation has an error, good otherwise: for anything that is not HTTP. */
  static OutcomeClassifier errors() {
    return context -> context.getError() == null;
  }
}
