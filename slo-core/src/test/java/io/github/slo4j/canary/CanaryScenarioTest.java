package io.github.slo4j.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.canary.Rollout.Traffic;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The replayed scenarios of issue 12: a canary taking 10 % of the traffic (5 requests/s against the
 * baseline's 45) polled every 10 s for up to an hour. Each seed is fixed, so every run replays the
 * same traffic; the verdicts do not hinge on the seed (the differences are many standard errors
 * wide, and equal arms are rolled back with probability at most α whatever the seed).
 */
class CanaryScenarioTest {
  private static final Traffic HEALTHY = new Traffic(45, 0.005, 0.01, 0.03);
  private static final Duration HOUR = Duration.ofHours(1);

  private static Traffic canary(double errors, double slow, double checkoutFailures) {
    return new Traffic(5, errors, slow, checkoutFailures);
  }

  private static CanaryReport firstDecisive(List<CanaryReport> reports) {
    return reports.stream().filter(r -> r.verdict() != Verdict.HOLD).findFirst().orElseThrow();
  }

  private static List<String> harmed(CanaryReport r) {
    return r.harmed().stream().map(m -> m.metric().name()).collect(Collectors.toList());
  }

  @Test
  void aClearlyWorseCanaryIsRolledBack() {
    List<CanaryReport> reports = Rollout.run(Rollout.gate(), canary(0.05, 0.01, 0.03), HEALTHY, HOUR, 1);
    CanaryReport r = firstDecisive(reports);
    assertEquals(Verdict.ROLLBACK, r.verdict(), r::toString);
    assertTrue(harmed(r).contains("errors"), r::toString);
    // evidence of harm needs no minimum: it comes within the first minutes, before the 5-minute minimum
    assertTrue(r.elapsed().compareTo(Duration.ofMinutes(5)) < 0, r::toString);
  }

  @Test
  void anEqualCanaryIsPromotedAndNeverRolledBack() {
    List<CanaryReport> reports = Rollout.run(Rollout.gate(), canary(0.005, 0.01, 0.03), HEALTHY, HOUR, 2);
    assertTrue(reports.stream().noneMatch(r -> r.verdict() == Verdict.ROLLBACK),
        () -> reports.stream().filter(r -> r.verdict() == Verdict.ROLLBACK).findFirst().orElseThrow().toString());
    CanaryReport last = reports.get(reports.size() - 1);
    assertEquals(Verdict.PROMOTE, last.verdict(), last::toString);
    assertEquals(List.of(), harmed(last));
  }

  @Test
  void zeroErrorsOnLowTrafficHoldThenPromote() {
    Traffic quiet = new Traffic(0.5, 0, 0, 0);
    List<CanaryReport> reports = Rollout.run(Rollout.gate(), quiet, new Traffic(4.5, 0, 0, 0), HOUR, 3);
    // 5 requests an interval: the minimum volume of 200 is reached at 6m40s
    CanaryReport early = reports.get(5);
    assertEquals(Verdict.HOLD, early.verdict());
    assertEquals("HOLD at 1m, volume 30: minimum not reached (5m, 200 events); needs 4m more and 170 more"
        + " canary events", early.headline());
    for (CanaryReport r : reports.subList(0, reports.size() - 1)) {
      assertEquals(Verdict.HOLD, r.verdict(), r::toString);
      assertTrue(r.metrics().stream().noneMatch(MetricResult::harm), r::toString);
    }
    CanaryReport last = reports.get(reports.size() - 1);
    assertEquals(Verdict.PROMOTE, last.verdict(), last::toString);
    assertEquals("PROMOTE at 1h, volume 1800: maximum reached (1h) without evidence of harm", last.headline());
  }

  @Test
  void aLatencyOnlyRegressionWithFlatErrorsIsRolledBack() {
    List<CanaryReport> reports = Rollout.run(Rollout.gate(), canary(0.005, 0.05, 0.03), HEALTHY, HOUR, 4);
    CanaryReport r = firstDecisive(reports);
    assertEquals(Verdict.ROLLBACK, r.verdict(), r::toString);
    assertEquals(List.of("p99"), harmed(r), r::toString);
  }

  @Test
  void aBusinessSuccessDropWithHealthyInfrastructureIsRolledBack() {
    List<CanaryReport> reports = Rollout.run(Rollout.gate(), canary(0.005, 0.01, 0.15), HEALTHY, HOUR, 5);
    CanaryReport r = firstDecisive(reports);
    assertEquals(Verdict.ROLLBACK, r.verdict(), r::toString);
    assertEquals(List.of("checkout"), harmed(r), r::toString);
  }
}
