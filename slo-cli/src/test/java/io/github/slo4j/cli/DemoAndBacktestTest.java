package io.github.slo4j.cli;

import static io.github.slo4j.cli.MainTest.list;
import static io.github.slo4j.cli.MainTest.map;
import static io.github.slo4j.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ErrorBudget;
import io.github.slo4j.Objective;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code slo4j demo} tells the /checkout incident; {@code slo4j backtest} scores alert configurations. */
class DemoAndBacktestTest {
  @TempDir Path dir;

  @Test
  void theDemoModelHasTheIncidentsLatencies() {
    DemoCommand.Phase healthy = DemoCommand.PHASES.get(0);
    DemoCommand.Phase degraded = DemoCommand.PHASES.get(1);
    DemoCommand.Phase recovered = DemoCommand.PHASES.get(2);
    assertBetween(235, 245, healthy.quantileMs(0.99));
    assertBetween(1350, 1450, degraded.quantileMs(0.99));
    assertBetween(230, 240, recovered.quantileMs(0.99));
    // About 14x: the 1h/5m page tier needs more than 14.4, so the model burns just above it.
    assertBetween(14.4, 15.5, degraded.over(1000) / 0.001);
    assertBetween(0.1, 0.3, healthy.over(1000) / 0.001);
  }

  @Test
  void theLogNormalTailMatchesTheNormalDistributionsKnownValues() {
    // P(Z > 1.96) = 0.024998, P(Z > 2.326348) = 0.01 (any table of the standard normal).
    assertEquals(0.024998, DemoCommand.upperTail(Math.exp(1.96), 1, 1), 2e-7);
    assertEquals(0.01, DemoCommand.upperTail(Math.exp(2.326348), 1, 1), 2e-7);
    assertEquals(0.5, DemoCommand.upperTail(120, 120, 0.3), 2e-7);
    assertEquals(1 - 0.024998, DemoCommand.upperTail(Math.exp(-1.96), 1, 1), 2e-7);
  }

  @Test
  void theDemoPagesWithTheFullPayloadWithinTheWorkbooksDetectionTimeAndResolvesAfterTheRollback() throws IOException {
    Path svg = dir.resolve("demo.svg");
    MainTest.Run r = run("demo", "--svg", svg.toString());
    assertEquals(0, r.status(), r.err());
    String out = r.out();
    // The deploy at 00:00; the Workbook's 1h/5m tier needs about 58 minutes at this burn.
    assertTrue(Pattern.compile("\n  Mar 3 00:5\\d  FIRING \\[page\\] shop/checkout-latency le1s: burn ").matcher(out).find(), out);
    assertTrue(out.contains("      runbook    https://runbooks.example.com/shop/checkout-latency (owner team-checkout)\n"), out);
    for (String link : List.of("dashboard", "traces", "profiles", "logs")) {
      assertTrue(Pattern.compile("\n      " + link + " +https://[^ ]*(from|start)=\\d+").matcher(out).find(), link + ": " + out);
    }
    assertTrue(out.contains("      change     deploy payments-api 2.8.0 at 2026-03-03T00:00:00Z\n"), out);
    Matcher resolved = Pattern.compile("\n  Mar 3 (\\d\\d):(\\d\\d)  RESOLVED \\[page\\]").matcher(out);
    assertTrue(resolved.find(), out);
    int minutes = Integer.parseInt(resolved.group(1)) * 60 + Integer.parseInt(resolved.group(2));
    // The rollback at 01:20; the 5m short window clears by 01:25 and the alert keeps firing 5m more at most.
    assertTrue(minutes >= 80 && minutes <= 90, out);

    // Detected within the Workbook's detection time for this burn (window x factor / burn), give or take an interval.
    Matcher detected = Pattern.compile("detected   (\\S+) after the burn started \\(the Workbook predicts (\\S+) ").matcher(out);
    assertTrue(detected.find(), out);
    Duration actual = parse(detected.group(1));
    Duration predicted = parse(detected.group(2));
    assertTrue(actual.compareTo(predicted.plusSeconds(10)) <= 0 && actual.compareTo(predicted.minusMinutes(1)) >= 0,
        actual + " vs " + predicted);
    double burn = DemoCommand.PHASES.get(1).over(1000) / 0.001;
    assertEquals(ErrorBudget.detectionTime(Objective.percent("99.9"), burn * 0.001, 14.4, Duration.ofHours(1)).orElseThrow().toSeconds(),
        predicted.toSeconds(), 1);

    // The episode spent a few percent: no postmortem, no freeze.
    assertTrue(out.contains("  no postmortem required: the episode spent "), out);
    assertTrue(out.contains("  releases not frozen: "), out);
    assertTrue(out.endsWith("Chart: " + svg + "\n"), out);
    String chart = Files.readString(svg);
    assertTrue(chart.contains(">payments-api 2.8.0</text>") && chart.contains(">payments-api 2.7.3 (rollback)</text>"), chart);
  }

