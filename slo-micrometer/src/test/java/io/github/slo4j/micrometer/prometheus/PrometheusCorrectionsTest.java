package io.github.slo4j.micrometer.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.correction.BudgetCorrection;
import io.github.slo4j.monitor.AlertRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled corrections in the Prometheus rules: a {@code correction:active} recording rule built
 * from {@code time()}, burn-rate alerts {@code unless} it, and a comment for what PromQL cannot say.
 * promtool's clock starts at the epoch, Thursday 1970-01-01 00:00 UTC, so the first Sunday night is
 * 94 h in.
 */
class PrometheusCorrectionsTest {
  private static final Instant DECLARED = Instant.parse("1970-01-01T00:00:00Z");

  /** Sunday 22:00 UTC, for 4 hours, every week. */
  static BudgetCorrection sundayNight() {
    return BudgetCorrection.builder("sunday-maintenance")
        .recurring(ZonedDateTime.of(1970, 1, 4, 22, 0, 0, 0, ZoneOffset.UTC), Duration.ofHours(4), "FREQ=WEEKLY;BYDAY=SU")
        .reason("weekly database maintenance").author("alice").declaredAt(DECLARED).build();
  }

  private static String expr(BudgetCorrection c) {
    List<String> lines = new ArrayList<>();
    assertNull(PrometheusRules.activeWhen(c, lines), c.toString());
    return String.join("\n", lines);
  }

  private static String reason(BudgetCorrection c) {
    return PrometheusRules.activeWhen(c, new ArrayList<>());
  }

  @Test
  void aWeeklyUtcWindowRepeatsEveryWeekFromItsFirstStart() {
    // 1970-01-04T22:00Z is 338,400 s; a week 604,800 s; 4 h 14,400 s
    assertEquals("(\n  (((vector(time()) - 338400) >= 0) % 604800 < 14400)\n) * 0 + 1", expr(sundayNight()));
  }

  @Test
  void aWeeklyRuleOfTwoDaysEveryOtherWeekHasOneTermPerOccurrenceOfItsFortnight() {
    BudgetCorrection c = BudgetCorrection.builder("patching")
        .recurring(ZonedDateTime.of(2026, 1, 6, 1, 30, 0, 0, ZoneOffset.ofHours(2)), Duration.ofMinutes(45),
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH")
        .reason("OS patching").author("alice").declaredAt(DECLARED).build();
    // Tuesday 2026-01-06 01:30+02:00 is 1767655800 s; Thursday two days later; a fortnight 1,209,600 s
    assertEquals("(\n  (((vector(time()) - 1767655800) >= 0) % 1209600 < 2700)\n"
        + "  or (((vector(time()) - 1767828600) >= 0) % 1209600 < 2700)\n) * 0 + 1", expr(c));
  }

  @Test
  void aOneOffWindowAndAFiniteRuleAreListedWindowByWindow() {
    BudgetCorrection once = BudgetCorrection.builder("migration")
        .window(Instant.parse("2026-03-01T02:00:00Z"), Instant.parse("2026-03-01T02:30:00.500Z"))
        .reason("database migration").author("bob").declaredAt(DECLARED).build();
    assertEquals("(\n  (vector(time()) >= 1772330400 < 1772332200.5)\n) * 0 + 1", expr(once));
    BudgetCorrection twice = BudgetCorrection.builder("load-test")
        .recurring(ZonedDateTime.of(2026, 3, 2, 12, 0, 0, 0, ZoneOffset.UTC), Duration.ofHours(1), "FREQ=DAILY;COUNT=2")
        .reason("load test").author("bob").declaredAt(DECLARED).build();
    assertEquals("(\n  (vector(time()) >= 1772452800 < 1772456400)\n  or (vector(time()) >= 1772539200 < 1772542800)\n) * 0 + 1",
        expr(twice));
  }

  @Test
  void whatPromqlCannotExpressIsACommentSayingWhy() {
    BudgetCorrection berlin = BudgetCorrection.builder("berlin-maintenance")
        .recurring(ZonedDateTime.of(2026, 1, 4, 22, 0, 0, 0, ZoneId.of("Europe/Berlin")), Duration.ofHours(4), "FREQ=WEEKLY;BYDAY=SU")
        .reason("weekly database maintenance").author("alice").declaredAt(DECLARED).build();
    assertEquals("its zone Europe/Berlin has daylight-saving changes, and PromQL's time functions know only UTC;"
        + " declare it in UTC or a fixed offset to have it expressed", reason(berlin));
    BudgetCorrection monthly = BudgetCorrection.builder("month-end")
        .recurring(ZonedDateTime.of(2026, 1, 31, 23, 0, 0, 0, ZoneOffset.UTC), Duration.ofHours(2), "FREQ=MONTHLY;BYMONTHDAY=-1")
        .reason("month-end batch").author("alice").declaredAt(DECLARED).build();
    assertEquals("a monthly rule does not repeat in a fixed number of seconds", reason(monthly));
    BudgetCorrection many = BudgetCorrection.builder("many")
        .recurring(ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), Duration.ofHours(1), "FREQ=DAILY;COUNT=65")
        .reason("many").author("alice").declaredAt(DECLARED).build();
    assertEquals("it has more than 64 windows to list", reason(many));

    SloDefinition slo = PromtoolScenarioTest.slo();
    AlertRules rules = PromtoolScenarioTest.rules(slo);
    String yaml = PrometheusRules.builder().add(slo, rules).correction(slo, berlin).build().yaml();
    assertTrue(yaml.contains("      # correction berlin-maintenance (FREQ=WEEKLY;BYDAY=SU from 2026-01-04T22:00+01:00[Europe/Berlin]"
        + " for 4h) is not expressed: its zone Europe/Berlin has daylight-saving changes"), yaml);
    assertFalse(yaml.contains("correction:active"), "nothing expressed, nothing suppressed: " + yaml);
  }

