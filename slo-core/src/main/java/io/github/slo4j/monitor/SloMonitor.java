package io.github.slo4j.monitor;

import io.github.slo4j.ChangeLog;
import io.github.slo4j.ChangeMarker;
import io.github.slo4j.ErrorBudget;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowReader;
import io.github.slo4j.internal.Callbacks;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.LazyLogger;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Watches one SLO: evaluates its {@link AlertRules} and its {@link BudgetPolicy} at every tick,
 * tells {@link AlertListener}s and {@link DecisionListener}s what changed, answers the release
 * gate, and reports the SLO's own health. It reads counts only through a {@link WindowReader} — a
 * recorder, or replay's exact store — and is driven by an explicit {@link #evaluate(long)} at each
 * closed interval.
 *
 * <p>In a service, do not build one per SLO: attach a {@link RegistryMonitor} to the registry, which
 * keeps one {@code SloMonitor} per recorder and per group and evaluates them at every tick; read
 * each one's state from it. This builder is for replay and tests, driven by hand:
 *
 * <pre>{@code
 * SloMonitor monitor = SloMonitor.builder(slo)
 *     .rules(AlertRules.defaults(slo))
 *     .policy(policy)
 *     .listener(transition -> { if (transition.notifies()) pager.send(transition.alert()); })
 *     .decisionListener(decision -> audit.record(decision))
 *     .build(reader);                                   // any WindowReader of the SLO
 * monitor.evaluate(reader.asOfMillis());                 // after each closed interval
 * }</pre>
 *
 * <p><b>Time.</b> The monitor has no clock of its own: an evaluation is as of the boundary it is
 * given, and an {@linkplain #overrideFreeze override} is stamped with the reader's last closed
 * boundary ({@link WindowReader#asOfMillis()}), or, in a {@link RegistryMonitor}, with the
 * registry's time source.
 *
 * <p><b>Thread-safe.</b> The state is guarded by the monitor's lock; an evaluation is a few dozen
 * O(1) window reads per tick, so contention is negligible. Listeners are called after the lock is
 * released: the transitions and decisions of an evaluation are queued under the lock and then
 * delivered in order, one delivery at a time (a thread that finds another delivering leaves its
 * events to that thread), so a blocked listener never blocks {@link #mayShip}, {@link #health()}
 * or {@link #activeAlerts()}. Listeners may call back into the monitor. A listener that throws is
 * logged and counted and stops nothing.
 */
public final class SloMonitor {
  private static final Logger LOG = LazyLogger.of(SloMonitor.class);

  private final WindowReader reader;
  private final SloDefinition slo;
  private final AlertRules rules;
  private final BudgetPolicy policy;
  private final ChangeLog changes;
  private final LongSupplier now;
  private final List<AlertListener> listeners;
  private final List<DecisionListener> decisionListeners;
  private final AlertEngine alerts;
  private final PolicyEngine policyEngine;
  private final Duration burnWindow;
  private final Callbacks callbacks;
  /** Transitions and decisions not yet delivered, oldest first; guarded by {@code this}. */
  private final ArrayDeque<Object> pending = new ArrayDeque<>();
  /** Held by the thread delivering to the listeners; taken with tryLock only. */
  private final ReentrantLock delivery = new ReentrantLock();
  private long lastBoundary = Long.MIN_VALUE;
  /**
   * The evaluation's working state, reused (guarded by {@code this}): an evaluation that changes
   * nothing allocates nothing. The budgets and the {@link #burnWindow} counts of the last
   * evaluation become values only when {@link #health()} or a payload asks.
   */
  private final PeriodBudgets budgets;
  /**
   * Per target, the {@link #burnWindow} counts of the last evaluation: for a target with a tier of
   * that long window, the alert engine's own array of that window (read once per evaluation, not
   * twice); else the monitor's, read by the monitor.
   */
  private final long[][] burnCounts;
  /** Per target, whether the monitor reads {@link #burnCounts} itself (no tier has the window). */
  private final boolean[] readsBurnWindow;
  private final Target[] targets;
  private final long burnWindowMillis;
  private final List<AlertTransition> transitionScratch = new ArrayList<>();
  private final List<PolicyDecision> decisionScratch = new ArrayList<>();

  private SloMonitor(Builder b, WindowReader reader, AlertRules rules) {
    this.reader = reader;
    this.slo = reader.definition();
    this.rules = rules;
    this.policy = b.policy;
    this.changes = b.changes != null ? b.changes : ChangeLog.create();
    this.now = b.now != null ? b.now : reader::asOfMillis;
    this.callbacks = b.callbacks != null ? b.callbacks : new Callbacks(LOG);
    this.listeners = List.copyOf(b.listeners);
    this.decisionListeners = List.copyOf(b.decisionListeners);
    this.alerts = new AlertEngine(rules, reader, changes);
    this.policyEngine = policy == null ? null : new PolicyEngine(policy, reader, rules.minEvents());
    Duration shortest = null;
    for (Target t : slo.targets()) {
      for (AlertTier tier : rules.tiers(t)) {
        if (shortest == null || tier.longWindow().compareTo(shortest) < 0) {
          shortest = tier.longWindow();
        }
      }
    }
    this.burnWindow = shortest;
    this.burnWindowMillis = shortest.toMillis();
    this.budgets = new PeriodBudgets(reader);
    this.targets = slo.targets().toArray(new Target[0]);
    this.burnCounts = new long[targets.length][];
    this.readsBurnWindow = new boolean[targets.length];
    for (int t = 0; t < targets.length; t++) {
      burnCounts[t] = alerts.longWindowCounts(t, burnWindowMillis);
      if (burnCounts[t] == null) {
        burnCounts[t] = new long[3];
        readsBurnWindow[t] = true;
      }
    }
  }

  /**
   * A builder for a monitor of {@code slo}, built over a reader of its counts with {@link
   * Builder#build(WindowReader)}: the settings can be made before the reader exists (replay makes
   * its store once it knows the rules' interval).
   */
  public static Builder builder(SloDefinition slo) {
    return new Builder(Require.nonNull("slo", slo));
  }

  /** The SLO watched. */
  public SloDefinition definition() {
    return slo;
  }

  /** The group key, when the reader is one group of a grouped SLO. */
  public Optional<String> groupKey() {
    return reader.groupKey();
  }

  /** The alert rules. */
  public AlertRules rules() {
    return rules;
  }

  /** The error-budget policy, if any. */
  public Optional<BudgetPolicy> policy() {
    return Optional.ofNullable(policy);
  }

  /** The change log alerts list changes from. */
  public ChangeLog changes() {
    return changes;
  }

  /**
   * Evaluates the alert rules and the policy as of the interval that closed at {@code
   * boundaryMillis} (the reader's counts end at {@link WindowReader#asOfMillis()}), tells the
   * listeners, and returns what changed. A boundary at or before the last one evaluated is ignored
   * (an empty result): a caught-up or repeated tick cannot reorder history.
   */
  public Evaluation evaluate(long boundaryMillis) {
    Evaluation e = evaluateLocked(boundaryMillis);
    deliver();
    return e;
  }

  /**
   * {@link #evaluate(long)} in the form that fills the caller's collections: adds the transitions
   * and the decisions of the evaluation to {@code transitions} and {@code decisions} (in the order
   * {@link Evaluation} lists them), tells the listeners, and returns whether anything changed. An
   * evaluation that changes nothing allocates nothing, so a replay or a backtest of a year costs no
   * garbage (with a reader whose {@link WindowReader#window(io.github.slo4j.Target, long, long[])}
   * allocates nothing, as replay's store).
   *
   * @param boundaryMillis the boundary of the interval that closed
   * @param transitions receives the alert transitions
   * @param decisions receives the policy decisions
   * @return whether there was a transition or a decision
   */
  public boolean evaluate(
      long boundaryMillis, Collection<? super AlertTransition> transitions, Collection<? super PolicyDecision> decisions) {
    Require.nonNull("transitions", transitions);
    Require.nonNull("decisions", decisions);
    boolean changed;
    boolean queued;
    synchronized (this) {
      advanceLocked(boundaryMillis);
      for (int i = 0; i < transitionScratch.size(); i++) {
        transitions.add(transitionScratch.get(i));
      }
      for (int i = 0; i < decisionScratch.size(); i++) {
        decisions.add(decisionScratch.get(i));
      }
      changed = !transitionScratch.isEmpty() || !decisionScratch.isEmpty();
      queued = !pending.isEmpty();
    }
    if (queued) {
      // with nothing queued there is nothing to deliver: skip the delivery lock
      deliver();
    }
    return changed;
  }

  /** Evaluates without delivering: the transitions and decisions wait for {@link #deliver()}. */
  synchronized Evaluation evaluateLocked(long boundaryMillis) {
    advanceLocked(boundaryMillis);
    return new Evaluation(
        Instant.ofEpochMilli(boundaryMillis),
        transitionScratch.isEmpty() ? List.of() : transitionScratch,
        decisionScratch.isEmpty() ? List.of() : decisionScratch);
  }

  /**
   * Evaluates without delivering and without a result: the transitions and decisions are queued
   * for {@link #deliver()} and left in the scratch lists until the next evaluation. Allocates
   * nothing when nothing changes.
   */
  synchronized void advanceLocked(long boundaryMillis) {
    transitionScratch.clear();
    decisionScratch.clear();
    if (boundaryMillis <= lastBoundary) {
      LOG.debug("SLO {}: boundary {} ignored: not after the last evaluated ({})", label(),
          Instant.ofEpochMilli(boundaryMillis), Instant.ofEpochMilli(lastBoundary));
      return;
    }
    lastBoundary = boundaryMillis;
    budgets.read(reader.asOfMillis());
    for (int t = 0; t < targets.length; t++) { // by index: an iterator would be garbage
      if (readsBurnWindow[t]) {
        reader.window(targets[t], burnWindowMillis, burnCounts[t]);
      }
    }
    // reads every tier's windows, the burn window's of the targets that have it among them
    alerts.evaluate(boundaryMillis, budgets, transitionScratch);
    if (policyEngine != null) {
      policyEngine.evaluate(boundaryMillis, budgets, alerts.touched(), alerts.touchedCount(), decisionScratch);
    }
    for (int i = 0; i < transitionScratch.size(); i++) {
      pending.add(transitionScratch.get(i));
    }
    for (int i = 0; i < decisionScratch.size(); i++) {
      pending.add(decisionScratch.get(i));
    }
  }

  /**
   * Delivers the queued transitions and decisions, in order, unless another thread is doing so (it
   * then delivers these too: after letting go of the role it checks again) or this thread is
   * already inside a listener (the loop below delivers what the listener queued).
   */
  void deliver() {
    if (delivery.isHeldByCurrentThread()) {
      return;
    }
    do {
      if (!delivery.tryLock()) {
        return;
      }
      try {
        Object next;
        while ((next = poll()) != null) {
          if (next instanceof AlertTransition) {
            AlertTransition t = (AlertTransition) next;
            log(t);
            for (AlertListener l : listeners) {
              try {
                l.onTransition(t);
              } catch (Throwable e) {
                callbacks.failed(subject(), "alert listener", l, t.at().toEpochMilli(), e);
              }
            }
          } else {
            PolicyDecision d = (PolicyDecision) next;
            LOG.info("SLO {}: policy decision: {}", label(), d);
            for (DecisionListener l : decisionListeners) {
              try {
                l.onDecision(d);
              } catch (Throwable e) {
                callbacks.failed(subject(), "decision listener", l, d.at().toEpochMilli(), e);
              }
            }
          }
        }
      } finally {
        delivery.unlock();
      }
    } while (hasPending());
  }

  private synchronized Object poll() {
    return pending.poll();
  }

  private synchronized boolean hasPending() {
    return !pending.isEmpty();
  }

  /** {@code checkout-availability}, or {@code checkout-availability[tenant-a]} for a group. */
  private String label() {
    return Alert.sloLabel(slo.id(), reader.groupKey());
  }

  private String subject() {
    return "SLO " + label();
  }

  private void log(AlertTransition t) {
    if (t.to() == AlertState.FIRING) {
      LOG.warn("{} | {}", t, t.alert().summary());
    } else if (t.notifies()) {
      LOG.info("{} | {}", t, t.alert().summary());
    } else {
      LOG.debug("{} | {}", t, t.alert().summary());
    }
  }

  /** How many times a listener has thrown, on a transition or on a decision. */
  public long listenerFailures() {
    return callbacks.failures();
  }

  /** The alerts firing or suppressed now, with their payloads as of their last transition. */
  public synchronized List<Alert> activeAlerts() {
    return alerts.active();
  }

  /** Whether a release freeze is in force. */
  public synchronized boolean frozen() {
    return policyEngine != null && policyEngine.frozen();
  }

  /**
   * The release gate: may {@code change} ship now? Blocked while a freeze is in force, unless the
   * change is a reliability or security fix ({@link ChangeMarker#critical()}).
   */
  public synchronized ReleaseDecision mayShip(ChangeMarker change) {
    Require.nonNull("change", change);
    if (policyEngine == null) {
      return new ReleaseDecision(change, true, "no error-budget policy governs SLO " + slo.id());
    }
    String by = "policy " + policy.id() + " v" + policy.version();
    if (!policyEngine.frozen()) {
      return new ReleaseDecision(change, true, "no release freeze in force for SLO " + slo.id() + " under " + by);
    }
    String freeze = "SLO " + slo.id() + " is frozen since " + policyEngine.frozenSince().orElseThrow()
        + " by " + by + " clause freeze (budget exhausted)";
    if (change.critical()) {
      return new ReleaseDecision(
          change, true, freeze + ", but " + change.category().name().toLowerCase(java.util.Locale.ROOT) + " fixes are exempt");
    }
    return new ReleaseDecision(change, false, freeze + "; only reliability or security fixes may ship");
  }

  /**
   * Lifts the freeze in force on a person's authority while the budget is still exhausted. The
   * override is recorded in the {@linkplain #enforcementHistory() enforcement history} and reported
   * by {@link #health()} as "budget exhausted with no freeze in force" until the budget recovers.
   *
   * @throws IllegalStateException when no freeze is in force
   */
  public PolicyDecision overrideFreeze(String by, String reason) {
    Require.nonNull("by", by);
    Require.nonNull("reason", reason);
    List<PolicyDecision> ds;
    synchronized (this) {
      if (policyEngine == null) {
        throw new IllegalStateException("no error-budget policy governs SLO " + slo.id() + " (expected a freeze to override)");
      }
      ds = policyEngine.override(by, reason, Instant.ofEpochMilli(now.getAsLong()));
      pending.addAll(ds);
    }
    deliver();
    return ds.get(0);
  }

  /** Every freeze, unfreeze and override so far, oldest first. */
  public synchronized List<PolicyDecision> enforcementHistory() {
    return policyEngine == null ? List.of() : policyEngine.history();
  }

  /** The SLO's meta-signals as of the last evaluation. */
  public synchronized SloHealth health() {
    Instant at = Instant.ofEpochMilli(lastBoundary == Long.MIN_VALUE ? reader.asOfMillis() : lastBoundary);
    SloHealth.Builder health = SloHealth.builder(slo.service(), slo.id(), at, burnWindow);
    List<String> problems = new ArrayList<>();
    OptionalDouble burnNow = OptionalDouble.empty();
    if (budgets.wasRead()) {
      double maxBurn = -1;
      for (Target t : slo.targets()) {
        long[] c = burnCounts[t.index()];
        if (c[1] > 0) {
          maxBurn = Math.max(maxBurn, ErrorBudget.burnRate(t.objective(), c[0], c[1]).getAsDouble());
        }
      }
      burnNow = maxBurn < 0 ? OptionalDouble.empty() : OptionalDouble.of(maxBurn);
      for (Target t : slo.targets()) {
        PeriodBudget b = budgets.get(t.index());
        health.budget(t.name(), b);
        if (policyEngine == null && b.projectedConsumedAtLeast(java.math.BigDecimal.ONE)) {
          problems.add(PolicyEngine.exhausted(t, b) + ": no error-budget policy governs SLO " + slo.id());
        }
        if (policyEngine == null && !b.projectedConsumedAtLeast(java.math.BigDecimal.ONE)) {
          PolicyEngine.exhaustedBeforeCorrections(reader, t, b)
              .ifPresent(p -> problems.add(p + ": no error-budget policy governs SLO " + slo.id()));
        }
      }
      if (policyEngine != null) {
        problems.addAll(policyEngine.problems(budgets));
      }
    }
    Optional<Duration> sinceFreeze =
        policyEngine == null ? Optional.empty() : policyEngine.lastFreezeAt().map(f -> Duration.between(f, at));
    return health
        .burnRate(burnNow)
        .frozen(frozen())
        .sinceLastFreeze(sinceFreeze)
        .calibration(policyEngine == null ? Optional.empty() : policyEngine.calibration())
        .activeAlerts(alerts.active().size())
        .problems(problems)
        .build();
  }

  /** {@code SloMonitor[checkout-availability]}, or {@code SloMonitor[checkout-availability[tenant-a]]}. */
  @Override
  public String toString() {
    return "SloMonitor[" + label() + "]";
  }

  /**
   * What one evaluation changed.
   *
   * @param at the evaluation boundary
   * @param transitions the alert transitions, in target then tier order, the no-data alert last
   * @param decisions the policy decisions
   */
  public record Evaluation(Instant at, List<AlertTransition> transitions, List<PolicyDecision> decisions) {
    /** Validates the components and copies the lists. */
    public Evaluation {
      Require.nonNull("at", at);
      transitions = List.copyOf(Require.nonNull("transitions", transitions));
      decisions = List.copyOf(Require.nonNull("decisions", decisions));
    }

    /** Whether nothing changed. */
    public boolean isEmpty() {
      return transitions.isEmpty() && decisions.isEmpty();
    }
  }

  /**
   * Builds a {@link SloMonitor}; the change log and the listeners are set as {@link
   * RegistryMonitor.Builder}'s are. Not thread-safe; may build several monitors.
   */
  public static final class Builder extends MonitorSettings<Builder> {
    private final SloDefinition slo;
    private AlertRules rules;
    private BudgetPolicy policy;
    private LongSupplier now;
    private Callbacks callbacks;

    private Builder(SloDefinition slo) {
      this.slo = slo;
    }

    @Override
    Builder self() {
      return this;
    }

    /** The alert rules; {@link AlertRules#defaults(SloDefinition)} when not set. */
    public Builder rules(AlertRules rules) {
      this.rules = Require.nonNull("rules", rules);
      return this;
    }

    /**
     * The rules the monitor will evaluate: those {@linkplain #rules(AlertRules) set}, or the
     * defaults. The reader's boundaries must close at their {@link AlertRules#evaluationInterval()}.
     */
    public AlertRules rules() {
      return rules != null ? rules : AlertRules.defaults(slo);
    }

    /** The error-budget policy; none by default. */
    public Builder policy(BudgetPolicy policy) {
      this.policy = Require.nonNull("policy", policy);
      return this;
    }

    /** The clock of overrides: the registry's, for a {@link RegistryMonitor}. */
    Builder now(LongSupplier now) {
      this.now = now;
      return this;
    }

    /** The guard, shared by the monitors of a {@link RegistryMonitor}. */
    Builder callbacks(Callbacks callbacks) {
      this.callbacks = callbacks;
      return this;
    }

    /**
     * Validates and builds a monitor reading the SLO's counts through {@code reader}.
     *
     * @throws IllegalArgumentException when the reader or the rules are of another SLO, or a policy
     *     window is longer than the SLO's period or shorter than the evaluation interval
     */
    public SloMonitor build(WindowReader reader) {
      Require.nonNull("reader", reader);
      if (!sameSlo(reader.definition(), slo)) {
        throw Require.invalid("reader", "a reader of SLO " + reader.definition().id(), "a reader of SLO " + slo.id());
      }
      AlertRules r = rules();
      if (!sameSlo(r.definition(), slo)) {
        throw Require.invalid("rules", "rules of SLO " + r.definition().id(), "rules of the reader's SLO " + slo.id());
      }
      if (policy != null) {
        Duration period = slo.period().nominalLength();
        for (BudgetPolicy.Clause c : policy.clauses()) {
          if (c instanceof BudgetPolicy.TargetReview) {
            Optional<Duration> w = ((BudgetPolicy.TargetReview) c).window();
            if (w.isPresent()) {
              checkWindow("review window", w.get(), period, r.evaluationInterval());
            }
          } else if (c instanceof BudgetPolicy.Step) {
            BudgetPolicy.Step s = (BudgetPolicy.Step) c;
            checkWindow("window of step " + s.name(), s.window(), period, r.evaluationInterval());
            if (s.shortWindow().isPresent()) {
              checkWindow("short window of step " + s.name(), s.shortWindow().get(), period, r.evaluationInterval());
            }
          }
        }
      }
      return new SloMonitor(this, reader, r);
    }

    /** The same SLO: the same id and the same targets (a definition has no equality of its own). */
    private static boolean sameSlo(SloDefinition a, SloDefinition b) {
      return a.id().equals(b.id()) && a.targets().equals(b.targets());
    }

    private static void checkWindow(String name, Duration w, Duration period, Duration interval) {
      Require.withinPeriod(name, w, period);
      if (w.compareTo(interval) < 0) {
        throw Require.invalid(
            name, DurationFormat.format(w), ">= the evaluation interval (" + DurationFormat.format(interval) + ")");
      }
    }
  }
}
