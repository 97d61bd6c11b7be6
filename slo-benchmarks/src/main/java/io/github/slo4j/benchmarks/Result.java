package io.github.slo4j.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * @param params the benchmark's {@code @Param} values by name ({@code slos=100}), empty without
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
    Map<String, String> env,
    Map<String, String> params) {

  /** A result of a benchmark without {@code @Param}s. */
  Result(String benchmark, String method, String mode, int threads, double median, double min,
      double max, double bytesPerOp, Map<String, Double> percentiles, Map<String, Double> parts,
      Map<String, String> env) {
    this(benchmark, method, mode, threads, median, min, max, bytesPerOp, percentiles, parts, env,
        Map.of());
  }

  private static final List<String> ENV =
      List.of("jmhVersion", "jdkVersion", "vmName", "vmVersion", "forks", "warmupIterations",
          "warmupTime", "measurementIterations", "measurementTime");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Every result of one JMH JSON document (an array of results; JMH writes NaN as "NaN"). */
  static List<Result> read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("JMH result JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("JMH result JSON: expected an array of results, got "
          + (root == null ? "nothing" : root.getNodeType()));
    }
    List<Result> out = new ArrayList<>();
    for (JsonNode e : root) {
      String full = e.path("benchmark").asText();
      int dot = full.lastIndexOf('.');
      String cls = full.substring(full.lastIndexOf('.', dot - 1) + 1, dot);
      JsonNode primary = e.path("primaryMetric");
      Map<String, Double> pct = percentiles(primary);
      double bytes = Double.NaN;
      Map<String, Double> parts = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> s : e.path("secondaryMetrics").properties()) {
        Double median = percentiles(s.getValue()).get("50.0");
        if (median == null) {
          median = number(s.getValue().path("score"));
        }
        if (s.getKey().equals("gc.alloc.rate.norm")) {
          bytes = median;
        } else if (!s.getKey().contains(".") && !s.getKey().startsWith("·")) {
          parts.put(s.getKey(), median);
        }
      }
      Map<String, String> env = new LinkedHashMap<>();
      for (String k : ENV) {
        JsonNode v = e.path(k);
        if (v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue())) {
          env.put(k, String.valueOf((long) v.doubleValue()));
        } else if (v.isNumber()) {
          env.put(k, String.valueOf(v.doubleValue()));
        } else if (v.isValueNode() && !v.isNull()) {
          env.put(k, v.asText());
        }
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> p : e.path("params").properties()) {
        params.put(p.getKey(), p.getValue().asText());
      }
      out.add(new Result(cls, full.substring(dot + 1), e.path("mode").asText(),
          (int) number(e.path("threads")), pct.getOrDefault("50.0", number(primary.path("score"))),
          pct.getOrDefault("0.0", Double.NaN), pct.getOrDefault("100.0", Double.NaN), bytes, pct,
          parts, env, params));
    }
    return out;
  }

  private static Map<String, Double> percentiles(JsonNode metric) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> p : metric.path("scorePercentiles").properties()) {
      out.put(p.getKey(), number(p.getValue()));
    }
    return out;
  }

  /** A number, or a string such as JMH's {@code "NaN"}; anything else (or nothing) is NaN. */
  static double number(JsonNode v) {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual()) {
      return Double.parseDouble(v.asText());
    }
    return Double.NaN;
  }
}
