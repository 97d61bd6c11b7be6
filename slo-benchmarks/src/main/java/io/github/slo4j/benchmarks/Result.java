package io.github.slo4j.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark result read back from JMH's JSON: medians over all measurement iterations (all
 * forks), which is what {@code docs/benchmarks.md} reports.
 *
 * @param benchmark the simple class name, e.g. {@code RecordBenchmark}
 * @param method the method (or group) name, e.g. {@code slo4j}
 * @param mode JMH's mode: {@code avgt}, {@code sample}...
 * @param threads the threads that ran it (for a group: writers and reader together)
 * @param median the median score, ns/op
 * @param min the lowest iteration score (for {@code sample} mode: the fastest call)
 * @param max the highest iteration score (for {@code sample} mode: the slowest call)
 * @param bytesPerOp the median of {@code gc.alloc.rate.norm}, NaN without {@code -prof gc}
 * @param percentiles the primary metric's percentiles by JMH's keys ({@code "99.9"})
 * @param parts the median of each group member's score ({@code slo4jRead}), empty for a plain
 *     benchmark
 * @param env the run's JVM and settings, as JMH wrote them
 */
record Result(
    String benchmark,
    String method,
    String mode,
    int threads,
    double median,
    double min,
    double max,
    double bytesPerOp,
    Map<String, Double> percentiles,
    Map<String, Double> parts,
    Map<String, String> env) {

  private static final List<String> ENV =
      List.of("jmhVersion", "jdkVersion", "vmName", "vmVersion", "forks", "warmupIterations",
          "warmupTime", "measurementIterations", "measurementTime");

  /** Every result of one JMH JSON document. */
  static List<Result> read(String json) {
    List<Result> out = new ArrayList<>();
    for (Object o : Json.array(Json.parse(json))) {
      Map<String, Object> e = Json.object(o);
      String full = (String) e.get("benchmark");
      int dot = full.lastIndexOf('.');
      String cls = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot);
      Map<String, Object> primary = Json.object(e.get("primaryMetric"));
      Map<String, Double> pct = percentiles(primary);
      Map<String, Object> secondary = Json.object(e.get("secondaryMetrics"));
      double bytes = Double.NaN;
      Map<String, Double> parts = new LinkedHashMap<>();
      for (Map.Entry<String, Object> s : secondary.entrySet()) {
        Map<String, Object> metric = Json.object(s.getValue());
        Double median = percentiles(metric).get("50.0");
        if (median == null) {
          median = Json.number(metric.get("score"));
        }
        if (s.getKey().equals("gc.alloc.rate.norm")) {
          bytes = median;
        } else if (!s.getKey().contains(".") && !s.getKey().startsWith("·")) {
          parts.put(s.getKey(), median);
        }
      }
      Map<String, String> env = new LinkedHashMap<>();
      for (String k : ENV) {
        Object v = e.get(k);
        if (v instanceof Double && (Double) v == Math.rint((Double) v)) {
          env.put(k, String.valueOf(((Double) v).longValue()));
        } else if (v != null) {
          env.put(k, String.valueOf(v));
        }
      }
      out.add(new Result(cls, full.substring(dot + 1), (String) e.get("mode"),
          (int) Json.number(e.get("threads")), pct.getOrDefault("50.0", Json.number(primary.get("score"))),
          pct.getOrDefault("0.0", Double.NaN), pct.getOrDefault("100.0", Double.NaN), bytes, pct,
          parts, env));
    }
    return out;
  }

  private static Map<String, Double> percentiles(Map<String, Object> metric) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> p : Json.object(metric.get("scorePercentiles")).entrySet()) {
      out.put(p.getKey(), Json.number(p.getValue()));
    }
    return out;
  }
}
