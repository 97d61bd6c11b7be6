package io.github.slo4j.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Kayenta-compatible judge: its classification and scoring, and its known weaknesses shown. */
class KayentaJudgeTest {
  private static final int INTERVALS = 30;

  private static double[] series(SplittableRandom random, double mean, double spread) {
    double[] v = new double[INTERVALS];
    for (int i = 0; i < INTERVALS; i++) {
      v[i] = mean + spread * (random.nextDouble() - 0.5);
    }
    return v;
  }

  private static KayentaJudge judge() {
    return KayentaJudge.builder()
        .metric("latency-ms", "latency", KayentaJudge.FailOn.INCREASE, false)
        .metric("cpu", "saturation", KayentaJudge.FailOn.INCREASE, false)
        .metric("heap", "saturation", KayentaJudge.FailOn.EITHER, false)
        .metric("errors", "errors", KayentaJudge.FailOn.INCREASE, false)
        .weight("latency", 2)
        .build();
  }

  @Test
  void aShiftInTheFailingDirectionFailsItsMetricAndScoresItsGroup() {
    SplittableRandom random = new SplittableRandom(21);
    Map<String, double[]> baseline = Map.of(
        "latency-ms", series(random, 200, 20), "cpu", series(random, 0.4, 0.05),
        "heap", series(random, 500, 20), "errors", series(random, 3, 2));
    Map<String, double[]> canary = Map.of(
        "latency-ms", series(random, 260, 20), "cpu", series(random, 0.3, 0.05),
        "heap", series(random, 500, 20), "errors", series(random, 3, 2));
    KayentaJudge.Result r = judge().judge(canary, baseline);
    assertEquals(List.of("latency-ms HIGH failed", "cpu LOW passed", "heap PASS passed", "errors PASS passed"),
        r.metrics().stream().map(m -> m.name() + " " + m.classification() + (m.failed() ? " failed" : " passed"))
            .collect(Collectors.toList()));
    // groups: latency 0 (weight 2), saturation 100, errors 100: (0·2 + 100 + 100) / 4 = 50
    assertEquals(50.0, r.score(), 1e-12);
    assertEquals(KayentaJudge.Outcome.FAIL, r.outcome());
  }

  @Test
  void aFailingCriticalMetricScoresZeroAndMissingDataIsNotClassified() {
    KayentaJudge judge = KayentaJudge.builder()
        .metric("latency-ms", "latency", KayentaJudge.FailOn.INCREASE, true)
        .metric("cpu", "saturation", KayentaJudge.FailOn.INCREASE, false)
        .thresholds(50, 90)
        .build();
    SplittableRandom random = new SplittableRandom(22);
    KayentaJudge.Result r = judge.judge(
        Map.of("latency-ms", series(random, 300, 10), "cpu", series(random, 0.4, 0.05)),
        Map.of("latency-ms", series(random, 200, 10)));
    assertEquals(0.0, r.score());
    assertEquals(KayentaJudge.Classification.NODATA, r.metrics().get(1).classification());
    KayentaJudge.Result marginal = judge.judge(Map.of(), Map.of());
    assertEquals(100.0, marginal.score()); // nothing classified
    assertEquals(KayentaJudge.Outcome.PASS, marginal.outcome());
  }

  /**
   * Weakness (1), demonstrated: 15 errors in 3 of 30 intervals against none at the same traffic.
   * The median interval shows no change, so the judge passes the metric and scores 100; the gate's
   * count test on the same 15 against 0 rolls the canary back.
   */
  @Test
  void sparseErrorCountsPassTheJudgeWhereTheGateRollsBack() {
    double[] canaryErrors = new double[INTERVALS];
    canaryErrors[7] = 4;
    canaryErrors[15] = 5;
    canaryErrors[23] = 6;
    double[] baselineErrors = new double[INTERVALS];
    KayentaJudge judge = KayentaJudge.builder().metric("errors", "errors", KayentaJudge.FailOn.INCREASE, true).build();
    KayentaJudge.Result kayenta = judge.judge(Map.of("errors", canaryErrors), Map.of("errors", baselineErrors));
    assertEquals(KayentaJudge.Classification.PASS, kayenta.metrics().get(0).classification());
    assertEquals(KayentaJudge.Outcome.PASS, kayenta.outcome());
    assertEquals(100.0, kayenta.score());

    long requests = 300L * INTERVALS; // 30 requests/s in each arm, 10-s intervals
    CanaryGate gate = CanaryGate.builder().metric(CanaryMetric.errorRate("errors")).build();
    CanaryReport report = gate.evaluate(gate.observe(Duration.ofMinutes(5))
        .counts("errors", (long) Arrays.stream(canaryErrors).sum(), requests, 0, requests).build());
    assertEquals(Verdict.ROLLBACK, report.verdict(), report::toString);
  }
}
