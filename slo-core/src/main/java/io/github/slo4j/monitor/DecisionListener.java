package io.github.slo4j.monitor;

/**
 * Receives the decisions of a {@link SloMonitor}'s error-budget policy (freeze, unfreeze, override,
 * postmortem, target review): a plain lambda, added with {@link
 * SloMonitor.Builder#decisionListener(DecisionListener)} or {@link
 * RegistryMonitor.Builder#decisionListener(DecisionListener)}.
 *
 * <p>Delivered as {@link AlertListener}s are: after the evaluation (or the override) that made the
 * decision, outside the monitor's lock, in order, one delivery at a time per monitor. A listener
 * that throws anything is counted ({@link SloMonitor#listenerFailures()}) and logged once with the
 * SLO id and the time; it stops nothing. Only an {@link OutOfMemoryError} (and the other {@link
 * VirtualMachineError}s but {@link StackOverflowError}) propagates.
 */
@FunctionalInterface
public interface DecisionListener {

  /** The policy made {@code decision}. */
  void onDecision(PolicyDecision decision);
}
