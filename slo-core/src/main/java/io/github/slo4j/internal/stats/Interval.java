package io.github.slo4j.internal.stats;

/**
 * A confidence interval {@code [lower, upper]} for a quantity, with {@code lower <= upper}; the bounds
 * may be infinite where the data cannot bound the quantity at the confidence asked for, never NaN.
 *
 * @param lower the lower bound
 * @param upper the upper bound
 */
public record Interval(double lower, double upper) {
  /** Checks that the bounds are numbers and ordered. */
  public Interval {
    if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
      throw new IllegalArgumentException(
          "interval: [" + lower + ", " + upper + "] (expected lower <= upper, neither NaN)");
    }
  }

  /** Whether {@code value} lies in the closed interval. */
  public boolean contains(double value) {
    return lower <= value && value <= upper;
  }
}
