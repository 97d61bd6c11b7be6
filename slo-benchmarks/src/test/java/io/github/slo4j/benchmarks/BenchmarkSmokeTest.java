package io.github.slo4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The smoke mode of the suite, run by {@code ./mvnw verify}: every benchmark of the jar runs once
 * for 100 ms at 1 and at 2 threads (in this JVM, no warm-up, with {@code -prof gc}), the JSON is
 * read back, the page and chart are rendered into {@code target/smoke}, and the footprint is
 * measured. The figures are meaningless; what is checked is that nothing has rotted: every
 * benchmark still runs and reports, and the report still renders from what JMH writes.
 */
class BenchmarkSmokeTest {
  private static final Path OUT = Paths.get("target", "smoke");
  private static List<Result> results;
  private static List<Footprint.Row> footprint;

  @BeforeAll
  static void runSuite() throws Exception {
    SuiteRunner.Settings s = SuiteRunner.parse(new String[] {"--smoke", "--threads", "1,2"});
    s.out = OUT;
    results = SuiteRunner.run(s);
    footprint = Footprint.measure();
    SuiteRunner.render(results, footprint, OUT.resolve("docs"), "smoke run");
  }

  /** Every benchmark listed in the jar's {@code META-INF/BenchmarkList}, as {@code Class.method}. */
  private static Set<String> listed() throws IOException {
    Pattern entry = Pattern.compile("JMH S \\d+ \\S+\\.(\\w+Benchmark) S \\d+ \\S+ S \\d+ (\\w+) ");
    Set<String> names = new TreeSet<>();
    try (InputStream in =
        BenchmarkSmokeTest.class.getResourceAsStream("/META-INF/BenchmarkList")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        Matcher m = entry.matcher(line);
        if (m.find()) {
          names.add(m.group(1) + "." + m.group(2));
        }
      }
    }
    return names;
  }

  @Test
  void everyBenchmarkRanAtOneAndTwoThreadsAndReportedAScore() throws IOException {
    Set<String> listed = listed();
    assertTrue(listed.size() >= 50, "benchmarks listed: " + listed);
    for (int t : List.of(1, 2)) {
      int threads = t;
      Set<String> ran = results.stream()
          .filter(r -> r.benchmark().equals("WritersReaderBenchmark")
              ? r.threads() == threads + 1 : r.threads() == threads)
          .map(r -> r.benchmark() + "." + r.method())
          .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(listed, ran, "benchmarks with a result at " + t + " thread(s); JMH's output is in "
          + OUT.resolve("jmh-smoke.log").toAbsolutePath());
    }
    for (Result r : results) {
      assertTrue(r.median() > 0 && Double.isFinite(r.median()), r + " has no score");
      assertTrue(r.bytesPerOp() >= 0, r + " has no gc.alloc.rate.norm (-prof gc)");
    }
  }

  @Test
  void groupsReportBothSides() {
    List<Result> groups = results.stream()
        .filter(r -> r.benchmark().equals("WritersReaderBenchmark")).collect(Collectors.toList());
    assertTrue(!groups.isEmpty());
    for (Result r : groups) {
      assertEquals(Set.of(r.method() + "Read", r.method() + "Write"), r.parts().keySet(),
          r.toString());
    }
  }

  @Test
  void tailLatencyReportsTheHighPercentiles() {
    Result slo4j = results.stream()
        .filter(r -> r.benchmark().equals("TailLatencyBenchmark") && r.method().equals("slo4j"))
        .findFirst().orElseThrow();
    assertEquals("sample", slo4j.mode());
    assertTrue(slo4j.percentiles().containsKey("99.9"), slo4j.percentiles().toString());
    assertTrue(slo4j.percentiles().get("100.0") >= slo4j.percentiles().get("99.9"));
  }

  @Test
  void theUnionJsonHoldsEveryResultAndRendersTheSamePage() throws IOException {
    List<Result> reread = Result.read(Files.readString(OUT.resolve("jmh-result.json")));
    assertEquals(results, reread);
  }

  @Test
  void thePageHasASectionPerBenchmarkTheTargetsAndTheFootprint() throws IOException {
    String md = Files.readString(OUT.resolve("docs").resolve("benchmarks.md"));
    for (String section : Report.SECTIONS.keySet()) {
      assertTrue(md.contains("## " + section + "\n"), section);
    }
    assertTrue(md.contains("## Targets"));
    assertTrue(md.contains("## Footprint"));
    assertTrue(md.contains("> **smoke run**"));
    assertTrue(md.contains("![Record cost per implementation and thread count](benchmarks-record.svg)"));
  }

  @Test
  void theChartHasABarPerImplementationAndThreadCount() throws IOException {
    String svg = Files.readString(OUT.resolve("docs").resolve("benchmarks-record.svg"));
    assertTrue(svg.startsWith("<svg "));
    assertTrue(svg.trim().endsWith("</svg>"));
    long record = results.stream().filter(r -> r.benchmark().equals("RecordBenchmark")).count();
    assertEquals(record, Pattern.compile("<rect x=\"\\d+\" y=\"\\d+\" width").matcher(svg)
        .results().count() - 2, "bars (the legend has two swatches)");
  }

  @Test
  void footprintMeasuresSlo4jAndEveryPeer() {
    Set<String> names = footprint.stream().map(Footprint.Row::implementation)
        .collect(Collectors.toSet());
    for (String n : List.of("slo4j", "sentinel", "resilience4j", "resilience4jLockFree", "hystrix",
        "micrometerTimer", "hdrRecorder", "dropwizardReservoir", "baseline")) {
      assertTrue(names.contains(n), n);
    }
    footprint.forEach(r -> assertTrue(r.bytes() > 0, r.toString()));
  }
}
