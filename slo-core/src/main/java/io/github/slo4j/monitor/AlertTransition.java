package io.github.slo4j.monitor;

import io.github.slo4j.internal.Require;
import java.time.Instant;

/**
 * One alert changing state at one evaluation, with the payload as of that moment.
 *
 * @param from the state before
 * @param to the state after, different from {@code from}
 * @param at the evaluation boundary at which it changed
 * @param alert the payload
 */
public record AlertTransition(AlertState from, AlertState to, Instant at, Alert alert) {

  /** Validates the components. */
  public AlertTransition {
    Require.nonNull("from", from);
    Require.nonNull("to", to);
    if (from == to) {
      throw Require.invalid("to", to, "a state different from " + from);
    }
    Require.nonNull("at", at);
    Require.nonNull("alert", alert);
  }

  /**
   * Whether a human should hear about this transition: it starts firing or a firing alert
   * resolves. Suppression transitions do not notify (a suppressed alert clears to {@link
   * AlertState#INACTIVE} without ever firing).
   */
  public boolean notifies() {
    return to == AlertState.FIRING || (from == AlertState.FIRING && to == AlertState.RESOLVED);
  }

  /** {@code 2026-01-02T00:01:00Z checkout/availability events page 1h/5m > 14.4: inactive -> firing}. */
  @Override
  public String toString() {
    return at + " " + alert.id() + ": " + name(from) + " -> " + name(to);
  }

  private static String name(AlertState s) {
    return s.name().toLowerCase(java.util.Locale.ROOT);
  }
}
