package io.github.slo4j.canary;

import io.github.slo4j.internal.Require;
import io.github.slo4j.internal.stats.Interval;
import io.github.slo4j.internal.stats.MannWhitney;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A judge that scores a canary the way Spinnaker's Kayenta does, for teams migrating from it: each
 * metric's time series (one value per interval) of the canary is compared with the baseline's by
 * the Mann–Whitney test, classified {@code HIGH}, {@code LOW} or {@code PASS}, and the passes are
 * turned into a score (Kayenta's NetflixACAJudge with its MannWhitneyClassifier, as described in
 * REFERENCES.md "Canary analysis"):
 *
 * <ul>
 *   <li>a metric is {@code HIGH} when the lower bound of the 95 % Hodges–Lehmann interval of the
 *       shift exceeds {@code tolerance × |estimate|} (0.25 by default) and above 0, {@code LOW} when
 *       the upper bound is below the mirror image, else {@code PASS}; a metric without values in
 *       either arm is {@code NODATA} and not classified;
 *   <li>it fails when its change is in its failing direction (increase, decrease or either);
 *   <li>a group's score is passed ÷ classified × 100; the score is the weighted mean of the group
 *       scores (weights normalised over the groups that classified something); a failing critical
 *       metric makes it 0;
 *   <li>the outcome is {@code PASS} at or above the pass threshold (95), {@code FAIL} below the
 *       marginal one (75), else {@code MARGINAL}.
 * </ul>
 *
 * <p><b>Known weaknesses</b>, kept here for compatibility and the reason {@link CanaryGate} exists:
 * (1) sparse error counts pass — a canary with errors in a few intervals and none in the others has
 * a median shift of 0, so 15 errors against none is {@code PASS} where the gate's count test rolls
 * back; (2) each judgement is a fixed-sample test, so nothing bounds how often a good canary fails
 * when it is judged again and again during a rollout (its tolerance margin makes each look
 * conservative, which hides this rather than controls it); (3) the score is a count of metrics, so one badly broken metric
 * among twenty still scores 95 (unless critical); (4) Kayenta breaks ties with random noise, so its
 * verdict can change from run to run — this judge uses midranks instead, and is deterministic.
 * Immutable and thread-safe.
 */
public final class KayentaJudge {

  /** The direction in which a change fails a metric (Kayenta's {@code direction}). */
  public enum FailOn {
    /** A rise fails it. */
    INCREASE,
    /** A fall fails it. */
    DECREASE,
    /** Any change fails it. */
    EITHER
  }

  /** A metric's class. */
  public enum Classification {
    /** No significant change. */
    PASS,
    /** The canary is significantly higher. */
    HIGH,
    /** The canary is significantly lower. */
    LOW,
    /** An arm has no values: not classified. */
    NODATA
  }

  /** The judge's outcome. */
  public enum Outcome {
    /** The score is at or above the pass threshold. */
    PASS,
    /** The score is between the thresholds. */
    MARGINAL,
    /** The score is below the marginal threshold, or a critical metric failed. */
    FAIL
  }

  private record Spec(String name, String group, FailOn failOn, boolean critical) {}

  private final List<Spec> specs;
  private final Map<String, Double> weights;
  private final double marginal;
  private final double pass;
  private final double tolerance;

  private KayentaJudge(Builder b) {
    this.specs = List.copyOf(b.specs);
    this.weights = Map.copyOf(b.weights);
    this.marginal = b.marginal;
    this.pass = b.pass;
    this.tolerance = b.tolerance;
  }

  /** {@return a builder with Kayenta's defaults: marginal 75, pass 95, tolerance 0.25, every group weight 1} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * One metric's judgement.
   *
   * @param name the metric
   * @param group its group
   * @param classification its class
   * @param failed whether its class fails it
   * @param critical whether it is critical
   * @param shift the Hodges–Lehmann estimate of the canary's shift over the baseline (0 with no data)
   */
  public record MetricJudgement(String name, String group, Classification classification, boolean failed,
      boolean critical, double shift) {}

  /**
   * The judge's result.
   *
   * @param score from 0 to 100; 100 when nothing was classified
   * @param outcome the outcome
   * @param metrics each metric's judgement, in the order added
   */
  public record Result(double score, Outcome outcome, List<MetricJudgement> metrics) {
    /** Copies the list. */
    public Result {
      metrics = List.copyOf(metrics);
    }
  }

