package io.github.slo4j.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.Objective;
import io.github.slo4j.WindowCounts;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The fixed-sample modes: verdicts at their edges and their exact messages. */
class ReliabilityAssertTest {
  private static final Objective THREE_NINES = Objective.percent("99.9");

  @Test
  void notViolatedPassesASampleThatDoesNotShowAViolation() {
    // 2 failures in 1,000 is twice the budget observed, but no evidence at alpha 1e-6
    assertDoesNotThrow(() -> Reliability.of(2, 1000).meetsSlo(THREE_NINES));
    assertDoesNotThrow(() -> Reliability.of(0, 1).meetsSlo(THREE_NINES));
  }

  @Test
  void notViolatedFailsWhenTheLowerBoundExceedsTheBudget() {
    ReliabilityAssertionError e =
        assertThrows(ReliabilityAssertionError.class, () -> Reliability.of(40, 10_000).meetsSlo(THREE_NINES));
    assertEquals("reliability VIOLATED: meets 99.9% (failure rate below 0.1%), mode NOT_VIOLATED\n"
            + "  counts: 40 failures of 10,000 trials (observed rate 0.4%)\n"
            + "  bounds: lower 0.1677% (alpha 0.000001), upper 0.5204% (95% confidence), one-sided Clopper-Pearson\n"
            + "  needed: no sample size to demonstrate a failure rate below 0.1% at 95% confidence at the observed rate", e.getMessage());
  }

  @Test
  void assertThatReadsTheFailuresOfWindowCounts() {
    WindowCounts counts = new WindowCounts(Duration.ofHours(1), 9_960, 10_000, Duration.ofHours(1));
    ReliabilityAssertionError e =
        assertThrows(ReliabilityAssertionError.class, () -> Reliability.assertThat(counts).meetsSlo(THREE_NINES));
    assertEquals(
        assertThrows(ReliabilityAssertionError.class, () -> Reliability.of(40, 10_000).meetsSlo(THREE_NINES))
            .getMessage(),
        e.getMessage());
  }

  @Test
  void demonstratedPassesTheSmallestSampleThatCanDemonstrate() {
    assertDoesNotThrow(() -> Reliability.of(0, 2_995).demonstrated().meetsSlo(THREE_NINES));
  }

