package io.github.slo4j.canary;

/**
 * What the anytime-valid test of one metric shows so far. The test is the same in both directions:
 * a Bayes factor of at least {@code 1/α} against "the canary's rate of bad events is the tolerated
 * one" is evidence, of harm when the canary's rate is above it, of no harm when below.
 */
public enum Evidence {
  /** An arm the test needs saw no events: nothing is known, and nothing failed. */
  NO_DATA,
  /** Events, but no evidence either way yet. */
  INCONCLUSIVE,
  /** Evidence that the canary's rate of bad events is below what is tolerated. */
  NO_HARM,
  /** Evidence that the canary's rate of bad events is above what is tolerated. */
  HARM
}
