package io.github.slo4j.cli;

import static io.github.slo4j.cli.MainTest.list;
import static io.github.slo4j.cli.MainTest.map;
import static io.github.slo4j.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTiers;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.replay.Replay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code slo4j replay} on the sample files shipped in {@code samples/}: its timeline must be the one
 * the library's own {@link Replay} gives for the same counts, read here independently of the command
 * line's parser.
 */
class ReplayCommandTest {
  static final Path SAMPLES = Path.of("..", "samples");

  @TempDir Path dir;

  /** The notifying transitions the library's replay gives, as "at alert-id to-state". */
  static List<String> libraryNotifications(SloDefinition slo, AlertRules rules, List<Replay.Point> points) {
    Replay.Result r = Replay.of(slo).rules(rules).traffic(Replay.Traffic.recorded(points)).run();
    List<String> out = new ArrayList<>();
    for (AlertTransition t : r.notifications()) {
      out.add(t.at() + " " + t.alert().id() + " " + t.to().name().toLowerCase(java.util.Locale.ROOT));
    }
    return out;
  }

  /**
   * Runs the command line for JSON: status 0, and nothing on stderr but the progress bar (shown when
   * a replay takes more than a second, which a loaded machine can make any replay take).
   */
  static Map<String, Object> json(String... args) {
    MainTest.Run r = run(args);
    assertEquals(0, r.status(), r.err());
    assertEquals("", r.err().replaceAll("\\rreplaying \\[[# ]*\\] \\d+%\\n?", ""));
    return map(JsonReader.read(r.out()));
  }

  static List<String> cliNotifications(Map<String, Object> json) {
    List<String> out = new ArrayList<>();
    for (Object o : list(json.get("transitions"))) {
      Map<String, Object> t = map(o);
      if ((Boolean) t.get("notifies")) {
        out.add(t.get("at") + " " + t.get("alert") + " " + t.get("to"));
      }
    }
    return out;
  }

  @Test
  void aCountsCsvReplaysToTheTimelineOfTheLibrarysReplay() throws IOException {
    List<Replay.Point> points = new ArrayList<>();
    for (String line : Files.readAllLines(SAMPLES.resolve("checkout-traffic.csv"))) {
      if (line.startsWith("#") || line.startsWith("timestamp")) {
        continue;
      }
      String[] c = line.split(",");
      points.add(new Replay.Point(Instant.parse(c[0]), Long.parseLong(c[1]), Long.parseLong(c[2])));
    }
    SloDefinition slo = SloDefinition.builder("checkout-availability").service("shop").objective(Objective.percent("99.9")).build();
    List<String> expected =
        libraryNotifications(slo, AlertRules.builder(slo).tiers(AlertTiers.Strategy.BUDGET_SHARE).build(), points);

    Map<String, Object> json = json("replay", "--traffic", SAMPLES.resolve("checkout-traffic.csv").toString(),
        "--objective", "99.9", "--id", "checkout-availability", "--service", "shop", "--json");

    assertFalse(expected.isEmpty());
    assertEquals(expected, cliNotifications(json));
  }

