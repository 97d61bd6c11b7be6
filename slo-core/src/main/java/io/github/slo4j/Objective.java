package io.github.slo4j;

import io.github.slo4j.internal.Require;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A service level objective: the fraction of good events (or good time) a service promises, held
 * exactly as a decimal.
 *
 * <p>There are two factories and they cannot be confused: {@link #ratio(double)} takes a fraction
 * ({@code 0.999}) and {@link #percent(String)} takes a percent written as a string ({@code
 * "99.9"}). A ratio of {@code 99.9} and a percent of {@code "0.999"} are both refused with a message
 * that names the other factory, because each is almost certainly the other form in disguise.
 *
 * <p>The {@linkplain #errorBudget() error budget} {@code 1 − objective} is computed in decimal
 * arithmetic, so {@code Objective.percent("99.9").errorBudget()} is exactly {@code 0.001}, not
 * {@code 0.0009999999999999432}.
 *
 * <p>Instances are immutable and thread-safe; two objectives are equal when their values are
 * numerically equal ({@code "99.9"} equals {@code "99.90"}).
 */
public final class Objective {
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final BigDecimal ratio;
  private final BigDecimal budget;
  private final double ratioDouble;
  private final double budgetDouble;
  // The budget as m × 10^−s (m = budgetUnscaled, s = budgetScale >= 1, since 0 < budget < 1), for
  // ErrorBudget's burn rate: bad ÷ (total × budget) = (bad × 10^s) ÷ (total × m), a quotient of
  // integers. When bad × 5^s and total × m stay below 2^53 both are exact doubles (10^s = 5^s × 2^s)
  // and one double division rounds the exact quotient correctly; fastMaxBad and fastMaxTotal bound
  // that path (0 when it never applies).
  final BigInteger budgetUnscaled;
  final int budgetScale;
  final long budgetUnscaledLong;
  final long pow5;
  /** {@code 2^s}, exact: with {@link #pow5}, {@code bad × 10^s = (bad × 5^s) × 2^s} in doubles. */
  final double pow2;
  final long fastMaxBad;
  final long fastMaxTotal;

  private Objective(BigDecimal ratio) {
    this.ratio = ratio.stripTrailingZeros();
    this.budget = BigDecimal.ONE.subtract(this.ratio).stripTrailingZeros();
    this.ratioDouble = this.ratio.doubleValue();
    this.budgetDouble = this.budget.doubleValue();
    this.budgetUnscaled = budget.unscaledValue();
    this.budgetScale = budget.scale();
    BigInteger p5 = BigInteger.valueOf(5).pow(budgetScale);
    boolean fast = budgetScale <= 22 && budgetUnscaled.bitLength() <= 53;
    this.budgetUnscaledLong = fast ? budgetUnscaled.longValue() : 0;
    this.pow5 = fast ? p5.longValue() : 0;
    this.pow2 = Math.scalb(1.0, budgetScale);
    this.fastMaxBad = fast ? EXACT_DOUBLE_INT / pow5 : 0;
    this.fastMaxTotal = fast ? EXACT_DOUBLE_INT / budgetUnscaledLong : 0;
  }

  /** Every integer up to 2^53 is an exact double. */
  private static final long EXACT_DOUBLE_INT = 1L << 53;

  /**
   * An objective from a fraction, e.g. {@code Objective.ratio(0.999)} for 99.9 %.
   *
   * <p>The double is read through its shortest decimal representation ({@link
   * BigDecimal#valueOf(double)}), so {@code 0.999} is held as exactly {@code 0.999}.
   *
   * @param ratio the fraction of good events, {@code 0 < ratio < 1}
   * @return the objective
   * @throws IllegalArgumentException when the ratio is NaN, infinite, {@code <= 0} or {@code >= 1}
   */
  public static Objective ratio(double ratio) {
    if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
      throw Require.invalid("objective ratio", ratio, "a finite number with 0 < ratio < 1");
    }
    return ofRatio("objective ratio", BigDecimal.valueOf(ratio), Double.toString(ratio));
  }

  /**
   * An objective from a decimal fraction written as a string, e.g. {@code
   * Objective.ratio("0.9995")}; useful when the value comes from configuration.
   *
   * @param ratio the fraction of good events as a decimal, {@code 0 < ratio < 1}
   * @return the objective
   * @throws IllegalArgumentException when the text is not a decimal with {@code 0 < ratio < 1}
   */
  public static Objective ratio(String ratio) {
    return ofRatio("objective ratio", parse("objective ratio", ratio, "0.999"), ratio);
  }

  /**
   * An objective from a percent written as a string, e.g. {@code Objective.percent("99.9")}. A
   * trailing {@code %} is accepted ({@code "99.9%"}).
   *
   * <p>Percents below 1 are refused: {@code "0.999"} is far more likely a ratio passed to the wrong
   * factory than a promise that 0.999 % of requests succeed.
   *
   * @param percent the percent of good events as a decimal, {@code 1 <= percent < 100}, optionally
   *     followed by {@code %}
   * @return the objective
   * @throws IllegalArgumentException when the text is not a decimal with {@code 1 <= percent <
   *     100}, or is 100 (which leaves no error budget)
   */
  public static Objective percent(String percent) {
    Require.nonNull("objective percent", percent);
    String text = percent.trim();
    if (text.endsWith("%")) {
      text = text.substring(0, text.length() - 1).trim();
    }
    BigDecimal value = parse("objective percent", text, "99.9");
    if (value.compareTo(HUNDRED) >= 0) {
      throw Require.invalid(
          "objective percent",
          percent,
          value.compareTo(HUNDRED) == 0
              ? "1 <= percent < 100; 100 % leaves no error budget, so no burn rate or alert can be computed"
              : "1 <= percent < 100");
    }
    if (value.compareTo(BigDecimal.ONE) < 0) {
      throw Require.invalid(
          "objective percent",
          percent,
          value.signum() > 0
              ? "1 <= percent < 100; for a fraction use Objective.ratio(" + text + ")"
              : "1 <= percent < 100");
    }
    return checkBudget("objective percent", percent, value.divide(HUNDRED));
  }

  private static Objective ofRatio(String name, BigDecimal value, String shown) {
    if (value.signum() <= 0) {
      throw Require.invalid(name, shown, "0 < ratio < 1");
    }
    if (value.compareTo(BigDecimal.ONE) == 0) {
      throw Require.invalid(
          name, shown, "0 < ratio < 1; an objective of 1 (100 %) leaves no error budget");
    }
    if (value.compareTo(BigDecimal.ONE) > 0) {
      String hint =
          value.compareTo(HUNDRED) < 0
              ? "0 < ratio < 1; for a percent use Objective.percent(\"" + value.toPlainString() + "\")"
              : "0 < ratio < 1";
      throw Require.invalid(name, shown, hint);
    }
    return checkBudget(name, shown, value);
  }

  /**
   * The smallest error budget accepted: {@link Double#MIN_NORMAL}, about 2.2e-308. Every figure
   * derived from the budget divides by its double (burn rate {@code errorRatio ÷ budget}, {@link
   * #maxBurnRate()}); a budget below the smallest normal double is stored with fewer than 53
   * significant bits or as 0, so the divisions lose precision or give infinity. Such an objective
   * (hundreds of nines) is refused rather than silently rounded.
   */
  private static final BigDecimal MIN_BUDGET = new BigDecimal(Double.MIN_NORMAL);

  private static Objective checkBudget(String name, String shown, BigDecimal ratio) {
    BigDecimal budget = BigDecimal.ONE.subtract(ratio);
    if (budget.compareTo(MIN_BUDGET) < 0) {
      throw Require.invalid(
          name,
          shown,
          "an error budget 1 − objective of at least 2.2250738585072014E-308, the smallest normal double;"
              + " this one is " + budget.round(new java.math.MathContext(3)).stripTrailingZeros()
              + " and would round to " + budget.doubleValue());
    }
    return new Objective(ratio);
  }

  private static BigDecimal parse(String name, String text, String example) {
    Require.nonNull(name, text);
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw Require.invalid(name, "'" + text + "'", "a decimal number such as " + example);
    }
  }

  /** {@return the objective as a fraction, e.g. {@code 0.999}} */
  public double ratio() {
    return ratioDouble;
  }

  /** {@return the objective as an exact decimal fraction, e.g. {@code 0.999}} */
  public BigDecimal decimal() {
    return ratio;
  }

  /** {@return the objective as a percent string without trailing zeros, e.g. {@code "99.9"}} */
  public String percent() {
    return ratio.multiply(HUNDRED).stripTrailingZeros().toPlainString();
  }

  /** {@return the error budget {@code 1 − objective} as a fraction, e.g. {@code 0.001} for 99.9 %} */
  public double errorBudget() {
    return budgetDouble;
  }

  /** {@return the error budget {@code 1 − objective} as an exact decimal} */
  public BigDecimal errorBudgetDecimal() {
    return budget;
  }

  /**
   * The highest burn rate this objective can see: a full outage (error ratio 1) burns at {@code 1 ÷
   * (1 − objective)}, e.g. 1000 at 99.9 % and 10 at 90 %. An alert factor at or above it can never
   * fire.
   *
   * @return {@code 1 ÷ (1 − objective)}
   */
  public double maxBurnRate() {
    return BigDecimal.ONE.divide(budget, 17, RoundingMode.HALF_EVEN).doubleValue();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Objective && ((Objective) o).ratio.compareTo(ratio) == 0;
  }

  @Override
  public int hashCode() {
    return ratio.hashCode();
  }

  /** The objective as a percent, e.g. {@code 99.9%}. */
  @Override
  public String toString() {
    return percent() + "%";
  }
}