  /**
   * Judges the canary's values against the baseline's, one array per metric name (one value per
   * interval); a metric missing from a map, or with no value, is {@code NODATA}.
   *
   * @throws IllegalArgumentException when a map names a metric the judge does not have, or a value
   *     is not finite
   */
  public Result judge(Map<String, double[]> canary, Map<String, double[]> baseline) {
    Require.nonNull("canary", canary);
    Require.nonNull("baseline", baseline);
    checkNames("canary", canary);
    checkNames("baseline", baseline);
    List<MetricJudgement> judged = new ArrayList<>();
    Map<String, int[]> groups = new LinkedHashMap<>(); // {passed, classified}
    boolean criticalFailed = false;
    for (Spec s : specs) {
      double[] c = values("canary", s.name, canary);
      double[] b = values("baseline", s.name, baseline);
      Classification cls;
      double shift = 0;
      if (c.length == 0 || b.length == 0) {
        cls = Classification.NODATA;
      } else {
        shift = MannWhitney.shiftEstimate(c, b);
        Interval ci = MannWhitney.shiftInterval(c, b, 0.05);
        double margin = tolerance * Math.abs(shift);
        if (ci.lower() > 0 && ci.lower() > margin) {
          cls = Classification.HIGH;
        } else if (ci.upper() < 0 && ci.upper() < -margin) {
          cls = Classification.LOW;
        } else {
          cls = Classification.PASS;
        }
      }
      boolean failed = (cls == Classification.HIGH && s.failOn != FailOn.DECREASE)
          || (cls == Classification.LOW && s.failOn != FailOn.INCREASE);
      criticalFailed |= failed && s.critical;
      if (cls != Classification.NODATA) {
        int[] g = groups.computeIfAbsent(s.group, k -> new int[2]);
        g[0] += failed ? 0 : 1;
        g[1]++;
      }
      judged.add(new MetricJudgement(s.name, s.group, cls, failed, s.critical, shift));
    }
    double weighted = 0;
    double weightSum = 0;
    for (Map.Entry<String, int[]> g : groups.entrySet()) {
      double w = weights.getOrDefault(g.getKey(), 1.0);
      weighted += w * 100.0 * g.getValue()[0] / g.getValue()[1];
      weightSum += w;
    }
    double score = criticalFailed ? 0 : weightSum == 0 ? 100 : weighted / weightSum;
    Outcome outcome = score >= pass ? Outcome.PASS : score < marginal ? Outcome.FAIL : Outcome.MARGINAL;
    return new Result(score, outcome, judged);
  }

  private static double[] values(String arm, String name, Map<String, double[]> values) {
    double[] v = values.get(name);
    if (v == null) {
      return new double[0];
    }
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw Require.invalid(arm + " '" + name + "'[" + i + "]", v[i], "a finite number");
      }
    }
    return v;
  }

  private void checkNames(String arm, Map<String, double[]> values) {
    for (String name : values.keySet()) {
      if (specs.stream().noneMatch(s -> s.name.equals(name))) {
        throw Require.invalid(arm + " metric", "'" + name + "'", "a metric of the judge");
      }
    }
  }

  /** Builds a {@link KayentaJudge}. Not thread-safe. */
  public static final class Builder {
    private final List<Spec> specs = new ArrayList<>();
    private final Map<String, Double> weights = new LinkedHashMap<>();
    private double marginal = 75;
    private double pass = 95;
    private double tolerance = 0.25;

    private Builder() {}

    /** Adds a metric of {@code group} that fails on a change in {@code failOn}. */
    public Builder metric(String name, String group, FailOn failOn, boolean critical) {
      Require.nonNull("name", name);
      Require.nonNull("group", group);
      Require.nonNull("failOn", failOn);
      if (specs.stream().anyMatch(s -> s.name.equals(name))) {
        throw Require.invalid("name", "'" + name + "'", "a name no other metric of the judge has");
      }
      specs.add(new Spec(name, group, failOn, critical));
      return this;
    }

    /** The weight of a group's score, {@code > 0}; 1 unless given. */
    public Builder weight(String group, double weight) {
      Require.nonNull("group", group);
      Require.finitePositive("weight", weight);
      weights.put(group, weight);
      return this;
    }

    /** The score thresholds, {@code 0 <= marginal <= pass <= 100}. */
    public Builder thresholds(double marginal, double pass) {
      if (!(marginal >= 0 && marginal <= pass && pass <= 100)) {
        throw Require.invalid("thresholds", "marginal " + marginal + ", pass " + pass,
            "0 <= marginal <= pass <= 100");
      }
      this.marginal = marginal;
      this.pass = pass;
      return this;
    }

    /** The judge; at least one metric. */
    public KayentaJudge build() {
      if (specs.isEmpty()) {
        throw new IllegalStateException("metrics: none (expected at least one metric)");
      }
      return new KayentaJudge(this);
    }
  }
}
