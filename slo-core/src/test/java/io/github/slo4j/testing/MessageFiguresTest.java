package io.github.slo4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.Objective;
import io.github.slo4j.internal.stats.ClopperPearson;
import org.junit.jupiter.api.Test;

/**
 * The figures in the messages are the statistics', not copies: each is recomputed here from
 * {@code internal.stats} or its closed form and found in the message.
 */
class MessageFiguresTest {

  @Test
  void theBoundsPrintedAreTheClopperPearsonBounds() {
    String message =
        assertThrows(ReliabilityAssertionError.class, () -> Reliability.of(40, 10_000).meetsSlo(Objective.percent("99.9")))
            .getMessage();
    String lower = Verdicts.percent(ClopperPearson.lowerBound(40, 10_000, 1e-6));
    String upper = Verdicts.percent(ClopperPearson.upperBound(40, 10_000, 0.05));
    assertTrue(message.contains("lower " + lower + " (alpha 0.000001), upper " + upper + " (95% confidence)"), message);
  }

  @Test
  void theSampleNeededWithNoFailureIsTheClosedForm() {
    // the smallest n with 1 − 0.05^(1/n) below the budget: ceil(log 0.05 / log(1 − budget))
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> Reliability.of(0, 30_000).demonstrated().meetsSlo(Objective.percent("99.995")))
            .getMessage();
    long needed = (long) Math.ceil(Math.log(0.05) / Math.log1p(-0.00005));
    assertEquals(
        "trials: 30000 (expected >= " + needed + ": even with no failure a smaller sample cannot demonstrate"
            + " a failure rate below 0.005% at 95% confidence)",
        message);
  }

  @Test
  void percentsKeepFourSignificantDigitsAndNoTrailingZeros() {
    assertEquals("0%", Verdicts.percent(0));
    assertEquals("0.4%", Verdicts.percent(0.004));
    assertEquals("0.03339%", Verdicts.percent(1.0 / 2_995));
    assertEquals("100%", Verdicts.percent(1));
  }
}
