package io.github.slo4j.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Replay's integer and floating-point shortcuts (issue 10) against the computations they replace:
 * the store's quotient by a reciprocal against the long division, {@code floorToLong} against
 * {@code (long) Math.floor}, and the phases' counts with rates multiplied once against the
 * expression of every interval. Fixed seeds; the messages name the case.
 */
class ReplayArithmeticTest {
  /** Divisors a store meets (1 ms to a day, a prime, the largest) and random ones. */
  private static final long[] DIVISORS = {
    1, 2, 3, 7, 10, 1_000, 10_000, 60_000, 120_000, 3_600_000, 86_400_000, 999_983, (1L << 31) - 1, Long.MAX_VALUE
  };

  private static void checkQuotient(long n, long d) {
    assertEquals(n / d, IntervalStore.quotient(n, d, IntervalStore.reciprocal(d)), n + " / " + d);
  }

  @Test
  void theQuotientByAReciprocalIsTheLongDivision() {
    SplittableRandom random = new SplittableRandom(20261201);
    List<Long> divisors = new ArrayList<>();
    for (long d : DIVISORS) {
      divisors.add(d);
    }
    for (int i = 0; i < 50; i++) {
      divisors.add(1 + random.nextLong(1L << (1 + random.nextInt(62))));
    }
    for (long d : divisors) {
      // multiples and their neighbours, where an estimate off by one shows
      for (long k : new long[] {0, 1, 2, 3, 1_000, 259_200, 1L << 20, 1L << 40}) {
        for (long delta = -1; delta <= 1; delta++) {
          long n = k * d + delta;
          if (Math.multiplyHigh(k, d) == 0 && n >= 0) { // k × d + delta fits a long
            checkQuotient(n, d);
          }
        }
      }
      checkQuotient(Long.MAX_VALUE, d);
      checkQuotient(Long.MAX_VALUE - 1, d);
      for (int i = 0; i < 2_000; i++) {
        long n = random.nextLong(Long.MAX_VALUE >>> random.nextInt(63)); // of any magnitude
        checkQuotient(n, d);
      }
    }
  }

  @Test
  void floorToLongIsTheCastOfMathFloor() {
    double[] edges = {
      0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 1e-300, -1e-300, Double.MIN_VALUE, -Double.MIN_VALUE,
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE,
      0x1p52, -0x1p52, 0x1p52 + 0.5, -0x1p52 - 0.5, 0x1p53, 0x1p63, -0x1p63, Math.nextDown(0x1p63),
      Math.nextUp(-0x1p63), Math.nextDown(-0x1p63), 1e19, -1e19, 4_999_999.999999, -4_999_999.999999
    };
    for (double y : edges) {
      assertEquals((long) Math.floor(y), TrafficSource.floorToLong(y), "floor of " + y);
    }
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      double y = i % 2 == 0
          ? Double.longBitsToDouble(random.nextLong()) // any double, any exponent
          : (random.nextDouble() - 0.5) * Math.scalb(1.0, random.nextInt(70)); // around the integers
      assertEquals((long) Math.floor(y), TrafficSource.floorToLong(y), "case " + i + ": floor of " + y);
    }
  }

  @Test
  void floorWithItsToleranceIsTheOldExpression() {
    double[] edges = {
      0.0, -0.0, 1e-7, -1e-7, 0.9999995, 0.999999, 1e6, 1e6 - 1e-6, 1e6 + 0.999999, 4.9999999e6, 1e12, 1e18,
      Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE
    };
    for (double x : edges) {
      assertEquals(OldPhases.floor(x), TrafficSource.floor(x), "floor of " + x);
    }
    SplittableRandom random = new SplittableRandom(43);
    for (int i = 0; i < 200_000; i++) {
      double x = i % 3 == 0
          ? Double.longBitsToDouble(random.nextLong())
          : i % 3 == 1 ? random.nextDouble() * Math.scalb(1.0, random.nextInt(64)) // expected counts
          : random.nextLong(1L << 40) - 1e-6 * random.nextInt(3); // next to whole counts
      assertEquals(OldPhases.floor(x), TrafficSource.floor(x), "case " + i + ": floor of " + x);
    }
  }

  /** The phases' counts as they were computed before the rates were multiplied once: the reference. */
  private static final class OldPhases {
    private final long[] ends;
    private final double[] rates;
    private final double[] errors;
    private int phase;
    private double goodAtPhaseStart;
    private double badAtPhaseStart;
    private long lastGood;
    private long lastBad;

    OldPhases(long[] ends, double[] rates, double[] errors) {
      this.ends = ends;
      this.rates = rates;
      this.errors = errors;
    }

    void next(long toMillis, long[] out) {
      long t = toMillis;
      while (phase < ends.length && t > ends[phase]) {
        long start = phase == 0 ? 0 : ends[phase - 1];
        double seconds = (ends[phase] - start) / 1000.0;
        goodAtPhaseStart += rates[phase] * (1 - errors[phase]) * seconds;
        badAtPhaseStart += rates[phase] * errors[phase] * seconds;
        phase++;
      }
      double expectedGood;
      double expectedBad;
      if (phase >= ends.length) {
        expectedGood = goodAtPhaseStart;
        expectedBad = badAtPhaseStart;
      } else {
        long start = phase == 0 ? 0 : ends[phase - 1];
        double seconds = (t - start) / 1000.0;
        expectedGood = goodAtPhaseStart + rates[phase] * (1 - errors[phase]) * seconds;
        expectedBad = badAtPhaseStart + rates[phase] * errors[phase] * seconds;
      }
      long good = floor(expectedGood);
      long bad = floor(expectedBad);
      out[0] = good - lastGood;
      out[1] = good - lastGood + bad - lastBad;
      lastGood = good;
      lastBad = bad;
    }

    private static long floor(double x) {
      return (long) Math.floor(x + Math.max(1e-6, Math.abs(x) * 1e-12));
    }
  }

  @Test
  void phasedTrafficCountsAsTheEveryIntervalExpressionDid() {
    for (long seed = 1; seed <= 20; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      int n = 1 + random.nextInt(8);
      List<Duration> lengths = new ArrayList<>();
      List<Double> rates = new ArrayList<>();
      List<Double> errors = new ArrayList<>();
      long[] ends = new long[n];
      long end = 0;
      for (int i = 0; i < n; i++) {
        Duration length = Duration.ofMillis(1 + random.nextLong(6 * 3_600_000L));
        // silences, odd rates and ratios whose products round
        double rate = random.nextInt(5) == 0 ? 0 : random.nextDouble() * (random.nextBoolean() ? 3 : 30_000);
        double error = random.nextInt(4) == 0 ? 0 : random.nextInt(6) == 0 ? 1 : random.nextDouble() * random.nextDouble();
        lengths.add(length);
        rates.add(rate);
        errors.add(error);
        end += length.toMillis();
        ends[i] = end;
      }
      TrafficSource fresh = new TrafficSource.Phases(lengths, rates, errors).fresh();
      OldPhases old = new OldPhases(ends, rates.stream().mapToDouble(Double::doubleValue).toArray(),
          errors.stream().mapToDouble(Double::doubleValue).toArray());
      long interval = new long[] {1, 7_000, 10_000, 60_000}[random.nextInt(4)];
      long[] got = new long[2];
      long[] want = new long[2];
      for (long from = 0; from < end + 3 * interval && from < 400_000 * interval; from += interval) {
        fresh.next(from, from + interval, got);
        old.next(from + interval, want);
        assertArrayEquals(want, got, "seed " + seed + ", interval [" + from + ", " + (from + interval) + ")");
      }
    }
  }
}
