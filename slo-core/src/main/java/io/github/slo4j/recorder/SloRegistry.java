package io.github.slo4j.recorder;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.TimeSource;
import io.github.slo4j.internal.Callbacks;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns a set of SLO recorders and the one ticker that closes their intervals. Thread-safe.
 *
 * <pre>{@code
 * SloRegistry registry = SloRegistry.builder().build();      // a daemon ticker, 10 s intervals
 * SloRecorder checkout = registry.register(slo);
 * checkout.record(response.ok());                            // on every request
 * checkout.window(Duration.ofHours(1)).burnRate(slo.objective());
 * }</pre>
 *
 * <p>The ticker closes a base interval at every wall-clock multiple of it (10 s by default, so
 * states of several processes line up): it sums each recorder's cumulative counters and appends
 * them to the recorder's rings, then calls the {@linkplain #addTickListener(TickListener) tick
 * listeners}. Three ways to drive it:
 *
 * <ul>
 *   <li>by default, daemon threads named {@code slo4j-ticker}, started when the first SLO is
 *       registered and stopped by {@link #close()}: one ticks, and a second one takes the next tick
 *       while a listener is still running, so a slow listener never holds up the boundaries;
 *   <li>{@link Builder#executor(ScheduledExecutorService)}: on the host's scheduler, which the
 *       registry never shuts down;
 *   <li>{@link Builder#manualTicks()}: no scheduling at all; the caller calls {@link #tick()},
 *       typically with a {@link ManualTimeSource} (tests, replay).
 * </ul>
 *
 * <p>When boundaries are missed (a long GC pause, a suspended laptop, the wall clock jumping
 * forward) the next tick catches them up: the events seen since the last tick go to the newest
 * interval and the skipped ones are recorded as gaps ({@link #gapIntervals()}). When the wall clock
 * steps backwards, no boundary is closed until it passes the last closed one again; events keep
 * accumulating and nothing is lost or counted twice. The step is logged once when it is seen and once
 * when the clock has caught up. Wall times beyond about 73 million years either side of the epoch are
 * held at that limit (logged once), so no arithmetic on boundaries can overflow.
 *
 * <p><b>Locks and callbacks.</b> The tick lock is held only while boundaries are closed: listeners
 * run after it is released, so a listener that blocks never blocks {@link #close()}, {@link
 * #register(SloDefinition)}, a new group of a {@link GroupedSloRecorder} or a reader. Listeners are
 * called one at a time, in registration order, by one thread at a time: the thread that closed a
 * boundary takes the dispatch role if it is free (a {@code tryLock}, never a wait) and delivers the
 * newest closed boundary until none is newer; a thread that finds the role taken leaves its boundary
 * to the holder. A dispatch lock rather than a thread of its own keeps listeners on the ticking
 * thread (and on the caller's thread with {@link Builder#manualTicks()}, so tests see them run
 * before {@link #tick()} returns) while never letting a listener run concurrently with itself. A
 * failing time source is logged with its count ({@link #timeSourceFailures()}) and retried one base
 * interval later; the ticker never stops for it.
 */
public final class SloRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SloRegistry.class);

  /**
   * The largest wall time, either side of the epoch, the ticker takes as it is (about 73 million
   * years): boundaries and their differences then fit in a long with room to spare.
   */
  static final long MAX_WALL_MILLIS = Long.MAX_VALUE / 4;

  private final TimeSource time;
  private final long baseMillis;
  private final boolean manual;
  private final ScheduledExecutorService hostExecutor;
  private final ReentrantLock tickLock = new ReentrantLock();
  private final CopyOnWriteArrayList<SloRecorder> recorders = new CopyOnWriteArrayList<>();
  private final Map<String, Object> ids = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<TickListener> listeners = new CopyOnWriteArrayList<>();
  private final Callbacks callbacks = new Callbacks(LOG);
  private final AtomicLong gapIntervals = new AtomicLong();
  private final AtomicLong ticks = new AtomicLong();
  private final AtomicLong timeSourceFailures = new AtomicLong();
  private volatile long lastBoundary;
  private volatile boolean closed;
  private ScheduledExecutorService ownExecutor;
  private ScheduledFuture<?> scheduled;

  // clock diagnostics, guarded by tickLock
  private boolean steppedBack;
  private boolean outOfRangeLogged;
  private String lastTimeFailure;

  /** Held by the thread that calls the tick listeners; taken with tryLock only. */
  private final ReentrantLock dispatchLock = new ReentrantLock();
  /** The newest boundary delivered to the listeners (or being delivered). */
  private volatile long lastDispatched;
  /** Guards the two fields below. */
  private final Object hostDispatch = new Object();
  /** A host executor's thread while it calls the listeners, for close() to interrupt. */
  private Thread hostDispatcher;
  private boolean hostInterrupted;

  private SloRegistry(Builder b) {
    this.time = b.time;
    this.baseMillis = b.baseInterval.toMillis();
    this.manual = b.manual;
    this.hostExecutor = b.executor;
    this.lastBoundary = boundaryAtOrBefore(time.wallMillis());
    this.lastDispatched = lastBoundary;
  }

  /** A builder with the defaults: system time, 10 s base interval, a daemon ticker thread. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts tracking {@code slo}.
   *
   * @throws IllegalArgumentException when an SLO with the same id is already registered, or when a
   *     timeslice length is not a multiple of the base interval
   * @throws IllegalStateException when the registry is closed
   */
  public SloRecorder register(SloDefinition slo) {
    Require.nonNull("slo", slo);
    claim(slo, slo);
    SloRecorder recorder;
    try {
      checkOpen();
      recorder = newRecorder(slo, null);
    } catch (RuntimeException e) {
      ids.remove(slo.id());
      throw e;
    }
    return recorder;
  }

  /**
   * Starts tracking {@code slo} per group key (endpoint, tenant), with at most {@code maxGroups}
   * groups; keys beyond the cap share one overflow group.
   *
   * @throws IllegalArgumentException when an SLO with the same id is already registered or {@code
   *     maxGroups} is not between 1 and 10,000
   */
  public GroupedSloRecorder registerGrouped(SloDefinition slo, int maxGroups) {
    Require.nonNull("slo", slo);
    if (maxGroups < 1 || maxGroups > GroupedSloRecorder.MAX_GROUPS) {
      throw Require.invalid("maxGroups", maxGroups, "1 <= maxGroups <= " + GroupedSloRecorder.MAX_GROUPS);
    }
    GroupedSloRecorder grouped = new GroupedSloRecorder(this, slo, maxGroups);
    claim(slo, grouped);
    return grouped;
  }

  private void claim(SloDefinition slo, Object owner) {
    checkOpen();
    if (ids.putIfAbsent(slo.id(), owner) != null) {
      throw Require.invalid("slo id", "'" + slo.id() + "'", "an id not yet registered in this registry");
    }
  }

  /** Creates and ticks a recorder; after {@link #close()} it is created but never ticked. */
  SloRecorder newRecorder(SloDefinition slo, String groupKey) {
    tickLock.lock();
    try {
      SloRecorder recorder = new SloRecorder(slo, groupKey, baseMillis, lastBoundary);
      recorders.add(recorder);
      startTicker();
      return recorder;
    } finally {
      tickLock.unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("registry is closed");
    }
  }

  /**
   * Adds a listener called after every tick that closed at least one boundary.
   *
   * @see TickListener
   */
  public void addTickListener(TickListener listener) {
    listeners.add(Require.nonNull("listener", listener));
  }

  /** Removes a listener added by {@link #addTickListener(TickListener)}. */
  public void removeTickListener(TickListener listener) {
    listeners.remove(listener);
  }

  /**
   * Closes every base-interval boundary up to the time source's now, then calls the listeners. Safe
   * to call from any thread, in any mode; a no-op when no boundary has passed. When another thread
   * is calling the listeners, this one does not wait for it: that thread delivers the newest
   * boundary before it returns. A time source that throws makes this throw; the scheduled ticker
   * instead logs it and retries one base interval later.
   */
  public void tick() {
    closeUpTo(time.wallMillis());
    dispatch(false);
  }

  /** Closes the boundaries up to {@code now}; whether one was closed. Holds the tick lock only. */
  private boolean closeUpTo(long now) {
    tickLock.lock();
    try {
      long a = boundaryAtOrBefore(now);
      long prev = lastBoundary;
      long clamped = clampWall(now);
      if (clamped < prev) {
        if (!steppedBack) {
          steppedBack = true;
          LOG.warn(
              "slo4j: the wall clock stepped back {} behind the last closed boundary {} (it reads {});"
                  + " no boundary closes until {}: windows stay as of {} and events recorded meanwhile"
                  + " are counted in that next interval, nothing is lost",
              DurationFormat.format(Duration.ofMillis(prev - clamped)),
              Callbacks.iso(prev),
              Callbacks.iso(clamped),
              Callbacks.iso(prev + baseMillis),
              Callbacks.iso(prev));
        }
        return false;
      }
      if (a <= prev) {
        return false;
      }
      if (steppedBack) {
        steppedBack = false;
        LOG.info("slo4j: the wall clock is past {} again; closing boundaries from {}", Callbacks.iso(prev), Callbacks.iso(a));
      }
      long missed = (a - prev) / baseMillis - 1;
      for (SloRecorder t : recorders) {
        try {
          t.advance(a);
          t.reportEdge(LOG);
          t.reportFilterFailures(callbacks);
        } catch (RuntimeException e) {
          LOG.error("slo4j: closing boundary {} of {} failed", Callbacks.iso(a), t.label(), e);
        }
      }
      lastBoundary = a;
      ticks.incrementAndGet();
      if (missed > 0) {
        gapIntervals.addAndGet(missed);
        LOG.info("slo4j: caught up {} missed boundaries up to {}", missed, Callbacks.iso(a));
      }
      return true;
    } finally {
      tickLock.unlock();
    }
  }

  /** {@code now} held within {@link #MAX_WALL_MILLIS} of the epoch; logs once when it is not. */
  private long clampWall(long now) {
    long w = Math.max(-MAX_WALL_MILLIS, Math.min(MAX_WALL_MILLIS, now));
    if (w != now && !outOfRangeLogged) {
      outOfRangeLogged = true;
      LOG.warn(
          "slo4j: the time source reads {} ms since the epoch, beyond the supported {} ms either side;"
              + " it is taken as {}",
          now,
          MAX_WALL_MILLIS,
          Callbacks.iso(w));
    }
    return w;
  }

  /** The last boundary at or before {@code now} (clamped), without overflow. */
  private long boundaryAtOrBefore(long now) {
    long w = Math.max(-MAX_WALL_MILLIS, Math.min(MAX_WALL_MILLIS, now));
    return Math.floorDiv(w, baseMillis) * baseMillis;
  }

  /**
   * Calls the listeners with the newest closed boundary, unless another thread is doing so (it
   * then delivers this boundary too: after letting go of the role it checks again, so a boundary
   * closed meanwhile is never left undelivered) or this thread is already inside a listener.
   */
  private void dispatch(boolean fromTicker) {
    if (dispatchLock.isHeldByCurrentThread()) {
      return; // a listener called tick(): the loop below delivers the newer boundary
    }
    do {
      if (!dispatchLock.tryLock()) {
        return;
      }
      try {
        long b;
        while ((b = lastBoundary) > lastDispatched) {
          lastDispatched = b;
          for (TickListener l : listeners) {
            if (fromTicker && closed) {
              return;
            }
            try {
              l.onTick(b);
            } catch (Throwable e) {
              callbacks.failed(subject(), "tick listener", l, b, e);
            }
          }
        }
      } finally {
        dispatchLock.unlock();
      }
    } while (lastBoundary > lastDispatched && !(fromTicker && closed));
  }

  /** {@code SLOs a, b, c} for the log of a tick listener's failure. */
  private String subject() {
    List<String> sorted = new ArrayList<>(ids.keySet());
    Collections.sort(sorted);
    int shown = Math.min(5, sorted.size());
    String more = sorted.size() > shown ? " and " + (sorted.size() - shown) + " more" : "";
    return "SLOs " + String.join(", ", sorted.subList(0, shown)) + more;
  }

  private void startTicker() {
    if (manual || scheduled != null || closed) {
      return;
    }
    if (hostExecutor == null && ownExecutor == null) {
      // two threads: while a listener runs long on one, the next tick runs on the other
      ScheduledThreadPoolExecutor ex =
          new ScheduledThreadPoolExecutor(
              2,
              r -> {
                Thread t = new Thread(r, "slo4j-ticker");
                t.setDaemon(true);
                return t;
              });
      ex.setRemoveOnCancelPolicy(true);
      ownExecutor = ex;
    }
    scheduleNext(-1);
  }

  /** Schedules the next tick after {@code delayMillis}, or just after the next boundary if -1. */
  private void scheduleNext(long delayMillis) {
    if (closed) {
      return;
    }
    long delay = delayMillis;
    if (delay < 0) {
      try {
        long now = time.wallMillis();
        long w = clampWall(now);
        long toNext = boundaryAtOrBefore(w) + baseMillis - now;
        // beyond the supported range, or a reading that makes no sense: try again in one interval
        delay = (toNext <= 0 || toNext > baseMillis ? baseMillis : toNext) + 1;
      } catch (Throwable e) {
        timeSourceFailed(e);
        delay = baseMillis;
      }
    }
    ScheduledExecutorService ex = hostExecutor != null ? hostExecutor : ownExecutor;
    try {
      scheduled = ex.schedule(this::scheduledTick, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.error("slo4j: the executor refused the next tick (was it shut down?); no boundary closes any more", e);
    }
  }

  private void scheduledTick() {
    long delay = -1;
    try {
      long now;
      try {
        now = time.wallMillis();
      } catch (Throwable e) {
        timeSourceFailed(e);
        delay = baseMillis;
        return; // after rescheduling below
      }
      closeUpTo(now);
    } catch (Throwable e) {
      Callbacks.rethrowIfFatal(e);
      LOG.error("slo4j: tick failed", e);
    } finally {
      tickLock.lock();
      try {
        scheduleNext(delay);
      } finally {
        tickLock.unlock();
      }
    }
    // the next tick is scheduled before the listeners run: with a second thread it is not held up
    dispatchFromTicker();
  }

  private void dispatchFromTicker() {
    boolean host = hostExecutor != null;
    if (host) {
      synchronized (hostDispatch) {
        if (closed) {
          return;
        }
        hostDispatcher = Thread.currentThread();
      }
    }
    try {
      dispatch(true);
    } finally {
      if (host) {
        synchronized (hostDispatch) {
          hostDispatcher = null;
          if (hostInterrupted) {
            hostInterrupted = false;
            Thread.interrupted(); // our interrupt, not the host's: do not leave it on its thread
          }
        }
      }
    }
  }

  /** Logs a failure of the time source with its count; the stack trace once per exception class. */
  private void timeSourceFailed(Throwable e) {
    Callbacks.rethrowIfFatal(e);
    long n = timeSourceFailures.incrementAndGet();
    String kind = e.getClass().getName();
    boolean first = !kind.equals(lastTimeFailure);
    lastTimeFailure = kind;
    String message =
        "slo4j: the time source threw {} ({} failures so far); no boundary closes now, the ticker tries"
            + " again in {}";
    String retry = DurationFormat.format(Duration.ofMillis(baseMillis));
    if (first) {
      LOG.error(message, kind, n, retry, e);
    } else {
      LOG.error(message, kind, n, retry);
    }
  }

  /** The recorders, grouped ones included, in registration order. */
  public List<SloRecorder> recorders() {
    return Collections.unmodifiableList(new ArrayList<>(recorders));
  }

  /** The base interval. */
  public Duration baseInterval() {
    return Duration.ofMillis(baseMillis);
  }

  /** The time source. */
  public TimeSource timeSource() {
    return time;
  }

  /** The last closed boundary, epoch milliseconds. */
  public long lastBoundaryMillis() {
    return lastBoundary;
  }

  /** Ticks that closed at least one boundary. */
  public long ticks() {
    return ticks.get();
  }

  /** Boundaries missed and caught up later, since the registry was built. */
  public long gapIntervals() {
    return gapIntervals.get();
  }

  /** Times a tick listener threw (anything but an {@link OutOfMemoryError}-like VM error). */
  public long listenerFailures() {
    return callbacks.failures();
  }

  /** Times the time source threw when the scheduled ticker read it; each was retried later. */
  public long timeSourceFailures() {
    return timeSourceFailures.get();
  }

  /**
   * Stops the ticker (the host's executor is left running) and refuses new registrations. Recorded
   * counts stay readable. Idempotent. Returns at once, whatever the listeners do: a listener blocked
   * on the ticker's thread is interrupted, and no listener is called by the ticker afterwards.
   */
  @Override
  public void close() {
    ScheduledFuture<?> next;
    ScheduledExecutorService own;
    tickLock.lock(); // held by a tick only while it closes boundaries, never while listeners run
    try {
      closed = true;
      next = scheduled;
      own = ownExecutor;
    } finally {
      tickLock.unlock();
    }
    if (next != null) {
      next.cancel(false);
    }
    if (own != null) {
      own.shutdownNow(); // interrupts a listener blocked on one of its threads
    }
    synchronized (hostDispatch) {
      Thread t = hostDispatcher;
      if (t != null && t != Thread.currentThread()) {
        hostInterrupted = true;
        t.interrupt();
      }
    }
  }

  /** Builds a {@link SloRegistry}. Not thread-safe. */
  public static final class Builder {
    private TimeSource time = TimeSource.system();
    private Duration baseInterval = Duration.ofSeconds(10);
    private boolean manual;
    private ScheduledExecutorService executor;

    private Builder() {}

    /** The time source; {@link TimeSource#system()} by default. */
    public Builder timeSource(TimeSource timeSource) {
      this.time = Require.nonNull("timeSource", timeSource);
      return this;
    }

    /**
     * The base interval: a whole number of seconds that divides 2 minutes (1, 2, 3, 4, 5, 6, 10,
     * 12, 15, 20, 30, 40, 60 or 120 s); 10 s by default. Memory per SLO grows as it shrinks (the
     * finest ring holds one hour of intervals).
     */
    public Builder baseInterval(Duration baseInterval) {
      Require.positive("baseInterval", baseInterval);
      long ms = baseInterval.toMillis();
      if (baseInterval.toNanos() % 1_000_000_000L != 0 || 120_000 % ms != 0) {
        throw Require.invalid(
            "baseInterval", DurationFormat.format(baseInterval), "a whole number of seconds that divides 2m");
      }
      this.baseInterval = baseInterval;
      return this;
    }

    /** No ticker thread: the caller drives time with {@link SloRegistry#tick()}. */
    public Builder manualTicks() {
      this.manual = true;
      return this;
    }

    /** Ticks on the host's scheduler instead of a thread of the registry's own. */
    public Builder executor(ScheduledExecutorService executor) {
      this.executor = Require.nonNull("executor", executor);
      return this;
    }

    /**
     * Builds the registry.
     *
     * <p>A {@link ManualTimeSource} needs {@link #manualTicks()} (or an executor the host drives):
     * the registry's own ticker wakes up on real time and reads the manual clock, which moves only
     * when a test moves it, so it would close no boundary, or close one at a moment no test can
     * predict, and say nothing. That combination is refused rather than turned into manual ticks,
     * because a caller who asked for automatic ticks and got manual ones would still wait for
     * ticks that never come.
     *
     * @throws IllegalArgumentException when both {@link #manualTicks()} and an executor were given,
     *     or a {@link ManualTimeSource} with neither
     */
    public SloRegistry build() {
      if (manual && executor != null) {
        throw Require.invalid("executor", executor, "none with manualTicks()");
      }
      if (time instanceof ManualTimeSource && !manual && executor == null) {
        throw Require.invalid(
            "timeSource",
            "a ManualTimeSource with the registry's own ticker",
            "manualTicks() or an executor with a ManualTimeSource: the ticker runs on real time, and a manual clock"
                + " only moves when the caller moves it");
      }
      return new SloRegistry(this);
    }
  }
}
