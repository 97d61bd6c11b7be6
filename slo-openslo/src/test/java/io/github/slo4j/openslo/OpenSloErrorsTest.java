package io.github.slo4j.openslo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.BudgetingMethod;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal names the file, the line and column of the value, the field's path and what was
 * expected; one exact message per kind of mistake.
 */
class OpenSloErrorsTest {
  /** A valid SLO; each test breaks one line of it. Line numbers are in the comments. */
  static final String SLO = String.join("\n",
      "apiVersion: openslo/v1", //                                                 1
      "kind: SLO", //                                                              2
      "metadata:", //                                                              3
      "  name: checkout-availability", //                                          4
      "spec:", //                                                                  5
      "  service: checkout", //                                                    6
      "  indicator:", //                                                           7
      "    metadata:", //                                                          8
      "      name: checkout-errors", //                                            9
      "    spec:", //                                                             10
      "      ratioMetric:", //                                                    11
      "        counter: true", //                                                 12
      "        good:", //                                                         13
      "          metricSource:", //                                               14
      "            type: Prometheus", //                                          15
      "            spec:", //                                                     16
      "              query: sum(rate(http_requests_total{code!~\"5..\"}[1m]))", //   17
      "        total:", //                                                        18
      "          metricSource:", //                                               19
      "            type: Prometheus", //                                          20
      "            spec:", //                                                     21
      "              query: sum(rate(http_requests_total[1m]))", //               22
      "  timeWindow:", //                                                         23
      "    - duration: 30d", //                                                   24
      "      isRolling: true", //                                                 25
      "  budgetingMethod: Occurrences", //                                        26
      "  objectives:", //                                                         27
      "    - displayName: Availability", //                                       28
      "      target: 0.999", //                                                   29
      "");

  /** An inline alert policy to append to {@link #SLO}, lines 30 to 48. */
  static final String POLICY = String.join("\n",
      "  alertPolicies:", //                                                      30
      "    - kind: AlertPolicy", //                                               31
      "      metadata:", //                                                       32
      "        name: fast-burn", //                                               33
      "      spec:", //                                                           34
      "        alertWhenBreaching: true", //                                      35
      "        conditions:", //                                                   36
      "          - kind: AlertCondition", //                                      37
      "            metadata:", //                                                 38
      "              name: fast-burn", //                                         39
      "            spec:", //                                                     40
      "              severity: page", //                                          41
      "              condition:", //                                              42
      "                kind: burnrate", //                                        43
      "                op: gt", //                                                44
      "                threshold: 14.4", //                                       45
      "                lookbackWindow: 1h", //                                    46
      "                alertAfter: 5m", //                                        47
      "        notificationTargets: []", //                                       48
      "");

  private static String refused(String yaml) {
    return assertThrows(OpenSloException.class, () -> OpenSlo.read("checkout.yaml", yaml)).getMessage();
  }

  private static String sloWith(String line, String replacement) {
    if (!SLO.contains(line)) {
      throw new AssertionError("no line " + line);
    }
    return SLO.replace(line, replacement);
  }

  private static String policyWith(String line, String replacement) {
    if (!POLICY.contains(line)) {
      throw new AssertionError("no line " + line);
    }
    return SLO + POLICY.replace(line, replacement);
  }

  @Test
  void theValidDocumentsRead() {
    assertEquals(1, OpenSlo.read("checkout.yaml", SLO).definitions().size());
    assertEquals(1, OpenSlo.read("checkout.yaml", SLO + POLICY).slos().get(0).alertPolicies().size());
  }

  @Test
  void aTargetOfOneOrMoreIsRefused() {
    assertEquals(
        "checkout.yaml:29:15: spec.objectives[0].target: 1.2 (expected 0 < target < 1)",
        refused(sloWith("target: 0.999", "target: 1.2")));
  }

  @Test
  void aTargetPercentOfAHundredIsRefused() {
    assertEquals(
        "checkout.yaml:29:22: spec.objectives[0].targetPercent: 100 (expected 0 < targetPercent < 100)",
        refused(sloWith("target: 0.999", "targetPercent: 100")));
  }

