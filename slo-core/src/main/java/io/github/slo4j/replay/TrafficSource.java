package io.github.slo4j.replay;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Turns a traffic profile into whole good and total counts per interval, for replay.
 *
 * <p>Rate profiles are integrated into cumulative expected good and bad counts, and each interval
 * gets the difference of their floors: counts never drift from the profile by more than one event
 * over a whole replay, and {@code bad <= total} in every interval.
 */
abstract class TrafficSource {
  /** Sentinel length of a profile that never ends. */
  public static final long ENDLESS = Long.MAX_VALUE;

  /** The profile's length in milliseconds, or {@link #ENDLESS}. */
  public abstract long lengthMillis();

  /**
   * The counts of the interval {@code [fromMillis, toMillis)} (elapsed since the replay's start),
   * written as {@code out[0] = good, out[1] = total}. Called for consecutive intervals in order.
   */
  public abstract void next(long fromMillis, long toMillis, long[] out);

  /** A fresh copy with its position reset, so one profile can drive several replays. */
  public abstract TrafficSource fresh();

  /** {@code floor(x)} with a tolerance for the rounding noise of summed doubles. */
  static long floor(double x) {
    // Math.max(1e-6, |x| × 1e-12) without Math.max's NaN and −0 cases: the product is never −0,
    // and when it is NaN so is x, and so is the sum either way
    double tolerance = Math.abs(x) * 1e-12;
    return floorToLong(x + (tolerance > 1e-6 ? tolerance : 1e-6));
  }

  /**
   * {@code (long) Math.floor(y)} for every double, NaN and infinities included, without {@code
   * Math.floor} (not compiled to one instruction on every JVM): the cast rounds toward zero, one
   * less is the floor of a negative non-integer, and below {@code Long.MIN_VALUE} the cast already
   * saturates as the floor's cast does.
   */
  static long floorToLong(double y) {
    long l = (long) y;
    return y < l && l != Long.MIN_VALUE ? l - 1 : l;
  }

