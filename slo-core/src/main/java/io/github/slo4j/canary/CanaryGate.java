package io.github.slo4j.canary;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a canary is promoted, held or rolled back, from the canary and a baseline
 * observed over the same interval. Safe to poll: ask every few seconds for the whole rollout, and
 * the probability that a canary no worse than tolerated is ever rolled back stays at most α.
 *
 * <pre>{@code
 * CanaryGate gate = CanaryGate.builder()
 *     .metric(CanaryMetric.errorRate("errors"))
 *     .metric(CanaryMetric.latency("p99", Duration.ofMillis(300)))
 *     .build();
 * CanaryReport report = gate.evaluate(gate.observe(elapsed)
 *     .counts("errors", canaryErrors, canaryRequests, baselineErrors, baselineRequests)
 *     .latency("p99", canaryHistogram, baselineHistogram, TimeUnit.MICROSECONDS)
 *     .build());
 * }</pre>
 *
 * <p><b>The test.</b> Each metric is bad events of a total in each arm. Conditional on the bad
 * events, each lands in the canary with probability {@code ρ0 = n_c·r0 / (n_c·r0 + n_b)} when the
 * canary's rate is {@code r0 = 1 + allowedIncrease} times the baseline's. The Bayes factor of a
 * {@code Beta(1, 1)} mixture over that probability against {@code ρ0} is a martingale under the
 * null, so crossing {@code 1/α} ever has probability at most α (Ville's inequality; M. Lindon and
 * A. Malek, arXiv:2011.03567): the gate can look at cumulative counts as often as it likes. Crossing
 * with the canary above the tolerated rate is evidence of harm, below it evidence of no harm. An
 * absolute limit (a burn-rate guard) is the one-sample mixture of the same kind. Fisher's exact
 * p-value is reported beside, for humans only.
 *
 * <p><b>The verdict</b>, in this order:
 *
 * <ol>
 *   <li>{@link Verdict#ROLLBACK} when a critical metric shows harm, at any time: the test stays
 *       valid however early it is looked at, and waiting only adds damage;
 *   <li>{@link Verdict#HOLD} until the minimum duration and the minimum volume are reached (low
 *       traffic is never a failure and never NaN);
 *   <li>{@link Verdict#HOLD} while a non-critical metric shows harm, even at the maximum: a person
 *       decides;
 *   <li>{@link Verdict#PROMOTE} at the maximum duration or volume;
 *   <li>{@link Verdict#PROMOTE} early when every metric shows no harm;
 *   <li>else {@link Verdict#HOLD}.
 * </ol>
 *
 * <p>The canary's volume is the largest canary total of its metrics (usually its requests).
 * Immutable and thread-safe; an evaluation allocates only its report.
 */
public final class CanaryGate {
  /** The prior of every mixture, {@code Beta(1, 1)}: no preference for any split of the bad events. */
  static final double PRIOR_A = 1;

  static final double PRIOR_B = 1;

  /** The default α: at most 5 % of rollouts of a canary within tolerance are rolled back. */
  public static final double DEFAULT_ALPHA = 0.05;

  /** The default minimum duration: 5 minutes. */
  public static final Duration DEFAULT_MIN_DURATION = Duration.ofMinutes(5);

  /** The default maximum duration: 1 hour. */
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(1);

  /** The default minimum volume: 1,000 canary events. */
  public static final long DEFAULT_MIN_VOLUME = 1000;

  private final List<CanaryMetric> metrics;
  private final Map<String, Integer> index;
  private final double alpha;
  private final Duration minDuration;
  private final Duration maxDuration;
  private final long minVolume;
  private final long maxVolume;

  private CanaryGate(Builder b) {
    this.metrics = List.copyOf(b.metrics);
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < metrics.size(); i++) {
      m.put(metrics.get(i).name(), i);
    }
    this.index = Map.copyOf(m);
    this.alpha = b.alpha;
    this.minDuration = b.minDuration;
    this.maxDuration = b.maxDuration;
    this.minVolume = b.minVolume;
    this.maxVolume = b.maxVolume;
  }

  /** {@return a builder with the defaults: α 0.05, 5 minutes to 1 hour, at least 1,000 events} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the metrics, in the order they were added} */
  public List<CanaryMetric> metrics() {
    return metrics;
  }

  /** {@return the false-rollback rate the gate keeps to, however often it is polled} */
  public double alpha() {
    return alpha;
  }

  /** {@return the time before which the canary is never promoted} */
  public Duration minDuration() {
    return minDuration;
  }

  /** {@return the time at which a canary without harm is promoted} */
  public Duration maxDuration() {
    return maxDuration;
  }

  /** {@return the canary volume below which it is never promoted} */
  public long minVolume() {
    return minVolume;
  }

  /** {@return the canary volume at which a canary without harm is promoted ({@link Long#MAX_VALUE}: none)} */
  public long maxVolume() {
    return maxVolume;
  }

  /**
   * Starts an observation of both arms after the canary has run for {@code elapsed}.
   *
   * @throws IllegalArgumentException when {@code elapsed} is negative
   */
  public CanaryObservation.Builder observe(Duration elapsed) {
    Require.nonNull("elapsed", elapsed);
    if (elapsed.isNegative()) {
      throw Require.invalid("elapsed", DurationFormat.format(elapsed), ">= 0");
    }
    return new CanaryObservation.Builder(this, elapsed);
  }

  /**
   * The verdict on an observation, with its reasons.
   *
   * @throws IllegalArgumentException when the observation was made by another gate
   */
  public CanaryReport evaluate(CanaryObservation observation) {
    Require.nonNull("observation", observation);
    if (observation.gate != this) {
      throw Require.invalid("observation", "from another gate", "one made by this gate's observe()");
    }
    int n = metrics.size();
    MetricResult[] results = new MetricResult[n];
    boolean criticalHarm = false;
    boolean otherHarm = false;
    boolean allNoHarm = true;
    long volume = 0;
    for (int i = 0; i < n; i++) {
      CanaryMetric m = metrics.get(i);
      MetricResult r = MetricResult.of(m, i, observation, alpha);
      results[i] = r;
      Evidence e = r.evidence();
      if (e == Evidence.HARM) {
        if (m.critical()) {
          criticalHarm = true;
        } else {
          otherHarm = true;
        }
      }
      allNoHarm &= e == Evidence.NO_HARM;
      volume = Math.max(volume, r.canaryTotal());
    }
    Duration elapsed = observation.elapsed;
    boolean minimum = elapsed.compareTo(minDuration) >= 0 && volume >= minVolume;
    boolean maximum = elapsed.compareTo(maxDuration) >= 0 || volume >= maxVolume;
    CanaryReport.Cause cause;
    if (criticalHarm) {
      cause = CanaryReport.Cause.CRITICAL_HARM;
    } else if (!minimum) {
      cause = CanaryReport.Cause.BELOW_MINIMUM;
    } else if (otherHarm) {
      cause = CanaryReport.Cause.NON_CRITICAL_HARM;
    } else if (maximum) {
      cause = CanaryReport.Cause.MAXIMUM_REACHED;
    } else if (allNoHarm) {
      cause = CanaryReport.Cause.NO_HARM_SHOWN;
    } else {
      cause = CanaryReport.Cause.NO_EVIDENCE_YET;
    }
    return new CanaryReport(this, cause, elapsed, volume, List.of(results));
  }

  int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  List<String> names() {
    List<String> names = new ArrayList<>();
    for (CanaryMetric m : metrics) {
      names.add(m.name());
    }
    return names;
  }

  /** {@code CanaryGate[α 0.05, 5m..1h, volume >= 1000: errors (...), ...]}. */
  @Override
  public String toString() {
    return "CanaryGate[α " + Format.number(alpha) + ", " + DurationFormat.format(minDuration) + ".."
        + DurationFormat.format(maxDuration) + ", volume >= " + minVolume
        + (maxVolume == Long.MAX_VALUE ? "" : " (promote at " + maxVolume + ")") + ": " + metrics + "]";
  }

  /** Builds a {@link CanaryGate}; validates each value as it is set. Not thread-safe. */
  public static final class Builder {
    private final List<CanaryMetric> metrics = new ArrayList<>();
    private double alpha = DEFAULT_ALPHA;
    private Duration minDuration = DEFAULT_MIN_DURATION;
    private Duration maxDuration = DEFAULT_MAX_DURATION;
    private long minVolume = DEFAULT_MIN_VOLUME;
    private long maxVolume = Long.MAX_VALUE;

    private Builder() {}

    /** Adds a metric; names are unique. */
    public Builder metric(CanaryMetric metric) {
      Require.nonNull("metric", metric);
      for (CanaryMetric m : metrics) {
        if (m.name().equals(metric.name())) {
          throw Require.invalid("metric", "'" + metric.name() + "'", "a name no other metric of the gate has");
        }
      }
      metrics.add(metric);
      return this;
    }

    /** The false-rollback rate to keep to, {@code 0 < alpha < 1}. */
    public Builder alpha(double alpha) {
      if (!(alpha > 0 && alpha < 1)) {
        throw Require.invalid("alpha", alpha, "0 < alpha < 1");
      }
      this.alpha = alpha;
      return this;
    }

    /** The shortest and the longest run, {@code 0 <= min <= max}, {@code max > 0}. */
    public Builder duration(Duration min, Duration max) {
      Require.nonNull("min", min);
      Require.nonNull("max", max);
      if (min.isNegative()) {
        throw Require.invalid("min", DurationFormat.format(min), ">= 0");
      }
      Require.positive("max", max);
      if (min.compareTo(max) > 0) {
        throw Require.invalid("min", DurationFormat.format(min), "<= max (" + DurationFormat.format(max) + ")");
      }
      this.minDuration = min;
      this.maxDuration = max;
      return this;
    }

    /**
     * The canary volume below which it is never promoted, {@code >= 0}, and at which one without
     * harm is, {@code max >= min}, {@code max >= 1} ({@link Long#MAX_VALUE}: promote by duration only).
     */
    public Builder volume(long min, long max) {
      Require.nonNegative("min", min);
      if (max < 1) {
        throw Require.invalid("max", max, ">= 1");
      }
      if (min > max) {
        throw Require.invalid("min", min, "<= max (" + max + ")");
      }
      this.minVolume = min;
      this.maxVolume = max;
      return this;
    }

    /**
     * The gate.
     *
     * @throws IllegalStateException when no metric was added
     */
    public CanaryGate build() {
      if (metrics.isEmpty()) {
        throw new IllegalStateException("metrics: none (expected at least one metric)");
      }
      return new CanaryGate(this);
    }
  }
}