  @Test
  void aTargetThatIsNotANumberIsRefused() {
    assertEquals(
        "checkout.yaml:29:15: spec.objectives[0].target: 99.9% (expected a number)",
        refused(sloWith("target: 0.999", "target: '99.9%'")));
  }

  @Test
  void targetAndTargetPercentTogetherAreRefused() {
    assertEquals(
        "checkout.yaml:30:22: spec.objectives[0].targetPercent: 99.9 (expected target or targetPercent, not both)",
        refused(sloWith("target: 0.999", "target: 0.999\n      targetPercent: 99.9")));
  }

  @Test
  void anObjectiveWithoutATargetIsRefusedAtTheObjective() {
    assertEquals(
        "checkout.yaml:28:7: spec.objectives[0].target: missing (expected target or targetPercent)",
        refused(sloWith("      target: 0.999", "      op: gt")));
  }

  @Test
  void anSloWithoutAServiceIsRefusedAtItsSpec() {
    assertEquals(
        "checkout.yaml:6:3: spec.service: missing (expected the name of the service the SLO belongs to)",
        refused(sloWith("  service: checkout", "  description: no service")));
  }

  @Test
  void anotherApiVersionIsRefused() {
    assertEquals(
        "checkout.yaml:1:13: apiVersion: openslo/v2alpha (expected openslo/v1)",
        refused(sloWith("apiVersion: openslo/v1", "apiVersion: openslo/v2alpha")));
  }

  @Test
  void anUnknownKindIsRefused() {
    assertEquals(
        "checkout.yaml:2:7: kind: Slo (expected one of [SLO, SLI, AlertPolicy, AlertCondition, AlertNotificationTarget,"
            + " Service, DataSource])",
        refused(sloWith("kind: SLO", "kind: Slo")));
  }

  @Test
  void anSloNameThatIsNotAnSlo4jIdIsRefused() {
    assertEquals(
        "checkout.yaml:4:9: metadata.name: 'checkout availability' (expected 1 to 128 letters, digits or . _ : -"
            + " starting with a letter or digit)",
        refused(sloWith("name: checkout-availability", "name: checkout availability")));
  }

  @Test
  void aRollingWindowOfMonthsIsRefused() {
    assertEquals(
        "checkout.yaml:24:17: spec.timeWindow[0].duration: 1M (expected a rolling window in minutes, hours, days or weeks"
            + " such as 28d or 4w; months, quarters and years have no fixed length)",
        refused(sloWith("duration: 30d", "duration: 1M")));
  }

  @Test
  void aRollingWindowShorterThanAnHourIsRefusedWithSlo4jsBounds() {
    assertEquals(
        "checkout.yaml:24:17: spec.timeWindow[0].duration: 30m (expected a whole number of minutes from 1h to 400d)",
        refused(sloWith("duration: 30d", "duration: 30m")));
  }

  @Test
  void twoTimeWindowsAreRefused() {
    assertEquals(
        "checkout.yaml:24:5: spec.timeWindow: 2 time windows (expected exactly one)",
        refused(sloWith("      isRolling: true", "      isRolling: true\n    - duration: 7d\n      isRolling: true")));
  }

  @Test
  void aCalendarWindowOfAQuarterIsRefused() {
    assertEquals(
        "checkout.yaml:24:17: spec.timeWindow[0].duration: 1Q (expected 1w or 1M for a calendar window (slo4j's calendar"
            + " periods are a week or a month))",
        refused(sloWith("    - duration: 30d\n      isRolling: true",
            "    - duration: 1Q\n      calendar:\n        startTime: 2026-01-01 00:00:00\n        timeZone: UTC")));
  }

  @Test
  void anUnknownTimeZoneIsRefused() {
    assertEquals(
        "checkout.yaml:27:19: spec.timeWindow[0].calendar.timeZone: Mars/Olympus (expected an IANA time zone such as"
            + " America/New_York)",
        refused(sloWith("    - duration: 30d\n      isRolling: true",
            "    - duration: 1M\n      calendar:\n        startTime: 2026-01-01 00:00:00\n        timeZone: Mars/Olympus")));
  }

