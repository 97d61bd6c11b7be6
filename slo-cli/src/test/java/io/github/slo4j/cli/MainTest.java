package io.github.slo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {

  /** What one run of the command line printed and returned. */
  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Map<String, Object> json(String... args) {
    Run r = run(args);
    assertEquals(0, r.status(), r.err());
    assertEquals("", r.err());
    return map(JsonReader.read(r.out()));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  /** Compares a JSON number with its expected decimal value exactly. */
  static void assertNumber(String expected, Object actual) {
    assertEquals(0, new BigDecimal(expected).compareTo((BigDecimal) actual), () -> expected + " != " + actual);
  }

  // ---- text ----------------------------------------------------------------------------------

  @Test
  void textFor99Point9Over30Days() {
    Run r = run("budget", "--objective", "99.9", "--period", "30d");
    assertEquals(0, r.status());
    assertEquals("", r.err());
    String nl = System.lineSeparator();
    assertEquals(
        String.join(
            nl,
            "SLO 99.9% over 30d",
            "",
            "Error budget",
            "  budget                 0.1% of events",
            "  bad time allowed       43m12s (43.2 minutes)",
            "",
            "Burn rate -> time to exhaust a full budget",
            "  burn     error ratio   exhausted in",
            "  1        0.1%          30d",
            "  2        0.2%          15d",
            "  3        0.3%          10d",
            "  6        0.6%          5d",
            "  10       1%            3d",
            "  14.4     1.44%         2d2h",
            "  36       3.6%          20h",
            "  100      10%           7h12m",
            "  1000     100%          43m12s",
            "",
            "Alert tiers (budget-share)",
            "  severity long   short  factor  error ratio >  budget spent   detects a full outage in",
            "  page     1h     5m     14.4    1.44%          2%             51s840ms",
            "  page     6h     30m    6       0.6%           5%             2m9s600ms",
            "  ticket   1d     2h     3       0.3%           10%            4m19s200ms",
            "  ticket   3d     6h     1       0.1%           10%            4m19s200ms",
            ""),
        r.out().replace("\n", nl).replace("\r" + nl, nl));
  }

  @Test
  void textWithARate() {
    Run r = run("budget", "--objective", "99.9", "--period", "30d", "--rate", "10/h");
    assertEquals(0, r.status());
    assertTrue(
        r.out().contains("  bad events allowed     7.2 of 7,200 events (at 10/h)"), r.out());
  }

  @Test
  void textAt90PercentSaysThePageNeverFires() {
    Run r = run("budget", "--objective", "90", "--period", "30d");
    assertEquals(0, r.status());
    assertTrue(r.out().contains("  10       100%          3d"), r.out());
    assertTrue(r.out().contains("  page     1h     5m     14.4    never fires    2%             never"), r.out());
    assertTrue(r.out().contains("  page     6h     30m    6       60%            5%             3h36m"), r.out());
  }

  @Test
  void theBurnTableEndsWithAFullOutage() {
    Run fiveNines = run("budget", "--objective", "99.999", "--period", "30d");
    assertTrue(fiveNines.out().contains("  100000   100%          25s920ms"), fiveNines.out());
    Run threeAndAHalf = run("budget", "--objective", "99.95%", "--period", "30d");
    assertTrue(threeAndAHalf.out().contains("  1000     50%           43m12s"), threeAndAHalf.out());
    assertTrue(threeAndAHalf.out().contains("  2000     100%          21m36s"), threeAndAHalf.out());
  }

  @Test
  void theTierTableStaysAlignedWhenAWindowIsWide() {
    Run r = run("budget", "--objective", "99.999", "--period", "30d", "--tiers", "scaled-windows");
    List<String> lines = r.out().lines().collect(Collectors.toList());
    int header = lines.indexOf("Alert tiers (scaled-windows)") + 1;
    String head = lines.get(header);
    List<String> rows = lines.subList(header + 1, header + 5);
    assertTrue(rows.get(3).startsWith("  ticket   4d6h51m 6h26m  1 "), rows.get(3));
    for (String column : List.of("long", "short", "factor", "error ratio", "budget", "detects")) {
      int at = head.indexOf(column);
      for (String row : rows) {
        assertEquals(' ', row.charAt(at - 1), () -> column + " in " + row);
        assertTrue(row.charAt(at) != ' ', () -> column + " in " + row);
      }
    }
  }

  // ---- JSON ----------------------------------------------------------------------------------

  @Test
  void jsonFor99Point9Over30Days() {
    Map<String, Object> root = json("budget", "--objective", "99.9", "--period", "30d", "--json");
    assertEquals("0.999", root.get("objective"));
    assertEquals("99.9", root.get("objectivePercent"));
    assertEquals("30d", root.get("period"));
    assertNumber("2592000", root.get("periodSeconds"));

    Map<String, Object> budget = map(root.get("budget"));
    assertEquals("0.001", budget.get("ratio"));
    assertEquals("43m12s", budget.get("badTime"));
    assertNumber("43.2", budget.get("badMinutes"));
    assertEquals(List.of("ratio", "badTime", "badMinutes"), List.copyOf(budget.keySet()));

    List<Object> burns = list(root.get("burnRates"));
    String[][] expected = {
      {"1", "0.001", "30d", "2592000"},
      {"2", "0.002", "15d", "1296000"},
      {"3", "0.003", "10d", "864000"},
      {"6", "0.006", "5d", "432000"},
      {"10", "0.01", "3d", "259200"},
      {"14.4", "0.0144", "2d2h", "180000"},
      {"36", "0.036", "20h", "72000"},
      {"100", "0.1", "7h12m", "25920"},
      {"1000", "1", "43m12s", "2592"},
    };
    assertEquals(expected.length, burns.size());
    for (int i = 0; i < expected.length; i++) {
      Map<String, Object> row = map(burns.get(i));
      assertNumber(expected[i][0], row.get("burnRate"));
      assertNumber(expected[i][1], row.get("errorRatio"));
      assertEquals(expected[i][2], row.get("exhaustedIn"));
      assertNumber(expected[i][3], row.get("exhaustedInSeconds"));
    }

    Map<String, Object> alerting = map(root.get("alerting"));
    assertEquals("budget-share", alerting.get("strategy"));
    List<Object> tiers = list(alerting.get("tiers"));
    String[][] tiersExpected = {
      {"page", "1h", "5m", "14.4", "0.0144", "0.02", "51.84"},
      {"page", "6h", "30m", "6", "0.006", "0.05", "129.6"},
      {"ticket", "1d", "2h", "3", "0.003", "0.1", "259.2"},
      {"ticket", "3d", "6h", "1", "0.001", "0.1", "259.2"},
    };
    assertEquals(4, tiers.size());
    for (int i = 0; i < tiersExpected.length; i++) {
      Map<String, Object> t = map(tiers.get(i));
      String[] e = tiersExpected[i];
      assertEquals(e[0], t.get("severity"));
      assertEquals(e[1], t.get("longWindow"));
      assertEquals(e[2], t.get("shortWindow"));
      assertNumber(e[3], t.get("factor"));
      assertEquals(Boolean.TRUE, t.get("canFire"));
      assertNumber(e[4], t.get("errorRatioThreshold"));
      assertNumber(e[5], t.get("budgetShare"));
      assertNumber(e[6], t.get("fullOutageDetectionSeconds"));
    }
  }

  @Test
  void jsonWithARate() {
    Map<String, Object> budget =
        map(json("budget", "--objective=99.9", "--period=30d", "--rate=10/h", "--json").get("budget"));
    assertEquals("10/h", budget.get("rate"));
    assertNumber("7200", budget.get("totalEvents"));
    assertNumber("7.2", budget.get("badEvents"));
  }

  @ParameterizedTest
  @CsvSource({
    "100/s, 259200000, 259200",
    "5000/m, 216000000, 216000",
    "5000/min, 216000000, 216000",
    "0.5/h, 360, 0.36",
    "1000/d, 30000, 30",
  })
  void rates(String rate, String total, String bad) {
    Map<String, Object> budget =
        map(json("budget", "--objective", "99.9", "--period", "30d", "--rate", rate, "--json").get("budget"));
    assertNumber(total, budget.get("totalEvents"));
    assertNumber(bad, budget.get("badEvents"));
  }

  @Test
  void jsonAt90PercentHasNoDetectionForTheFirstPage() {
    Map<String, Object> first =
        map(list(map(json("budget", "--objective", "90", "--period", "30d", "--json").get("alerting")).get("tiers")).get(0));
    assertEquals(Boolean.FALSE, first.get("canFire"));
    assertTrue(first.containsKey("fullOutageDetectionSeconds"));
    assertNull(first.get("fullOutageDetectionSeconds"));
  }

  @Test
  void scaledWindowsKeepTheirFixedFactors() {
    Map<String, Object> alerting =
        map(json("budget", "--objective", "99.9", "--period", "30d", "--tiers", "scaled-windows", "--json").get("alerting"));
    assertEquals("scaled-windows", alerting.get("strategy"));
    String[] factors = {"14", "7", "2", "1"};
    List<Object> tiers = list(alerting.get("tiers"));
    for (int i = 0; i < factors.length; i++) {
      assertNumber(factors[i], map(tiers.get(i)).get("factor"));
    }
  }

  @Test
  void otherPeriodsDeriveTheirFactors() {
    List<Object> tiers =
        list(map(json("budget", "--objective", "99.9", "--period", "28d", "--json").get("alerting")).get("tiers"));
    assertNumber("13.44", map(tiers.get(0)).get("factor"));
    assertNumber("5.6", map(tiers.get(1)).get("factor"));
    assertNumber("2.8", map(tiers.get(2)).get("factor"));
  }

  // ---- help and bad command lines ------------------------------------------------------------

  @Test
  void help() {
    for (String flag : List.of("--help", "-h")) {
      Run r = run(flag);
      assertEquals(0, r.status());
      assertEquals(Main.USAGE + System.lineSeparator(), r.out());
      assertEquals("", r.err());
    }
    Run none = run();
    assertEquals(2, none.status());
    assertEquals("", none.out());
    assertEquals(Main.USAGE + System.lineSeparator(), none.err());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "foo                                           | foo: unknown command (expected demo, budget, replay or backtest)",
        "budget                                        | --objective: missing (expected a percent such as 99.9)",
        "budget --period 30d                           | --objective: missing (expected a percent such as 99.9)",
        "budget --objective 99.9                       | --period: missing (expected a duration such as 30d, 28d or 7d)",
        "budget --objective                            | --objective: missing value (expected a percent such as 99.9)",
        "budget --objective --period 30d               | --objective: missing value (expected a percent such as 99.9)",
        "budget --objective 99.9 --period              | --period: missing value (expected a duration such as 30d, 28d or 7d)",
        "budget --objective 99.9 --period 30d --rate   | --rate: missing value (expected events per unit such as 100/s, 5000/m or 20/h)",
        "budget --objective 99.9 --period 30d --tiers  | --tiers: missing value (expected budget-share or scaled-windows)",
        "budget --objective 99.9 --period 30d --verbose | --verbose: unknown argument (expected --objective, --period, --rate, --tiers or --json)",
        "budget --objective 99.9 --period 30d 7d       | 7d: unknown argument (expected --objective, --period, --rate, --tiers or --json)",
        "budget --objective 100 --period 30d           | --objective: objective percent: 100 (expected 1 <= percent < 100; 100 % leaves no error budget, so no burn rate or alert can be computed)",
        "budget --objective 0.999 --period 30d         | --objective: objective percent: 0.999 (expected 1 <= percent < 100; for a fraction use Objective.ratio(0.999))",
        "budget --objective abc --period 30d           | --objective: objective percent: 'abc' (expected a decimal number such as 99.9)",
        "budget --objective 99.9 --period 30           | --period: '30' (expected a duration such as 10s, 5m, 1h30m, 30d or 1w (units ms, s, m, h, d, w))",
        "budget --objective 99.9 --period 0s           | --period: '0s' (expected a duration > 0)",
        "budget --objective 99.9 --period 1000000d     | --period: '1000000d' (expected a duration that fits in a long of nanoseconds)",
        "budget --objective 99.9 --period 5m           | --period: 5m (expected a whole number of minutes from 1h to 400d)",
        "budget --objective 99.9 --period 500d         | --period: 500d (expected a whole number of minutes from 1h to 400d)",
        "budget --objective 99.9 --period 30d1ms       | --period: 30d1ms (expected a whole number of minutes from 1h to 400d)",
        "budget --objective 99.9 --period 30d --period 7d | --period: given twice (expected it once)",
        "budget --objective 99.9 --period 30d --rate abc     | --rate: 'abc' (expected events per unit such as 100/s, 5000/m or 20/h)",
        "budget --objective 99.9 --period 30d --rate 10      | --rate: '10' (expected events per unit such as 100/s, 5000/m or 20/h)",
        "budget --objective 99.9 --period 30d --rate /s      | --rate: '/s' (expected events per unit such as 100/s, 5000/m or 20/h)",
        "budget --objective 99.9 --period 30d --rate 10/y    | --rate: '10/y' (expected events per unit such as 100/s, 5000/m or 20/h)",
        "budget --objective 99.9 --period 30d --rate 0/s     | --rate: '0/s' (expected events per unit such as 100/s, 5000/m or 20/h)",
        "budget --objective 99.9 --period 30d --rate -5/s    | --rate: '-5/s' (expected events per unit such as 100/s, 5000/m or 20/h)",
        "budget --objective 99.9 --period 30d --rate NaN/s   | --rate: 'NaN/s' (expected events per unit such as 100/s, 5000/m or 20/h)",
        "budget --objective 99.9 --period 30d --rate 1e400/s | --rate: '1e400/s' (expected events per unit such as 100/s, 5000/m or 20/h)",
        "budget --objective 99.9 --period 30d --rate 1e300/s | --rate: '1e300/s' (expected at most 9223372036854775807 events over the period)",
        "budget --objective 99.9 --period 30d --tiers fast   | --tiers: 'fast' (expected budget-share or scaled-windows)",
      })
  void badArgumentsPrintOneLineAndExit2(String args, String message) {
    Run r = run(args.trim().split(" +"));
    assertEquals(2, r.status());
    assertEquals("", r.out());
    assertEquals("slo4j: " + message + System.lineSeparator(), r.err());
  }

  @Test
  void aPeriodTooShortForScaledWindowsPrintsTheBudgetAndSaysWhyThereIsNoTier() {
    Run r = run("budget", "--objective", "99.9", "--period", "1d", "--tiers", "scaled-windows");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("  bad time allowed       1m26s400ms (1.44 minutes)"), r.out());
    assertTrue(r.out().endsWith("Alert tiers (scaled-windows)\n  none: short window: 1d / 8064 = 10s714ms285us714ns"
        + " (expected a window of at least 1m after rounding to the minute; use a longer period or budget-share tiers)\n"), r.out());
  }

  /** Issue 15: {@code --period 1d} printed nothing but an error, not even the budget. */
  @Test
  void aOneDayPeriodPrintsTheBudgetAndTheWorkbookTiersThatFit() {
    Run r = run("budget", "--objective", "99.9", "--period", "1d");
    assertEquals(0, r.status(), r.err());
    String tiers = r.out().substring(r.out().indexOf("Alert tiers"));
    assertEquals(
        String.join(System.lineSeparator(),
            "Alert tiers (budget-share)",
            "  3d/6h left out: longer than the 1d period",
            "  severity long   short  factor  error ratio >  budget spent   detects a full outage in",
            // factor = share x period / long window (0.02 x 24h / 1h), error ratio = factor x 0.1 %
            "  page     1h     5m     0.48    0.048%         2%             1s728ms",
            "  page     6h     30m    0.2     0.02%          5%             4s320ms",
            "  ticket   1d     2h     0.1     0.01%          10%            8s640ms",
            ""),
        tiers.replace("\n", System.lineSeparator()));
  }
}
