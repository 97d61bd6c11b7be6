package io.github.slo4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Micrometer benchmarks in the report: {@code @Param} values read from JMH's JSON and given a
 * table each, and the observation target checked.
 */
class MicrometerBenchmarksReportTest {

  private static Result avgt(String cls, String method, int threads, double ns, Map<String, String> params) {
    return new Result(cls, method, "avgt", threads, ns, ns, ns, 0, Map.of("50.0", ns), Map.of(),
        Map.of(), params);
  }

  private static String row(String md, String target) {
    return md.lines().filter(l -> l.startsWith("| " + target + " |")).findFirst().orElseThrow(() -> new AssertionError(md));
  }

  @Test
  void paramsAreReadFromJmhsJson() {
    String json = String.join("\n",
        "[",
        "  {",
        "    \"benchmark\": \"io.github.slo4j.benchmarks.ScrapeBenchmark.slo4j\",",
        "    \"mode\": \"avgt\",",
        "    \"threads\": 1,",
        "    \"params\": {\"slos\": \"100\"},",
        "    \"primaryMetric\": {\"score\": 5000.0, \"scorePercentiles\": {\"50.0\": 4900.0}}",
        "  },",
        "  {",
        "    \"benchmark\": \"io.github.slo4j.benchmarks.RecordBenchmark.slo4j\",",
        "    \"mode\": \"avgt\",",
        "    \"threads\": 1,",
        "    \"primaryMetric\": {\"score\": 10.0}",
        "  }",
        "]");
    List<Result> rs = Result.read(json);
    assertEquals(Map.of("slos", "100"), rs.get(0).params());
    assertEquals(4900.0, rs.get(0).median());
    assertEquals(Map.of(), rs.get(1).params());
  }

  @Test
  void eachParamValueHasItsOwnTableDividedByItsOwnBaseline() {
    List<Result> rs = List.of(
        avgt("ScrapeBenchmark", "baseline", 1, 1_000, Map.of("slos", "1")),
        avgt("ScrapeBenchmark", "slo4j", 1, 2_000, Map.of("slos", "1")),
        avgt("ScrapeBenchmark", "baseline", 1, 50_000, Map.of("slos", "100")),
        avgt("ScrapeBenchmark", "slo4j", 1, 150_000, Map.of("slos", "100")));
    String md = Report.markdown(rs, List.of(), new Report.Machine("cpu", 2, "os", "2026-01-01"), null, null);
    int one = md.indexOf("**1 thread, slos = 1**");
    int hundred = md.indexOf("**1 thread, slos = 100**");
    assertTrue(one > 0 && hundred > one, md);
    String first = md.substring(one, hundred);
    String second = md.substring(hundred);
    assertTrue(first.contains("| **slo4j** | 2,000 | 2,000 – 2,000 | 2.00× | 1.00× | 0 |"), first);
    assertTrue(second.contains("| **slo4j** | 150,000 | 150,000 – 150,000 | 3.00× | 1.00× | 0 |"), second);
    assertTrue(md.contains("## ScrapeBenchmark\n"), md);
  }

  @Test
  void theObservationTargetComparesSlo4jWithMicrometerAloneAtEachThreadCount() {
    List<Result> rs = List.of(
        avgt("ObservationBenchmark", "baseline", 1, 20, Map.of()),
        avgt("ObservationBenchmark", "micrometer", 1, 200, Map.of()),
        avgt("ObservationBenchmark", "slo4j", 1, 216, Map.of()),
        avgt("ObservationBenchmark", "micrometer", 2, 400, Map.of()),
        avgt("ObservationBenchmark", "slo4j", 2, 460, Map.of()));
    String md = Report.targets(rs, List.of());
    assertEquals("| observation: slo4j's handler adds ≤ 10 % to Micrometer's, 1 thread | 8 % (216 vs 200 ns) | met |  |",
        row(md, "observation: slo4j's handler adds ≤ 10 % to Micrometer's, 1 thread"));
    assertEquals(
        "| observation: slo4j's handler adds ≤ 10 % to Micrometer's, 2 threads | 15 % (460 vs 400 ns) | missed (adds 15 %) |  |",
        row(md, "observation: slo4j's handler adds ≤ 10 % to Micrometer's, 2 threads"));
  }
}
