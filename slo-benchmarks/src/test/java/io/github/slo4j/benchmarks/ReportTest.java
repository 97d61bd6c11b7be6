package io.github.slo4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {

  private static Result avgt(String cls, String method, int threads, double ns, double bytes) {
    return new Result(cls, method, "avgt", threads, ns, ns, ns, bytes, Map.of("50.0", ns), Map.of(),
        Map.of());
  }

  private static String row(String md, String target) {
    return md.lines().filter(l -> l.startsWith("| " + target + " |")).findFirst().orElseThrow();
  }

  @Test
  void targetsAreCheckedAgainstTheFiguresAndAMissSaysByHowMuch() {
    List<Result> rs = List.of(
        avgt("RecordBenchmark", "baseline", 1, 10, 0),
        avgt("RecordBenchmark", "slo4j", 1, 12, 0.0001),
        avgt("RecordBenchmark", "baseline", 2, 10, 0),
        avgt("RecordBenchmark", "slo4j", 2, 18, 16),
        avgt("RecordBenchmark", "sentinel", 2, 72, 0),
        avgt("RecordBenchmark", "resilience4j", 2, 36, 40),
        avgt("SnapshotBenchmark", "slo4j", 1, 1200, 0));
    String md = Report.targets(rs, List.of(new Footprint.Row("slo4j", "x", 40 * 1024, "measured")));
    assertEquals("| record ≤ 1.5 × baseline, 1 thread | 1.20× (12.0 vs 10.0 ns) | met |  |",
        row(md, "record ≤ 1.5 × baseline, 1 thread"));
    assertEquals("| record ≤ 1.5 × baseline, 2 threads | 1.80× (18.0 vs 10.0 ns) | missed by 20 % |  |",
        row(md, "record ≤ 1.5 × baseline, 2 threads"));
    assertEquals("| record 0 B/op, 1 thread | 0 B/op | met |  |", row(md, "record 0 B/op, 1 thread"));
    assertEquals("| record 0 B/op, 2 threads | 16 B/op | missed by 16 B/op |  |",
        row(md, "record 0 B/op, 2 threads"));
    assertEquals("| record ≥ 3 × faster than sentinel, 2 threads | 4.0× faster | met |  |",
        row(md, "record ≥ 3 × faster than sentinel, 2 threads"));
    assertEquals("| record ≥ 3 × faster than resilience4j, 2 threads | 2.0× faster | missed by 33 % |  |",
        row(md, "record ≥ 3 × faster than resilience4j, 2 threads"));
    assertEquals("| snapshot of all standard windows ≤ 1 µs, 1 thread | 1,200 ns | missed by 20 % |  |",
        row(md, "snapshot of all standard windows ≤ 1 µs, 1 thread"));
    assertTrue(md.contains("| footprint ≤ 64 KiB per 30-day SLO (2 latency thresholds) | 40.0 KiB | met |  |"));
  }

  @Test
  void issue10TargetsNameTheirFloorFromTheSameRunsBaselineArm() {
    List<Result> rs = List.of(
        avgt("CollidingThreadsBenchmark", "baseline", 2, 3, 0),
        avgt("CollidingThreadsBenchmark", "slo4j", 2, 3.3, 0),
        new Result("TickBenchmark", "baseline", "avgt", 1, 90_000, 90_000, 90_000, 0,
            Map.of("50.0", 90_000.0), Map.of(), Map.of(), Map.of("trackers", "10000")),
        new Result("TickBenchmark", "baseline", "avgt", 1, 900, 900, 900, 0,
            Map.of("50.0", 900.0), Map.of(), Map.of(), Map.of("trackers", "100")),
        new Result("TickBenchmark", "slo4j", "avgt", 1, 2_000_000, 2_000_000, 2_000_000, 0,
            Map.of("50.0", 2_000_000.0), Map.of(), Map.of(), Map.of("trackers", "10000")),
        new Result("ReplayBenchmark", "baseline", "avgt", 1, 100, 100, 100, 0,
            Map.of("50.0", 100.0), Map.of(), Map.of(), Map.of("slo", "latency")),
        new Result("ReplayBenchmark", "month", "avgt", 1, 60e6, 60e6, 60e6, 0,
            Map.of("50.0", 60e6), Map.of(), Map.of(), Map.of("slo", "latency")));
    String md = Report.targets(rs, List.of());
    assertEquals("| record, thread ids colliding, ≤ 1.2 × baseline, 2 threads | 1.10× (3.30 vs 3.00 ns)"
        + " | met | 3.00 ns: `LongAdder`, which moves its threads apart too |",
        row(md, "record, thread ids colliding, ≤ 1.2 × baseline, 2 threads"));
    assertEquals("| one tick of 10,000 trackers ≤ 1 ms (issue 10), 1 thread | 2,000,000 ns"
        + " | missed by 100 % | 90,000 ns: two `LongAdder.sum()` and a ring slot per tracker |",
        row(md, "one tick of 10,000 trackers ≤ 1 ms (issue 10), 1 thread"));
    assertEquals("| replay of a 30-day month with default rules and a policy ≤ 50 ms (latency SLO)"
        + " | 60.0 ms | missed by 20 % | 25.9 ms: `baseline` (the append and the long-window and period"
        + " reads, nothing decided) × 259,200 evaluations |",
        row(md, "replay of a 30-day month with default rules and a policy ≤ 50 ms (latency SLO)"));
  }

  @Test
  void groupsAfterAGapNameTheSameGroupsTickedWithoutItAsTheirFloorAndALoneGroupsMissIsExplained() {
    String md = Report.targets(List.of(), List.of(
        new Footprint.Row(Footprint.QUIET_TICKED, "x", 3_000, "measured"),
        new Footprint.Row("slo4j per group (1)", "x", 5_000, "measured"),
        new Footprint.Row("slo4j per group (10,000)", "x", 4_000, "measured")));
    assertEquals("| memory ≤ 4 KiB per quiet group after a month's gap, one of 1 (issue 10) | 4.9 KiB"
        + " | missed by 22 % | 2.9 KiB: a group's own bytes when ticked through the month, without the"
        + " gap |", row(md, "memory ≤ 4 KiB per quiet group after a month's gap, one of 1 (issue 10)"));
    assertEquals("| memory ≤ 64 MiB for 10,000 quiet groups after a month's gap (issue 10) | 38.1 MiB"
        + " | met | 28.6 MiB: 10,000 groups ticked through the month, without the gap |",
        row(md, "memory ≤ 64 MiB for 10,000 quiet groups after a month's gap (issue 10)"));
    // the lone group's miss is explained; the 10,000 groups' row is met and its text not printed
    assertTrue(md.contains("- **One group alone after a month's gap**"), md);
    assertEquals(1, md.split("\n- \\*\\*", -1).length - 1, md);
  }

  @Test
  void tablesDivideByBaselineAndSlo4jAtTheSameThreadCount() {
    List<Result> rs = List.of(
        avgt("RecordBenchmark", "baseline", 1, 5, 0),
        avgt("RecordBenchmark", "slo4j", 1, 6, 0),
        avgt("RecordBenchmark", "hystrix", 1, 30, 24),
        avgt("RecordBenchmark", "baseline", 2, 10, 0),
        avgt("RecordBenchmark", "slo4j", 2, 12, 0),
        avgt("RecordBenchmark", "hystrix", 2, 120, 24));
    String md = Report.markdown(rs, List.of(),
        new Report.Machine("cpu", 2, "os", "2026-01-01"), "c.svg", null);
    assertTrue(md.contains("| hystrix | 30.0 | 30.0 – 30.0 | 6.00× | 5.00× | 24 |"), md);
    assertTrue(md.contains("| hystrix | 120 | 120 – 120 | 12× | 10× | 24 |"), md);
    assertTrue(md.contains("| **slo4j** | 12.0 | 12.0 – 12.0 | 1.20× | 1.00× | 0 |"), md);
  }

  @Test
  void numbersAreRoundedForReading() {
    assertEquals("6.04", Report.ns(6.0412));
    assertEquals("66.2", Report.ns(66.24));
    assertEquals("1,234", Report.ns(1234.4));
    assertEquals("–", Report.ns(Double.NaN));
    assertEquals("0", Report.bytes(0.0003));
    assertEquals("40", Report.bytes(40.01));
  }
}
