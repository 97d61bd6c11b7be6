package io.github.slo4j.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.Objective;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** {@link Mode#SEQUENTIAL}: Wald's SPRT with a hard maximum, failing only at the failure level. */
class SequentialAssertTest {
  private static final Objective THREE_NINES = Objective.percent("99.9");

  @Test
  void aHealthyComponentPassesWithFewerCallsThanTheMaximum() {
    AtomicLong calls = new AtomicLong();
    assertDoesNotThrow(
        () -> Reliability.sampleUntilConclusive(100_000, 7, r -> {
              calls.incrementAndGet();
              return r.nextDouble() >= 0.0001;
            })
            .meetsSlo(THREE_NINES));
    assertTrue(calls.get() < 100_000, () -> "calls: " + calls.get());
  }

  @Test
  void aBrokenComponentFailsAsSoonAsTheEvidenceIsConclusive() {
    ReliabilityAssertionError e =
        assertThrows(
            ReliabilityAssertionError.class,
            () -> Reliability.sampleUntilConclusive(100_000, 7, r -> r.nextDouble() >= 0.02).meetsSlo(THREE_NINES));
    assertEquals("reliability VIOLATED: meets 99.9% (failure rate below 0.1%), mode SEQUENTIAL\n"
            + "  stopped at the first conclusive call\n"
            + "  counts: 13 failures of 753 trials (observed rate 1.726%)\n"
            + "  bounds: lower 0.1149% (alpha 0.000001 / 100,000 looks), upper 2.731% (95% confidence), one-sided Clopper-Pearson\n"
            + "  seed: 7\n"
            + "  needed: no sample size to demonstrate a failure rate below 0.1% at 95% confidence at the observed rate", e.getMessage());
  }

  @Test
  void aComponentAtTheBudgetStopsInconclusiveNotFailed() {
    TestAbortedException e =
        assertThrows(
            TestAbortedException.class,
            () -> Reliability.sampleUntilConclusive(100_000, 7, r -> r.nextDouble() >= 0.001).meetsSlo(THREE_NINES));
    assertEquals("reliability INCONCLUSIVE: meets 99.9% (failure rate below 0.1%), mode SEQUENTIAL\n"
            + "  the sequential test points to a failure rate of at least 0.1%, but the evidence is below the failure level\n"
            + "  counts: 78 failures of 79,975 trials (observed rate 0.09753%)\n"
            + "  bounds: lower 0.04068% (alpha 0.000001 / 100,000 looks), upper 0.1177% (95% confidence), one-sided Clopper-Pearson\n"
            + "  seed: 7\n"
            + "  needed: about 4,454,947 trials at the observed rate to demonstrate a failure rate below 0.1% at 95% confidence", e.getMessage());
  }

  @Test
  void reachingTheMaximumIsInconclusive() {
    TestAbortedException e =
        assertThrows(
            TestAbortedException.class,
            () -> Reliability.sampleUntilConclusive(6_000, 7, r -> r.nextDouble() >= 0.0007).meetsSlo(THREE_NINES));
    assertEquals("reliability INCONCLUSIVE: meets 99.9% (failure rate below 0.1%), mode SEQUENTIAL\n"
            + "  no decision within 6,000 calls\n"
            + "  counts: 5 failures of 6,000 trials (observed rate 0.08333%)\n"
            + "  bounds: lower 0.0004834% (alpha 0.000001 / 6,000 looks), upper 0.1751% (95% confidence), one-sided Clopper-Pearson\n"
            + "  seed: 7\n"
            + "  needed: about 100,704 trials at the observed rate to demonstrate a failure rate below 0.1% at 95% confidence", e.getMessage());
  }

  @Test
  void aMaximumTooSmallEverToPassIsRefusedBeforeAnyCall() {
    AtomicLong calls = new AtomicLong();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Reliability.sampleUntilConclusive(1_000, () -> calls.incrementAndGet() > 0).meetsSlo(THREE_NINES));
    assertEquals("max: 1000 (expected >= 5987: even with no failure the sequential test cannot pass a failure rate below 0.1% at 95% confidence in fewer calls)", e.getMessage());
    assertEquals(0, calls.get());
  }

  @Test
  void theModesBelongToTheirEntryPoints() {
    assertEquals(
        "mode: NOT_VIOLATED (expected SEQUENTIAL for Reliability.sampleUntilConclusive)",
        assertThrows(
                IllegalArgumentException.class,
                () -> Reliability.sampleUntilConclusive(10, () -> true).mode(Mode.NOT_VIOLATED))
            .getMessage());
    assertEquals(
        "mode: SEQUENTIAL (expected NOT_VIOLATED or DEMONSTRATED for a fixed sample"
            + " (SEQUENTIAL is Reliability.sampleUntilConclusive))",
        assertThrows(IllegalArgumentException.class, () -> Reliability.of(0, 10).mode(Mode.SEQUENTIAL))
            .getMessage());
  }
}
