package io.github.slo4j.monitor;

import io.github.slo4j.ChangeLog;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Subscription;
import io.github.slo4j.WindowReader;
import io.github.slo4j.WindowSource;
import io.github.slo4j.internal.Callbacks;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.LazyLogger;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * One monitor for every SLO of a {@link WindowSource} (a registry): a {@link SloMonitor} per
 * reader, each group of a grouped SLO included, created as readers appear (a group created on the
 * fly while attached is monitored from the next tick), dropped as they leave (an unregistered SLO),
 * and evaluated at every tick of the source. Thread-safe.
 *
 * <pre>{@code
 * RegistryMonitor alerting = RegistryMonitor.builder()
 *     .listener(t -> { if (t.notifies()) pager.send(t.alert()); })
 *     .attach(registry);                          // every SLO and group, now and later
 * alerting.monitor("checkout-availability").orElseThrow().health();
 * alerting.close();                               // detaches: no evaluation afterwards
 * }</pre>
 *
 * <p><b>One time source.</b> The monitor has no clock and no interval of its own: it evaluates at
 * the source's ticks, each reader as of its last closed boundary, and stamps a freeze override with
 * the source's {@link WindowSource#timeSource() time source}. The rules' evaluation interval must
 * be the source's {@linkplain WindowSource#baseInterval() base interval}: the default rules ({@link
 * AlertRules#defaults} with the evaluation interval set to the base interval) are derived so, and
 * rules of the caller's with another interval are refused at {@link Builder#attach(WindowSource)}.
 *
 * <p><b>Order.</b> At each tick every SLO is evaluated first, then the listeners hear what changed,
 * SLO by SLO: a listener that blocks delays the notifications after it, never another SLO's
 * evaluation, {@link SloMonitor#mayShip} or {@link SloMonitor#health()}, nor the registry's
 * ticker, which keeps closing boundaries.
 *
 * <p><b>Failures.</b> Rules or a policy refused for an SLO registered while attached (the rules
 * function throws, the interval disagrees) cannot be thrown at anyone: they are logged once with
 * the SLO id, counted ({@link #evaluationFailures()}), and that SLO is not monitored. An evaluation
 * that throws is logged and counted the same way and stops no other SLO. Listeners are shared by
 * every SLO's monitor and guarded as {@link AlertListener} says; their failures are counted by
 * {@link #listenerFailures()}.
 */
public final class RegistryMonitor implements Subscription {
  private static final Logger LOG = LazyLogger.of(RegistryMonitor.class);

  private final Builder config;
  private final WindowSource source;
  private final Duration interval;
  private final Callbacks listenerGuard = new Callbacks(LOG);
  private final Callbacks evaluationGuard = new Callbacks(LOG);
  /** Guarded by {@code this}. */
  private final Map<WindowReader, SloMonitor> byReader = new LinkedHashMap<>();
  /** Guarded by {@code this}. */
  private final Map<Key, SloMonitor> byKey = new HashMap<>();
  /** Rules and policy per definition object (the groups of an SLO share one); guarded by {@code this}. */
  private final Map<SloDefinition, Resolved> resolved = new IdentityHashMap<>();
  /** The monitors built by attach for the readers there were, until the catch-up adds them. */
  private final Map<WindowReader, SloMonitor> prebuilt = new IdentityHashMap<>();
  private volatile boolean closed;
  private volatile Subscription subscription;

  private RegistryMonitor(Builder config, WindowSource source) {
    this.config = config;
    this.source = source;
    this.interval = source.baseInterval();
  }

  /** A builder: default rules, no policy, no listeners. */
  public static Builder builder() {
    return new Builder();
  }

  /** The monitor of the SLO {@code sloId} that is not grouped, while it is registered. */
  public synchronized Optional<SloMonitor> monitor(String sloId) {
    return Optional.ofNullable(byKey.get(new Key(Require.nonNull("sloId", sloId), null)));
  }

  /** The monitor of group {@code groupKey} of the grouped SLO {@code sloId}, once it exists. */
  public synchronized Optional<SloMonitor> monitor(String sloId, String groupKey) {
    Require.nonNull("sloId", sloId);
    Require.nonNull("groupKey", groupKey);
    return Optional.ofNullable(byKey.get(new Key(sloId, groupKey)));
  }

  /** Every monitor now, in the order their readers appeared. */
  public synchronized List<SloMonitor> monitors() {
    return List.copyOf(byReader.values());
  }

  /** The evaluation interval: the source's base interval. */
  public Duration evaluationInterval() {
    return interval;
  }

  /** How many times a listener threw, across every SLO. */
  public long listenerFailures() {
    return listenerGuard.failures();
  }

  /** How many times building an SLO's monitor or evaluating it failed (see the class comment). */
  public long evaluationFailures() {
    return evaluationGuard.failures();
  }

  /** Whether {@link #close()} was called. */
  public boolean closed() {
    return closed;
  }

  /**
   * Detaches from the source: no evaluation starts afterwards (one in progress may complete). The
   * monitors stay readable as of their last evaluation. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    Subscription s = subscription;
    if (s != null) {
      s.close();
    }
  }

  /** {@code RegistryMonitor[3 monitors, every 10s]}. */
  @Override
  public String toString() {
    int n;
    synchronized (this) {
      n = byReader.size();
    }
    return "RegistryMonitor[" + n + " monitors, every " + DurationFormat.format(interval) + "]";
  }

  /** The rules and policy of {@code slo}, resolved once per definition; throws when refused. */
  private Resolved resolve(SloDefinition slo) {
    synchronized (this) {
      Resolved r = resolved.get(slo);
      if (r != null) {
        return r;
      }
    }
    // user code: outside the lock
    AlertRules rules =
        Objects.requireNonNull(config.rules.apply(slo), () -> "rules of SLO " + slo.id() + " (the rules function returned null)");
    if (!rules.evaluationInterval().equals(interval)) {
      throw Require.invalid(
          "rules",
          "evaluation interval " + DurationFormat.format(rules.evaluationInterval()) + " of SLO " + slo.id(),
          "the source's base interval, " + DurationFormat.format(interval));
    }
    Optional<BudgetPolicy> policy =
        Objects.requireNonNull(config.policy.apply(slo), () -> "policy of SLO " + slo.id() + " (the policy function returned null)");
    Resolved r = new Resolved(rules, policy.orElse(null));
    synchronized (this) {
      Resolved earlier = resolved.putIfAbsent(slo, r);
      return earlier != null ? earlier : r;
    }
  }

  private SloMonitor build(WindowReader reader, Resolved r) {
    SloMonitor.Builder b =
        SloMonitor.builder(reader.definition())
            .rules(r.rules)
            .now(() -> source.timeSource().wallMillis())
            .callbacks(listenerGuard);
    config.copyTo(b);
    if (r.policy != null) {
      b.policy(r.policy);
    }
    return b.build(reader);
  }

  private static Key key(WindowReader reader) {
    return new Key(reader.definition().id(), reader.groupKey().orElse(null));
  }

  private final class Follower implements WindowSource.Subscriber {
    @Override
    public void readerAdded(WindowReader reader) {
      if (closed) {
        return;
      }
      synchronized (RegistryMonitor.this) {
        if (byReader.containsKey(reader)) {
          return;
        }
      }
      SloMonitor m;
      synchronized (RegistryMonitor.this) {
        m = prebuilt.remove(reader);
      }
      try {
        if (m == null) {
          m = build(reader, resolve(reader.definition()));
        }
      } catch (RuntimeException e) {
        evaluationGuard.failed("SLO " + key(reader), "monitor of a new reader", reader, reader.asOfMillis(), e);
        return;
      }
      synchronized (RegistryMonitor.this) {
        if (byReader.putIfAbsent(reader, m) == null) {
          byKey.put(key(reader), m);
        }
      }
    }

    @Override
    public void readerRemoved(WindowReader reader) {
      synchronized (RegistryMonitor.this) {
        SloMonitor m = byReader.remove(reader);
        if (m == null) {
          return;
        }
        byKey.remove(key(reader), m);
        SloDefinition d = reader.definition();
        boolean used = false;
        for (WindowReader r : byReader.keySet()) {
          used |= r.definition() == d;
        }
        if (!used) {
          resolved.remove(d);
        }
      }
    }

    @Override
    public void tick(long boundaryMillis) {
      List<SloMonitor> all;
      synchronized (RegistryMonitor.this) {
        all = new ArrayList<>(byReader.values());
      }
      // every SLO is evaluated before any listener runs: a blocked listener delays notifications,
      // never another SLO's state
      List<SloMonitor> evaluated = new ArrayList<>(all.size());
      for (SloMonitor m : all) {
        if (closed) {
          break;
        }
        try {
          m.advanceLocked(boundaryMillis);
          evaluated.add(m);
        } catch (Throwable e) {
          Key k = new Key(m.definition().id(), m.groupKey().orElse(null));
          evaluationGuard.failed("SLO " + k, "evaluation", m, boundaryMillis, e);
        }
      }
      for (SloMonitor m : evaluated) {
        m.deliver();
      }
    }
  }

  /** An SLO id and, for a group, its key. */
  private record Key(String id, String group) {
    @Override
    public String toString() {
      return group == null ? id : id + "[" + group + "]";
    }
  }

  private static final class Resolved {
    final AlertRules rules;
    final BudgetPolicy policy;

    Resolved(AlertRules rules, BudgetPolicy policy) {
      this.rules = rules;
      this.policy = policy;
    }
  }

  /**
   * Builds and attaches a {@link RegistryMonitor}; the change log and the listeners are set as
   * {@link SloMonitor.Builder}'s are, and shared by every SLO's monitor. Not thread-safe; attach
   * once.
   */
  public static final class Builder extends MonitorSettings<Builder> {
    private Function<SloDefinition, AlertRules> rules;
    private Function<SloDefinition, Optional<BudgetPolicy>> policy = slo -> Optional.empty();

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * The rules of each SLO, called once per SLO (the groups of a grouped SLO share them). By
     * default {@link AlertRules#builder(SloDefinition)} with the evaluation interval set to the
     * source's base interval. Rules whose {@link AlertRules#evaluationInterval()} is not the base
     * interval are refused.
     */
    public Builder rules(Function<SloDefinition, AlertRules> rules) {
      this.rules = Require.nonNull("rules", rules);
      return this;
    }

    /** The error-budget policy of each SLO, if it has one; none by default. */
    public Builder policy(Function<SloDefinition, Optional<BudgetPolicy>> policy) {
      this.policy = Require.nonNull("policy", policy);
      return this;
    }

    /**
     * Attaches to {@code source}: builds a monitor for each of its readers and follows it from now
     * on. The returned monitor is the handle: {@link RegistryMonitor#close()} detaches it. The
     * monitors of the existing readers exist when this returns, unless another thread is delivering
     * the source's notifications at that moment (then they appear as soon as it hands over).
     *
     * @throws IllegalArgumentException when the rules or the policy of an SLO the source holds are
     *     refused (rules whose evaluation interval is not the source's base interval included)
     */
    public RegistryMonitor attach(WindowSource source) {
      Require.nonNull("source", source);
      Duration base = source.baseInterval();
      Builder copy = new Builder();
      copy.rules = rules != null ? rules : slo -> AlertRules.builder(slo).evaluationInterval(base).build();
      copy.policy = policy;
      copyTo(copy);
      if (copy.changes == null) {
        copy.changes = ChangeLog.create(); // one for every SLO's monitor
      }
      RegistryMonitor m = new RegistryMonitor(copy, source);
      // refuse now what would be refused for the SLOs there already are
      Map<WindowReader, SloMonitor> built = new IdentityHashMap<>();
      for (WindowReader r : source.readers()) {
        built.put(r, m.build(r, m.resolve(r.definition())));
      }
      synchronized (m) {
        m.prebuilt.putAll(built);
      }
      m.subscription = source.subscribe(m.new Follower());
      synchronized (m) {
        m.prebuilt.clear(); // delivered by now, or built again when the catch-up arrives
      }
      return m;
    }
  }
}
