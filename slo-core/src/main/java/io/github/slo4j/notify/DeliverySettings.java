package io.github.slo4j.notify;

import io.github.slo4j.TimeSource;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What the builders of {@link AlertmanagerNotifier} and {@link WebhookNotifier} share: the queue's
 * capacity, the request timeout, the retry backoff and its jitter, the close timeout, extra headers,
 * the HTTP client and the time source. Not thread-safe.
 *
 * @param <B> the builder, returned by each setter
 */
abstract class DeliverySettings<B extends DeliverySettings<B>> {
  /** The most alerts (distinct keys) waiting for delivery. */
  static final int MAX_CAPACITY = 1_000_000;

  int capacity = 1024;
  Duration timeout = Duration.ofSeconds(10);
  Duration initialBackoff = Duration.ofSeconds(1);
  Duration maxBackoff = Duration.ofMinutes(1);
  Duration closeTimeout = Duration.ofSeconds(5);
  Long seed;
  HttpClient client;
  TimeSource timeSource = TimeSource.system();
  final Map<String, String> headers = new LinkedHashMap<>();

  DeliverySettings() {}

  /** {@return this builder} */
  abstract B self();

  /**
   * The most alerts waiting for delivery, each alert (its latest state) counted once; an alert that
   * arrives when the queue is full is dropped and counted ({@code dropped()}). 1024 by default.
   *
   * @param capacity between 1 and 1,000,000
   * @return this builder
   */
  public B queueCapacity(int capacity) {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw Require.invalid("capacity", capacity, "1 <= capacity <= " + MAX_CAPACITY);
    }
    this.capacity = capacity;
    return self();
  }

  /**
   * How long one post may take (connecting included) before it counts as failed and is retried; 10 s
   * by default.
   *
   * @param timeout a duration &gt; 0
   * @return this builder
   */
  public B timeout(Duration timeout) {
    this.timeout = Require.positive("timeout", timeout);
    return self();
  }

  /**
   * The backoff after failed posts: after the {@code n}-th failure in a row the notifier waits a
   * random delay between {@code d/2} and {@code d}, {@code d = min(max, initial × 2^(n−1))} (1 s and
   * 1 min by default).
   *
   * @param initial the delay after the first failure, &gt; 0
   * @param max the longest delay, &gt;= {@code initial}
   * @return this builder
   */
  public B retryBackoff(Duration initial, Duration max) {
    Require.positive("initial", initial);
    Require.positive("max", max);
    if (max.compareTo(initial) < 0) {
      throw Require.invalid("max", DurationFormat.format(max), ">= initial (" + DurationFormat.format(initial) + ")");
    }
    this.initialBackoff = initial;
    this.maxBackoff = max;
    return self();
  }

  /**
   * Seeds the backoff's jitter, so that a test sees the same delays every run; random by default.
   *
   * @param seed the seed of a {@link SplittableRandom}
   * @return this builder
   */
  public B jitterSeed(long seed) {
    this.seed = seed;
    return self();
  }

  /**
   * How long {@code close()} keeps delivering what is queued before it stops; 5 s by default.
   *
   * @param closeTimeout a duration &gt;= 0
   * @return this builder
   */
  public B closeTimeout(Duration closeTimeout) {
    Require.nonNull("closeTimeout", closeTimeout);
    if (closeTimeout.isNegative()) {
      throw Require.invalid("closeTimeout", DurationFormat.format(closeTimeout), "a duration >= 0");
    }
    this.closeTimeout = closeTimeout;
    return self();
  }

  /**
   * Adds a header to every post, e.g. {@code Authorization}.
   *
   * @param name the header's name
   * @param value its value
   * @return this builder
   */
  public B header(String name, String value) {
    Require.nonNull("name", name);
    Require.nonNull("value", value);
    if (name.isBlank()) {
      throw Require.invalid("name", "\"" + name + "\"", "a header name");
    }
    headers.put(name, value);
    return self();
  }

  /**
   * The HTTP client to post with (a proxy, TLS settings); by default one of the notifier's own, with
   * the {@linkplain #timeout(Duration) timeout} as its connect timeout.
   *
   * @param client the client
   * @return this builder
   */
  public B httpClient(HttpClient client) {
    this.client = Require.nonNull("client", client);
    return self();
  }

  /**
   * The time source: wall time for the payload's timestamps, monotonic time for the backoff and the
   * resends. The system clocks by default.
   *
   * @param timeSource the time source
   * @return this builder
   */
  public B timeSource(TimeSource timeSource) {
    this.timeSource = Require.nonNull("timeSource", timeSource);
    return self();
  }

  SplittableRandom random() {
    return seed != null ? new SplittableRandom(seed) : new SplittableRandom();
  }

  /** A copy, so that a built notifier is not changed by later calls on its builder. */
  void copyTo(DeliverySettings<?> to) {
    to.capacity = capacity;
    to.timeout = timeout;
    to.initialBackoff = initialBackoff;
    to.maxBackoff = maxBackoff;
    to.closeTimeout = closeTimeout;
    to.seed = seed;
    to.client = client;
    to.timeSource = timeSource;
    to.headers.putAll(headers);
  }
}
