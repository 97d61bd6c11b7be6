package io.github.slo4j.canary;

import io.github.slo4j.Objective;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One thing a {@link CanaryGate} compares between the canary and the baseline. Every metric is
 * reduced to <b>bad events out of a total</b> in each arm, so that one exact, anytime-valid count
 * test serves them all:
 *
 * <ul>
 *   <li>{@link #errorRate}: failed requests of all requests;
 *   <li>{@link #businessSuccess}: attempts that did not succeed (checkouts not completed) of all
 *       attempts — a canary that only watches its infrastructure misses these;
 *   <li>{@link #latency}: requests slower than a threshold of all requests ("p99 regressed" as
 *       counts, with order-statistic bounds on the quantiles in the report);
 *   <li>{@link #saturation}: samples of a gauge (pool wait, GC time) above a threshold of all
 *       samples;
 *   <li>{@link #dependencyPressure}: calls to a dependency per request served (events that may
 *       outnumber their exposure);
 *   <li>{@link #burnRate}: the canary's own SLO burn rate, an absolute guard that needs no
 *       baseline.
 * </ul>
 *
 * <p>The {@linkplain #allowedIncrease() allowed increase} is relative, on the rate of bad events:
 * 0.2 lets the canary's rate be up to 1.2 times the baseline's before it counts as harm. A
 * {@linkplain #critical() critical} metric rolls the canary back on evidence of harm; a
 * non-critical one holds it. Any metric but {@link Kind#DEPENDENCY_PRESSURE} may also carry an
 * absolute {@linkplain #limit(double) limit} on the canary's share of bad events.
 *
 * <p>Immutable; the {@code with}-style methods return a copy.
 */
public final class CanaryMetric {

  /** What a metric measures, and so which observations it accepts. */
  public enum Kind {
    /** Failed requests of all requests; higher is worse. */
    ERROR_RATE("error rate", Direction.HIGHER_IS_WORSE),
    /** Succeeded business attempts of all attempts; lower is worse (the failures are counted). */
    BUSINESS_SUCCESS("business success", Direction.LOWER_IS_WORSE),
    /** Requests slower than a threshold of all requests; higher is worse. */
    LATENCY("latency", Direction.HIGHER_IS_WORSE),
    /** Gauge samples above a threshold of all samples; higher is worse. */
    SATURATION("saturation", Direction.HIGHER_IS_WORSE),
    /** Dependency calls per request; higher is worse. */
    DEPENDENCY_PRESSURE("dependency pressure", Direction.HIGHER_IS_WORSE),
    /** The canary's error ratio against a burn-rate limit of its SLO; no baseline. */
    BURN_RATE("burn rate", Direction.HIGHER_IS_WORSE);

    private final String label;
    private final Direction direction;

    Kind(String label, Direction direction) {
      this.label = label;
      this.direction = direction;
    }

    /** {@return the direction in which the measured value gets worse} */
    public Direction direction() {
      return direction;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** Which way of the measured value is harm. */
  public enum Direction {
    /** A rise is harm (error rate, latency, saturation, dependency calls). */
    HIGHER_IS_WORSE,
    /** A fall is harm (business success); the gate counts the failures, whose rise is harm. */
    LOWER_IS_WORSE
  }

  /** The default allowed increase: the canary's rate of bad events may be 20 % above the baseline's. */
  public static final double DEFAULT_ALLOWED_INCREASE = 0.2;

  private final String name;
  private final Kind kind;
  private final double allowedIncrease;
  private final boolean critical;
  private final Duration latencyThreshold;
  private final double gaugeThreshold;
  private final double limit;
  private final Objective objective;
  private final double maxBurnRate;

  private CanaryMetric(String name, Kind kind, double allowedIncrease, boolean critical,
      Duration latencyThreshold, double gaugeThreshold, double limit, Objective objective,
      double maxBurnRate) {
    this.name = name;
    this.kind = kind;
    this.allowedIncrease = allowedIncrease;
    this.critical = critical;
    this.latencyThreshold = latencyThreshold;
    this.gaugeThreshold = gaugeThreshold;
    this.limit = limit;
    this.objective = objective;
    this.maxBurnRate = maxBurnRate;
  }

  private static CanaryMetric of(String name, Kind kind, boolean critical) {
    return new CanaryMetric(checkName(name), kind, DEFAULT_ALLOWED_INCREASE, critical, null,
        Double.NaN, Double.NaN, null, Double.NaN);
  }

  /** Failed requests of all requests; critical. */
  public static CanaryMetric errorRate(String name) {
    return of(name, Kind.ERROR_RATE, true);
  }

  /** Business attempts (checkouts, sign-ups) and how many succeeded; critical. */
  public static CanaryMetric businessSuccess(String name) {
    return of(name, Kind.BUSINESS_SUCCESS, true);
  }

  /**
   * Requests slower than {@code threshold} (strictly greater) of all requests; critical. Choose the
   * threshold at the baseline's p95 or p99 to watch that quantile.
   */
  public static CanaryMetric latency(String name, Duration threshold) {
    Require.positive("threshold", threshold);
    CanaryMetric m = of(name, Kind.LATENCY, true);
    return new CanaryMetric(m.name, m.kind, m.allowedIncrease, m.critical, threshold, Double.NaN,
        Double.NaN, null, Double.NaN);
  }

  /**
   * Samples of a gauge above {@code threshold} (strictly greater) of all samples: a pool's wait in
   * ms, the share of time in GC; not critical.
   */
  public static CanaryMetric saturation(String name, double threshold) {
    if (!Double.isFinite(threshold)) {
      throw Require.invalid("threshold", threshold, "a finite number");
    }
    CanaryMetric m = of(name, Kind.SATURATION, false);
    return new CanaryMetric(m.name, m.kind, m.allowedIncrease, m.critical, null, threshold,
        Double.NaN, null, Double.NaN);
  }

  /** Calls to a dependency per request served; not critical. */
  public static CanaryMetric dependencyPressure(String name) {
    return of(name, Kind.DEPENDENCY_PRESSURE, false);
  }

  /**
   * The canary's own SLO as an absolute guard: harm when its error ratio is shown above
   * {@code maxBurnRate × (1 − objective)}, whatever the baseline does; critical.
   *
   * @param maxBurnRate a burn rate {@code > 0} whose error ratio is below 1
   */
  public static CanaryMetric burnRate(String name, Objective objective, double maxBurnRate) {
    Require.nonNull("objective", objective);
    Require.finitePositive("maxBurnRate", maxBurnRate);
    double ratio = maxBurnRate * objective.errorBudget();
    if (!(ratio < 1)) {
      throw Require.invalid("maxBurnRate", maxBurnRate,
          "maxBurnRate < " + objective.maxBurnRate() + " for objective " + objective);
    }
    CanaryMetric m = of(name, Kind.BURN_RATE, true);
    return new CanaryMetric(m.name, m.kind, Double.NaN, m.critical, null, Double.NaN, ratio,
        objective, maxBurnRate);
  }

  /**
   * This metric with another allowed relative increase of the canary's rate of bad events over the
   * baseline's: 0 tolerates none, 0.2 tolerates 20 %.
   *
   * @throws IllegalArgumentException when negative or not finite, or for a burn-rate guard (it has
   *     no baseline)
   */
  public CanaryMetric allowedIncrease(double relative) {
    if (kind == Kind.BURN_RATE) {
      throw Require.invalid("allowedIncrease", relative,
          "no allowed increase on burn-rate guard '" + name + "': it has no baseline");
    }
    Require.finiteNonNegative("allowedIncrease", relative);
    return new CanaryMetric(name, kind, relative, critical, latencyThreshold, gaugeThreshold, limit,
        objective, maxBurnRate);
  }

  /** This metric, critical (harm rolls back) or not (harm holds). */
  public CanaryMetric critical(boolean critical) {
    return new CanaryMetric(name, kind, allowedIncrease, critical, latencyThreshold, gaugeThreshold,
        limit, objective, maxBurnRate);
  }

  /**
   * This metric with an absolute limit on the canary's share of bad events ({@code 0 < share < 1}),
   * checked beside the comparison with the baseline: a saturation gauge above its threshold in at
   * most 5 % of samples is {@code limit(0.05)}.
   *
   * @throws IllegalArgumentException for a dependency-pressure metric (its events are not a share)
   *     or a burn-rate guard (its limit is its burn rate)
   */
  public CanaryMetric limit(double share) {
    if (kind == Kind.DEPENDENCY_PRESSURE || kind == Kind.BURN_RATE) {
      throw Require.invalid("limit", share, "no limit on " + kind + " metric '" + name + "'");
    }
    if (!(share > 0 && share < 1)) {
      throw Require.invalid("limit", share, "0 < limit < 1");
    }
    return new CanaryMetric(name, kind, allowedIncrease, critical, latencyThreshold, gaugeThreshold,
        share, objective, maxBurnRate);
  }

  /** {@return the metric's name, unique within its gate} */
  public String name() {
    return name;
  }

  /** {@return what the metric measures} */
  public Kind kind() {
    return kind;
  }

  /** {@return the direction in which the measured value gets worse} */
  public Direction direction() {
    return kind.direction();
  }

  /**
   * {@return the allowed relative increase of the canary's rate of bad events over the baseline's;
   * empty for a burn-rate guard}
   */
  public OptionalDouble allowedIncrease() {
    return kind == Kind.BURN_RATE ? OptionalDouble.empty() : OptionalDouble.of(allowedIncrease);
  }

  /** {@return whether harm on this metric rolls the canary back (else it holds it)} */
  public boolean critical() {
    return critical;
  }

  /** {@return the latency threshold of a latency metric} */
  public Optional<Duration> latencyThreshold() {
    return Optional.ofNullable(latencyThreshold);
  }

  /** {@return the gauge threshold of a saturation metric} */
  public OptionalDouble gaugeThreshold() {
    return Double.isNaN(gaugeThreshold) ? OptionalDouble.empty() : OptionalDouble.of(gaugeThreshold);
  }

  /**
   * {@return the absolute limit on the canary's share of bad events; for a burn-rate guard
   * {@code maxBurnRate × (1 − objective)}}
   */
  public OptionalDouble limit() {
    return Double.isNaN(limit) ? OptionalDouble.empty() : OptionalDouble.of(limit);
  }

  /** {@return the objective of a burn-rate guard} */
  public Optional<Objective> objective() {
    return Optional.ofNullable(objective);
  }

  /** {@return the burn-rate limit of a burn-rate guard} */
  public OptionalDouble maxBurnRate() {
    return Double.isNaN(maxBurnRate) ? OptionalDouble.empty() : OptionalDouble.of(maxBurnRate);
  }

  /** Whether the metric compares the canary with the baseline (all but a burn-rate guard). */
  boolean comparesWithBaseline() {
    return kind != Kind.BURN_RATE;
  }

  /** {@code 1 + allowedIncrease}: the tolerated ratio r0 of the count test. */
  double toleratedRatio() {
    return 1 + allowedIncrease;
  }

  double limitOrNaN() {
    return limit;
  }

  double gaugeThresholdOrNaN() {
    return gaugeThreshold;
  }

  private static String checkName(String name) {
    Require.nonNull("name", name);
    if (name.isBlank()) {
      throw Require.invalid("name", "'" + name + "'", "a non-blank name");
    }
    return name;
  }

  /** {@code errors (error rate, critical, +20 % allowed)}, {@code p99 (latency > 300ms, ...)}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name).append(" (").append(kind);
    if (latencyThreshold != null) {
      sb.append(" > ").append(DurationFormat.format(latencyThreshold));
    }
    if (!Double.isNaN(gaugeThreshold)) {
      sb.append(" > ").append(Format.number(gaugeThreshold));
    }
    if (kind == Kind.BURN_RATE) {
      sb.append(" <= ").append(Format.number(maxBurnRate)).append("x of ").append(objective);
    }
    sb.append(critical ? ", critical" : ", not critical");
    if (kind != Kind.BURN_RATE) {
      sb.append(", +").append(Format.percent(allowedIncrease)).append(" allowed");
    }
    if (!Double.isNaN(limit) && kind != Kind.BURN_RATE) {
      sb.append(", limit ").append(Format.percent(limit));
    }
    return sb.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CanaryMetric m
        && name.equals(m.name)
        && kind == m.kind
        && Double.compare(allowedIncrease, m.allowedIncrease) == 0
        && critical == m.critical
        && Objects.equals(latencyThreshold, m.latencyThreshold)
        && Double.compare(gaugeThreshold, m.gaugeThreshold) == 0
        && Double.compare(limit, m.limit) == 0
        && Objects.equals(objective, m.objective)
        && Double.compare(maxBurnRate, m.maxBurnRate) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, kind, allowedIncrease, critical, latencyThreshold, gaugeThreshold, limit,
        objective, maxBurnRate);
  }
}