  private static Duration parse(String text) {
    return io.github.slo4j.internal.DurationFormat.parse("duration", text);
  }

  private static void assertBetween(double lo, double hi, double actual) {
    assertTrue(actual >= lo && actual <= hi, actual + " not in [" + lo + ", " + hi + "]");
  }

  /**
   * The sample traffic was made with three bursts: an unlabelled 3-minute canary spike on day 1 (a
   * page with no incident behind it), the labelled 20-minute outage on day 2 and the labelled 6-hour
   * leak on day 3.
   */
  @Test
  void theBacktestScoresEachConfigurationAgainstTheLabelledIncidents() {
    Map<String, Object> json = ReplayCommandTest.json("backtest", "--traffic", ReplayCommandTest.SAMPLES.resolve("checkout-traffic.csv").toString(),
        "--objective", "99.9", "--incidents", ReplayCommandTest.SAMPLES.resolve("incidents.csv").toString(),
        "--custom", "page:1h/5m:14.4", "--json");
    assertEquals(2, ((BigDecimal) json.get("labelledIncidents")).intValue());
    List<Object> rows = list(json.get("configurations"));
    assertEquals(6, rows.size()); // budget-share, scaled-windows, custom; page and ticket each
    Map<String, Object> budgetSharePages = map(rows.get(0));
    assertEquals("budget-share", budgetSharePages.get("configuration"));
    assertEquals("page", budgetSharePages.get("severity"));
    assertEquals(3, ((BigDecimal) budgetSharePages.get("episodes")).intValue());
    assertEquals(1, ((BigDecimal) budgetSharePages.get("falseEpisodes")).intValue());
    assertEquals(0, new BigDecimal("1.0").compareTo((BigDecimal) budgetSharePages.get("recall")));
    assertEquals(2.0 / 3, ((BigDecimal) budgetSharePages.get("precision")).doubleValue(), 1e-12);
    // Only the 1h/5m page: the canary spike and the outage, not the 6-hour leak (a burn of 6 is below 14.4).
    Map<String, Object> customPages = map(rows.get(4));
    assertEquals("custom", customPages.get("configuration"));
    assertEquals(List.of("page 1h/5m > 14.4"), customPages.get("tiers"));
    assertEquals(2, ((BigDecimal) customPages.get("episodes")).intValue());
    assertEquals(0, new BigDecimal("0.5").compareTo((BigDecimal) customPages.get("recall")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--tiers budget-share        | --tiers: a backtest runs every strategy (expected --custom for a set of your own)",
        "--custom page:1h:14.4       | --custom: 'page:1h:14.4' (expected severity:long/short:factor such as page:1h/5m:14.4)",
        "--custom page:1h/5m:fast    | --custom: factor: 'fast' (expected a number such as 14.4)",
        "--custom page:1h/2h:14.4    | --custom: short window: 2h (expected < long window (1h))",
      })
  void aBadBacktestArgumentIsOneLineAndExit2(String flags, String message) {
    String[] f = flags.trim().split(" +");
    MainTest.Run r = run("backtest", "--traffic", "x.csv", "--objective", "99.9", f[0], f[1]);
    assertEquals(2, r.status());
    assertEquals("slo4j: " + message.trim() + System.lineSeparator(), r.err());
  }

  @Test
  void aBadIncidentsFileNamesItsLineAndColumn() throws IOException {
    Path file = dir.resolve("incidents.csv");
    Files.writeString(file, "start,end\n2026-03-02T14:00:00Z,2026-03-02T13:00:00Z\n");
    MainTest.Run r = run("backtest", "--traffic", ReplayCommandTest.SAMPLES.resolve("checkout-traffic.csv").toString(),
        "--objective", "99.9", "--incidents", file.toString());
    assertEquals(2, r.status());
    assertEquals("slo4j: incidents.csv:2:22: end: '2026-03-02T13:00:00Z' (expected an instant after the start)"
        + System.lineSeparator(), r.err());
  }
}
