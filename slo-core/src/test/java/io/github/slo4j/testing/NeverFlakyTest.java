package io.github.slo4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.Objective;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's "done when": a suite that asserts, in NOT_VIOLATED mode, that a deliberately
 * flaky-looking (random) component meets its SLO, run 1,000 times with 1,000 seeds, fails none of
 * them. The component fails at exactly its budget (0.1 % of calls at 99.9 %), the hardest rate that
 * still meets the objective; a component at five times the budget shows the check has teeth.
 */
class NeverFlakyTest {
  private static final Objective THREE_NINES = Objective.percent("99.9");
  private static final int RUNS = 1_000;
  private static final int CALLS = 10_000;

  /** The seeds, of 1,000 runs of the suite, whose assertion failed. */
  private static List<Long> failingSeeds(double failureRate) {
    List<Long> failed = new ArrayList<>();
    for (long seed = 0; seed < RUNS; seed++) {
      try {
        Reliability.sample(CALLS, seed, r -> r.nextDouble() >= failureRate).meetsSlo(THREE_NINES);
      } catch (ReliabilityAssertionError e) {
        failed.add(seed);
      }
    }
    return failed;
  }

  @Test
  void aComponentThatMeetsItsSloFailsNoneOfAThousandRuns() {
    assertEquals(List.of(), failingSeeds(0.001), "seeds whose run failed spuriously");
  }

  @Test
  void aComponentAtFiveTimesItsBudgetFailsNearlyEveryRun() {
    int failed = failingSeeds(0.005).size();
    assertTrue(failed > 990, () -> failed + " of " + RUNS + " runs failed");
  }

  @Test
  void theSequentialModeFailsNoneOfAHundredRunsOfAComponentAtItsBudget() {
    // at the budget the test may stop inconclusive (aborted), never failed
    List<Long> failed = new ArrayList<>();
    int inconclusive = 0;
    for (long seed = 0; seed < 100; seed++) {
      try {
        Reliability.sampleUntilConclusive(100_000, seed, r -> r.nextDouble() >= 0.001).meetsSlo(THREE_NINES);
      } catch (ReliabilityAssertionError e) {
        failed.add(seed);
      } catch (org.opentest4j.TestAbortedException e) {
        inconclusive++;
      }
    }
    assertEquals(List.of(), failed, "seeds whose sequential run failed spuriously");
    assertTrue(inconclusive > 0, "a component at its budget cannot be shown to meet it every time");
  }
}
