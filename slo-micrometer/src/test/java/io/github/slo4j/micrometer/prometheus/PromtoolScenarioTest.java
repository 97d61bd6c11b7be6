package io.github.slo4j.micrometer.prometheus;

import static io.github.slo4j.micrometer.prometheus.FleetScenario.phase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.Alert;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.replay.Replay;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated rules, run by the real Prometheus engine ({@code promtool test rules}), fire and
 * resolve their alerts at the evaluations where the in-process replay of the same traffic on the
 * same SLO and rules does: the incidents firing are checked at every evaluation of each scenario,
 * with no tolerance (issue 11 allows one evaluation interval; none is needed).
 *
 * <p>The SLO is 99.9 % over 30 days with the Workbook's two pages and Sloth's 1 d/2 h ticket, at a
 * 1-minute evaluation interval, so that one clean day covers every alert window (the rules differ
 * from the monitor only on windows the data covers in part, see {@link PrometheusRules}).
 */
class PromtoolScenarioTest {
  static final Duration IV = Duration.ofMinutes(1);
  static final Duration DAY = Duration.ofDays(1);
  /** 100 requests per second: 6,000 per 1-minute interval. */
  static final long RATE = 6_000;

  static SloDefinition slo() {
    return SloDefinition.builder("checkout-availability")
        .service("checkout")
        .objective(Objective.percent("99.9"))
        .owner("team-checkout")
        .runbook(URI.create("https://runbooks.example.com/checkout"))
        .build();
  }

  static AlertRules rules(SloDefinition slo) {
    return rules(slo, List.of(
        new AlertTier(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 14.4),
        new AlertTier(Severity.PAGE, Duration.ofHours(6), Duration.ofMinutes(30), 6),
        new AlertTier(Severity.TICKET, Duration.ofDays(1), Duration.ofHours(2), 3)));
  }

  static AlertRules rules(SloDefinition slo, List<AlertTier> tiers) {
    return AlertRules.builder(slo)
        .tiers(tiers)
        .evaluationInterval(IV)
        .link("dashboard", "https://grafana.example.com/d/red?var-service={service}&var-slo={slo}&from={start}&to={end}")
        .link("traces", "https://jaeger.example.com/search?service={service}&start={startMicros}&end={endMicros}")
        .link("logs", "https://logs.example.com/?q={target}%20{severity}&from={startIso}&to={endIso}&s={startSeconds}&e={endSeconds}&w={window}")
        .build();
  }

