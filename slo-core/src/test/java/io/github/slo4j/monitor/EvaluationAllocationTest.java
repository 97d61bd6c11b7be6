package io.github.slo4j.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.slo4j.AllocatedBytes;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.replay.IntervalStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An evaluation that changes nothing allocates nothing (issue 10): the monitor reads through the
 * store's allocation-free {@code window(target, millis, into)} and keeps its figures in reused
 * arrays, making alert payloads and decisions only on a transition. Measured with the JVM's own
 * per-thread allocation counter ({@code com.sun.management.ThreadMXBean}), which counts every byte
 * allocated by this thread whether the code runs interpreted or compiled: no JIT warm-up is needed
 * for a count of zero, and one stray object per evaluation would count thousands of bytes.
 */
class EvaluationAllocationTest {
  private static final Duration TEN_S = Duration.ofSeconds(10);
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final int MEASURED = 5_000;

  private static SloDefinition eventsSlo() {
    return SloDefinition.builder("checkout-availability").service("checkout")
        .objective(Objective.percent("99.9")).period(CompliancePeriod.rollingDays(7)).build();
  }

  private static SloDefinition latencySlo() {
    return SloDefinition.builder("checkout-latency").service("checkout")
        .sli(Sli.latency(
            LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
            LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99"))))
        .period(CompliancePeriod.rollingDays(7)).build();
  }

  /** Every clause a policy can have: freeze, postmortem, target review, a step with two windows. */
  private static BudgetPolicy policy() {
    return BudgetPolicy.builder("checkout-policy", "1").approvedBy("Dana", Instant.EPOCH)
        .freezeWhenExhausted()
        .postmortemAt(0.2)
        .reviewTarget(Duration.ofDays(1))
        .step("slow-burn", Duration.ofHours(6), 2, "slow down releases", "release as usual")
        .build();
  }

  /** A monitor over an exact store, fed {@code bad} of {@code total} events per 10-s interval per target. */
  private static final class Rig {
    final IntervalStore store;
    final SloMonitor monitor;
    final long[] good;
    final long[] total;
    final List<AlertTransition> transitions = new ArrayList<>();
    final List<PolicyDecision> decisions = new ArrayList<>();

    Rig(SloDefinition slo) {
      store = new IntervalStore(slo, START.toEpochMilli(), TEN_S);
      monitor = SloMonitor.builder(slo).rules(AlertRules.defaults(slo)).policy(policy()).build(store);
      good = new long[slo.targets().size()];
      total = new long[good.length];
    }

    /** Runs {@code n} intervals; returns whether any of them changed anything. */
    boolean run(int n, long perInterval, long badPerInterval) {
      java.util.Arrays.fill(total, perInterval);
      java.util.Arrays.fill(good, perInterval - badPerInterval);
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        store.append(good, total);
        changed |= monitor.evaluate(store.asOfMillis(), transitions, decisions);
      }
      return changed;
    }
  }

  /** Bytes this thread allocates running {@code n} more intervals of the rig's traffic. */
  private static long bytesFor(Rig rig, long perInterval, long badPerInterval) {
    long before = AllocatedBytes.now();
    long calibration = AllocatedBytes.now() - before; // what reading the counter costs, if anything
    before = AllocatedBytes.now();
    boolean changed = rig.run(MEASURED, perInterval, badPerInterval);
    long bytes = AllocatedBytes.now() - before - calibration;
    assertFalse(changed, "the measured intervals must be a steady state: " + rig.transitions + rig.decisions);
    return bytes;
  }

  /**
   * Less than one byte per evaluation over {@link #MEASURED} of them. Not exactly zero: the JVM
   * itself now and then allocates on the test thread while it compiles or deoptimizes (a one-off
   * of some hundred to two thousand bytes seen in whole-suite runs, at a varying evaluation, with
   * no slo4j frame), while one object per evaluation would count at least 16 x 5,000 = 80,000 bytes.
   */
  private static void assertNoGarbagePerEvaluation(long bytes, String what) {
    assertTrue(bytes < MEASURED, () -> bytes + " bytes allocated by " + MEASURED + " " + what
        + " (expected less than one per evaluation)");
  }

  @Test
  void steadyStateEvaluationAllocatesNothing() {
    assumeTrue(AllocatedBytes.available(), "this JVM does not count allocated bytes per thread");
    for (SloDefinition slo : List.of(eventsSlo(), latencySlo())) {
      Rig rig = new Rig(slo);
      // Two days at 1,000 events per interval with 1 bad in 10,000 (a burn of 0.1 at 99.9 %):
      // every window is covered, the review has its first verdict, every path has run once.
      for (int i = 0; i < 2 * 8_640; i++) {
        rig.run(1, 1_000, i % 10 == 0 ? 1 : 0);
      }
      rig.transitions.clear();
      rig.decisions.clear();
      assertNoGarbagePerEvaluation(bytesFor(rig, 1_000, 0), slo.id() + ": quiet evaluations");
    }
  }

  /**
   * Issue 10: over a live recorder (not replay's store) every evaluation allocated a result row, a
   * {@code WindowCounts} and a {@code Duration} per window read; the recorder now fills the caller's
   * array from a per-thread scratch row.
   */
  @Test
  void evaluationOverALiveRecorderAllocatesNothing() {
    assumeTrue(AllocatedBytes.available(), "this JVM does not count allocated bytes per thread");
    for (SloDefinition slo : List.of(eventsSlo(), latencySlo(), calendarSlo())) {
      io.github.slo4j.ManualTimeSource clock = io.github.slo4j.ManualTimeSource.startingAt(START);
      io.github.slo4j.recorder.SloRegistry registry =
          io.github.slo4j.recorder.SloRegistry.builder().timeSource(clock).manualTicks().build();
      io.github.slo4j.recorder.SloRecorder recorder = registry.register(slo);
      SloMonitor monitor = SloMonitor.builder(slo).policy(policy()).build(recorder);
      List<AlertTransition> transitions = new ArrayList<>();
      List<PolicyDecision> decisions = new ArrayList<>();
      long boundary = START.toEpochMilli();
      long spent = 0;
      for (int i = 0; i < 2 * 8_640 + MEASURED; i++) {
        recorder.recordCounts(i % 10 == 0 ? 999 : 1_000, 1_000);
        clock.advance(TEN_S);
        registry.tick();
        boundary += TEN_S.toMillis();
        if (i == 2 * 8_640) {
          transitions.clear();
          decisions.clear();
        }
        long before = i >= 2 * 8_640 ? AllocatedBytes.now() : 0;
        monitor.evaluate(boundary, transitions, decisions);
        if (i >= 2 * 8_640) {
          spent += AllocatedBytes.now() - before;
        }
      }
      assertNoGarbagePerEvaluation(spent, slo.id() + ": evaluations over a live recorder");
      assertEquals(List.of(), transitions, slo.id());
      registry.close();
    }
  }

  private static SloDefinition calendarSlo() {
    return SloDefinition.builder("checkout-month").service("checkout")
        .objective(Objective.percent("99.9")).period(CompliancePeriod.calendarMonth(java.time.ZoneOffset.UTC)).build();
  }

  @Test
  void evaluationWhileAnAlertKeepsFiringAllocatesNothing() {
    assumeTrue(AllocatedBytes.available(), "this JVM does not count allocated bytes per thread");
    Rig rig = new Rig(eventsSlo());
    rig.run(8_640, 1_000, 0);
    // 5 % bad burns at 50x: the pages fire (one incident), the tickets are suppressed, the budget
    // freezes releases, a postmortem is asked for, the step is breached and the target reviewed;
    // after three days of it the same burn goes on with nothing left to change.
    rig.run(3 * 8_640, 1_000, 50);
    assertTrue(rig.transitions.stream().anyMatch(t -> t.to() == AlertState.FIRING), rig.transitions.toString());
    rig.transitions.clear();
    rig.decisions.clear();
    assertNoGarbagePerEvaluation(bytesFor(rig, 1_000, 50), "evaluations of a firing alert");
    assertTrue(rig.monitor.activeAlerts().size() >= 1);
  }
}
