package io.github.slo4j.benchmarks;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.BudgetPolicy;
import io.github.slo4j.monitor.PolicyDecision;
import io.github.slo4j.monitor.SloMonitor;
import io.github.slo4j.replay.IntervalStore;
import io.github.slo4j.replay.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replays a 30-day month at the 10-s resolution (259,200 evaluations) through the default alert
 * rules and a budget policy (freeze when exhausted, a postmortem at 20 %, a target review over a
 * week), for the events SLO and for the latency SLO with two thresholds ({@code slo}) of {@link
 * Peers}. The traffic is 100 requests/s with a small steady error ratio and two incidents: a
 * 20-minute burst that pages, and a 3-hour slow burn that opens a ticket.
 *
 * <ul>
 *   <li>{@code month}: one whole {@code Replay.run()}; its B/op is almost all the exact store of
 *       the month (per target two longs per interval, about 4 MiB), made once per replay;
 *   <li>{@code evaluation}: one interval of an endless replay: the store's append and {@code
 *       SloMonitor.evaluate(boundary, transitions, decisions)} in steady state (a month of history,
 *       nothing changes): what each evaluation of {@code month} costs, and 0 B;
 *   <li>{@code baseline}: the store's append and the reads no steady evaluation can skip: per
 *       target, each tier's long window and the period, with no decision taken; the floor under
 *       {@code evaluation}, which also reads the policy's review window and, for an inactive tier,
 *       its short window only when the long window exceeds.
 * </ul>
 *
 * <pre>
 * java -jar slo-benchmarks/target/benchmarks.jar ReplayBenchmark -f 1 -wi 2 -i 3 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReplayBenchmark {
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Duration MONTH = Duration.ofDays(30);
  private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  /** {@code events}: 99.9 % of requests succeed; {@code latency}: 90 % within 100 ms, 99 % within 500 ms. */
  @Param({"events", "latency"})
  public String slo;

  private Replay.Builder month;
  private IntervalStore store;
  private SloMonitor monitor;
  private long[] good;
  private long[] total;
  private final List<AlertTransition> transitions = new ArrayList<>();
  private final List<PolicyDecision> decisions = new ArrayList<>();
  private Target[] targets;
  private long[] windows;
  private final long[] read = new long[4];

  /** The policy of the design: freeze, postmortem, target review. */
  static BudgetPolicy policy() {
    return BudgetPolicy.builder("bench-policy", "1").approvedBy("bench", Instant.EPOCH)
        .freezeWhenExhausted()
        .postmortemAt(0.2)
        .reviewTarget(Duration.ofDays(7))
        .build();
  }

  /**
   * A month at 100 requests/s: {@code bad} of them bad, except a 20-minute burst at 50 × {@code
   * bad} on day 10 and a 3-hour slow burn at 10 × {@code bad} on day 20.
   */
  static Replay.Traffic traffic(double bad) {
    return Replay.Traffic.phases()
        .steady(Duration.ofDays(10), 100, bad)
        .steady(Duration.ofMinutes(20), 100, Math.min(1, 50 * bad))
        .steady(Duration.ofDays(10), 100, bad)
        .steady(Duration.ofHours(3), 100, Math.min(1, 10 * bad))
        .steady(MONTH.minusDays(20).minusMinutes(200), 100, bad)
        .build();
  }

  /** The month's replay, and an endless one a month into its history. */
  @Setup(Level.Trial)
  public void setUp() {
    SloDefinition definition = slo.equals("events") ? Peers.eventsSlo() : Peers.latencySlo();
    AlertRules rules = AlertRules.defaults(definition);
    month = Replay.of(definition).rules(rules).policy(policy()).duration(MONTH);
    targets = definition.targets().toArray(new Target[0]);
    // a fifth of each target's budget: events 0.02 %, latency 2 % and 0.2 %
    double[] bad = new double[targets.length];
    for (Target t : targets) {
      bad[t.index()] = t.objective().errorBudget() / 5;
      month.traffic(t, traffic(bad[t.index()]));
    }

    store = new IntervalStore(definition, START, INTERVAL);
    monitor = SloMonitor.builder(definition).rules(rules).policy(policy()).build(store);
    good = new long[targets.length];
    total = new long[targets.length];
    for (Target t : targets) {
      total[t.index()] = 1_000;
      good[t.index()] = 1_000 - Math.round(1_000 * bad[t.index()]);
    }
    for (long i = 0; i < MONTH.dividedBy(INTERVAL) + 8_640; i++) {
      evaluation();
    }
    List<Long> ws = new ArrayList<>();
    for (AlertTier tier : rules.tiers(targets[0])) {
      ws.add(tier.longWindow().toMillis());
    }
    windows = ws.stream().mapToLong(Long::longValue).toArray();
  }

  /** One month's replay. */
  @Benchmark
  public Replay.Result month() {
    return month.run();
  }

  /** One interval of an endless replay: the store's append and the monitor's evaluation. */
  @Benchmark
  public boolean evaluation() {
    store.append(good, total);
    boolean changed = monitor.evaluate(store.asOfMillis(), transitions, decisions);
    if (changed) {
      transitions.clear();
      decisions.clear();
    }
    return changed;
  }

  /** The store's append and the window reads every steady evaluation makes, nothing decided. */
  @Benchmark
  public long baseline() {
    store.append(good, total);
    long sum = 0;
    for (Target t : targets) {
      for (long w : windows) {
        store.window(t, w, read);
        sum += read[1] - read[0];
      }
      store.periodWindow(t, read);
      sum += read[1] - read[0];
    }
    return sum;
  }
}