  static Stream<Arguments> scenarios() {
    return Stream.of(
        Arguments.of(
            new FleetScenario("steady traffic at half the budget", IV)
                .instance("a", phase(Duration.ofHours(7), RATE - 3, 3)),
            List.of()),
        Arguments.of(
            new FleetScenario("a full outage after a clean day", IV)
                .instance("a", phase(DAY, RATE, 0), phase(Duration.ofMinutes(30), 0, RATE), phase(Duration.ofHours(5), RATE, 0)),
            List.of("SloErrorBudgetBurn/page", "SloErrorBudgetBurn/ticket")),
        Arguments.of(
            new FleetScenario("a 15 % burst for 10 minutes", IV)
                .instance("a", phase(DAY, RATE, 0), phase(Duration.ofMinutes(10), 5_100, 900), phase(Duration.ofHours(3), RATE, 0)),
            List.of("SloErrorBudgetBurn/page")),
        Arguments.of(
            new FleetScenario("no traffic for two hours after clean traffic", IV)
                .instance("a", phase(Duration.ofHours(2), RATE, 0), phase(Duration.ofHours(2), 0, 0), phase(Duration.ofHours(1), RATE, 0)),
            List.of("SloNoData/ticket")),
        Arguments.of(
            new FleetScenario("two instances where only one fails", IV)
                .instance("a", phase(DAY, RATE / 2, 0), phase(Duration.ofMinutes(20), RATE / 2, 0), phase(Duration.ofHours(5), RATE / 2, 0))
                .instance("b", phase(DAY, RATE / 2, 0), phase(Duration.ofMinutes(20), 0, RATE / 2), phase(Duration.ofHours(5), RATE / 2, 0)),
            List.of("SloErrorBudgetBurn/page", "SloErrorBudgetBurn/ticket")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void prometheusFiresAndResolvesWhereTheReplayDoes(FleetScenario scenario, List<String> expected, @TempDir Path dir)
      throws IOException, InterruptedException {
    Promtool.require();
    SloDefinition slo = slo();
    AlertRules rules = rules(slo);
    Replay.Result replay = scenario.replay(slo, rules);
    TreeMap<Long, TreeSet<String>> incidents = scenario.incidents(replay);

    TreeSet<String> seen = new TreeSet<>();
    incidents.values().forEach(seen::addAll);
    assertEquals(new TreeSet<>(expected), seen, "incidents of the replay: " + replay.timeline());
    if (!expected.isEmpty()) {
      assertTrue(incidents.lastEntry().getValue().isEmpty(), "every incident resolved by the end: " + replay.timeline());
    }

    // Both namings on the outage (the rules differ only in names and labels); slo4j's elsewhere, as
    // each promtool run evaluates the rules at every minute of a day and more.
    List<PrometheusRules.Naming> namings = scenario.name().contains("outage")
        ? List.of(PrometheusRules.Naming.values())
        : List.of(PrometheusRules.Naming.SLO4J);
    for (PrometheusRules.Naming naming : namings) {
      String yaml = PrometheusRules.builder().add(slo, rules).naming(naming).build().yaml();
      String rulesFile = "rules-" + naming + ".yml";
      Promtool.checkRules(dir, rulesFile, yaml);
      String test = scenario.promtoolTest(
          slo, rulesFile, incidents, naming.severityLabel(), 0,
          naming == PrometheusRules.Naming.SLO4J ? ratioChecks(scenario) : Map.of(), firstAlerts(replay, naming));
      Path testFile = dir.resolve("test-" + naming + ".yml");
      Files.writeString(testFile, test, StandardCharsets.UTF_8);
      Promtool.Run run = Promtool.run(dir, "test", "rules", testFile.getFileName().toString());
      assertEquals(0, run.exit(), () -> scenario.name() + " (" + naming + "): promtool disagrees with the replay "
          + replay.timeline() + ":\n" + tail(run.output()));
      assertFalse(run.output().contains("FAILED"), run::output);
    }
  }

  /**
   * An {@code alert_rule_test} at the first evaluation where the replay fires a burn-rate tier: the
   * alerts Prometheus fires then carry the labels of their tiers and the runbook, owner and deep
   * links of the in-process alerts, time placeholders included.
   */
  private static String firstAlerts(Replay.Result replay, PrometheusRules.Naming naming) {
    List<AlertTransition> first = new ArrayList<>();
    for (AlertTransition t : replay.transitions()) {
      if (t.alert().kind() == Alert.Kind.BURN_RATE && (first.isEmpty() || first.get(0).at().equals(t.at()))) {
        first.add(t);
      }
    }
    if (first.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("    alert_rule_test:\n");
    sb.append("      - eval_time: ").append(first.get(0).at().getEpochSecond()).append("s\n");
    sb.append("        alertname: ").append(PrometheusRules.BURN_ALERT).append('\n');
    sb.append("        exp_alerts:\n");
    for (AlertTransition t : first) {
      Alert a = t.alert();
      AlertTier tier = a.tier().orElseThrow();
      Map<String, String> labels = new LinkedHashMap<>();
      if (naming == PrometheusRules.Naming.SLO4J) {
        labels.put("service", a.service());
        labels.put("slo", a.sloId());
        labels.put("target", a.target().name());
        labels.put("severity", a.severity().name());
      } else {
        labels.put("sloth_id", a.service() + "-" + a.sloId());
        labels.put("sloth_service", a.service());
        labels.put("sloth_slo", a.sloId());
        labels.put("sloth_severity", a.severity().name());
      }
      labels.put("long_window", PromDuration.format(tier.longWindow()));
      labels.put("short_window", PromDuration.format(tier.shortWindow()));
      Map<String, String> annotations = new LinkedHashMap<>();
      annotations.put("summary", "[" + a.severity() + "] " + a.service() + "/" + a.sloId() + " " + a.target().name()
          + ": burn rate above " + PrometheusRules.decimal(java.math.BigDecimal.valueOf(tier.factor())) + " over "
          + PromDuration.format(tier.longWindow()) + " and " + PromDuration.format(tier.shortWindow()));
      a.runbook().ifPresent(r -> annotations.put("runbook_url", r.toString()));
      a.owner().ifPresent(o -> annotations.put("owner", o));
      a.links().forEach((name, uri) -> {
        if (!name.equals("runbook")) {
          annotations.put(name, uri.toString());
        }
      });
      sb.append("          - exp_labels:\n");
      labels.forEach((k, v) -> sb.append("              ").append(k).append(": ").append(Yaml.quote(v)).append('\n'));
      sb.append("            exp_annotations:\n");
      annotations.forEach((k, v) -> sb.append("              ").append(k).append(": ").append(Yaml.quote(v)).append('\n'));
    }
    return sb.toString();
  }

  /**
   * Regression: {@code {startSeconds}} and {@code {endSeconds}} were written as {@code floor(time()
   * - w)}, which PromQL refuses (floor takes a vector), and Prometheus put an error message into the
   * link; {@code promtool check rules} does not expand templates, so only a fired alert shows it.
   */
  @org.junit.jupiter.api.Test
  void secondsPlaceholdersExpandInPrometheusAsTheMonitorFillsThem(@TempDir Path dir) throws IOException, InterruptedException {
    Promtool.require();
    // One tier, whose window the first minute covers enough for the monitor's projection to agree.
    FleetScenario scenario = new FleetScenario("an outage from the start", IV).instance("a", phase(Duration.ofMinutes(10), 0, RATE));
    SloDefinition slo = slo();
    AlertRules rules = rules(slo, List.of(new AlertTier(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 14.4)));
    Replay.Result replay = scenario.replay(slo, rules);
    String alerts = firstAlerts(replay, PrometheusRules.Naming.SLO4J);
    assertTrue(alerts.contains("&s=") && alerts.contains("&e="), alerts);
    Promtool.checkRules(dir, "rules.yml", PrometheusRules.builder().add(slo, rules).build().yaml());
    String test = scenario.promtoolTest(slo, "rules.yml", new TreeMap<>(), "severity", 0, Map.of(), alerts);
    Files.writeString(dir.resolve("test.yml"), test, StandardCharsets.UTF_8);
    Promtool.Run run = Promtool.run(dir, "test", "rules", "test.yml");
    assertEquals(0, run.exit(), () -> replay.timeline() + "\n" + run.output());
  }

  /**
   * The check has teeth: the same scenario with the no-data alert's silence cut from 30 to 20
   * minutes in the rule file (a rule that no longer mirrors the monitor) is refused by promtool.
   */
  @org.junit.jupiter.api.Test
  void aRuleFileThatFiresTenMinutesEarlyDisagreesWithTheReplay(@TempDir Path dir) throws IOException, InterruptedException {
    Promtool.require();
    FleetScenario scenario = new FleetScenario("no traffic, mutated rules", IV)
        .instance("a", phase(Duration.ofHours(2), RATE, 0), phase(Duration.ofHours(2), 0, 0), phase(Duration.ofHours(1), RATE, 0));
    SloDefinition slo = slo();
    AlertRules rules = rules(slo);
    String yaml = PrometheusRules.builder().add(slo, rules).build().yaml();
    String mutated = yaml.replace("[30m]))", "[20m]))");
    assertTrue(!mutated.equals(yaml), "the mutation applies");
    Promtool.checkRules(dir, "rules.yml", mutated);
    String test = scenario.promtoolTest(slo, "rules.yml", scenario.incidents(scenario.replay(slo, rules)), "severity", 0, Map.of());
    Files.writeString(dir.resolve("test.yml"), test, StandardCharsets.UTF_8);
    Promtool.Run run = Promtool.run(dir, "test", "rules", "test.yml");
    assertEquals(1, run.exit(), run::output);
    assertTrue(run.output().contains("FAILED") && run.output().contains("SloNoData"), run::output);
  }

  /** The recorded error ratios, in parts per million, at the end of the trouble and at the end, as counted from the traffic. */
  private static Map<Long, Map<String, Long>> ratioChecks(FleetScenario s) {
    Map<Long, Map<String, Long>> out = new LinkedHashMap<>();
    long end = s.intervals() * IV.toMillis();
    for (long t : List.of(DAY.toMillis() + Duration.ofMinutes(10).toMillis(), end)) {
      if (t > end) {
        continue;
      }
      Map<String, Long> m = new LinkedHashMap<>();
      for (Duration w : List.of(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofHours(6), DAY)) {
        if (hasTraffic(s, t, w)) {
          m.put("sum(round(slo4j:error_ratio:rate" + PromDuration.format(w) + " * 1e6))", s.ppm(t, w));
        }
      }
      out.put(t, m);
    }
    return out;
  }

  private static boolean hasTraffic(FleetScenario s, long t, Duration w) {
    long[][] f = s.fleet();
    int end = (int) (t / IV.toMillis());
    for (int k = Math.max(0, end - (int) (w.toMillis() / IV.toMillis())); k < end; k++) {
      if (f[k][0] + f[k][1] > 0) {
        return true;
      }
    }
    return false;
  }

  private static String tail(String s) {
    return s.length() > 4000 ? s.substring(0, 4000) + "\n..." : s;
  }
}
