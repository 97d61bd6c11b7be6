package io.github.slo4j.micrometer.prometheus;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.micrometer.SloMeterNames;
import io.github.slo4j.monitor.Alert;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.replay.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One traffic scenario, told once and played twice: per-interval counts of each instance, replayed
 * in-process ({@link Replay}, the fleet's sum as recorded traffic) and written as {@code promtool
 * test rules} input series (each instance's cumulative counters in promtool's {@code a+bxn}
 * notation), with the alert states the replay gave as expectations at every evaluation.
 */
final class FleetScenario {
  /** Consecutive intervals with the same good and bad counts per interval. */
  record Phase(Duration length, long good, long bad) {}

  private final String name;
  private final Duration interval;
  private final Map<String, List<Phase>> instances = new LinkedHashMap<>();

  FleetScenario(String name, Duration interval) {
    this.name = name;
    this.interval = interval;
  }

  String name() {
    return name;
  }

  /** An instance and its phases. */
  FleetScenario instance(String instance, Phase... phases) {
    instances.put(instance, List.of(phases));
    return this;
  }

  static Phase phase(Duration length, long good, long bad) {
    return new Phase(length, good, bad);
  }

  /** The counts of {@code instance} per interval: {@code [k] = {good, bad}}. */
  long[][] counts(String instance) {
    List<long[]> out = new ArrayList<>();
    for (Phase p : instances.get(instance)) {
      long n = p.length().toMillis() / interval.toMillis();
      for (long i = 0; i < n; i++) {
        out.add(new long[] {p.good(), p.bad()});
      }
    }
    return out.toArray(new long[0][]);
  }

  int intervals() {
    return counts(instances.keySet().iterator().next()).length;
  }

  /** The fleet's counts per interval, summed over instances. */
  long[][] fleet() {
    long[][] sum = new long[intervals()][2];
    for (String i : instances.keySet()) {
      long[][] c = counts(i);
      for (int k = 0; k < c.length; k++) {
        sum[k][0] += c[k][0];
        sum[k][1] += c[k][1];
      }
    }
    return sum;
  }

  /** The in-process replay of the fleet's traffic from the epoch, as promtool's time starts there. */
  Replay.Result replay(SloDefinition slo, AlertRules rules) {
    long[][] f = fleet();
    List<Replay.Point> points = new ArrayList<>();
    for (int k = 0; k < f.length; k++) {
      points.add(new Replay.Point(Instant.EPOCH.plus(interval.multipliedBy(k)), f[k][0], f[k][0] + f[k][1]));
    }
    return Replay.of(slo)
        .rules(rules)
        .start(Instant.EPOCH)
        .duration(interval.multipliedBy(f.length))
        .traffic(Replay.Traffic.recorded(points))
        .run();
  }

  /** The cumulative values of one counter in promtool's notation, sample {@code j} at {@code j × interval}. */
  static String series(long[] perInterval) {
    StringBuilder sb = new StringBuilder("0");
    long v = 0;
    int k = 0;
    while (k < perInterval.length) {
      int end = k;
      while (end + 1 < perInterval.length && perInterval[end + 1] == perInterval[k]) {
        end++;
      }
      long d = perInterval[k];
      int n = end - k + 1;
      v += d;
      sb.append(' ').append(v);
      if (n > 1) {
        sb.append('+').append(d).append('x').append(n - 1);
        v += d * (n - 1);
      }
      k = end + 1;
    }
    return sb.toString();
  }

  /**
   * The incidents active after each evaluation of the replay: for every evaluation time (ms since
   * the epoch), the set of {@code alertname/severity} active then. A burn-rate incident of a
   * severity is active while any of its tiers is firing or suppressed (one incident per severity,
   * as Alertmanager groups the per-tier alerts by severity); the no-data alert while it fires.
   */
  TreeMap<Long, TreeSet<String>> incidents(Replay.Result r) {
    Map<String, Boolean> tierActive = new LinkedHashMap<>();
    TreeMap<Long, List<AlertTransition>> byTime = new TreeMap<>();
    r.transitions().forEach(t -> byTime.computeIfAbsent(t.at().toEpochMilli(), k -> new ArrayList<>()).add(t));
    TreeMap<Long, TreeSet<String>> out = new TreeMap<>();
    long iv = interval.toMillis();
    for (long t = 0; t <= (long) intervals() * iv; t += iv) {
      for (AlertTransition tr : byTime.getOrDefault(t, List.of())) {
        tierActive.put(tr.alert().id(), tr.to() == AlertState.FIRING || tr.to() == AlertState.SUPPRESSED);
      }
      TreeSet<String> now = new TreeSet<>();
      for (AlertTransition tr : r.transitions()) {
        if (Boolean.TRUE.equals(tierActive.get(tr.alert().id()))) {
          now.add(key(tr.alert()));
        }
      }
      out.put(t, now);
    }
    return out;
  }

