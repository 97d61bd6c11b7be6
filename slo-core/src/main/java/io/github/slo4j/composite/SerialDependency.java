package io.github.slo4j.composite;

import io.github.slo4j.Objective;
import io.github.slo4j.internal.Require;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The arithmetic of a user journey through services in series, each of which must succeed: pure
 * functions on exact decimals. Thread-safe (stateless).
 *
 * <p>A request that passes through n independent services succeeds only when every one does, so the
 * journey's success ratio is the product of theirs: the journey can promise at most that product
 * (its ceiling), and for a journey target {@code J} over n equal components each needs at least
 * {@code J^(1/n)}. Sources: the product rule for components in series of reliability engineering
 * (a series reliability block diagram, e.g. IEC 61078:2016 §6.2), as applied to services in B.
 * Treynor, M. Dahlin, V. Rau and B. Beyer, "The Calculus of Service Availability", ACM Queue 15(2),
 * 2017 ("a service cannot be more available than the intersection of all its critical
 * dependencies"). The product assumes independent failures; correlated failures make the journey
 * better than the ceiling, never worse.
 */
public final class SerialDependency {
  private SerialDependency() {}

  /**
   * The ceiling of a journey through these services in series: the exact product of their
   * objectives. Five services at 99.9 % give exactly 0.995009990004999, about 99.5 %.
   *
   * @param components the objectives of the services, at least one
   * @return the exact product
   * @throws IllegalArgumentException when there is no component
   */
  public static BigDecimal ceiling(List<Objective> components) {
    Require.nonNull("components", components);
    if (components.isEmpty()) {
      throw Require.invalid("components", "[]", "at least one objective");
    }
    BigDecimal product = BigDecimal.ONE;
    for (int i = 0; i < components.size(); i++) {
      product = product.multiply(Require.nonNull("components[" + i + "]", components.get(i)).decimal());
    }
    return product.stripTrailingZeros();
  }

  /**
   * The ceiling of a journey through {@code n} services each at {@code each}: exactly {@code
   * each^n}.
   *
   * @throws IllegalArgumentException when {@code n < 1}
   */
  public static BigDecimal ceiling(Objective each, int n) {
    Require.nonNull("each", each);
    checkCount(n);
    return each.decimal().pow(n).stripTrailingZeros();
  }

  /**
   * The objective each of {@code n} services in series needs so that the journey meets {@code
   * journey}: the smallest decimal with two more decimal places than the journey's objective whose
   * n-th power is at least the journey's (checked exactly, the root rounded up). 99.9 % over five
   * services needs 99.98 % each (0.9998⁵ = 0.99900039992000799968).
   *
   * @throws IllegalArgumentException when {@code n < 1}, or no objective below 100 % at that
   *     precision suffices (ask {@link #componentObjective(Objective, int, int)} for more places)
   */
  public static Objective componentObjective(Objective journey, int n) {
    Require.nonNull("journey", journey);
    return componentObjective(journey, n, journey.decimal().scale() + 2);
  }

  /**
   * As {@link #componentObjective(Objective, int)} with {@code decimals} decimal places of the
   * ratio (4 gives 0.9998, that is 99.98 %).
   *
   * @throws IllegalArgumentException when {@code n < 1}, {@code decimals} is not 1 to 30, or no
   *     ratio below 1 with that many decimal places suffices
   */
  public static Objective componentObjective(Objective journey, int n, int decimals) {
    Require.nonNull("journey", journey);
    checkCount(n);
    if (decimals < 1 || decimals > 30) {
      throw Require.invalid("decimals", decimals, "1 <= decimals <= 30");
    }
    BigDecimal target = journey.decimal();
    // a start from the double root, then exact steps of one unit in the last place: the smallest
    // c with c^n >= target (c^n rises with c)
    BigDecimal ulp = BigDecimal.ONE.movePointLeft(decimals);
    BigDecimal c = BigDecimal.valueOf(Math.pow(target.doubleValue(), 1.0 / n)).setScale(decimals, RoundingMode.CEILING);
    while (c.signum() > 0 && c.subtract(ulp).pow(n).compareTo(target) >= 0) {
      c = c.subtract(ulp);
    }
    while (c.pow(n).compareTo(target) < 0) {
      c = c.add(ulp);
    }
    if (c.compareTo(BigDecimal.ONE) >= 0) {
      throw Require.invalid(
          "decimals", decimals,
          "more decimal places: no objective below 100 % with " + decimals + " of them gives " + journey
              + " over " + n + " services");
    }
    return Objective.ratio(c.stripTrailingZeros().toPlainString());
  }

  /**
   * The journey's error budget when each of the services has the given objective: {@code 1 −
   * ceiling}, e.g. 0.004990009995001 for five at 99.9 %, about five times each one's budget (the
   * budgets of services in series add, to first order).
   */
  public static BigDecimal journeyErrorBudget(List<Objective> components) {
    return BigDecimal.ONE.subtract(ceiling(components)).stripTrailingZeros();
  }

  private static void checkCount(int n) {
    if (n < 1) {
      throw Require.invalid("n", n, ">= 1 service");
    }
  }
}
