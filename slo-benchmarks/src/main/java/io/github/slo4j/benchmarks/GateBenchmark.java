package io.github.slo4j.benchmarks;

import io.github.slo4j.Objective;
import io.github.slo4j.canary.CanaryGate;
import io.github.slo4j.canary.CanaryMetric;
import io.github.slo4j.canary.CanaryReport;
import io.github.slo4j.internal.stats.CanaryBayesFactor;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One evaluation of a canary gate with {@value #METRICS} metrics: two error rates, a business
 * success, two latency thresholds, two saturation gauges (one with an absolute limit), two
 * dependency rates and a burn-rate guard, all given as counts. The counts are the cumulative ones of
 * an hour-long rollout polled every 10 s (360 polls, pre-generated, one per invocation in turn), so
 * the statistics see small and large counts alike.
 *
 * <ul>
 *   <li>{@code baseline}: the anytime-valid statistic of one metric ({@code
 *       CanaryBayesFactor.logBayesFactor}), the work the gate does ten times;
 *   <li>{@code slo4j}: {@code gate.observe(...)}, ten counts, {@code build()} and {@code
 *       evaluate(...)}: the verdict and each metric's evidence;
 *   <li>{@code slo4jWithReasons}: the same and the report's text, which adds Fisher's p-value and
 *       the bad events that would show harm for each metric (what a pipeline logs when it acts).
 * </ul>
 *
 * <pre>
 * java -jar slo-benchmarks/target/benchmarks.jar GateBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GateBenchmark {
  static final int METRICS = 10;
  private static final int POLLS = 360;

  private CanaryGate gate;
  /** [poll][metric][canaryBad, canaryTotal, baselineBad, baselineTotal]. */
  private long[][][] counts;
  private int poll;

  /** The gate and the rollout's counts. */
  @Setup(Level.Trial)
  public void setUp() {
    gate = CanaryGate.builder()
        .metric(CanaryMetric.errorRate("errors"))
        .metric(CanaryMetric.errorRate("search-errors"))
        .metric(CanaryMetric.businessSuccess("checkout"))
        .metric(CanaryMetric.latency("p95", Duration.ofMillis(120)))
        .metric(CanaryMetric.latency("p99", Duration.ofMillis(300)))
        .metric(CanaryMetric.saturation("pool-wait-ms", 50).limit(0.05))
        .metric(CanaryMetric.saturation("gc-time", 0.1))
        .metric(CanaryMetric.dependencyPressure("db-calls"))
        .metric(CanaryMetric.dependencyPressure("cache-calls"))
        .metric(CanaryMetric.burnRate("burn", Objective.percent("99.9"), 14.4))
        .build();
    // per metric: canary events per poll, baseline per poll, bad (or call) rate of each arm
    double[][] shape = {
        {50, 450, 0.004, 0.004}, {20, 180, 0.01, 0.01}, {10, 90, 0.03, 0.03}, {50, 450, 0.05, 0.05},
        {50, 450, 0.01, 0.012}, {1, 9, 0.02, 0.02}, {1, 9, 0.05, 0.05}, {50, 450, 2.0, 2.0},
        {50, 450, 0.5, 0.5}, {50, 450, 0.004, 0.004}};
    SplittableRandom random = new SplittableRandom(42);
    counts = new long[POLLS][METRICS][4];
    long[][] cumulative = new long[METRICS][4];
    for (int p = 0; p < POLLS; p++) {
      for (int m = 0; m < METRICS; m++) {
        double[] s = shape[m];
        for (int arm = 0; arm < 2; arm++) {
          long n = (long) s[arm];
          long bad = 0;
          for (int i = 0; i < n; i++) {
            // dependency rates above 1: whole calls plus a fraction
            double rate = s[2 + arm];
            bad += (long) rate + (random.nextDouble() < rate - Math.floor(rate) ? 1 : 0);
          }
          cumulative[m][2 * arm] += bad;
          cumulative[m][2 * arm + 1] += n;
        }
        counts[p][m] = cumulative[m].clone();
      }
    }
  }

  private long[][] next() {
    long[][] c = counts[poll];
    poll = poll + 1 == POLLS ? 0 : poll + 1;
    return c;
  }

  /** One metric's statistic. */
  @Benchmark
  public double baseline() {
    long[] c = next()[0];
    return CanaryBayesFactor.logBayesFactor(c[0], c[1], c[2], c[3], 1.2, 1, 1);
  }

  private CanaryReport evaluate() {
    int p = poll;
    long[][] c = next();
    return gate.evaluate(gate.observe(Duration.ofSeconds(10L * (p + 1)))
        .counts("errors", c[0][0], c[0][1], c[0][2], c[0][3])
        .counts("search-errors", c[1][0], c[1][1], c[1][2], c[1][3])
        .successes("checkout", c[2][1] - c[2][0], c[2][1], c[2][3] - c[2][2], c[2][3])
        .counts("p95", c[3][0], c[3][1], c[3][2], c[3][3])
        .counts("p99", c[4][0], c[4][1], c[4][2], c[4][3])
        .counts("pool-wait-ms", c[5][0], c[5][1], c[5][2], c[5][3])
        .counts("gc-time", c[6][0], c[6][1], c[6][2], c[6][3])
        .rates("db-calls", c[7][0], c[7][1], c[7][2], c[7][3])
        .rates("cache-calls", c[8][0], c[8][1], c[8][2], c[8][3])
        .counts("burn", c[9][0], c[9][1], 0, 0)
        .build());
  }

  /** One evaluation of 10 metrics: the verdict and the evidence. */
  @Benchmark
  public CanaryReport slo4j() {
    return evaluate();
  }

  /** One evaluation and its report's text. */
  @Benchmark
  public String slo4jWithReasons() {
    return evaluate().toString();
  }
}