  @Test
  void aStartTimeInAnotherFormatIsRefused() {
    assertEquals(
        "checkout.yaml:26:20: spec.timeWindow[0].calendar.startTime: 2026-01-01T00:00:00Z (expected a date and time such as"
            + " 2022-01-01 00:00:00)",
        refused(sloWith("    - duration: 30d\n      isRolling: true",
            "    - duration: 1M\n      calendar:\n        startTime: 2026-01-01T00:00:00Z\n        timeZone: UTC")));
  }

  @Test
  void anUnknownBudgetingMethodIsRefused() {
    assertEquals(
        "checkout.yaml:26:20: spec.budgetingMethod: occurrences (expected Occurrences, Timeslices or RatioTimeslices)",
        refused(sloWith("budgetingMethod: Occurrences", "budgetingMethod: occurrences")));
  }

  @Test
  void timeslicesWithoutATimeSliceTargetAreRefusedAtTheObjective() {
    assertEquals(
        "checkout.yaml:28:7: spec.objectives[0].timeSliceTarget: missing (expected 0 < timeSliceTarget < 1 with"
            + " budgetingMethod Timeslices)",
        refused(sloWith("budgetingMethod: Occurrences", "budgetingMethod: Timeslices")
            .replace("target: 0.999", "target: 0.999\n      timeSliceWindow: 1m")));
  }

  @Test
  void aTimeSliceTargetOfOneIsRefusedSayingWhy() {
    assertEquals(
        "checkout.yaml:30:24: spec.objectives[0].timeSliceTarget: 1.0 (expected 0 < timeSliceTarget < 1; a slice"
            + " objective of 1 leaves a slice no error budget)",
        refused(sloWith("budgetingMethod: Occurrences", "budgetingMethod: Timeslices")
            .replace("target: 0.999", "target: 0.999\n      timeSliceTarget: 1.0\n      timeSliceWindow: 1m")));
  }

  @Test
  void aTimeSliceLongerThanAnHourIsRefusedWithSlo4jsBounds() {
    assertEquals(
        "checkout.yaml:30:24: spec.objectives[0].timeSliceWindow: 1d (expected a whole number of seconds from 1s to 1h)",
        refused(sloWith("budgetingMethod: Occurrences", "budgetingMethod: RatioTimeslices")
            .replace("target: 0.999", "target: 0.999\n      timeSliceWindow: 1d")));
  }

  @Test
  void aTimeSliceWithOccurrencesIsRefusedRatherThanIgnored() {
    assertEquals(
        "checkout.yaml:30:24: spec.objectives[0].timeSliceWindow: 5m (expected none with budgetingMethod Occurrences)",
        refused(sloWith("target: 0.999", "target: 0.999\n      timeSliceWindow: 5m")));
  }

  @Test
  void anIndicatorRefToNoSliIsRefusedNamingTheSlisRead() {
    String slo = SLO.substring(0, SLO.indexOf("  indicator:")) + "  indicatorRef: checkout-errors\n"
        + SLO.substring(SLO.indexOf("  timeWindow:"));
    assertEquals(
        "checkout.yaml:7:17: spec.indicatorRef: checkout-errors (expected the name of an SLI in the documents read: [])",
        refused(slo));
  }

  @Test
  void anSloWithoutIndicatorIsRefused() {
    String slo = SLO.substring(0, SLO.indexOf("  indicator:")) + SLO.substring(SLO.indexOf("  timeWindow:"));
    assertEquals("checkout.yaml:6:3: spec.indicator: missing (expected indicator or indicatorRef)", refused(slo));
  }

  @Test
  void aRatioMetricWithGoodAndBadIsRefused() {
    assertEquals(
        "checkout.yaml:19:11: spec.indicator.spec.ratioMetric.bad: a mapping (expected good or bad, not both)",
        refused(sloWith("        total:", "        bad:\n          metricSource:\n            type: Prometheus\n        total:")));
  }

  @Test
  void aThresholdMetricGoodAboveTheValueIsRefused() {
    String slo = threshold("gt", "250");
    assertEquals(
        "checkout.yaml:19:11: spec.objectives[0].op: gt (expected lt or lte: slo4j's threshold SLI is a latency, good"
            + " when at most the value)",
        refused(slo));
  }

