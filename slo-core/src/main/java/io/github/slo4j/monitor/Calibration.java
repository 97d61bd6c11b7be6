package io.github.slo4j.monitor;

/**
 * Whether an SLO's target matches how the service really behaves, judged from its long-window burn
 * rate averaged over a review horizon (a {@link BudgetPolicy.TargetReview} clause).
 */
public enum Calibration {
  /** The average burn sits above the upper bound (1.5 by default): the target is tighter than the service can keep. */
  TOO_TIGHT,
  /** The average burn sits below the lower bound (0.3 by default): the target is looser than users could be promised. */
  TOO_LOOSE,
  /** The average burn lies between the bounds. */
  CALIBRATED
}
