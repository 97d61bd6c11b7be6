package io.github.slo4j;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns a set of SLO trackers and the one ticker that closes their intervals. Thread-safe.
 *
 * <pre>{@code
 * SloRegistry registry = SloRegistry.builder().build();      // a daemon ticker, 10 s intervals
 * SloTracker checkout = registry.register(slo);
 * checkout.record(response.ok());                            // on every request
 * checkout.window(Duration.ofHours(1)).burnRate(slo.objective());
 * }</pre>
 *
 * <p>The ticker closes a base interval at every wall-clock multiple of it (10 s by default, so
 * states of several processes line up): it sums each tracker's cumulative counters and appends
 * them to the tracker's rings, then calls the {@linkplain #addTickListener(TickListener) tick
 * listeners}. Three ways to drive it:
 *
 * <ul>
 *   <li>by default, one daemon thread named {@code slo4j-ticker}, started when the first SLO is
 *       registered and stopped by {@link #close()};
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
 * accumulating and nothing is lost or counted twice.
 */
public final class SloRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SloRegistry.class);

  private final TimeSource time;
  private final long baseMillis;
  private final boolean manual;
  private final ScheduledExecutorService hostExecutor;
  private final ReentrantLock tickLock = new ReentrantLock();
  private final CopyOnWriteArrayList<SloTracker> trackers = new CopyOnWriteArrayList<>();
  private final Map<String, Object> ids = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<TickListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong listenerFailures = new AtomicLong();
  private final AtomicLong gapIntervals = new AtomicLong();
  private final AtomicLong ticks = new AtomicLong();
  private volatile long lastBoundary;
  private volatile boolean closed;
  private ScheduledExecutorService ownExecutor;
  private ScheduledFuture<?> scheduled;

  private SloRegistry(Builder b) {
    this.time = b.time;
    this.baseMillis = b.baseInterval.toMillis();
    this.manual = b.manual;
    this.hostExecutor = b.executor;
    this.lastBoundary = Math.floorDiv(time.wallMillis(), baseMillis) * baseMillis;
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
  public SloTracker register(SloDefinition slo) {
    Require.nonNull("slo", slo);
    claim(slo, slo);
    SloTracker tracker;
    try {
      checkOpen();
      tracker = newTracker(slo, null);
    } catch (RuntimeException e) {
      ids.remove(slo.id());
      throw e;
    }
    return tracker;
  }

  /**
   * Starts tracking {@code slo} per group key (endpoint, tenant), with at most {@code maxGroups}
   * groups; keys beyond the cap share one overflow group.
   *
   * @throws IllegalArgumentException when an SLO with the same id is already registered or {@code
   *     maxGroups} is not between 1 and 10,000
   */
  public GroupedSloTracker registerGrouped(SloDefinition slo, int maxGroups) {
    Require.nonNull("slo", slo);
    if (maxGroups < 1 || maxGroups > GroupedSloTracker.MAX_GROUPS) {
      throw Require.invalid("maxGroups", maxGroups, "1 <= maxGroups <= " + GroupedSloTracker.MAX_GROUPS);
    }
    GroupedSloTracker grouped = new GroupedSloTracker(this, slo, maxGroups);
    claim(slo, grouped);
    return grouped;
  }

  private void claim(SloDefinition slo, Object owner) {
    checkOpen();
    if (ids.putIfAbsent(slo.id(), owner) != null) {
      throw Require.invalid("slo id", "'" + slo.id() + "'", "an id not yet registered in this registry");
    }
  }

  /** Creates and ticks a tracker; after {@link #close()} it is created but never ticked. */
  SloTracker newTracker(SloDefinition slo, String groupKey) {
    tickLock.lock();
    try {
      SloTracker tracker = new SloTracker(slo, groupKey, baseMillis, lastBoundary);
      trackers.add(tracker);
      startTicker();
      return tracker;
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
   * to call from any thread, in any mode; a no-op when no boundary has passed.
   */
  public void tick() {
    tickLock.lock();
    try {
      long now = time.wallMillis();
      long a = Math.floorDiv(now, baseMillis) * baseMillis;
      long prev = lastBoundary;
      if (a <= prev) {
        return;
      }
      long missed = (a - prev) / baseMillis - 1;
      for (SloTracker t : trackers) {
        try {
          t.advance(a);
          t.reportEdge(LOG);
        } catch (RuntimeException e) {
          LOG.error("slo4j: closing boundary {} of {} failed", a, t.label(), e);
        }
      }
      lastBoundary = a;
      ticks.incrementAndGet();
      if (missed > 0) {
        gapIntervals.addAndGet(missed);
        LOG.info("slo4j: caught up {} missed boundaries up to {}", missed, java.time.Instant.ofEpochMilli(a));
      }
      for (TickListener l : listeners) {
        try {
          l.onTick(a);
        } catch (RuntimeException | Error e) {
          if (e instanceof VirtualMachineError) {
            throw (VirtualMachineError) e;
          }
          listenerFailures.incrementAndGet();
          LOG.warn("slo4j: tick listener {} failed at {}", l, a, e);
        }
      }
    } finally {
      tickLock.unlock();
    }
  }

  private void startTicker() {
    if (manual || scheduled != null || closed) {
      return;
    }
    if (hostExecutor == null && ownExecutor == null) {
      ownExecutor =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "slo4j-ticker");
                t.setDaemon(true);
                return t;
              });
    }
    scheduleNext();
  }

  private void scheduleNext() {
    if (closed) {
      return;
    }
    long now = time.wallMillis();
    long next = Math.floorDiv(now, baseMillis) * baseMillis + baseMillis;
    long delay = Math.min(baseMillis, next - now) + 1;
    ScheduledExecutorService ex = hostExecutor != null ? hostExecutor : ownExecutor;
    scheduled = ex.schedule(this::scheduledTick, delay, TimeUnit.MILLISECONDS);
  }

  private void scheduledTick() {
    try {
      tick();
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError) {
        throw (VirtualMachineError) e;
      }
      LOG.error("slo4j: tick failed", e);
    } finally {
      tickLock.lock();
      try {
        scheduleNext();
      } finally {
        tickLock.unlock();
      }
    }
  }

  /** The trackers, grouped ones included, in registration order. */
  public List<SloTracker> trackers() {
    return Collections.unmodifiableList(new ArrayList<>(trackers));
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

  /** Times a tick listener threw. */
  public long listenerFailures() {
    return listenerFailures.get();
  }

  /**
   * Stops the ticker (the host's executor is left running) and refuses new registrations. Recorded
   * counts stay readable. Idempotent.
   */
  @Override
  public void close() {
    tickLock.lock();
    try {
      closed = true;
      if (scheduled != null) {
        scheduled.cancel(false);
      }
      if (ownExecutor != null) {
        ownExecutor.shutdownNow();
      }
    } finally {
      tickLock.unlock();
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
     * @throws IllegalArgumentException when both {@link #manualTicks()} and an executor were given
     */
    public SloRegistry build() {
      if (manual && executor != null) {
        throw Require.invalid("executor", executor, "none with manualTicks()");
      }
      return new SloRegistry(this);
    }
  }
}
