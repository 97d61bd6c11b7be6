package io.github.slo4j.testing;

/**
 * A reliability assertion failed: the sample is evidence that the component misses what was
 * asserted. The message holds the counts, the observed rate, both bounds, the levels, the mode,
 * the seed when there is one and the sample that would be needed.
 */
public final class ReliabilityAssertionError extends AssertionError {
  private static final long serialVersionUID = 1L;

  /** An error with this message. */
  ReliabilityAssertionError(String message) {
    super(message);
  }
}
