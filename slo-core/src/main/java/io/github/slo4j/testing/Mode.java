package io.github.slo4j.testing;

/**
 * How a reliability assertion decides. Every mode fails only on evidence at the failure level
 * ({@code alpha}, default 10⁻⁶), so a component that meets its objective fails a run at most once in
 * a million whatever the mode; the modes differ in what it takes to pass.
 */
public enum Mode {
  /**
   * Passes unless the sample shows a violation: fails only when the one-sided Clopper–Pearson lower
   * bound at {@code alpha} exceeds the allowed rate. Never inconclusive; never flaky by construction.
   */
  NOT_VIOLATED,
  /**
   * Passes only when the sample shows the objective is met: the one-sided upper bound at the
   * confidence asked for (default 95 %) is below the allowed rate. Fails as {@link #NOT_VIOLATED}
   * does; anything between is inconclusive. A sample too small ever to pass is refused before it is
   * taken, with the size needed.
   */
  DEMONSTRATED,
  /**
   * Wald's sequential probability ratio test: samples one call at a time until the verdict is
   * certain, up to a hard maximum; inconclusive at the maximum. Only for {@link
   * Reliability#sampleUntilConclusive}.
   */
  SEQUENTIAL
}