  /** Checks a rate (events per second) and an error ratio; {@code at} names when, in messages. */
  public static void checkRate(double rate, double errorRatio, String at) {
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw Require.invalid("traffic rate at " + at, rate, "a finite number of events per second >= 0");
    }
    if (!(errorRatio >= 0 && errorRatio <= 1)) {
      throw Require.invalid("traffic error ratio at " + at, errorRatio, "0 <= error ratio <= 1");
    }
  }

  /** Endless traffic at a constant rate and error ratio, in closed form (no accumulated rounding). */
  public static final class Steady extends TrafficSource {
    private final double goodPerMilli;
    private final double badPerMilli;
    private long lastGood;
    private long lastBad;

    /** {@code rate} events per second, {@code errorRatio} of them bad. */
    public Steady(double rate, double errorRatio) {
      checkRate(rate, errorRatio, "any time");
      this.goodPerMilli = rate * (1 - errorRatio) / 1000;
      this.badPerMilli = rate * errorRatio / 1000;
    }

    private Steady(Steady s) {
      this.goodPerMilli = s.goodPerMilli;
      this.badPerMilli = s.badPerMilli;
    }

    @Override
    public long lengthMillis() {
      return ENDLESS;
    }

    @Override
    public TrafficSource fresh() {
      return new Steady(this);
    }

    @Override
    public void next(long fromMillis, long toMillis, long[] out) {
      long good = floor(goodPerMilli * toMillis);
      long bad = floor(badPerMilli * toMillis);
      out[0] = good - lastGood;
      out[1] = good - lastGood + bad - lastBad;
      lastGood = good;
      lastBad = bad;
    }
  }

  /** Consecutive phases of constant rate and error ratio. */
  public static final class Phases extends TrafficSource {
    private final long[] ends;
    private final double[] rates;
    private final double[] errors;
    /**
     * Per phase, {@code rate × (1 − error)} and {@code rate × error}: the first product of the
     * expected counts, which multiplies it by the seconds next (the same doubles, made once).
     */
    private final double[] goodRates;
    private final double[] badRates;
    private int phase;
    private double goodAtPhaseStart;
    private double badAtPhaseStart;
    private double expectedGood;
    private double expectedBad;
    private long lastGood;
    private long lastBad;

    /** Phases of the given lengths, rates (events per second) and error ratios. */
    public Phases(List<Duration> lengths, List<Double> rates, List<Double> errors) {
      int n = lengths.size();
      this.ends = new long[n];
      this.rates = new double[n];
      this.errors = new double[n];
      long end = 0;
      for (int i = 0; i < n; i++) {
        end = Math.addExact(end, lengths.get(i).toMillis());
        ends[i] = end;
        this.rates[i] = rates.get(i);
        this.errors[i] = errors.get(i);
      }
      this.goodRates = new double[n];
      this.badRates = new double[n];
      for (int i = 0; i < n; i++) {
        goodRates[i] = this.rates[i] * (1 - this.errors[i]);
        badRates[i] = this.rates[i] * this.errors[i];
      }
    }

    private Phases(Phases p) {
      this.ends = p.ends;
      this.rates = p.rates;
      this.errors = p.errors;
      this.goodRates = p.goodRates;
      this.badRates = p.badRates;
    }

    @Override
    public long lengthMillis() {
      return ends.length == 0 ? 0 : ends[ends.length - 1];
    }

    @Override
    public TrafficSource fresh() {
      return new Phases(this);
    }

    /**
     * Sets {@link #expectedGood} and {@link #expectedBad} to the expected cumulative good and bad
     * events at {@code t}, advancing the phase cursor (fields, not an array: no garbage per interval).
     */
    private void expected(long t) {
      while (phase < ends.length && t > ends[phase]) {
        long start = phase == 0 ? 0 : ends[phase - 1];
        double seconds = (ends[phase] - start) / 1000.0;
        goodAtPhaseStart += rates[phase] * (1 - errors[phase]) * seconds;
        badAtPhaseStart += rates[phase] * errors[phase] * seconds;
        phase++;
      }
      if (phase >= ends.length) {
        expectedGood = goodAtPhaseStart;
        expectedBad = badAtPhaseStart;
        return;
      }
      long start = phase == 0 ? 0 : ends[phase - 1];
      double seconds = (t - start) / 1000.0;
      expectedGood = goodAtPhaseStart + goodRates[phase] * seconds;
      expectedBad = badAtPhaseStart + badRates[phase] * seconds;
    }

    @Override
    public void next(long fromMillis, long toMillis, long[] out) {
      expected(toMillis);
      long good = floor(expectedGood);
      long bad = floor(expectedBad);
      out[0] = good - lastGood;
      out[1] = good - lastGood + bad - lastBad;
      lastGood = good;
      lastBad = bad;
    }
  }

  /**
   * Rate and error ratio as functions of the time elapsed, integrated with the midpoint rule. An
   * approximation by nature: a ratio meant to sit exactly on a threshold belongs in {@link Steady},
   * {@link Phases} or {@link Recorded}.
   */
  public static final class Functions extends TrafficSource {
    private final ToDoubleFunction<Duration> rate;
    private final ToDoubleFunction<Duration> errorRatio;
    private final long stepMillis;
    private double good;
    private double goodCarry;
    private double bad;
    private double badCarry;
    private long lastGood;
    private long lastBad;

    /** Samples both functions every {@code step}. */
    public Functions(ToDoubleFunction<Duration> rate, ToDoubleFunction<Duration> errorRatio, Duration step) {
      this.rate = Require.nonNull("rate", rate);
      this.errorRatio = Require.nonNull("errorRatio", errorRatio);
      Require.positive("step", step);
      this.stepMillis = Math.max(1, step.toMillis());
    }

    @Override
    public long lengthMillis() {
      return ENDLESS;
    }

    @Override
    public TrafficSource fresh() {
      return new Functions(rate, errorRatio, Duration.ofMillis(stepMillis));
    }

    @Override
    public void next(long fromMillis, long toMillis, long[] out) {
      for (long t = fromMillis; t < toMillis; t += stepMillis) {
        long end = Math.min(t + stepMillis, toMillis);
        Duration mid = Duration.ofMillis(t).plusNanos((end - t) * 500_000L);
        double r = rate.applyAsDouble(mid);
        double e = errorRatio.applyAsDouble(mid);
        checkRate(r, e, DurationFormat.format(mid));
        double seconds = (end - t) / 1000.0;
        // Kahan-compensated sums: a month of 1 s samples stays within a tiny fraction of an event.
        double y = r * (1 - e) * seconds - goodCarry;
        double sum = good + y;
        goodCarry = (sum - good) - y;
        good = sum;
        y = r * e * seconds - badCarry;
        sum = bad + y;
        badCarry = (sum - bad) - y;
        bad = sum;
      }
      long g = floor(good);
      long b = floor(bad);
      out[0] = g - lastGood;
      out[1] = g - lastGood + b - lastBad;
      lastGood = g;
      lastBad = b;
    }
  }

  /** Recorded points, each attributed to the interval that contains its time. */
  public static final class Recorded extends TrafficSource {
    private final long[] at;
    private final long[] goods;
    private final long[] totals;
    private int next;

    /** Points as elapsed milliseconds, good and total counts, sorted by time. */
    public Recorded(long[] at, long[] goods, long[] totals) {
      this.at = at;
      this.goods = goods;
      this.totals = totals;
    }

    /** Sorts {@code points} ({@code {elapsedMillis, good, total}}) by time. */
    public static Recorded of(List<long[]> points) {
      List<long[]> sorted = new ArrayList<>(points);
      sorted.sort((a, b) -> Long.compare(a[0], b[0]));
      int n = sorted.size();
      long[] at = new long[n];
      long[] g = new long[n];
      long[] t = new long[n];
      for (int i = 0; i < n; i++) {
        at[i] = sorted.get(i)[0];
        g[i] = sorted.get(i)[1];
        t[i] = sorted.get(i)[2];
      }
      return new Recorded(at, g, t);
    }

    @Override
    public long lengthMillis() {
      return at.length == 0 ? 0 : at[at.length - 1] + 1;
    }

    @Override
    public TrafficSource fresh() {
      return new Recorded(at, goods, totals);
    }

    @Override
    public void next(long fromMillis, long toMillis, long[] out) {
      long good = 0;
      long total = 0;
      while (next < at.length && at[next] < toMillis) {
        if (at[next] >= fromMillis) {
          good += goods[next];
          total += totals[next];
        }
        next++;
      }
      out[0] = good;
      out[1] = total;
    }
  }
}
