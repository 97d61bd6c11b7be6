package io.github.slo4j.recorder;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Subscription;
import io.github.slo4j.TimeSource;
import io.github.slo4j.WindowReader;
import io.github.slo4j.WindowSource;
import io.github.slo4j.internal.Callbacks;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.LazyLogger;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;

/**
 * Owns a set of SLO recorders and the one ticker that closes their intervals. Thread-safe.
 * It is the {@link WindowSource} a registry-wide monitor attaches to.
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
 * <p><b>Lifecycle.</b> {@link #find(String)} and {@link #findGrouped(String)} look an SLO up by id;
 * {@link #registerIfAbsent(SloDefinition)} and {@link #registerGroupedIfAbsent(SloDefinition, int)}
 * return the SLO already registered with an equal definition and refuse another definition under
 * the same id; {@link #unregister(String)} stops ticking an SLO and frees its id. A {@link
 * RegistryListener} ({@link #addListener(RegistryListener)}) hears every registration, group
 * creation and unregistration, after a catch-up on the SLOs there already are. As a {@link
 * WindowSource}, the registry lets one monitor follow all its SLOs and groups.
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
public final class SloRegistry implements WindowSource, AutoCloseable {
  private static final Logger LOG = LazyLogger.of(SloRegistry.class);

  /**
   * The largest wall time, either side of the epoch, the ticker takes as it is (about 73 million
   * years): boundaries and their differences then fit in a long with room to spare.
   */
  static final long MAX_WALL_MILLIS = Long.MAX_VALUE / 4;

  private final TimeSource time;
  private final long baseMillis;
  private final boolean manual;
  private final ScheduledExecutorService hostExecutor;
  // fair: a caller ticking in a loop would otherwise take it again at once and starve another
  private final ReentrantLock tickLock = new ReentrantLock(true);
  private final CopyOnWriteArrayList<SloRecorder> recorders = new CopyOnWriteArrayList<>();
  /**
   * The recorders as an array, for the tick loop to walk without an iterator (issue 10: the tick
   * allocates nothing); replaced with {@code recorders} under tickLock.
   */
  private SloRecorder[] ticking = new SloRecorder[0];
  /** Recorders whose state a tick loads before it closes their boundary (see closeUpTo). */
  private static final int WARM_CHUNK = 16;
  /** What those loads read, kept so that they are not optimized away; means nothing. */
  @SuppressWarnings("unused")
  private long warmSink;
  /** The SLOs by id, in registration order; guarded by tickLock. */
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final CopyOnWriteArrayList<TickHandle> listeners = new CopyOnWriteArrayList<>();
  /** The registry listeners; replaced (never mutated) under tickLock. */
  private volatile RegistryListener[] registryListeners = new RegistryListener[0];
  /** Events not yet delivered, each with the listeners it is for; offered under tickLock. */
  private final ConcurrentLinkedQueue<Pending> events = new ConcurrentLinkedQueue<>();
  private final Callbacks callbacks = new Callbacks(LOG);
  private final AtomicLong gapIntervals = new AtomicLong();
  private final AtomicLong ticks = new AtomicLong();
  private final AtomicLong timeSourceFailures = new AtomicLong();
  private volatile long lastBoundary;
  /**
   * {@link #lastBoundary} for the rings of the recorders ticked here: those skipped at a quiet
   * boundary take their boundary from it (Rings, "Coasting"); written after every recorder closed it.
   */
  private final Rings.Clock clock;
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
    this.clock = new Rings.Clock(lastBoundary, tickLock);
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
    return claim(slo, false, 0, false).recorder;
  }

  /**
   * Get-or-create: the recorder of {@code slo} when the same definition is already registered
   * (equal field by field, not only the same object), else a new one as {@link
   * #register(SloDefinition)}. For a binder that follows definitions it did not create.
   *
   * @throws IllegalArgumentException when the id is registered with another definition, or as a
   *     grouped SLO
   * @throws IllegalStateException when the registry is closed
   */
  public SloRecorder registerIfAbsent(SloDefinition slo) {
    return claim(slo, false, 0, true).recorder;
  }

  /**
   * Starts tracking {@code slo} per group key (endpoint, tenant), with at most {@code maxGroups}
   * groups; keys beyond the cap share one overflow group.
   *
   * @throws IllegalArgumentException when an SLO with the same id is already registered, {@code
   *     maxGroups} is not between 1 and 10,000, or a timeslice length is not a multiple of the base
   *     interval
   * @throws IllegalStateException when the registry is closed
   */
  public GroupedSloRecorder registerGrouped(SloDefinition slo, int maxGroups) {
    return claim(slo, true, maxGroups, false).grouped;
  }

  /**
   * Get-or-create for a grouped SLO: the grouped recorder of {@code slo} when the same definition is
   * already registered grouped with the same cap, else a new one as {@link
   * #registerGrouped(SloDefinition, int)}.
   *
   * @throws IllegalArgumentException when the id is registered with another definition, as a plain
   *     SLO, or with another cap
   * @throws IllegalStateException when the registry is closed
   */
  public GroupedSloRecorder registerGroupedIfAbsent(SloDefinition slo, int maxGroups) {
    return claim(slo, true, maxGroups, true).grouped;
  }

  /**
   * Registers {@code slo}, plain or grouped; with {@code reuse}, returns the entry already
   * registered under its id when it is the same definition, registered the same way.
   */
  private Entry claim(SloDefinition slo, boolean grouped, int maxGroups, boolean reuse) {
    Require.nonNull("slo", slo);
    if (grouped) {
      checkMaxGroups(maxGroups);
    }
    Entry e;
    tickLock.lock();
    try {
      checkOpen();
      e = entries.get(slo.id());
      if (e != null) {
        if (!reuse) {
          throw Require.invalid("slo id", "'" + slo.id() + "'", "an id not yet registered in this registry");
        }
        checkSame(slo, e, grouped, maxGroups);
        return e;
      }
      e = grouped ? addGrouped(slo, maxGroups) : add(slo);
    } finally {
      tickLock.unlock();
    }
    dispatch(false);
    return e;
  }

  private static void checkMaxGroups(int maxGroups) {
    if (maxGroups < 1 || maxGroups > GroupedSloRecorder.MAX_GROUPS) {
      throw Require.invalid("maxGroups", maxGroups, "1 <= maxGroups <= " + GroupedSloRecorder.MAX_GROUPS);
    }
  }

  /** Under tickLock: refuses to reuse {@code e} unless it is {@code slo}, registered the same way. */
  private static void checkSame(SloDefinition slo, Entry e, boolean grouped, int maxGroups) {
    if (!sameDefinition(slo, e.slo)) {
      throw Require.invalid(
          "slo",
          "'" + slo.id() + "' with another definition (" + slo + ")",
          "the definition registered under that id (" + e.slo + ")");
    }
    if (grouped != (e.grouped != null)) {
      String[] ways = {"register()", "registerGrouped()"};
      throw Require.invalid(
          "slo",
          "'" + slo.id() + "'",
          "an SLO registered with " + ways[grouped ? 1 : 0] + ", not " + ways[grouped ? 0 : 1]);
    }
    if (grouped && e.grouped.maxGroups() != maxGroups) {
      throw Require.invalid("maxGroups", maxGroups, e.grouped.maxGroups() + ", as registered");
    }
  }

  /** Whether two definitions are equal field by field ({@link SloDefinition} has no equals). */
  static boolean sameDefinition(SloDefinition a, SloDefinition b) {
    return a == b
        || a.id().equals(b.id())
            && a.service().equals(b.service())
            && Objects.equals(a.description(), b.description())
            && a.sli().equals(b.sli())
            && a.targets().equals(b.targets())
            && a.period().equals(b.period())
            && a.budgeting().equals(b.budgeting())
            && a.owner().equals(b.owner())
            && a.runbook().equals(b.runbook())
            && a.links().equals(b.links());
  }

  /** Under tickLock: a new recorder, ticked, its event queued. */
  private Entry add(SloDefinition slo) {
    SloRecorder recorder = new SloRecorder(slo, null, baseMillis, lastBoundary);
    Entry e = new Entry(slo, recorder, null);
    recorder.attach(clock);
    recorders.add(recorder);
    ticking = recorders.toArray(ticking);
    entries.put(slo.id(), e);
    enqueue(new RegistryEvent.Registered(recorder));
    startTicker();
    return e;
  }

  /** Under tickLock. */
  private Entry addGrouped(SloDefinition slo, int maxGroups) {
    // a group is created on a recording thread, where nothing may throw: validate the definition
    // against the base interval now, with a recorder that is dropped at once
    SloRecorder probe = new SloRecorder(slo, GroupedSloRecorder.OVERFLOW_KEY, baseMillis, lastBoundary);
    GroupedSloRecorder grouped = new GroupedSloRecorder(this, slo, maxGroups, probe.shape());
    Entry e = new Entry(slo, null, grouped);
    entries.put(slo.id(), e);
    enqueue(new RegistryEvent.GroupedRegistered(grouped));
    return e;
  }

  /**
   * Creates a group's recorder. It is ticked while {@code grouped} is registered here and the
   * registry is not closed; its {@link RegistryEvent.GroupCreated} is delivered at the next tick
   * (or registration), never on this thread, which may be a recording one.
   */
  SloRecorder newGroup(GroupedSloRecorder grouped, String groupKey) {
    tickLock.lock();
    try {
      SloRecorder recorder = new SloRecorder(grouped.shape(), groupKey, lastBoundary);
      Entry e = entries.get(grouped.definition().id());
      if (e != null && e.grouped == grouped) {
        recorder.attach(clock);
        recorders.add(recorder);
        ticking = recorders.toArray(ticking);
        e.groups.add(recorder);
        enqueue(new RegistryEvent.GroupCreated(grouped, recorder));
        startTicker();
      }
      return recorder;
    } finally {
      tickLock.unlock();
    }
  }

  /**
   * Stops tracking the SLO {@code id} (plain or grouped): its recorders are no longer ticked and
   * stay readable as of their last boundary, the id is free again, and listeners hear {@link
   * RegistryEvent.Unregistered}. A grouped recorder still held by a caller keeps answering {@code
   * group(key)}, but groups it creates are never ticked. Works on a closed registry too.
   *
   * @return whether an SLO with that id was registered
   */
  public boolean unregister(String id) {
    Require.nonNull("id", id);
    tickLock.lock();
    try {
      Entry e = entries.remove(id);
      if (e == null) {
        return false;
      }
      List<SloRecorder> stopped = e.recorder != null ? List.of(e.recorder) : List.copyOf(e.groups);
      recorders.removeAll(stopped);
      ticking = recorders.toArray(new SloRecorder[0]);
      for (SloRecorder r : stopped) {
        r.attach(null); // no longer ticked: its boundary stays where the clock took it
      }
      enqueue(new RegistryEvent.Unregistered(e.slo, stopped));
    } finally {
      tickLock.unlock();
    }
    dispatch(false);
    return true;
  }

  /** The recorder of the SLO {@code id} registered with {@link #register(SloDefinition)}, if any. */
  public Optional<SloRecorder> find(String id) {
    Require.nonNull("id", id);
    tickLock.lock();
    try {
      Entry e = entries.get(id);
      return Optional.ofNullable(e == null ? null : e.recorder);
    } finally {
      tickLock.unlock();
    }
  }

  /** The grouped recorder of the SLO {@code id} registered with {@code registerGrouped}, if any. */
  public Optional<GroupedSloRecorder> findGrouped(String id) {
    Require.nonNull("id", id);
    tickLock.lock();
    try {
      Entry e = entries.get(id);
      return Optional.ofNullable(e == null ? null : e.grouped);
    } finally {
      tickLock.unlock();
    }
  }

  /** The ids of the SLOs registered, plain and grouped, in registration order. */
  public List<String> ids() {
    tickLock.lock();
    try {
      return List.copyOf(entries.keySet());
    } finally {
      tickLock.unlock();
    }
  }

  /** Under tickLock: queues {@code event} for the registry listeners there are now. */
  private void enqueue(RegistryEvent event) {
    RegistryListener[] to = registryListeners;
    if (to.length > 0) {
      events.add(new Pending(event, to));
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("registry is closed");
    }
  }

  /**
   * Adds a listener called after every tick that closed at least one boundary; closing the handle
   * removes it (a call in progress completes, no later one starts).
   *
   * @see TickListener
   */
  public Subscription addTickListener(TickListener listener) {
    TickListener l = Require.nonNull("listener", listener);
    TickHandle handle = new TickHandle(l);
    listeners.add(handle);
    return handle;
  }

  /**
   * Adds a listener of {@link RegistryEvent}s. It first hears the SLOs registered now, as if they
   * were registered again (a {@link RegistryEvent.Registered} or {@link
   * RegistryEvent.GroupedRegistered} each, the latter followed by a {@link
   * RegistryEvent.GroupCreated} per group), then every later event: no event is missed or told
   * twice. The catch-up is delivered before this returns unless another thread is delivering this
   * registry's notifications (then that thread delivers it). Closing the handle removes it.
   *
   * @see RegistryListener
   */
  public Subscription addListener(RegistryListener listener) {
    RegistryListener l = Require.nonNull("listener", listener);
    Subscription handle;
    tickLock.lock();
    try {
      handle = addListenerLocked(l);
    } finally {
      tickLock.unlock();
    }
    dispatch(false);
    return handle;
  }

  /** Under tickLock: queues the catch-up for {@code l} and adds it. */
  private Subscription addListenerLocked(RegistryListener l) {
    {
      List<RegistryEvent> now = new ArrayList<>();
      for (Entry e : entries.values()) {
        if (e.recorder != null) {
          now.add(new RegistryEvent.Registered(e.recorder));
        } else {
          now.add(new RegistryEvent.GroupedRegistered(e.grouped));
          for (SloRecorder g : e.groups) {
            now.add(new RegistryEvent.GroupCreated(e.grouped, g));
          }
        }
      }
      RegistryListener[] only = {l};
      for (RegistryEvent e : now) {
        events.add(new Pending(e, only));
      }
      RegistryListener[] old = registryListeners;
      RegistryListener[] updated = Arrays.copyOf(old, old.length + 1);
      updated[old.length] = l;
      registryListeners = updated;
    }
    return () -> removeListener(l);
  }

  private void removeListener(RegistryListener l) {
    tickLock.lock();
    try {
      RegistryListener[] old = registryListeners;
      List<RegistryListener> kept = new ArrayList<>(Arrays.asList(old));
      kept.remove(l);
      registryListeners = kept.toArray(new RegistryListener[0]);
    } finally {
      tickLock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Built on {@link #addListener(RegistryListener)} and {@link #addTickListener(TickListener)},
   * delivered by the same thread in one order: a grouped SLO's groups are told as they are
   * created, an unregistered SLO's recorders as removed.
   */
  @Override
  public Subscription subscribe(Subscriber subscriber) {
    Require.nonNull("subscriber", subscriber);
    Subscription ticks;
    Subscription changes;
    // both are added under the tick lock, so no boundary and no event falls between them
    tickLock.lock();
    try {
      changes =
          addListenerLocked(
              e -> {
                if (e instanceof RegistryEvent.Registered) {
                  subscriber.readerAdded(((RegistryEvent.Registered) e).recorder());
                } else if (e instanceof RegistryEvent.GroupCreated) {
                  subscriber.readerAdded(((RegistryEvent.GroupCreated) e).group());
                } else if (e instanceof RegistryEvent.Unregistered) {
                  for (SloRecorder r : ((RegistryEvent.Unregistered) e).recorders()) {
                    subscriber.readerRemoved(r);
                  }
                }
              });
      ticks = addTickListener(subscriber::tick);
    } finally {
      tickLock.unlock();
    }
    dispatch(false);
    return () -> {
      ticks.close();
      changes.close();
    };
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
    if (now >= -MAX_WALL_MILLIS && now <= MAX_WALL_MILLIS && boundaryAtOrBefore(now) == lastBoundary) {
      // nothing to close (the locked path would return false too): a second caller, e.g. a manual
      // tick() while the ticker closes the same boundary, neither waits for the lock nor takes it
      return false;
    }
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
      // in chunks: first load what the chunk's recorders will touch, with plain reads that the CPU
      // overlaps, then close their boundary from the cache; closing takes locks, whose fences would
      // otherwise wait for each recorder's cache misses one after the other (issue 10). The
      // recorders change only under the tick lock.
      SloRecorder[] ts = ticking;
      for (int from = 0; from < ts.length; from += WARM_CHUNK) {
        int to = Math.min(ts.length, from + WARM_CHUNK);
        long loaded = 0;
        for (int i = from; i < to; i++) {
          loaded += ts[i].warmUp(a);
        }
        warmSink = loaded;
        for (int i = from; i < to; i++) {
          SloRecorder t = ts[i];
          try {
            if (missed != 0 || !t.coast(a)) {
              t.advance(a);
            }
            t.reportEdge(LOG);
            t.reportFilterFailures(callbacks);
          } catch (RuntimeException e) {
            LOG.error("slo4j: closing boundary {} of {} failed", Callbacks.iso(a), t.label(), e);
          }
        }
      }
      lastBoundary = a;
      clock.boundary = a; // after every recorder closed a or was skipped as quiet at it
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
   * Delivers the queued registry events, then the newest closed boundary to the tick listeners,
   * until neither is left, unless another thread is doing so (it then delivers these too: after
   * letting go of the role it checks again, so nothing queued meanwhile is left undelivered) or this
   * thread is already inside a listener.
   */
  private void dispatch(boolean fromTicker) {
    if (dispatchLock.isHeldByCurrentThread()) {
      return; // a listener called tick() or register(): the loop below delivers what it queued
    }
    do {
      if (!dispatchLock.tryLock()) {
        return;
      }
      try {
        while (true) {
          if (fromTicker && closed) {
            return;
          }
          Pending p = events.poll();
          if (p != null) {
            deliver(p);
            continue;
          }
          long b = lastBoundary;
          if (b <= lastDispatched) {
            break;
          }
          lastDispatched = b;
          if (listeners.isEmpty()) {
            continue; // no iterator to allocate (issue 10)
          }
          for (TickHandle h : listeners) {
            if (fromTicker && closed) {
              return;
            }
            if (h.closed) {
              continue;
            }
            try {
              h.listener.onTick(b);
            } catch (Throwable e) {
              callbacks.failed(subject(), "tick listener", h.listener, b, e);
            }
          }
        }
      } finally {
        dispatchLock.unlock();
      }
    } while ((!events.isEmpty() || lastBoundary > lastDispatched) && !(fromTicker && closed));
  }

  /** Tells one event to the listeners it was queued for that are still added, each guarded. */
  private void deliver(Pending p) {
    RegistryListener[] current = registryListeners;
    for (RegistryListener l : p.to) {
      if (!contains(current, l)) {
        continue; // removed since
      }
      try {
        l.onEvent(p.event);
      } catch (Throwable e) {
        callbacks.failed("SLO " + p.event.definition().id(), "registry listener", l, lastBoundary, e);
      }
    }
  }

  private static boolean contains(RegistryListener[] ls, RegistryListener l) {
    for (RegistryListener x : ls) {
      if (x == l) {
        return true;
      }
    }
    return false;
  }

  /** {@code SLOs a, b, c} for the log of a tick listener's failure. */
  private String subject() {
    List<String> sorted = new ArrayList<>(ids());
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
          new ScheduledThreadPoolExecutor(2, new TickerThreads());
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
      scheduled = ex.schedule(new ScheduledTick(), delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.error("slo4j: the executor refused the next tick (was it shut down?); no boundary closes any more", e);
    }
  }

  /**
   * The ticker's daemon threads. This and {@link ScheduledTick} are classes, not lambdas, because
   * they are made on the way to the first record, where the first lambda of a JVM costs
   * milliseconds of bootstrap (issue 10).
   */
  private static final class TickerThreads implements ThreadFactory {
    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "slo4j-ticker");
      t.setDaemon(true);
      return t;
    }
  }

  /** One scheduled tick (see {@link TickerThreads}). */
  private final class ScheduledTick implements Runnable {
    @Override
    public void run() {
      scheduledTick();
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

  /** The recorders ticked now, grouped ones included, in registration order. */
  public List<SloRecorder> recorders() {
    return Collections.unmodifiableList(new ArrayList<>(recorders));
  }

  /** {@link #recorders()}, as the readers of this {@link WindowSource}. */
  @Override
  public List<WindowReader> readers() {
    return List.copyOf(recorders);
  }

  /** The base interval. */
  @Override
  public Duration baseInterval() {
    return Duration.ofMillis(baseMillis);
  }

  /** The time source. */
  @Override
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

  /**
   * Times a tick listener or a registry listener threw (anything but an {@link
   * OutOfMemoryError}-like VM error).
   */
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

  /** One registered SLO: a recorder, or a grouped recorder and its groups (under tickLock). */
  private static final class Entry {
    final SloDefinition slo;
    final SloRecorder recorder;
    final GroupedSloRecorder grouped;
    final List<SloRecorder> groups = new ArrayList<>();

    Entry(SloDefinition slo, SloRecorder recorder, GroupedSloRecorder grouped) {
      this.slo = slo;
      this.recorder = recorder;
      this.grouped = grouped;
    }
  }

  /** An event and the listeners it is for (those added when it happened, or the one catching up). */
  private static final class Pending {
    final RegistryEvent event;
    final RegistryListener[] to;

    Pending(RegistryEvent event, RegistryListener[] to) {
      this.event = event;
      this.to = to;
    }
  }

  /** A tick listener as added, and the handle that removes it. */
  private final class TickHandle implements Subscription {
    final TickListener listener;
    volatile boolean closed;

    TickHandle(TickListener listener) {
      this.listener = listener;
    }

    @Override
    public void close() {
      closed = true;
      listeners.remove(this);
    }

    @Override
    public String toString() {
      return String.valueOf(listener);
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
