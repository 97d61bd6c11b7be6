package io.github.slo4j.spring;

/**
 * A refused {@code slo4j.*} value: the message is the property path and the core's message, e.g.
 * {@code slo4j.slos.checkout.objective: 1.2 (expected 0 < ratio < 1; for a percent write 1.2%)}.
 * {@link SloPropertyFailureAnalyzer} reports it at start-up as Spring Boot reports a bad
 * {@code @ConfigurationProperties} value.
 */
final class SloPropertyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  SloPropertyException(String message) {
    super(message);
  }

  SloPropertyException(String message, Throwable cause) {
    super(message, cause);
  }
}
