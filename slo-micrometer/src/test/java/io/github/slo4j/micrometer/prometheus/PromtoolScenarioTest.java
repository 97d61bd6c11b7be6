package io.github.slo4j.micrometer.prometheus;

import static io.github.slo4j.micrometer.prometheus.FleetScenario.phase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.replay.Replay;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * same SLO and rules does: every evaluation of each scenario is checked, except the one right at a
 * change, where Prometheus may be one evaluation interval later.
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
    return AlertRules.builder(slo)
        .tiers(List.of(
            new AlertTier(Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5), 14.4),
            new AlertTier(Severity.PAGE, Duration.ofHours(6), Duration.ofMinutes(30), 6),
            new AlertTier(Severity.TICKET, Duration.ofDays(1), Duration.ofHours(2), 3)))
        .evaluationInterval(IV)
        .build();
  }

  static Stream<Arguments> scenarios() {
    return Stream.of(
        Arguments.of(
            new FleetScenario("steady traffic at half the budget", IV)
                .instance("a", phase(DAY.plusHours(1), RATE - 3, 3)),
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
            new FleetScenario("no traffic for two hours after a clean day", IV)
                .instance("a", phase(DAY, RATE, 0), phase(Duration.ofHours(2), 0, 0), phase(Duration.ofHours(1), RATE, 0)),
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
          slo, rulesFile, incidents, naming.severityLabel(), 1, naming == PrometheusRules.Naming.SLO4J ? ratioChecks(scenario) : Map.of());
      Path testFile = dir.resolve("test-" + naming + ".yml");
      Files.writeString(testFile, test, StandardCharsets.UTF_8);
      if (System.getProperty("b7keep") != null) {
        Path keep = Path.of(System.getProperty("b7keep"), scenario.name().replaceAll("[^a-z0-9]+", "-"));
        Files.createDirectories(keep);
        Files.writeString(keep.resolve(rulesFile), yaml, StandardCharsets.UTF_8);
        Files.writeString(keep.resolve(testFile.getFileName().toString()), test, StandardCharsets.UTF_8);
      }
      Promtool.Run run = Promtool.run(dir, "test", "rules", testFile.getFileName().toString());
      assertEquals(0, run.exit(), () -> scenario.name() + " (" + naming + "): promtool disagrees with the replay "
          + replay.timeline() + ":\n" + tail(run.output()));
      assertFalse(run.output().contains("FAILED"), run::output);
    }
  }

  /** The recorded error ratios, in parts per million, at the end of the trouble and at the end, as counted from the traffic. */
  private static Map<Long, Map<String, Long>> ratioChecks(FleetScenario s) {
    Map<Long, Map<String, Long>> out = new LinkedHashMap<>();
    long end = s.intervals() * IV.toMillis();
    for (long t : List.of(DAY.toMillis() + Duration.ofMinutes(10).toMillis(), end)) {
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
