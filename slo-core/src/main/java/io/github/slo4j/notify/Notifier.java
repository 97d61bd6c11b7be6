package io.github.slo4j.notify;

import io.github.slo4j.monitor.AlertListener;

/**
 * An {@link AlertListener} that delivers alerts to a receiver outside the process, on a thread of
 * its own: {@link #onTransition} only queues and never waits, so neither the ticker nor a request
 * thread is ever held up by a slow or absent receiver. Thread-safe.
 *
 * <p>The counters are per alert and only grow; bind them to meters (function counters) to watch
 * delivery: {@link #sent()}, {@link #failed()}, {@link #retried()}, {@link #dropped()}, and the gauge
 * {@link #pending()}.
 */
public interface Notifier extends AlertListener, AutoCloseable {

  /** {@return alerts the receiver accepted (a 2xx answer)} */
  long sent();

  /**
   * {@return failed deliveries of an alert: an I/O error, a timeout or an answer other than 2xx,
   * counted once per alert per attempt}
   */
  long failed();

  /** {@return alerts queued again for another attempt after a failed delivery} */
  long retried();

  /**
   * {@return alerts that will never be delivered: refused by the receiver (a 4xx answer other than
   * 408 and 429), arriving when the queue was full, or still queued when {@link #close()} stopped}
   */
  long dropped();

  /** {@return alerts waiting for delivery now, those of the post in progress included} */
  int pending();

  /**
   * Delivers what is queued for at most the builder's close timeout, then stops the delivery thread;
   * alerts still queued then, and alerts that arrive afterwards, are dropped and counted.
   * Idempotent.
   */
  @Override
  void close();
}
