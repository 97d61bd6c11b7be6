package com.netflix.hystrix.util;

import com.netflix.hystrix.strategy.properties.HystrixProperty;
import java.util.function.LongSupplier;

/**
 * Builds Hystrix rolling structures on a caller-supplied clock. Hystrix keeps the constructor that
 * takes its clock package-private (it is how Hystrix's own tests drive time), so this class lives
 * in Hystrix's package. The benchmarks need it to fill a window across its buckets and to make
 * rotation happen during a measurement; the record path measured is Hystrix's own, unchanged.
 */
public final class HystrixTestClock {
  private HystrixTestClock() {}

  /** A {@link HystrixRollingNumber} of {@code buckets} over {@code windowMillis} on {@code millis}. */
  public static HystrixRollingNumber rollingNumber(LongSupplier millis, int windowMillis, int buckets) {
    return new HystrixRollingNumber(millis::getAsLong, windowMillis, buckets);
  }

  /** A {@link HystrixRollingPercentile} of {@code buckets} over {@code windowMillis} on {@code millis}. */
  public static HystrixRollingPercentile rollingPercentile(
      LongSupplier millis, int windowMillis, int buckets, int bucketDataLength) {
    return new HystrixRollingPercentile(
        millis::getAsLong,
        windowMillis,
        buckets,
        bucketDataLength,
        HystrixProperty.Factory.asProperty(true));
  }
}
