package io.github.slo4j;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.OptionalDouble;

/**
 * The state of an error budget after some events: good, total, how many bad events the budget
 * allowed, and the fractions consumed and remaining.
 *
 * <p>{@code consumed + remaining = 1}. When more bad events happened than the budget allowed, the
 * budget is {@linkplain #overspent() overspent}: consumed exceeds 1 and remaining is negative (−0.5
 * means half a budget too much was spent). With no events there is {@linkplain #hasData() no data}:
 * no ratio, nothing consumed or remaining, and the optional accessors are empty.
 *
 * <p><b>What "consumed" means.</b> {@link #consumed()} is the bad events over the bad events the
 * budget allows <em>for these events</em>: {@code bad ÷ (total × (1 − objective))}, the error ratio
 * over the budget. Over a compliance period so far it is the period burn rate, Sloth's {@code
 * slo:period_burn_rate:ratio}, and {@link #remaining()} its {@code
 * slo:period_error_budget_remaining:ratio}. It projects nothing: after one day of a month at five
 * times the budgeted error ratio it is 5, overspent. The share of a whole period's projected budget
 * has its own name, {@code projectedConsumed}, on the monitor's {@code PeriodBudget}, whose {@code
 * consumed} is this one.
 *
 * <p>Immutable; obtain one from {@link ErrorBudget#status(Objective, long, long)}.
 */
public final class BudgetStatus {
  private final Objective objective;
  private final long good;
  private final long total;

  BudgetStatus(Objective objective, long good, long total) {
    this.objective = objective;
    this.good = good;
    this.total = total;
  }

  /** {@return the objective the budget belongs to} */
  public Objective objective() {
    return objective;
  }

  /** {@return the good events} */
  public long good() {
    return good;
  }

  /** {@return the bad events: {@code total − good}} */
  public long bad() {
    return total - good;
  }

  /** {@return all events} */
  public long total() {
    return total;
  }

  /** {@return whether there were any events; without them there is no ratio and no budget state} */
  public boolean hasData() {
    return total > 0;
  }

  /** {@return the bad events the budget allowed: {@code total × (1 − objective)}} */
  public double allowedBad() {
    return ErrorBudget.allowedBadEvents(objective, total);
  }

  /** {@return {@code bad ÷ total}; empty with no data} */
  public OptionalDouble errorRatio() {
    return total == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) bad() / total);
  }

  /**
   * {@return the fraction of the budget consumed, {@code bad ÷ allowed}; above 1 when overspent,
   * empty with no data}
   */
  public OptionalDouble consumed() {
    // the period burn rate: one computation, so this agrees bit for bit with every other burn rate
    return ErrorBudget.burnRate(objective, good, total);
  }

  /**
   * {@return the fraction of the budget remaining, {@code 1 − consumed}; negative when overspent,
   * empty with no data}
   */
  public OptionalDouble remaining() {
    OptionalDouble consumed = consumed();
    return consumed.isPresent() ? OptionalDouble.of(1 - consumed.getAsDouble()) : consumed;
  }

  /** {@return whether more bad events happened than the budget allowed} */
  public boolean overspent() {
    return consumed().orElse(0) > 1;
  }

  /** E.g. {@code 600/1000000 bad, 60% of the budget consumed, 40% remaining}. */
  @Override
  public String toString() {
    if (!hasData()) {
      return "no data";
    }
    String s =
        bad() + "/" + total + " bad, " + pct(consumed().getAsDouble()) + " of the budget consumed, ";
    return overspent()
        ? s + "overspent by " + pct(-remaining().getAsDouble())
        : s + pct(remaining().getAsDouble()) + " remaining";
  }

  private static String pct(double fraction) {
    return new BigDecimal(fraction * 100).round(new MathContext(4)).stripTrailingZeros().toPlainString() + "%";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BudgetStatus)) {
      return false;
    }
    BudgetStatus b = (BudgetStatus) o;
    return good == b.good && total == b.total && objective.equals(b.objective);
  }

  @Override
  public int hashCode() {
    return (objective.hashCode() * 31 + Long.hashCode(good)) * 31 + Long.hashCode(total);
  }
}
