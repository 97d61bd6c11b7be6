package io.github.slo4j.notify;

import io.github.slo4j.TimeSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery engine both notifiers share: one daemon thread posting JSON to one URI. Thread-safe.
 *
 * <p><b>Implementation notes.</b> {@link #offer} (the ticker's thread) only takes the lock, puts the
 * item in {@code pending} and signals: it never waits for I/O. {@code pending} holds the latest item
 * per key (a newer item replaces an older one in place), at most {@code capacity} keys; an item for a
 * new key when it is full is dropped and counted. {@code kept} holds the items to re-send every
 * {@code resendNanos} (Alertmanager's firing alerts), also at most {@code capacity}: each resend
 * puts them back in {@code pending} unless a newer item for the key is there. The thread takes up to
 * {@code maxBatch} items, posts them outside the lock, and on a retryable failure (an I/O error, a
 * timeout, 408, 429, 5xx) puts back those no newer item replaced meanwhile and waits the {@link
 * Backoff} delay before the next post; the delay grows with consecutive failures and resets on a
 * success. So while the receiver is down memory stays bounded and the latest state of every alert
 * is delivered once it is back. Other responses (4xx) are the receiver refusing the payload: the
 * items are counted as failed and dropped, not retried. Counters are per item.
 */
final class Delivery<T> {
  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Writes the body of one post. */
  interface Encoder<T> {
    String encode(List<T> batch, long wallMillis);
  }

  /** Names an item in the log: its alert's id and time. */
  interface Describer<T> {
    String describe(T item);
  }

  private final String name;
  private final DeliverySettings<?> settings;
  private final URI uri;
  private final int maxBatch;
  private final long resendNanos;
  private final Encoder<T> encoder;
  private final Describer<T> describer;
  private final Backoff backoff;
  private final TimeSource time;
  private final HttpClient client;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  /** Guarded by {@code lock}. */
  private final LinkedHashMap<String, T> pending = new LinkedHashMap<>();
  /** Guarded by {@code lock}. */
  private final LinkedHashMap<String, T> kept = new LinkedHashMap<>();
  /** The items of the post in progress; guarded by {@code lock}. */
  private int inFlight;
  /** Guarded by {@code lock}. */
  private boolean closing;
  /** Guarded by {@code lock}; meaningful once {@code closing}. */
  private long flushDeadline;

  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  /** Whether this run of failures was logged at WARN; only the delivery thread reads and writes it. */
  private boolean warned;

  Delivery(
      String name,
      DeliverySettings<?> settings,
      URI uri,
      int maxBatch,
      Duration resendInterval,
      Encoder<T> encoder,
      Describer<T> describer) {
    this.name = name;
    this.settings = settings;
    this.uri = uri;
    this.maxBatch = maxBatch;
    this.resendNanos = resendInterval == null ? 0 : resendInterval.toNanos();
    this.encoder = encoder;
    this.describer = describer;
    this.backoff = new Backoff(settings.initialBackoff, settings.maxBackoff, settings.random());
    this.time = settings.timeSource;
    this.client =
        settings.client != null ? settings.client : HttpClient.newBuilder().connectTimeout(settings.timeout).build();
    this.thread = new Thread(this::run, "slo4j-notify-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues {@code item} as the latest state of {@code key}; never waits. When {@code keep}, the item
   * is re-sent every resend interval until an item for the key without {@code keep} replaces it.
   */
  void offer(String key, T item, boolean keep) {
    lock.lock();
    try {
      if (closing) {
        dropped.incrementAndGet();
        return;
      }
      if (keep) {
        if (kept.containsKey(key) || kept.size() < settings.capacity) {
          kept.put(key, item);
        }
      } else {
        kept.remove(key);
      }
      if (pending.containsKey(key) || pending.size() < settings.capacity) {
        pending.put(key, item);
        changed.signal();
      } else {
        dropped.incrementAndGet();
        LOG.debug("slo4j: {} notifier queue full ({} alerts): dropped {}", name, settings.capacity, describer.describe(item));
      }
    } finally {
      lock.unlock();
    }
  }

  long sent() {
    return sent.get();
  }

  long failed() {
    return failed.get();
  }

  long retried() {
    return retried.get();
  }

  long dropped() {
    return dropped.get();
  }

  int pending() {
    lock.lock();
    try {
      return pending.size() + inFlight;
    } finally {
      lock.unlock();
    }
  }

  /** Flushes for at most the close timeout, then stops the thread; idempotent. */
  void close() {
    lock.lock();
    try {
      if (!closing) {
        closing = true;
        flushDeadline = time.monotonicNanos() + settings.closeTimeout.toNanos();
      }
      changed.signal();
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    try {
      thread.join(settings.closeTimeout.toMillis() + 100);
      if (thread.isAlive()) {
        thread.interrupt(); // a post in progress past the deadline
        thread.join(TimeUnit.SECONDS.toMillis(5));
      }
    } catch (InterruptedException e) {
      interrupted = true;
      thread.interrupt();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long nextResend = time.monotonicNanos() + resendNanos;
    long notBefore = time.monotonicNanos();
    int failures = 0;
    while (true) {
      List<Map.Entry<String, T>> batch = new ArrayList<>();
      lock.lock();
      try {
        while (true) {
          long now = time.monotonicNanos();
          if (resendNanos > 0 && now - nextResend >= 0) {
            for (Map.Entry<String, T> e : kept.entrySet()) {
              if (!pending.containsKey(e.getKey()) && pending.size() < settings.capacity) {
                pending.put(e.getKey(), e.getValue());
              }
            }
            nextResend = now + resendNanos;
          }
          if (closing && (pending.isEmpty() || now - flushDeadline >= 0 || Thread.currentThread().isInterrupted())) {
            stop();
            return;
          }
          if (!pending.isEmpty() && now - notBefore >= 0) {
            break;
          }
          long wait = MAX_WAIT_NANOS;
          if (resendNanos > 0) {
            wait = Math.min(wait, nextResend - now);
          }
          if (!pending.isEmpty()) {
            wait = Math.min(wait, notBefore - now);
          }
          if (closing) {
            wait = Math.min(wait, flushDeadline - now);
          }
          try {
            changed.awaitNanos(Math.max(wait, 1));
          } catch (InterruptedException e) {
            stop();
            return;
          }
        }
        Iterator<Map.Entry<String, T>> it = pending.entrySet().iterator();
        while (it.hasNext() && batch.size() < maxBatch) {
          Map.Entry<String, T> e = it.next();
          batch.add(Map.entry(e.getKey(), e.getValue()));
          it.remove();
        }
        inFlight = batch.size();
      } finally {
        lock.unlock();
      }
      Outcome outcome = post(batch);
      lock.lock();
      try {
        // the counters change with pending(), so that a reader never sees an alert in neither
        inFlight = 0;
        switch (outcome) {
          case SENT:
            sent.addAndGet(batch.size());
            break;
          case REFUSED:
            failed.addAndGet(batch.size());
            dropped.addAndGet(batch.size());
            break;
          case RETRY:
            failed.addAndGet(batch.size());
            retried.addAndGet(putBack(batch));
            break;
          default: // INTERRUPTED: close() gave up waiting
            putBack(batch);
            stop();
            return;
        }
      } finally {
        lock.unlock();
      }
      if (outcome == Outcome.SENT) {
        if (failures > 0) {
          LOG.info("slo4j: {} notifier delivers again to {} after {} failed posts", name, uri, failures);
        }
        failures = 0;
        warned = false;
      } else if (outcome == Outcome.RETRY) {
        failures = failures == Integer.MAX_VALUE ? failures : failures + 1;
        notBefore = time.monotonicNanos() + backoff.delayNanos(failures);
      }
    }
  }

  /** Puts back the items no newer one replaced; returns how many. Holds {@code lock}. */
  private int putBack(List<Map.Entry<String, T>> batch) {
    int n = 0;
    for (Map.Entry<String, T> e : batch) {
      if (!pending.containsKey(e.getKey())) {
        pending.put(e.getKey(), e.getValue());
        n++;
      }
    }
    return n;
  }

  /** Holds {@code lock}: what is still pending is never delivered. */
  private void stop() {
    if (!pending.isEmpty()) {
      dropped.addAndGet(pending.size());
      LOG.warn(
          "slo4j: {} notifier closed with {} alerts not delivered to {}, the first: {}",
          name,
          pending.size(),
          uri,
          describer.describe(pending.values().iterator().next()));
      pending.clear();
    }
    kept.clear();
  }

  private enum Outcome {
    SENT,
    RETRY,
    REFUSED,
    INTERRUPTED
  }

  private Outcome post(List<Map.Entry<String, T>> batch) {
    List<T> items = new ArrayList<>(batch.size());
    batch.forEach(e -> items.add(e.getValue()));
    String first = describer.describe(items.get(0));
    String body;
    try {
      body = encoder.encode(items, time.wallMillis());
    } catch (RuntimeException e) {
      LOG.error("slo4j: {} notifier could not write the payload of {}; dropped", name, first, e);
      return Outcome.REFUSED;
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(settings.timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    settings.headers.forEach(request::header);
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      if (status / 100 == 2) {
        return Outcome.SENT;
      }
      boolean retry = status == 408 || status == 429 || status / 100 == 5;
      log(
          retry,
          "slo4j: {} notifier got HTTP {} from {} for {} ({} alerts){}: {}",
          name,
          status,
          uri,
          first,
          items.size(),
          retry ? ", will retry" : ", dropped (the receiver refused them)",
          abbreviate(response.body()));
      return retry ? Outcome.RETRY : Outcome.REFUSED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.INTERRUPTED;
    } catch (IOException | RuntimeException e) {
      log(true, "slo4j: {} notifier could not post to {} for {} ({} alerts), will retry: {}", name, uri, first, items.size(), e.toString());
      return Outcome.RETRY;
    }
  }

  /** The first failure of a run of failures is a WARN (a refusal, an ERROR); the rest DEBUG. */
  private void log(boolean retry, String format, Object... args) {
    if (!retry) {
      LOG.error(format, args);
    } else if (!warned) {
      warned = true;
      LOG.warn(format + " (later failures until it delivers again are logged at DEBUG)", args);
    } else {
      LOG.debug(format, args);
    }
  }

  private static String abbreviate(String s) {
    String t = s == null ? "" : s.strip();
    return t.length() > 200 ? t.substring(0, 200) + "..." : t;
  }
}
