package io.github.slo4j.monitor;

/**
 * Receives the alert transitions of a {@link SloMonitor} (an SPI: implement it to page, open
 * tickets, post to chat). Policy decisions go to a {@link DecisionListener}.
 *
 * <p>Called on the thread that runs {@link SloMonitor#evaluate(long)} (the registry's ticker),
 * after each evaluation, in time order, outside the monitor's lock: a listener that blocks delays
 * only the later notifications, never {@link SloMonitor#mayShip} or {@link SloMonitor#health()}
 * (nor, in a {@link RegistryMonitor}, another SLO's evaluation). Deliveries of one monitor are one
 * at a time, in order; when another thread is delivering, it delivers this evaluation's transitions
 * too. Keep it quick; hand slow work to an executor. A listener that throws anything (an {@link
 * Error} or a checked exception included) is counted ({@link SloMonitor#listenerFailures()}) and
 * logged once with the SLO id and the time; it can stop neither the evaluation nor the ticker nor
 * the other listeners.
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
}