  static String key(Alert a) {
    return (a.kind() == Alert.Kind.NO_DATA ? PrometheusRules.NO_DATA_ALERT : PrometheusRules.BURN_ALERT) + "/" + a.severity();
  }

  /** The times at which the set of active incidents changes. */
  static List<Long> changes(TreeMap<Long, TreeSet<String>> incidents) {
    List<Long> out = new ArrayList<>();
    TreeSet<String> before = new TreeSet<>();
    for (Map.Entry<Long, TreeSet<String>> e : incidents.entrySet()) {
      if (!e.getValue().equals(before)) {
        out.add(e.getKey());
      }
      before = e.getValue();
    }
    return out;
  }

  /**
   * The {@code promtool test rules} file: the input series of every instance, and at every
   * evaluation a check that the incidents Prometheus has firing are those of the replay, except at
   * evaluations within {@code tolerance} intervals after a change, where either state is accepted.
   */
  String promtoolTest(
      SloDefinition slo, String rulesFile, TreeMap<Long, TreeSet<String>> incidents, String severityLabel,
      int tolerance, Map<Long, Map<String, Long>> exprChecks) {
    return promtoolTest(slo, rulesFile, incidents, severityLabel, tolerance, exprChecks, "");
  }

  /** As above, with {@code alertRuleTests}: an {@code alert_rule_test:} section, or empty. */
  String promtoolTest(
      SloDefinition slo, String rulesFile, TreeMap<Long, TreeSet<String>> incidents, String severityLabel,
      int tolerance, Map<Long, Map<String, Long>> exprChecks, String alertRuleTests) {
    StringBuilder sb = new StringBuilder();
    String iv = PromDuration.format(interval);
    sb.append("rule_files: ['").append(rulesFile).append("']\n");
    sb.append("evaluation_interval: ").append(iv).append('\n');
    sb.append("tests:\n");
    sb.append("  - name: '").append(name).append("'\n");
    sb.append("    interval: ").append(iv).append('\n');
    sb.append("    input_series:\n");
    for (String instance : instances.keySet()) {
      long[][] c = counts(instance);
      long[] good = new long[c.length];
      long[] bad = new long[c.length];
      for (int k = 0; k < c.length; k++) {
        good[k] = c[k][0];
        bad[k] = c[k][1];
      }
      for (String outcome : List.of(SloMeterNames.GOOD, SloMeterNames.BAD)) {
        sb.append("      - series: '").append(SloMeterNames.PROMETHEUS_EVENTS)
            .append("{instance=\"").append(instance)
            .append("\",service=\"").append(slo.service())
            .append("\",slo=\"").append(slo.id())
            .append("\",target=\"events\",outcome=\"").append(outcome).append("\"}'\n");
        sb.append("        values: '").append(series(outcome.equals(SloMeterNames.GOOD) ? good : bad)).append("'\n");
      }
    }
    sb.append("    promql_expr_test:\n");
    List<Long> changes = changes(incidents);
    long ivMs = interval.toMillis();
    for (Map.Entry<Long, TreeSet<String>> e : incidents.entrySet()) {
      long t = e.getKey();
      boolean nearChange = false;
      for (long c : changes) {
        nearChange |= t >= c && t < c + tolerance * ivMs;
      }
      if (nearChange) {
        continue;
      }
      sb.append("      - expr: 'max by (alertname, ").append(severityLabel).append(") (ALERTS{alertstate=\"firing\"})'\n");
      sb.append("        eval_time: ").append(t / 1000).append("s\n");
      sb.append("        exp_samples:").append(e.getValue().isEmpty() ? " []" : "").append('\n');
      for (String k : e.getValue()) {
        String[] parts = k.split("/");
        sb.append("          - labels: '{alertname=\"").append(parts[0]).append("\",").append(severityLabel)
            .append("=\"").append(parts[1]).append("\"}'\n");
        sb.append("            value: 1\n");
      }
    }
    exprChecks.forEach((t, checks) -> checks.forEach((expr, value) -> {
      sb.append("      - expr: '").append(expr.replace("'", "''")).append("'\n");
      sb.append("        eval_time: ").append(t / 1000).append("s\n");
      sb.append("        exp_samples:\n");
      sb.append("          - value: ").append(value).append('\n');
    }));
    sb.append(alertRuleTests);
    return sb.toString();
  }

  /** The fleet's error ratio over the {@code window} before evaluation time {@code t}, in parts per million, rounded half up. */
  long ppm(long t, Duration window) {
    long[][] f = fleet();
    int end = (int) (t / interval.toMillis());
    int start = Math.max(0, end - (int) (window.toMillis() / interval.toMillis()));
    long bad = 0;
    long total = 0;
    for (int k = start; k < end; k++) {
      bad += f[k][1];
      total += f[k][0] + f[k][1];
    }
    // round(x) in PromQL rounds half up: floor(x + 0.5)
    return Math.floorDiv(bad * 2_000_000 + total, 2 * total);
  }
}
