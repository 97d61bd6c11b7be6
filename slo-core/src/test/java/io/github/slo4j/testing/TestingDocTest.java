package io.github.slo4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.replay.Replay.Traffic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The worked examples of docs/testing.md, verbatim between the doc markers. */
class TestingDocTest {

  /** A stand-in for a component under test: a call that fails at random with the given rate. */
  record FlakyService(double failureRate) {
    boolean call(SplittableRandom random) {
      return random.nextDouble() >= failureRate;
    }
  }

  @Test
  void notViolated() {
    // tag::not-violated[]
    Objective objective = Objective.percent("99.9");
    FlakyService service = new FlakyService(0.0005); // fails 1 call in 2,000, at random

    // 10,000 calls, seeded: fails only if the calls show a violation at alpha 1e-6
    Reliability.sample(10_000, 42, service::call).meetsSlo(objective);
    // end::not-violated[]
  }

  @Test
  void aFailureExplainsItself() {
    // tag::failure-message[]
    ReliabilityAssertionError e = assertThrows(ReliabilityAssertionError.class,
        () -> Reliability.of(40, 10_000).meetsSlo(Objective.percent("99.9")));
    assertEquals("""
        reliability VIOLATED: meets 99.9% (failure rate below 0.1%), mode NOT_VIOLATED
          counts: 40 failures of 10,000 trials (observed rate 0.4%)
          bounds: lower 0.1677% (alpha 0.000001), upper 0.5204% (95% confidence), one-sided Clopper-Pearson
          needed: no sample size to demonstrate a failure rate below 0.1% at 95% confidence at the observed rate""",
        e.getMessage());
    // end::failure-message[]
  }

  @Test
  void demonstrated() {
    // tag::demonstrated[]
    Objective objective = Objective.percent("99.9");

    // 99.9 % with no failure needs 2,995 calls at 95 % confidence; 2,000 are refused up front
    Reliability.sample(3_000, 7, new FlakyService(0)::call).demonstrated().meetsSlo(objective);
    IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class,
        () -> Reliability.sample(2_000, 7, new FlakyService(0)::call).demonstrated().meetsSlo(objective));

    // one failure in 3,000 neither demonstrates nor refutes: the test is aborted (skipped)
    assertThrows(TestAbortedException.class,
        () -> Reliability.of(1, 3_000).demonstrated().meetsSlo(objective));
    // end::demonstrated[]
    assertEquals(
        "n: 2000 (expected >= 2995: even with no failure a smaller sample cannot demonstrate a failure"
            + " rate below 0.1% at 95% confidence)",
        tooSmall.getMessage());
  }

  @Test
  void sequential() {
    // tag::sequential[]
    FlakyService service = new FlakyService(0.0001);

    // call until the verdict is certain, at most 100,000 times; a burn rate of 2 allows 0.2 %
    Reliability.sampleUntilConclusive(100_000, 42, service::call)
        .burnRateBelow(Objective.percent("99.9"), 2);
    // end::sequential[]
  }

  @Test
  void latency() {
    List<Duration> latencies = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 1_000; i++) {
      latencies.add(Duration.ofMillis(20 + random.nextInt(100)));
    }
    // tag::latency[]
    // 1,000 latencies between 20 and 120 ms
    Reliability.assertThatLatencies(latencies).p99Below(Duration.ofMillis(150)); // not violated
    Reliability.assertThatLatencies(latencies).demonstrated().p99Below(Duration.ofMillis(150));

    // a p99 bound at 95 % needs 299 latencies: the largest of them is the bound
    assertThrows(IllegalArgumentException.class,
        () -> Reliability.assertThatLatencies(latencies.subList(0, 298)).demonstrated()
            .p99Below(Duration.ofMillis(150)));
    // end::latency[]
  }

  @Test
  void histogram() {
    SplittableRandom random = new SplittableRandom(1);
    // tag::histogram[]
    Histogram histogram = new Histogram(3); // microseconds, 3 significant digits
    for (int i = 0; i < 1_000; i++) {
      histogram.recordValue(20_000 + random.nextInt(100_000)); // 20 to 120 ms
    }
    Reliability.assertThatLatencies(histogram, TimeUnit.MICROSECONDS).demonstrated()
        .p99Below(Duration.ofMillis(150));
    // end::histogram[]
  }

  @Test
  void alerting() {
    // tag::alerting[]
    SloDefinition slo = SloDefinition.builder("checkout-availability")
        .service("checkout").objective(Objective.percent("99.9")).build();
    AlertRules rules = AlertRules.defaults(slo);

    // a clean day at 100 requests/s, then a full outage: the on-call hears of it within 2 minutes
    Traffic outage = Traffic.phases()
        .steady(Duration.ofDays(1), 100, 0)
        .steady(Duration.ofHours(1), 100, 1)
        .build();
    Reliability.assertThatAlerting(rules, outage).incidentAt(Duration.ofDays(1))
        .pagesWithin(Duration.ofMinutes(2));

    // a day at a burn rate of 5 (0.5 % failing) opens a ticket but wakes nobody
    Traffic slowBurn = Traffic.phases().steady(Duration.ofDays(1), 100, 0.005).build();
    Reliability.assertThatAlerting(rules, slowBurn).neverPages();
    // end::alerting[]
  }
}
