package io.github.slo4j.canary;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.internal.stats.ClopperPearson;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The gate's promise, simulated: a canary exactly as good as its baseline (1 % errors in both, the
 * canary at 10 % of the traffic: 50 requests an interval against 450), polled every 10 s for an
 * hour (360 looks at the cumulative counts), in 1,000 rollouts. The gate, tolerating no increase so
 * that these rollouts sit on the boundary of its null, must roll back at most α = 5 % of them;
 * Fisher's exact test at the same α, looked at the same 360 times (a fixed-sample test used as
 * dashboards use it), rolls back far more. The seed is fixed, so this is one deterministic outcome;
 * the assertions are on Clopper–Pearson bounds at 99 %, so they hold for nearly every seed.
 */
class FalseRollbackSimulationTest {
  private static final double ALPHA = 0.05;
  private static final int ROLLOUTS = 1000;
  private static final int POLLS = 360;
  private static final int CANARY_PER_POLL = 50;
  private static final int BASELINE_PER_POLL = 450;
  private static final double ERROR_RATE = 0.01;

  @Test
  void pollingEvery10sForAnHourKeepsFalseRollbacksAtMostAlphaWhereAFixedSampleTestDoesNot() {
    CanaryGate gate = CanaryGate.builder()
        .metric(CanaryMetric.errorRate("errors").allowedIncrease(0))
        .alpha(ALPHA)
        .build();
    SplittableRandom random = new SplittableRandom(0xCA9A2L);
    int gateRollbacks = 0;
    int fisherRollbacks = 0;
    for (int r = 0; r < ROLLOUTS; r++) {
      long canaryErrors = 0;
      long baselineErrors = 0;
      boolean gateRolledBack = false;
      boolean fisherRolledBack = false;
      for (int poll = 1; poll <= POLLS; poll++) {
        canaryErrors += errors(random, CANARY_PER_POLL);
        baselineErrors += errors(random, BASELINE_PER_POLL);
        CanaryReport report = gate.evaluate(gate.observe(Duration.ofSeconds(10L * poll))
            .counts("errors", canaryErrors, (long) poll * CANARY_PER_POLL, baselineErrors, (long) poll * BASELINE_PER_POLL)
            .build());
        gateRolledBack |= report.verdict() == Verdict.ROLLBACK;
        fisherRolledBack |= report.metrics().get(0).fixedSamplePValue().orElse(1) <= ALPHA;
      }
      gateRollbacks += gateRolledBack ? 1 : 0;
      fisherRollbacks += fisherRolledBack ? 1 : 0;
    }
    double gateRate = (double) gateRollbacks / ROLLOUTS;
    double gateUpper = ClopperPearson.upperBound(gateRollbacks, ROLLOUTS, 0.01);
    double fisherRate = (double) fisherRollbacks / ROLLOUTS;
    double fisherLower = ClopperPearson.lowerBound(fisherRollbacks, ROLLOUTS, 0.01);
    String figures = "false rollbacks of " + ROLLOUTS + " rollouts polled " + POLLS + " times: gate "
        + gateRollbacks + " (" + gateRate + ", 99% upper bound " + gateUpper + "), Fisher at p <= " + ALPHA
        + " " + fisherRollbacks + " (" + fisherRate + ", 99% lower bound " + fisherLower + ")";
    assertTrue(gateUpper <= ALPHA, figures);
    assertTrue(fisherLower > ALPHA, figures);
  }

  private static long errors(SplittableRandom random, int requests) {
    long n = 0;
    for (int i = 0; i < requests; i++) {
      n += random.nextDouble() < ERROR_RATE ? 1 : 0;
    }
    return n;
  }
}
