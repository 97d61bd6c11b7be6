package io.github.slo4j.monitor;

/**
 * Receives the alert transitions and policy decisions of a {@link SloMonitor} (an SPI: implement it
 * to page, open tickets, post to chat).
 *
 * <p>Called on the thread that runs {@link SloMonitor#evaluate(long)} (the recorder's ticker),
 * after each evaluation, in time order. Keep it quick; hand slow work to an executor. A listener
 * that throws anything ({@link #onTransition} or {@link #onDecision}; an {@link Error} or a checked
 * exception included) is counted ({@link SloMonitor#listenerFailures()}) and logged once with the
 * SLO id and the time; it can stop neither the evaluation nor the ticker nor the other listeners.
 * Only an {@link OutOfMemoryError} (and the other {@link VirtualMachineError}s but {@link
 * StackOverflowError}) propagates.
 */
@FunctionalInterface
public interface AlertListener {

  /**
   * An alert changed state. Notify a human only when {@link AlertTransition#notifies()} is true;
   * transitions into and out of {@link AlertState#SUPPRESSED} are for the record.
   */
  void onTransition(AlertTransition transition);

  /** An error-budget policy made a decision; does nothing by default. */
  default void onDecision(PolicyDecision decision) {}
}
