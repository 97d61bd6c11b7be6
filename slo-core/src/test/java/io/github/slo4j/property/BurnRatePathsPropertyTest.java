package io.github.slo4j.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ErrorBudget;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.github.slo4j.recorder.SnapshotBuffer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every public way to read a burn rate gives the same double, bit for bit, for the same counts:
 * {@link ErrorBudget#burnRate(Objective, long, long)}, {@link WindowCounts#burnRate(Objective)}, a
 * recorder's window, its immutable snapshot and its reusable {@link SnapshotBuffer}. (The monitor's
 * alerts, health and policy decisions read {@code WindowCounts.burnRate}.) And that double is the
 * exact quotient {@code bad ÷ (total × (1 − objective))} rounded once to the nearest double.
 */
class BurnRatePathsPropertyTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  static final Gen<Objective> OBJECTIVES =
      Gen.oneOf(
          Gen.of("99.9", "99.95", "99", "90", "99.99", "99.999", "95", "99.5", "97.3", "99.123456789")
              .map(Objective::percent),
          Gen.decimals("(0, 1)", 4).map(d -> Objective.ratio(d.toPlainString())),
          Gen.decimals("[0.99, 1)", 12).map(d -> Objective.ratio(d.toPlainString())));

  static final Gen<Long> TOTALS =
      Gen.frequency(
          Map.entry(3, Gen.longs(1, 100_000)),
          Map.entry(2, Gen.longs(1, 1L << 40)),
          Map.entry(1, Gen.longs(1, 1L << 53)),
          Map.entry(1, Gen.longs(1, Long.MAX_VALUE)));

  @Test
  void everyPublicBurnRateAgreesBitForBitAndIsTheCorrectlyRoundedQuotient() {
    Property.check(
        3000,
        d -> {
          Objective objective = d.draw("objective", OBJECTIVES);
          long total = d.draw("total", TOTALS);
          long good = d.draw("good", Gen.longs(0, total));
          double rate = ErrorBudget.burnRate(objective, good, total).getAsDouble();
          WindowCounts w = new WindowCounts(FIVE_MINUTES, good, total, FIVE_MINUTES);
          assertBits(rate, w.burnRate(objective).getAsDouble(), "WindowCounts.burnRate");
          assertCorrectlyRounded(objective, total - good, total, rate);
        });
  }

  @Test
  void aRecorderReadsTheSameBurnRateThroughEveryView() {
    Property.check(
        200,
        d -> {
          Objective objective = d.draw("objective", OBJECTIVES);
          long total = d.draw("total", Gen.longs(1, 1L << 40));
          long good = d.draw("good", Gen.longs(0, total));
          ManualTimeSource clock = ManualTimeSource.startingAt(T0);
          try (SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build()) {
            SloRecorder recorder =
                registry.register(
                    SloDefinition.builder("burn").service("checkout").objective(objective).build());
            recorder.recordCounts(good, total);
            clock.advance(Duration.ofSeconds(10));
            registry.tick();
            Target target = recorder.definition().targets().get(0);
            double rate = ErrorBudget.burnRate(objective, good, total).getAsDouble();
            assertBits(rate, recorder.window(FIVE_MINUTES).burnRate(objective).getAsDouble(), "recorder window");
            assertBits(rate, recorder.snapshot().burnRate(target, FIVE_MINUTES).getAsDouble(), "SloSnapshot");
            SnapshotBuffer buffer = recorder.newSnapshotBuffer();
            recorder.snapshot(buffer);
            int window = buffer.windows().indexOf(FIVE_MINUTES);
            assertBits(rate, buffer.burnRate(target, window), "SnapshotBuffer");
          }
        });
  }

  @Test
  void aBurnRateFromARatioIsTheCorrectlyRoundedQuotientOfItsShortestDecimal() {
    Property.check(
        2000,
        d -> {
          Objective objective = d.draw("objective", OBJECTIVES);
          double ratio = d.draw("error ratio", Gen.doubles("[0, 1]", 9));
          double rate = ErrorBudget.burnRate(objective, ratio);
          BigDecimal exact = BigDecimal.valueOf(ratio);
          assertWithinHalfUlp(exact, objective.errorBudgetDecimal(), rate, "ratio " + ratio);
        });
  }

  @Test
  void theInverseGivesBackTheRatioWithinTwoUlps() {
    Property.check(
        2000,
        d -> {
          Objective objective = d.draw("objective", OBJECTIVES);
          double ratio = d.draw("error ratio", Gen.doubles("[0, 1]", 6));
          double rate = ErrorBudget.burnRate(objective, ratio);
          double back = ErrorBudget.errorRatio(objective, rate);
          // three roundings (the burn rate, its shortest decimal, the product), each within half
          // an ulp: the ratio comes back within 2 ulps
          assertTrue(
              Math.abs(back - ratio) <= 2 * Math.ulp(ratio),
              "ratio " + ratio + " → burn " + rate + " → ratio " + back + " at " + objective);
        });
  }

  private static void assertBits(double expected, double actual, String path) {
    assertEquals(
        Double.doubleToRawLongBits(expected),
        Double.doubleToRawLongBits(actual),
        path + " gave " + actual + ", ErrorBudget.burnRate " + expected);
  }

  /** |exact − rate| <= ulp(rate) ÷ 2, decided in exact decimal arithmetic. */
  private static void assertCorrectlyRounded(Objective objective, long bad, long total, double rate) {
    BigDecimal num = BigDecimal.valueOf(bad);
    BigDecimal den = BigDecimal.valueOf(total).multiply(objective.errorBudgetDecimal());
    assertWithinHalfUlp(num, den, rate, bad + " bad of " + total + " at " + objective);
  }

  /** |num ÷ den − rate| <= ulp(rate) ÷ 2, as |num − rate × den| <= ulp × den ÷ 2. */
  private static void assertWithinHalfUlp(BigDecimal num, BigDecimal den, double rate, String what) {
    if (num.signum() == 0) {
      assertBits(0.0, rate, what);
      return;
    }
    BigDecimal error = num.subtract(new BigDecimal(rate).multiply(den)).abs();
    BigDecimal halfUlp = new BigDecimal(Math.ulp(rate)).multiply(den).divide(BigDecimal.valueOf(2));
    assertTrue(error.compareTo(halfUlp) <= 0, what + ": " + rate + " is not the nearest double to the quotient");
  }
}
