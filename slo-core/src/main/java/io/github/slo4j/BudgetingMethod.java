package io.github.slo4j;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;

/**
 * How an SLO turns events into budget, after OpenSLO's three methods.
 *
 * <ul>
 *   <li>{@link #occurrences()}: every event counts; the SLI is good events ÷ total events over the
 *       period. The default.
 *   <li>{@link #timeslices(Duration, Objective)}: time is cut into slices; a slice is good when its
 *       own good ÷ total ratio is at least the slice objective (OpenSLO's {@code timeSliceTarget}); the SLI is good slices ÷ slices. A
 *       slice with no events is no data and is counted neither good nor bad.
 *   <li>{@link #ratioTimeslices(Duration)}: the SLI is the mean of the per-slice ratios, so a quiet
 *       hour weighs as much as a busy one. Slices with no events are left out of the mean.
 * </ul>
 */
public sealed interface BudgetingMethod
    permits BudgetingMethod.Occurrences, BudgetingMethod.Timeslices, BudgetingMethod.RatioTimeslices {

  /** {@return occurrences budgeting: every event counts} */
  static BudgetingMethod occurrences() {
    return Occurrences.INSTANCE;
  }

  /**
   * Good slices ÷ slices, a slice being good when its ratio is at least {@code sliceObjective}.
   *
   * @param slice the slice length: a whole number of seconds from 1 s to 1 h
   * @param sliceObjective the ratio a slice must reach to be good (≥)
   * @return timeslices budgeting
   * @throws IllegalArgumentException when the slice is out of bounds
   * @throws NullPointerException when the slice or the slice objective is null
   */
  static BudgetingMethod timeslices(Duration slice, Objective sliceObjective) {
    return new Timeslices(slice, sliceObjective);
  }

  /**
   * The mean of per-slice good ÷ total ratios.
   *
   * @param slice the slice length: a whole number of seconds from 1 s to 1 h
   * @return ratio-timeslices budgeting
   * @throws IllegalArgumentException when the slice is out of bounds
   */
  static BudgetingMethod ratioTimeslices(Duration slice) {
    return new RatioTimeslices(slice);
  }

  /** Occurrences budgeting. */
  record Occurrences() implements BudgetingMethod {
    static final Occurrences INSTANCE = new Occurrences();

    /** {@code occurrences}. */
    @Override
    public String toString() {
      return "occurrences";
    }
  }

  /**
   * Timeslices budgeting.
   *
   * @param slice the slice length: a whole number of seconds from 1 s to 1 h
   * @param sliceObjective the ratio a slice must reach to be good (≥)
   */
  record Timeslices(Duration slice, Objective sliceObjective) implements BudgetingMethod {
    /**
     * Validates the components.
     *
     * @param slice the slice length: a whole number of seconds from 1 s to 1 h
     * @param sliceObjective the ratio a slice must reach to be good (≥)
     */
    public Timeslices {
      checkSlice(slice);
      Require.nonNull("slice objective", sliceObjective);
    }
  }

  /**
   * Ratio-timeslices budgeting.
   *
   * @param slice the slice length: a whole number of seconds from 1 s to 1 h
   */
  record RatioTimeslices(Duration slice) implements BudgetingMethod {
    /**
     * Validates the slice.
     *
     * @param slice the slice length: a whole number of seconds from 1 s to 1 h
     */
    public RatioTimeslices {
      checkSlice(slice);
    }
  }

  private static void checkSlice(Duration slice) {
    Require.positive("slice", slice);
    if (slice.toNanos() % 1_000_000_000L != 0 || slice.compareTo(Duration.ofHours(1)) > 0) {
      throw Require.invalid(
          "slice", DurationFormat.format(slice), "a whole number of seconds from 1s to 1h");
    }
  }
}
