package io.github.slo4j.correction;

import io.github.slo4j.internal.Require;
import io.github.slo4j.monitor.AlertTransition;

/**
 * An alert notification held back because it happened during a correction window: kept for the
 * record, not lost.
 *
 * @param transition the transition that would have notified
 * @param correction the correction whose window held it back (for a resolution, the one in force
 *     when it resolved, or null when none is)
 */
public record SuppressedAlert(AlertTransition transition, BudgetCorrection correction) {

  /** Validates the transition. */
  public SuppressedAlert {
    Require.nonNull("transition", transition);
  }

  /** {@code <transition> (suppressed by correction sunday-maintenance)}. */
  @Override
  public String toString() {
    return transition + " (suppressed" + (correction == null ? "" : " by correction " + correction.id()) + ")";
  }
}