  @Test
  void aJsonLinesEventFileOnALatencySloReplaysToTheTimelineOfTheLibrarysReplay() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    TreeMap<Instant, long[]> perInterval = new TreeMap<>();
    for (String line : Files.readAllLines(SAMPLES.resolve("checkout-events.jsonl"))) {
      JsonNode n = mapper.readTree(line);
      Instant at = Instant.parse(n.get("timestamp").asText());
      Instant interval = Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), 10_000) * 10_000);
      long ms = Long.parseLong(n.get("latency").asText().replace("ms", ""));
      boolean good = n.get("outcome").asText().equals("good") && ms <= 300;
      long[] counts = perInterval.computeIfAbsent(interval, k -> new long[2]);
      counts[0] += good ? 1 : 0;
      counts[1]++;
    }
    List<Replay.Point> points = new ArrayList<>();
    perInterval.forEach((at, c) -> points.add(new Replay.Point(at, c[0], c[1])));
    SloDefinition slo = SloDefinition.builder("slo").service("service")
        .sli(Sli.latency(LatencyThreshold.of(Duration.ofMillis(300), Objective.percent("99"))))
        .period(CompliancePeriod.rolling(Duration.ofDays(1)))
        .build();
    // For a one-day period only the Workbook windows up to a day fit: the command line leaves 3d/6h out.
    AlertRules rules = AlertRules.builder(slo).tiers(TierChoice.of(AlertTiers.Strategy.BUDGET_SHARE, Duration.ofDays(1)).tiers()).build();
    List<String> expected = libraryNotifications(slo, rules, points);

    Map<String, Object> json = json("replay", "--traffic", SAMPLES.resolve("checkout-events.jsonl").toString(),
        "--objective", "99", "--latency", "300ms", "--period", "1d", "--json");

    assertFalse(expected.isEmpty());
    assertEquals(expected, cliNotifications(json));
  }

  @Test
  void anOpenSloDefinitionReplaysWithItsOwnAlertPoliciesAsTheLibraryReadsThem() throws IOException {
    io.github.slo4j.openslo.OpenSloDocuments docs = io.github.slo4j.openslo.OpenSlo.read(SAMPLES.resolve("checkout-slo.yaml"));
    SloDefinition slo = docs.definition("checkout-availability").orElseThrow();
    List<Replay.Point> points = new ArrayList<>();
    for (String line : Files.readAllLines(SAMPLES.resolve("checkout-traffic.csv"))) {
      if (!line.startsWith("#") && !line.startsWith("timestamp")) {
        String[] c = line.split(",");
        points.add(new Replay.Point(Instant.parse(c[0]), Long.parseLong(c[1]), Long.parseLong(c[2])));
      }
    }
    List<String> expected = libraryNotifications(slo, docs.rules(slo.id()).orElseThrow(), points);

    Map<String, Object> json = json("replay", "--slo", SAMPLES.resolve("checkout-slo.yaml").toString(),
        "--traffic", SAMPLES.resolve("checkout-traffic.csv").toString(), "--json");

    assertFalse(expected.isEmpty());
    assertEquals(expected, cliNotifications(json));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--slo ../samples/checkout-slo.yaml --objective 99.9 | --objective: not with --slo (expected the OpenSLO file to say it)",
        "--slo ../samples/nowhere.yaml                       | --slo: ../samples/nowhere.yaml: no such file",
        "--slo ../samples/checkout-slo.yaml --id search      | --id: 'search' (expected one of [checkout-availability])",
        "--slo ../samples/incidents.csv                      | ../samples/incidents.csv:2:1: : start,end,name 2026-03-02T14:00:00Z,2026-03-02T14:20:00Z,payment provider outage 2026-03-03T03:00:00Z,2026-03-03T09:00:00Z,slow leak after a config change (expected a mapping)",
      })
  void aBadOpenSloArgumentIsOneLineAndExit2(String args, String message) {
    List<String> all = new ArrayList<>(List.of("replay", "--traffic", SAMPLES.resolve("checkout-traffic.csv").toString()));
    all.addAll(List.of(args.trim().split(" +")));
    MainTest.Run r = run(all.toArray(new String[0]));
    assertEquals(2, r.status(), r.out());
    assertEquals("slo4j: " + message.trim() + System.lineSeparator(), r.err());
  }

  @Test
  void theTextTimelineSaysWhenEachAlertFiredAndSummarisesEachTier() {
    MainTest.Run r = run("replay", "--traffic", SAMPLES.resolve("checkout-traffic.csv").toString(), "--objective", "99.9",
        "--id", "checkout-availability", "--service", "shop");
    assertEquals(0, r.status(), r.err());
    String out = r.out();
    assertTrue(out.startsWith("Replay of shop/checkout-availability: events 99.9% over 30d\n"
        + "  traffic  checkout-traffic.csv: 4,320 rows, 2026-03-01T00:00:00Z .. 2026-03-03T23:59:10Z (25,915 intervals of 10s)\n"
        + "  tiers    budget-share: page 1h/5m > 14.4, page 6h/30m > 6, ticket 1d/2h > 3, ticket 3d/6h > 1\n"), out);
    // The 20-minute outage at 14:00 on day 2 (10 % errors, a burn of 100) fires the 1h/5m page within minutes.
    assertTrue(out.contains("\n  +1d14h8m10s  FIRING [page] shop/checkout-availability events: burn 15.18 over 1h"), out);
    assertTrue(out.contains("\n  page 1h/5m > 14.4 2     31m         2\n"), out);
    assertTrue(out.contains("Policy decisions (" + SloOptions.POLICY + ")\n  none\n"), out);
  }

  @Test
  void theChartHasTheBudgetABurnLinePerTierAndAShadePerIncident() throws IOException {
    Path svg = dir.resolve("chart.svg");
    MainTest.Run r = run("replay", "--traffic", SAMPLES.resolve("checkout-traffic.csv").toString(), "--objective", "99.9",
        "--deploy", "2026-03-03T02:55:00Z=checkout-config@42", "--svg", svg.toString(), "--json");
    assertEquals(0, r.status(), r.err());
    String chart = Files.readString(svg);
    assertTrue(chart.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), chart);
    assertTrue(chart.endsWith("</svg>\n"));
    int incidents = list(map(io.github.slo4j.cli.JsonReader.read(r.out())).get("incidents")).size();
    assertEquals(incidents, count(chart, "firing</title></rect>"));
    assertEquals(1 + 4, count(chart, "<polyline")); // the budget, and one burn line per tier (the data has no gap)
    assertTrue(chart.contains(">checkout-config 42</text>"), chart);
    assertEquals(count(chart, "<text"), count(chart, "</text>"));
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "t.csv | timestamp,good,totl\\n | t.csv:1:16: header: 'totl' (expected timestamp,good,total or timestamp,outcome,latency)",
        "t.csv | timestamp,good,total\\n2026-03-01T00:00:00Z,-1,10\\n | t.csv:2:22: good: '-1' (expected a count: a whole number >= 0)",
        "t.csv | timestamp,good,total\\n2026-03-01T00:00:00Z,11,10\\n | t.csv:2:22: good: '11' (expected at most total (10))",
        "t.csv | timestamp,good,total\\n2026-03-01 00:00,1,10\\n | t.csv:2:1: timestamp: '2026-03-01 00:00' (expected an ISO-8601 instant such as 2026-01-01T00:00:10Z, or epoch seconds)",
        "t.csv | timestamp,good,total\\n2026-03-01T00:00:00Z,1\\n | t.csv:2:1: 2 fields (expected 3 as in the header: timestamp,good,total)",
        "t.csv | timestamp,good,total\\n | t.csv:1:1: no traffic (expected at least one row after the header)",
        "t.csv | timestamp,outcome,latency\\n1772323200,fine,20ms\\n | t.csv:2:12: outcome: 'fine' (expected good or bad (ok/error, success/failure))",
        "t.csv | timestamp,outcome,latency\\n1772323200,good,20 ms\\n | t.csv:2:17: latency: '20 ms' (expected a duration such as 230ms or 1.2s)",
        "t.jsonl | {\"timestamp\": \"2026-03-01T00:00:00Z\", \"good\": 1, \"total\": 2}\\n{\"timestamp\": \"2026-03-01T00:00:10Z\", \"good\": 1 \"total\": 2}\\n | t.jsonl:2:49: '}' expected, found '\"'",
        "t.jsonl | {\"timestamp\": \"2026-03-01T00:00:00Z\", \"good\": 1, \"all\": 2}\\n | t.jsonl:1:50: key 'all' (expected timestamp, good, bad, total, outcome, latency, latency_ms)",
        "t.jsonl | {\"timestamp\": \"2026-03-01T00:00:00Z\", \"good\": one, \"total\": 2}\\n | t.jsonl:1:47: 'one' is not a JSON value (strings need quotes)",
        "t.jsonl | {\"timestamp\": \"2026-03-01T00:00:00Z\", \"good\": 1, \"total\": 2}\\n{\"timestamp\": \"2026-03-01T00:00:10Z\", \"outcome\": \"good\"}\\n | t.jsonl:2:15: row: 'an event' (expected counts, as the rows before)",
      })
  void aBadTrafficFileNamesItsLineAndColumnExitsWith2AndWritesNothing(String name, String content, String message)
      throws IOException {
    Path file = dir.resolve(name.trim());
    Files.writeString(file, content.trim().replace("\\n", "\n"));
    Path svg = dir.resolve("chart.svg");
    MainTest.Run r = run("replay", "--traffic", file.toString(), "--objective", "99.9", "--svg", svg.toString());
    assertEquals(2, r.status());
    assertEquals("", r.out());
    assertEquals("slo4j: " + message.trim() + System.lineSeparator(), r.err());
    assertFalse(Files.exists(svg));
  }

  @Test
  void anEventFileWithoutLatenciesIsRefusedForALatencySlo() throws IOException {
    Path file = dir.resolve("e.csv");
    Files.writeString(file, "timestamp,outcome\n2026-03-01T00:00:00Z,good\n");
    MainTest.Run r = run("replay", "--traffic", file.toString(), "--objective", "99", "--latency", "300ms");
    assertEquals(2, r.status());
    assertEquals("slo4j: e.csv:2:1: latency: missing (expected a latency or latency_ms column for a latency SLO)"
        + System.lineSeparator(), r.err());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "replay --objective 99.9                                       | --traffic: missing (expected a traffic file (CSV or JSON lines))",
        "replay --traffic nowhere.csv --objective 99.9                 | --traffic: nowhere.csv: no such file",
        "replay --traffic x.csv --objective 99.9 --deploy yesterday    | --deploy: 'yesterday' (expected <time>=<name>@<version>, e.g. 2026-01-02T10:00:00Z=payments-api@2.8.0)",
        "replay --traffic x.csv --objective 99.9 --tiers fast          | --tiers: 'fast' (expected budget-share or scaled-windows)",
        "replay --traffic x.csv --objective 99.9 --period 2h --tiers scaled-windows | --tiers: none: long window: 2h / 672 = 10s714ms285us714ns (expected a window of at least 1m after rounding to the minute; use a longer period or budget-share tiers)",
        "replay --traffic x.csv --objective 99.9 --interval 2h         | evaluation interval: 2h (expected a whole number of milliseconds up to 1h)",
      })
  void aBadReplayArgumentIsOneLineAndExit2(String args, String message) {
    MainTest.Run r = run(args.trim().split(" +"));
    assertEquals(2, r.status());
    assertEquals("slo4j: " + message.trim() + System.lineSeparator(), r.err());
  }

  @Test
  void everyCommandExplainsItselfWithHelp() {
    for (String command : List.of("budget", "replay", "backtest", "demo")) {
      MainTest.Run r = run(command, "--help");
      assertEquals(0, r.status());
      assertTrue(r.out().startsWith("usage: slo4j " + command), r.out());
      assertFalse(r.out().contains("Objective.ratio"), "no Java-only hints in help: " + r.out());
    }
    MainTest.Run v = run("--version");
    assertEquals(0, v.status());
    assertTrue(v.out().startsWith("slo4j "), v.out());
  }
}