  @Test
  void aBudgetOnlyCorrectionSuppressesNothing() {
    SloDefinition slo = PromtoolScenarioTest.slo();
    AlertRules rules = PromtoolScenarioTest.rules(slo);
    BudgetCorrection drill = BudgetCorrection.builder("drill").window(Instant.EPOCH, Instant.EPOCH.plusSeconds(600)).budgetOnly()
        .reason("game day").author("alice").declaredAt(DECLARED).build();
    String with = PrometheusRules.builder().add(slo, rules).correction(slo, drill).build().yaml();
    assertEquals(PrometheusRules.builder().add(slo, rules).build().yaml(), with);
  }

  @Test
  void aCorrectionOfAnSloNotAddedOrAddedTwiceIsRefused() {
    SloDefinition slo = PromtoolScenarioTest.slo();
    AlertRules rules = PromtoolScenarioTest.rules(slo);
    PrometheusRules.Builder b = PrometheusRules.builder();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.correction(slo, sundayNight()));
    assertEquals("slo: checkout/checkout-availability (expected an SLO added before its corrections: add(slo, rules))",
        e.getMessage());
    b.add(slo, rules).correction(slo, sundayNight());
    e = assertThrows(IllegalArgumentException.class, () -> b.correction(slo, sundayNight()));
    assertEquals("correction: sunday-maintenance (expected each correction of checkout-availability once; it was added before)",
        e.getMessage());
  }

  /** {@code promtool} series notation of a cumulative counter: {@code perMinute[k]} added in minute k. */
  private static String series(long[] perMinute) {
    StringBuilder sb = new StringBuilder("0");
    long v = 0;
    int k = 0;
    while (k < perMinute.length) {
      int j = k;
      while (j < perMinute.length && perMinute[j] == perMinute[k]) {
        j++;
      }
      sb.append(' ').append(v + perMinute[k]).append('+').append(perMinute[k]).append('x').append(j - k - 1);
      v += perMinute[k] * (long) (j - k);
      k = j;
    }
    return sb.toString();
  }

  /** A 30-minute full outage starting at minute {@code outageAt}, in 6,000 requests a minute, for {@code minutes}. */
  private static String inputSeries(int outageAt, int minutes) {
    long[] good = new long[minutes];
    long[] bad = new long[minutes];
    for (int m = 0; m < minutes; m++) {
      boolean out = m >= outageAt && m < outageAt + 30;
      good[m] = out ? 0 : PromtoolScenarioTest.RATE;
      bad[m] = out ? PromtoolScenarioTest.RATE : 0;
    }
    String labels = "service=\"checkout\",slo=\"checkout-availability\",target=\"events\"";
    return "      - series: 'slo_events_total{" + labels + ",outcome=\"good\"}'\n        values: '" + series(good) + "'\n"
        + "      - series: 'slo_events_total{" + labels + ",outcome=\"bad\"}'\n        values: '" + series(bad) + "'\n";
  }

  private static String firing(String evalTime, String severity) {
    return "      - expr: 'max by (alertname, severity) (ALERTS{alertstate=\"firing\"})'\n"
        + "        eval_time: " + evalTime + "\n"
        + "        exp_samples:" + (severity == null ? " []\n"
            : "\n          - labels: '{alertname=\"SloErrorBudgetBurn\",severity=\"" + severity + "\"}'\n            value: 1\n");
  }

  @Test
  void anOutageInsideTheSundayNightWindowDoesNotAlertAndTheSameOutageOutsideItDoes(@TempDir Path dir)
      throws IOException, InterruptedException {
    Promtool.require();
    SloDefinition slo = PromtoolScenarioTest.slo();
    AlertRules rules = PromtoolScenarioTest.rules(slo);
    String yaml = PrometheusRules.builder().add(slo, rules).correction(slo, sundayNight()).build().yaml();
    Promtool.checkRules(dir, "rules.yml", yaml);
    String sloth = PrometheusRules.builder().add(slo, rules).correction(slo, sundayNight())
        .naming(PrometheusRules.Naming.SLOTH).build().yaml();
    assertTrue(sloth.contains("unless on ()\n          max_over_time(slo:correction:active{sloth_id=\"checkout-checkout-availability\","
        + "sloth_service=\"checkout\",sloth_slo=\"checkout-availability\"}[5m])"), sloth);
    Promtool.checkRules(dir, "rules-sloth.yml", sloth);

    int sunday2300 = 95 * 60; // inside the window, Sunday 22:00 to Monday 02:00 (94 h to 98 h)
    int monday0300 = 99 * 60; // an hour after it
    StringBuilder t = new StringBuilder("rule_files: ['rules.yml']\nevaluation_interval: 1m\ntests:\n");
    t.append("  - name: 'an outage on Sunday at 23:00, inside the window'\n    interval: 1m\n    input_series:\n");
    t.append(inputSeries(sunday2300, 102 * 60));
    t.append("    promql_expr_test:\n");
    t.append("      - expr: 'slo4j:correction:active'\n        eval_time: 95h10m\n        exp_samples:\n"
        + "          - labels: 'slo4j:correction:active{service=\"checkout\",slo=\"checkout-availability\","
        + "correction=\"sunday-maintenance\"}'\n            value: 1\n");
    t.append("      - expr: 'slo4j:correction:active'\n        eval_time: 99h\n        exp_samples: []\n");
    for (String at : List.of("95h5m", "95h10m", "95h30m", "96h", "97h59m", "98h", "98h31m", "99h", "100h", "101h")) {
      t.append(firing(at, null));
    }
    t.append("  - name: 'the same outage on Monday at 03:00, outside the window'\n    interval: 1m\n    input_series:\n");
    t.append(inputSeries(monday0300, 100 * 60));
    t.append("    promql_expr_test:\n");
    t.append(firing("93h", null));
    t.append(firing("99h10m", "page"));
    Path testFile = dir.resolve("test.yml");
    Files.writeString(testFile, t.toString(), StandardCharsets.UTF_8);
    Promtool.Run run = Promtool.run(dir, "test", "rules", "test.yml");
    assertEquals(0, run.exit(), () -> run.output() + "\n" + t);
    assertFalse(run.output().contains("FAILED"), run::output);
  }
}