  @Test
  void aThresholdFinerThanAMicrosecondIsRefused() {
    assertEquals(
        "checkout.yaml:20:14: spec.objectives[0].value: 0.0005 (expected a latency in milliseconds, > 0, a whole number"
            + " of microseconds)",
        refused(threshold("lte", "0.0005")));
  }

  /** An SLO with a thresholdMetric; {@code op} on line 19, {@code value} on line 20. */
  private static String threshold(String op, String value) {
    return String.join("\n",
        "apiVersion: openslo/v1",
        "kind: SLO",
        "metadata:",
        "  name: checkout-latency",
        "spec:",
        "  service: checkout",
        "  indicator:",
        "    metadata:",
        "      name: checkout-latency",
        "    spec:",
        "      thresholdMetric:",
        "        metricSource:",
        "          type: Prometheus",
        "  timeWindow:",
        "    - duration: 28d",
        "      isRolling: true",
        "  budgetingMethod: Occurrences",
        "  objectives:",
        "    - op: " + op, //   19
        "      value: " + value, // 20
        "      target: 0.99",
        "");
  }

  @Test
  void aValueInAnObjectiveOfARatioMetricIsRefusedRatherThanIgnored() {
    assertEquals(
        "checkout.yaml:30:14: spec.objectives[0].value: 200 (expected no value with a ratioMetric: value is a"
            + " thresholdMetric's threshold)",
        refused(sloWith("target: 0.999", "target: 0.999\n      value: 200")));
  }

  @Test
  void aCompositeObjectiveIsRefused() {
    assertEquals(
        "checkout.yaml:30:24: spec.objectives[0].compositeWeight: 2 (expected no compositeWeight in an objective:"
            + " composite SLOs are not read)",
        refused(sloWith("target: 0.999", "target: 0.999\n      compositeWeight: 2")));
  }

  @Test
  void aBurnRateConditionBelowTheThresholdIsRefused() {
    assertEquals(
        "checkout.yaml:44:21: spec.alertPolicies[0].spec.conditions[0].spec.condition.op: lte (expected gt: slo4j fires"
            + " when the burn rate is strictly greater than the threshold)",
        refused(policyWith("op: gt", "op: lte")));
  }

  @Test
  void anAlertAfterAsLongAsTheLookbackIsRefused() {
    assertEquals(
        "checkout.yaml:47:29: spec.alertPolicies[0].spec.conditions[0].spec.condition.alertAfter: 1h (expected alertAfter"
            + " < lookbackWindow (1h): slo4j reads it as the tier's short window)",
        refused(policyWith("alertAfter: 5m", "alertAfter: 1h")));
  }

  @Test
  void aSeverityThatIsNotAName() {
    assertEquals(
        "checkout.yaml:41:25: spec.alertPolicies[0].spec.conditions[0].spec.severity: 'sev 1' (expected 1 to 32 letters,"
            + " digits, _ or -, starting with a letter)",
        refused(policyWith("severity: page", "severity: sev 1")));
  }

  @Test
  void aTierThatCanNeverFireIsRefusedAtTheAlertPolicies() {
    assertEquals(
        "checkout.yaml:31:5: spec.alertPolicies: 14.4 (expected < 10, the burn rate of a full outage at 90%, for tier"
            + " page 1h/5m > 14.4 of target events: it could never fire; lower the factor, give this target its own tiers,"
            + " or call allowUnreachableTiers())",
        refused(SLO.replace("target: 0.999", "target: 0.9") + POLICY));
  }

  @Test
  void twoConditionsInOnePolicyAreRefused() {
    assertEquals(
        "checkout.yaml:37:11: spec.alertPolicies[0].spec.conditions: 2 conditions (expected exactly one, as OpenSLO v1"
            + " allows)",
        refused(policyWith("        notificationTargets: []", "          - conditionRef: slow-burn\n        notificationTargets: []")));
  }

