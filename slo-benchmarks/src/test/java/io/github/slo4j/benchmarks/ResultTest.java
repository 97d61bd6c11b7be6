package io.github.slo4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading JMH's result JSON (with Jackson) into {@link Result}s: the fields the report uses. */
class ResultTest {

  /** Two results as JMH 1.37 writes them, cut down to what {@link Result#read} looks at. */
  private static final String JMH_JSON = String.join("\n",
      "[",
      "  {",
      "    \"jmhVersion\": \"1.37\",",
      "    \"benchmark\": \"io.github.slo4j.benchmarks.RecordBenchmark.slo4j\",",
      "    \"mode\": \"avgt\",",
      "    \"threads\": 2,",
      "    \"forks\": 1,",
      "    \"jdkVersion\": \"17.0.15\",",
      "    \"warmupIterations\": 3,",
      "    \"warmupTime\": \"1 s\",",
      "    \"primaryMetric\": {",
      "      \"score\": 12.5,",
      "      \"scoreError\": \"NaN\",",
      "      \"scorePercentiles\": {\"0.0\": 10.25, \"50.0\": 12.0, \"100.0\": 15.5}",
      "    },",
      "    \"secondaryMetrics\": {",
      "      \"gc.alloc.rate\": {\"score\": 7.5, \"scorePercentiles\": {\"50.0\": 7.5}},",
      "      \"gc.alloc.rate.norm\": {\"score\": 0.001, \"scorePercentiles\": {\"50.0\": 0.002}}",
      "    }",
      "  },",
      "  {",
      "    \"benchmark\": \"io.github.slo4j.benchmarks.WritersReaderBenchmark.slo4j\",",
      "    \"mode\": \"avgt\",",
      "    \"threads\": 3,",
      "    \"primaryMetric\": {\"score\": \"NaN\"},",
      "    \"secondaryMetrics\": {",
      "      \"slo4jRead\": {\"score\": \"NaN\"},",
      "      \"slo4jWrite\": {\"score\": 9.0, \"scorePercentiles\": {\"50.0\": 8.5}}",
      "    }",
      "  }",
      "]");

  @Test
  void readsMediansPercentilesAllocationGroupPartsAndTheEnvironment() {
    Map<String, Double> pct = new LinkedHashMap<>();
    pct.put("0.0", 10.25);
    pct.put("50.0", 12.0);
    pct.put("100.0", 15.5);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("jmhVersion", "1.37");
    env.put("jdkVersion", "17.0.15");
    env.put("forks", "1");
    env.put("warmupIterations", "3");
    env.put("warmupTime", "1 s");
    Map<String, Double> parts = new LinkedHashMap<>();
    parts.put("slo4jRead", Double.NaN);
    parts.put("slo4jWrite", 8.5);
    assertEquals(
        List.of(
            new Result("RecordBenchmark", "slo4j", "avgt", 2, 12.0, 10.25, 15.5, 0.002, pct,
                Map.of(), env),
            new Result("WritersReaderBenchmark", "slo4j", "avgt", 3, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Map.of(), parts, Map.of())),
        Result.read(JMH_JSON));
  }

  @Test
  void environmentKeysKeepJmhsOrder() {
    assertEquals(List.of("jmhVersion", "jdkVersion", "forks", "warmupIterations", "warmupTime"),
        List.copyOf(Result.read(JMH_JSON).get(0).env().keySet()));
  }

  @Test
  void aDocumentThatIsNotAnArrayIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Result.read("{\"benchmark\": \"x\"}"));
    assertEquals("JMH result JSON: expected an array of results, got OBJECT", e.getMessage());
  }

  @Test
  void truncatedJsonIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Result.read("[{\"threads\": 1"));
    assertTrue(e.getMessage().startsWith("JMH result JSON: Unexpected end-of-input"),
        e.getMessage());
  }
}
