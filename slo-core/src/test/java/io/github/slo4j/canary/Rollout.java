package io.github.slo4j.canary;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.replay.IntervalStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A replayed rollout: a canary and a baseline arm, each with an availability and a latency SLO kept
 * in exact {@link IntervalStore}s (the {@link io.github.slo4j.WindowReader}s a recorder would be)
 * and a checkout counter, fed 10-s intervals of seeded random traffic, and a gate polled at the end
 * of every interval over the whole rollout so far.
 */
final class Rollout {
  static final Duration INTERVAL = Duration.ofSeconds(10);

  static final SloDefinition AVAILABILITY = SloDefinition.builder("checkout-availability")
      .service("checkout").objective(Objective.percent("99.9")).period(CompliancePeriod.rollingDays(1)).build();
  static final SloDefinition LATENCY = SloDefinition.builder("checkout-latency")
      .service("checkout")
      .sli(Sli.latency(LatencyThreshold.of(Duration.ofMillis(300), Objective.percent("99"))))
      .period(CompliancePeriod.rollingDays(1))
      .build();
  static final Target EVENTS = AVAILABILITY.targets().get(0);
  static final Target FAST = LATENCY.targets().get(0);
  /** An empty availability store, for tests that need a reader. */
  static final IntervalStore EVENTS_READER = new IntervalStore(AVAILABILITY, 0, INTERVAL);

  /** One arm's traffic: requests per second, and the share of errors, slow requests and failed checkouts. */
  record Traffic(double perSecond, double errors, double slow, double checkoutFailures) {}

  /** One arm: its stores and its cumulative checkout counts. */
  static final class Arm {
    final IntervalStore availability = new IntervalStore(AVAILABILITY, 0, INTERVAL);
    final IntervalStore latency = new IntervalStore(LATENCY, 0, INTERVAL);
    long checkouts;
    long checkoutsCompleted;

    void interval(Traffic t, SplittableRandom random) {
      int n = (int) Math.round(t.perSecond * INTERVAL.toSeconds());
      long bad = 0;
      long slow = 0;
      for (int i = 0; i < n; i++) {
        bad += random.nextDouble() < t.errors ? 1 : 0;
        slow += random.nextDouble() < t.slow ? 1 : 0;
        if (i % 5 == 0) { // one request in five is a checkout attempt
          checkouts++;
          checkoutsCompleted += random.nextDouble() < t.checkoutFailures ? 0 : 1;
        }
      }
      availability.append(new long[] {n - bad}, new long[] {n});
      latency.append(new long[] {n - slow}, new long[] {n});
    }
  }

  /**
   * Runs the rollout for {@code length}, polling {@code gate} after every interval (the gate's
   * metrics must be named errors, p99, checkout and burn), and returns every report.
   */
  static List<CanaryReport> run(CanaryGate gate, Traffic canary, Traffic baseline, Duration length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Arm c = new Arm();
    Arm b = new Arm();
    List<CanaryReport> reports = new ArrayList<>();
    for (Duration t = INTERVAL; t.compareTo(length) <= 0; t = t.plus(INTERVAL)) {
      c.interval(canary, random);
      b.interval(baseline, random);
      reports.add(gate.evaluate(gate.observe(t)
          .window("errors", c.availability, b.availability, EVENTS, t)
          .window("p99", c.latency, b.latency, FAST, t)
          .successes("checkout", c.checkoutsCompleted, c.checkouts, b.checkoutsCompleted, b.checkouts)
          .window("burn", c.availability, null, EVENTS, t)
          .build()));
    }
    return reports;
  }

  /** The gate of the scenarios: 5 minutes to 1 hour, at least 200 canary requests. */
  static CanaryGate gate() {
    return CanaryGate.builder()
        .metric(CanaryMetric.errorRate("errors"))
        .metric(CanaryMetric.latency("p99", Duration.ofMillis(300)))
        .metric(CanaryMetric.businessSuccess("checkout"))
        .metric(CanaryMetric.burnRate("burn", Objective.percent("99.9"), 14.4))
        .duration(Duration.ofMinutes(5), Duration.ofHours(1))
        .volume(200, Long.MAX_VALUE)
        .build();
  }

  private Rollout() {}
}
