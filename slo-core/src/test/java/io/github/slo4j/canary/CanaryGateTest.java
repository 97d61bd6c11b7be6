package io.github.slo4j.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ChangeMarker;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.internal.stats.QuantileRanks;
import io.github.slo4j.monitor.BudgetPolicy;
import io.github.slo4j.monitor.ReleaseDecision;
import io.github.slo4j.replay.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.commons.numbers.gamma.LogBeta;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.FisherExactTest;
import org.junit.jupiter.api.Test;

/** The verdict rules, the statistics in the report, each kind of input, and the release gate. */
class CanaryGateTest {
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  private static CanaryGate errorsOnly() {
    return CanaryGate.builder().metric(CanaryMetric.errorRate("errors")).build();
  }

  private static CanaryReport errors(CanaryGate gate, Duration at, long cb, long ct, long bb, long bt) {
    return gate.evaluate(gate.observe(at).counts("errors", cb, ct, bb, bt).build());
  }

  @Test
  void theReportCarriesLindonAndMaleksBayesFactorAndFishersPValue() {
    SplittableRandom random = new SplittableRandom(12);
    CanaryGate gate = errorsOnly();
    for (int i = 0; i < 200; i++) {
      long ct = 1 + random.nextLong(5000);
      long bt = 1 + random.nextLong(50_000);
      long cb = random.nextLong(Math.min(ct, 60) + 1);
      long bb = random.nextLong(Math.min(bt, 300) + 1);
      MetricResult r = errors(gate, TEN_MINUTES, cb, ct, bb, bt).metrics().get(0);
      // ρ0 = n_c·r0 / (n_c·r0 + n_b) with r0 = 1.2 (20 % allowed), prior Beta(1, 1)
      double r0 = 1.2;
      double expected = LogBeta.value(1 + cb, 1 + bb) - LogBeta.value(1, 1)
          - (cb == 0 ? 0 : cb * -Math.log1p(bt / (ct * r0))) - (bb == 0 ? 0 : bb * -Math.log1p(ct * r0 / bt));
      String what = "case " + i + ": " + cb + "/" + ct + " vs " + bb + "/" + bt;
      assertEquals(expected, r.logBayesFactor(), 1e-9 * Math.max(1, Math.abs(expected)), what);
      double fisher = FisherExactTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN)
          .test(new int[][] {{(int) cb, (int) (ct - cb)}, {(int) bb, (int) (bt - bb)}}).getPValue();
      assertEquals(fisher, r.fixedSamplePValue().orElseThrow(), 1e-9 * fisher, what);
      boolean worse = (double) cb / ct > r0 * bb / bt;
      Evidence e = expected < Math.log(20) ? Evidence.INCONCLUSIVE : worse ? Evidence.HARM : Evidence.NO_HARM;
      assertEquals(e, r.evidence(), what);
    }
  }

  @Test
  void badEventsForHarmIsTheSmallestCanaryCountThatShowsHarm() {
    CanaryGate gate = errorsOnly();
    for (long[] c : new long[][] {{0, 200, 4, 1800}, {3, 1000, 20, 9000}, {0, 50, 0, 450}, {40, 100_000, 400, 900_000}}) {
      MetricResult r = errors(gate, TEN_MINUTES, c[0], c[1], c[2], c[3]).metrics().get(0);
      long k = r.badEventsForHarm().orElseThrow();
      assertEquals(Evidence.HARM, errors(gate, TEN_MINUTES, k, c[1], c[2], c[3]).metrics().get(0).evidence(), Arrays.toString(c));
      assertFalse(errors(gate, TEN_MINUTES, k - 1, c[1], c[2], c[3]).metrics().get(0).harm(), Arrays.toString(c));
      assertTrue(r.toString().endsWith("; harm at >= " + k + " bad canary events of " + c[1] + " (has " + c[0] + ")"), r::toString);
    }
    // one canary request: even a failure is no evidence
    assertEquals(java.util.OptionalLong.empty(), errors(gate, TEN_MINUTES, 0, 1, 0, 9).metrics().get(0).badEventsForHarm());
  }

  @Test
  void noTrafficIsNoDataAndHoldsNeverNaN() {
    CanaryReport r = errors(errorsOnly(), TEN_MINUTES, 0, 0, 0, 0);
    MetricResult m = r.metrics().get(0);
    assertEquals(Verdict.HOLD, r.verdict());
    assertEquals(Evidence.NO_DATA, m.evidence());
    assertEquals(OptionalDouble.empty(), m.canaryRate());
    assertEquals(OptionalDouble.empty(), m.fixedSamplePValue());
    assertEquals(List.of(
        "HOLD at 10m, volume 0: minimum not reached (5m, 1000 events); needs 1000 more canary events",
        "errors (error rate, critical, +20% allowed): canary no data vs baseline no data: NO_DATA"), r.reasons());
    // a baseline without traffic: no comparison either
    assertEquals(Evidence.NO_DATA, errors(errorsOnly(), TEN_MINUTES, 5, 100, 0, 0).metrics().get(0).evidence());
  }

  @Test
  void everyMetricShowingNoHarmPromotesBeforeTheMaximum() {
    CanaryReport r = errors(errorsOnly(), TEN_MINUTES, 1000, 100_000, 10_000, 1_000_000);
    assertEquals(Verdict.PROMOTE, r.verdict(), r::toString);
    assertEquals("PROMOTE at 10m, volume 100000: every metric shows no harm", r.headline());
  }

  @Test
  void noEvidenceEitherWayHoldsUntilTheMaximumThenPromotes() {
    CanaryGate gate = errorsOnly();
    CanaryReport mid = errors(gate, Duration.ofMinutes(20), 12, 2000, 100, 18_000);
    assertEquals("HOLD at 20m, volume 2000: no evidence either way yet; promotes at 1h (40m more) unless harm shows",
        mid.headline());
    assertEquals(Verdict.PROMOTE, errors(gate, Duration.ofHours(1), 12, 2000, 100, 18_000).verdict());
    CanaryGate byVolume = CanaryGate.builder().metric(CanaryMetric.errorRate("errors")).volume(1000, 2000).build();
    assertEquals("PROMOTE at 20m, volume 2000: maximum reached (1h or 2000 events) without evidence of harm",
        errors(byVolume, Duration.ofMinutes(20), 12, 2000, 100, 18_000).headline());
  }

  @Test
  void harmOnANonCriticalMetricHoldsEvenAtTheMaximum() {
    CanaryGate gate = CanaryGate.builder()
        .metric(CanaryMetric.errorRate("errors"))
        .metric(CanaryMetric.saturation("pool-wait-ms", 50))
        .build();
    double[] canary = new double[360];
    double[] baseline = new double[360];
    for (int i = 0; i < 360; i++) {
      canary[i] = i % 3 == 0 ? 80 : 10;      // a third of the samples above 50 ms
      baseline[i] = i % 30 == 0 ? 80 : 10;   // a thirtieth
    }
    CanaryReport r = gate.evaluate(gate.observe(Duration.ofHours(1))
        .counts("errors", 10, 18_000, 90, 162_000)
        .gauge("pool-wait-ms", canary, baseline)
        .build());
    assertEquals(Verdict.HOLD, r.verdict(), r::toString);
    assertEquals("HOLD at 1h, volume 18000: non-critical metric pool-wait-ms shows harm; the maximum is reached:"
        + " a person decides", r.headline());
    assertEquals(120, r.metrics().get(1).canaryBad());
    assertEquals(12, r.metrics().get(1).baselineBad());
    // the same regression on a critical metric rolls back
    CanaryGate critical = CanaryGate.builder()
        .metric(CanaryMetric.errorRate("errors"))
        .metric(CanaryMetric.saturation("pool-wait-ms", 50).critical(true))
        .build();
    assertEquals(Verdict.ROLLBACK, critical.evaluate(critical.observe(Duration.ofMinutes(1))
        .counts("errors", 0, 10, 0, 90).gauge("pool-wait-ms", canary, baseline).build()).verdict());
  }

  @Test
  void aBurnRateGuardRollsBackWhateverTheBaselineDoes() {
    CanaryGate gate = CanaryGate.builder()
        .metric(CanaryMetric.errorRate("errors"))
        .metric(CanaryMetric.burnRate("burn", Objective.percent("99.9"), 14.4))
        .build();
    // both arms fail 5 %: no harm against the baseline, but 35 times the budget
    CanaryReport r = gate.evaluate(gate.observe(Duration.ofMinutes(2))
        .counts("errors", 100, 2000, 900, 18_000)
        .counts("burn", 100, 2000, 0, 0)
        .build());
    assertEquals(Verdict.ROLLBACK, r.verdict(), r::toString);
    assertFalse(r.metrics().get(0).harm());
    assertEquals(Evidence.HARM, r.metrics().get(1).limitCheck().orElseThrow());
    assertEquals("ROLLBACK at 2m, volume 2000: critical metric burn shows harm (false-rollback rate <= 0.05)", r.headline());
  }

  @Test
  void anAbsoluteLimitOnAGaugeIsCheckedBesideTheBaseline() {
    CanaryGate gate = CanaryGate.builder()
        .metric(CanaryMetric.saturation("gc-time", 0.1).limit(0.05).critical(true))
        .build();
    double[] both = new double[400];
    for (int i = 0; i < both.length; i++) {
      both[i] = i % 4 == 0 ? 0.3 : 0.02;   // a quarter of samples above 10 % GC time, in both arms
    }
    CanaryReport r = gate.evaluate(gate.observe(Duration.ofMinutes(10)).gauge("gc-time", both, both).build());
    assertEquals(Verdict.ROLLBACK, r.verdict(), r::toString);
    assertEquals(Evidence.HARM, r.metrics().get(0).limitCheck().orElseThrow());
    assertTrue(r.metrics().get(0).comparison() != Evidence.HARM);
  }

  @Test
  void dependencyPressureComparesCallsPerRequestAndCallsMayOutnumberRequests() {
    CanaryGate gate = CanaryGate.builder().metric(CanaryMetric.dependencyPressure("db-calls").critical(true)).build();
    // 3 calls a request against 1: harm
    CanaryReport worse = gate.evaluate(gate.observe(TEN_MINUTES).rates("db-calls", 3000, 1000, 9000, 9000).build());
    assertEquals(Verdict.ROLLBACK, worse.verdict(), worse::toString);
    assertTrue(worse.metrics().get(0).toString().startsWith("db-calls (dependency pressure, critical, +20% allowed):"
        + " canary 3000 calls/1000 requests (3 per request) vs baseline 9000 calls/9000 requests (1 per request): HARM"),
        worse::toString);
    // the same calls per request: no harm
    CanaryReport same = gate.evaluate(gate.observe(TEN_MINUTES).rates("db-calls", 1000, 1000, 9000, 9000).build());
    assertEquals(Evidence.NO_HARM, same.metrics().get(0).evidence(), same::toString);
  }

  @Test
  void latencyHistogramsCountRequestsAboveTheThresholdAndBoundTheQuantiles() {
    CanaryGate gate = CanaryGate.builder().metric(CanaryMetric.latency("p99", Duration.ofMillis(300))).build();
    SplittableRandom random = new SplittableRandom(7);
    Histogram canary = new Histogram(3);
    Histogram baseline = new Histogram(3);
    double[] canaryValues = new double[1000];
    long above = 0;
    for (int i = 0; i < canaryValues.length; i++) {
      long ms = 50 + random.nextLong(400); // values below 2048 are exact at 3 significant digits
      canary.recordValue(ms);
      canaryValues[i] = ms;
      above += ms > 300 ? 1 : 0;
    }
    for (int i = 0; i < 200; i++) {
      baseline.recordValue(50 + random.nextLong(250));
    }
    CanaryReport r = gate.evaluate(gate.observe(TEN_MINUTES).latency("p99", canary, baseline, TimeUnit.MILLISECONDS).build());
    MetricResult m = r.metrics().get(0);
    assertEquals(above, m.canaryBad());
    assertEquals(1000, m.canaryTotal());
    assertEquals(0, m.baselineBad());
    Arrays.sort(canaryValues);
    List<QuantileBound> expected = new ArrayList<>();
    for (double q : new double[] {0.95, 0.99}) {
      long lo = QuantileRanks.lowerRank(1000, q, 0.025).getAsLong();
      long hi = QuantileRanks.upperRank(1000, q, 0.025).getAsLong();
      expected.add(new QuantileBound("canary", q, 1000,
          Optional.of(Duration.ofMillis((long) canaryValues[(int) lo - 1])),
          Optional.of(Duration.ofMillis((long) canaryValues[(int) hi - 1]))));
      // 200 values bound the p95 on both sides but the p99 only from below (an upper bound at 2.5 % needs 368)
      QuantileBound b = m.quantiles().get(expected.size());
      expected.add(b);
      assertEquals(q == 0.99, b.upper().isEmpty(), b::toString);
    }
    assertEquals(expected, m.quantiles());
    assertEquals(368, QuantileRanks.minimumSampleForUpperBound(0.99, 0.025));
  }

  /** A 1-day 99.9 % SLO with the freeze clause, exhausted by a 5-minute outage. */
  private static ReleaseDecision decide(CanaryReport canary, boolean outage, ChangeMarker change) {
    SloDefinition slo = SloDefinition.builder("checkout-availability")
        .service("checkout").objective(Objective.percent("99.9")).period(CompliancePeriod.rollingDays(1)).build();
    BudgetPolicy policy = BudgetPolicy.builder("checkout-budget", "1")
        .approvedBy("Dana Ruiz", Instant.parse("2025-12-15T09:00:00Z"))
        .freezeWhenExhausted()
        .build();
    List<ReleaseDecision> out = new ArrayList<>();
    Replay.of(slo).policy(policy)
        .traffic(Replay.Traffic.phases()
            .steady(Duration.ofHours(2), 10, 0.0)
            .steady(Duration.ofMinutes(5), 10, outage ? 1.0 : 0.0)
            .steady(Duration.ofMinutes(10), 10, 0.0)
            .build())
        .at(Duration.ofHours(2).plusMinutes(15), monitor -> out.add(canary.releaseDecision(monitor, change)))
        .run();
    return out.get(0);
  }

  @Test
  void theReleaseGateShipsOnlyAPromotedCanaryAndAFrozenBudgetStillBlocksARoutineOne() {
    CanaryGate gate = errorsOnly();
    CanaryReport promoted = errors(gate, Duration.ofHours(1), 10, 20_000, 90, 180_000);
    CanaryReport held = errors(gate, Duration.ofMinutes(1), 0, 100, 1, 900);
    ChangeMarker routine = ChangeMarker.deploy("checkout", "1.43.0", Instant.parse("2026-01-01T02:15:00Z"));
    ReleaseDecision ships = decide(promoted, false, routine);
    assertTrue(ships.allowed(), ships::toString);
    assertTrue(ships.reason().endsWith("; canary " + promoted.headline()), ships::toString);
    ReleaseDecision waits = decide(held, false, routine);
    assertFalse(waits.allowed(), waits::toString);
    assertTrue(waits.reason().endsWith("; canary " + held.headline()), waits::toString);
    // the budget is spent: a routine change stays blocked whatever the canary shows ...
    ReleaseDecision frozen = decide(promoted, true, routine);
    assertFalse(frozen.allowed(), frozen::toString);
    assertTrue(frozen.reason().endsWith("only reliability or security fixes may ship"), frozen::toString);
    // ... and a reliability fix passes the freeze but still needs its canary
    ChangeMarker fix = routine.withCategory(ChangeMarker.Category.RELIABILITY);
    assertTrue(decide(promoted, true, fix).allowed());
    assertFalse(decide(held, true, fix).allowed());
  }
}