  @Test
  void anAlertPolicyRefToNoPolicyIsRefused() {
    assertEquals(
        "checkout.yaml:31:23: spec.alertPolicies[0].alertPolicyRef: fast-burn (expected the name of an AlertPolicy in the"
            + " documents read: [])",
        refused(SLO + "  alertPolicies:\n    - alertPolicyRef: fast-burn\n"));
  }

  @Test
  void aTargetRefToNoTargetIsRefused() {
    assertEquals(
        "checkout.yaml:49:24: spec.alertPolicies[0].spec.notificationTargets[0].targetRef: on-call (expected the name of an"
            + " AlertNotificationTarget in the documents read: [])",
        refused(policyWith("        notificationTargets: []", "        notificationTargets:\n          - targetRef: on-call")));
  }

  @Test
  void aMisspeltObjectiveFieldIsRefusedRatherThanIgnored() {
    assertEquals(
        "checkout.yaml:30:7: spec.objectives[0].timeSliceWindw: unknown field (expected one of [displayName, op, value,"
            + " target, targetPercent, timeSliceTarget, timeSliceWindow, indicator, indicatorRef, compositeWeight])",
        refused(sloWith("target: 0.999", "target: 0.999\n      timeSliceWindw: 5m")));
  }

  @Test
  void aMisspeltAlertPolicyFieldIsRefusedRatherThanIgnored() {
    assertEquals(
        "checkout.yaml:35:9: spec.alertPolicies[0].spec.alertWhenNoDta: unknown field (expected one of [description,"
            + " alertWhenNoData, alertWhenResolved, alertWhenBreaching, conditions, notificationTargets])",
        refused(policyWith("alertWhenBreaching: true", "alertWhenNoDta: true")));
  }

  @Test
  void aFieldBesideAReferenceIsRefused() {
    assertEquals(
        "checkout.yaml:32:7: spec.alertPolicies[0].severity: unknown field (expected one of [alertPolicyRef])",
        refused(SLO + "  alertPolicies:\n    - alertPolicyRef: fast-burn\n      severity: page\n"));
  }

  @Test
  void malformedYamlIsRefusedWhereTheParserStopped() {
    assertEquals(
        "checkout.yaml:29:16: yaml: mapping values are not allowed here (expected well-formed YAML)",
        refused(sloWith("target: 0.999", "target: a: b")));
  }

  @Test
  void aDuplicateKeyIsRefused() {
    assertEquals(
        "checkout.yaml:30:7: spec.objectives[0].target: duplicate key (expected each key once)",
        refused(sloWith("target: 0.999", "target: 0.999\n      target: 0.99")));
  }

  @Test
  void twoSlosOfOneNameInADirectoryAreRefusedNamingBothFiles(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.yaml"), SLO);
    Files.writeString(dir.resolve("b.yaml"), "# the same SLO again\n" + SLO);
    OpenSloException e = assertThrows(OpenSloException.class, () -> OpenSlo.read(dir));
    assertEquals(
        dir.resolve("b.yaml") + ":5:9: metadata.name: checkout-availability (expected a name not used by another SLO (also"
            + " at " + dir.resolve("a.yaml") + ":1))",
        e.getMessage());
    assertEquals(dir.resolve("b.yaml").toString(), e.file());
    assertEquals(5, e.line());
    assertEquals(9, e.column());
    assertEquals("metadata.name", e.field());
  }

  @Test
  void writingATimeSliceOfSecondsIsRefused() {
    SloDefinition d = SloDefinition.builder("checkout").service("checkout").objective(Objective.percent("99.9"))
        .budgeting(BudgetingMethod.ratioTimeslices(Duration.ofSeconds(30))).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenSlo.write(d));
    assertEquals(
        "time slice: 30s (expected a whole number of minutes: OpenSLO durations are written in m, h, d or w)", e.getMessage());
  }

  @Test
  void writingTheRulesOfAnotherDefinitionIsRefused() {
    SloDefinition a = SloDefinition.builder("a").service("s").objective(Objective.percent("99.9")).build();
    SloDefinition b = SloDefinition.builder("b").service("s").objective(Objective.percent("99.9")).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenSlo.write(a, AlertRules.defaults(b)));
    assertEquals("rules: rules of b (expected the rules of a)", e.getMessage());
  }
}