  @Test
  void demonstratedRefusesASampleThatCouldNeverDemonstrate() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Reliability.of(0, 2_994).demonstrated().meetsSlo(THREE_NINES));
    assertEquals("trials: 2994 (expected >= 2995: even with no failure a smaller sample cannot demonstrate a failure rate below 0.1% at 95% confidence)", e.getMessage());
  }

  @Test
  void demonstratedRefusesBeforeAnyCall() {
    AtomicLong calls = new AtomicLong();
    ReliabilityAssert a =
        Reliability.sample(1_000, () -> calls.incrementAndGet() > 0).demonstrated();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.meetsSlo(THREE_NINES));
    assertEquals("n: 1000 (expected >= 2995: even with no failure a smaller sample cannot demonstrate a failure rate below 0.1% at 95% confidence)", e.getMessage());
    assertEquals(0, calls.get());
  }

  @Test
  void anInconclusiveDemonstrationIsAbortedUnderTheJUnitPlatform() {
    TestAbortedException e =
        assertThrows(
            TestAbortedException.class, () -> Reliability.of(1, 2_995).demonstrated().meetsSlo(THREE_NINES));
    assertEquals("reliability INCONCLUSIVE: meets 99.9% (failure rate below 0.1%), mode DEMONSTRATED\n"
            + "  counts: 1 failure of 2,995 trials (observed rate 0.03339%)\n"
            + "  bounds: lower 0.00000003339% (alpha 0.000001), upper 0.1583% (95% confidence), one-sided Clopper-Pearson\n"
            + "  needed: about 6,294 trials at the observed rate to demonstrate a failure rate below 0.1% at 95% confidence", e.getMessage());
  }

  @Test
  void anInconclusiveDemonstrationWithoutTheJUnitPlatformIsAnErrorThatExplainsItself() {
    InconclusiveAssertionError e =
        assertThrows(
            InconclusiveAssertionError.class,
            () -> Reliability.of(1, 2_995).demonstrated().abortingWith("org.example.NoSuchException").meetsSlo(THREE_NINES));
    assertEquals("reliability INCONCLUSIVE: meets 99.9% (failure rate below 0.1%), mode DEMONSTRATED\n"
            + "  counts: 1 failure of 2,995 trials (observed rate 0.03339%)\n"
            + "  bounds: lower 0.00000003339% (alpha 0.000001), upper 0.1583% (95% confidence), one-sided Clopper-Pearson\n"
            + "  needed: about 6,294 trials at the observed rate to demonstrate a failure rate below 0.1% at 95% confidence\n"
            + "  (reported as a failure: org.example.NoSuchException is not on the class path to report it as aborted)", e.getMessage());
  }

  @Test
  void demonstratedFailsOnlyAtTheFailureLevel() {
    ReliabilityAssertionError e =
        assertThrows(
            ReliabilityAssertionError.class,
            () -> Reliability.of(40, 10_000).demonstrated().meetsSlo(THREE_NINES));
    assertEquals("reliability VIOLATED: meets 99.9% (failure rate below 0.1%), mode DEMONSTRATED\n"
            + "  counts: 40 failures of 10,000 trials (observed rate 0.4%)\n"
            + "  bounds: lower 0.1677% (alpha 0.000001), upper 0.5204% (95% confidence), one-sided Clopper-Pearson\n"
            + "  needed: no sample size to demonstrate a failure rate below 0.1% at 95% confidence at the observed rate", e.getMessage());
  }

  @Test
  void burnRateBelowAllowsThatMultipleOfTheBudget() {
    // 0.4 % observed is below a burn rate of 10 (1 %); 0.8 % is evidence against 2 (0.2 %)
    assertDoesNotThrow(() -> Reliability.of(40, 10_000).burnRateBelow(THREE_NINES, 10));
    ReliabilityAssertionError e =
        assertThrows(
            ReliabilityAssertionError.class, () -> Reliability.of(80, 10_000).burnRateBelow(THREE_NINES, 2));
    assertEquals("reliability VIOLATED: burn rate below 2 at 99.9% (failure rate below 0.2%), mode NOT_VIOLATED\n"
            + "  counts: 80 failures of 10,000 trials (observed rate 0.8%)\n"
            + "  bounds: lower 0.445% (alpha 0.000001), upper 0.9627% (95% confidence), one-sided Clopper-Pearson\n"
            + "  needed: no sample size to demonstrate a failure rate below 0.2% at 95% confidence at the observed rate", e.getMessage());
  }

  @Test
  void aSeededSampleIsReproducibleAndPrintsItsSeed() {
    ReliabilityAssert a = Reliability.sample(10_000, 42, r -> r.nextDouble() >= 0.004);
    String first = assertThrows(ReliabilityAssertionError.class, () -> a.meetsSlo(THREE_NINES)).getMessage();
    String second = assertThrows(ReliabilityAssertionError.class, () -> a.meetsSlo(THREE_NINES)).getMessage();
    assertEquals(first, second);
    assertEquals("reliability VIOLATED: meets 99.9% (failure rate below 0.1%), mode NOT_VIOLATED\n"
            + "  counts: 33 failures of 10,000 trials (observed rate 0.33%)\n"
            + "  bounds: lower 0.1248% (alpha 0.000001), upper 0.441% (95% confidence), one-sided Clopper-Pearson\n"
            + "  seed: 42\n"
            + "  needed: no sample size to demonstrate a failure rate below 0.1% at 95% confidence at the observed rate", first);
  }

  @Test
  void anAlphaAndAConfidenceChangeTheLevels() {
    ReliabilityAssertionError e =
        assertThrows(
            ReliabilityAssertionError.class,
            () -> Reliability.of(10, 2_000).alpha(0.01).confidence(0.99).meetsSlo(THREE_NINES));
    assertEquals("reliability VIOLATED: meets 99.9% (failure rate below 0.1%), mode NOT_VIOLATED\n"
            + "  counts: 10 failures of 2,000 trials (observed rate 0.5%)\n"
            + "  bounds: lower 0.2068% (alpha 0.01), upper 1.005% (99% confidence), one-sided Clopper-Pearson\n"
            + "  needed: no sample size to demonstrate a failure rate below 0.1% at 99% confidence at the observed rate", e.getMessage());
  }
}
