package io.github.slo4j.canary;

/** What a {@link CanaryGate} says to do with the canary now. */
public enum Verdict {
  /** Roll it out to everyone: the maximum duration or volume passed without harm, or no metric can be worse. */
  PROMOTE,
  /** Keep it at its share and ask again: too little data yet, no evidence either way, or harm on a non-critical metric. */
  HOLD,
  /** Take it out: a critical metric shows evidence of harm, or an absolute guard is breached. */
  ROLLBACK
}
