package io.github.slo4j.monitor;

import io.github.slo4j.ChangeLog;
import io.github.slo4j.ChangeMarker;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.TimeSource;
import io.github.slo4j.WindowReader;
import io.github.slo4j.internal.Callbacks;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one SLO: evaluates its {@link AlertRules} and its {@link BudgetPolicy} at every tick,
 * tells {@link AlertListener}s what changed, answers the release gate, and reports the SLO's own
 * health. It reads counts only through a {@link WindowReader} — a recorder's recorder, or replay's
 * exact store — and is driven by an explicit {@link #evaluate(long)} at each closed interval:
 *
 * <pre>{@code
 * SloMonitor monitor = SloMonitor.builder(recorder)      // any WindowReader
 *     .rules(AlertRules.defaults(recorder.definition()))
 *     .policy(policy)
 *     .changes(changeLog)
 *     .listener(transition -> { if (transition.notifies()) pager.send(transition.alert()); })
 *     .build();
 * registry.addTickListener(monitor::evaluate);          // at every closed 10 s interval
 * }</pre>
 *
 * <p><b>Thread-safe.</b> Every method is serialized by the monitor's lock; an evaluation is a few
 * dozen O(1) window reads per tick, so contention is negligible. Listeners are called on the
 * evaluating thread, after the state is updated, while the lock is held (they may call back into
 * the monitor). A listener that throws is logged and counted and stops nothing.
 */
public final class SloMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(SloMonitor.class);

  private final WindowReader reader;
  private final SloDefinition slo;
  private final AlertRules rules;
  private final BudgetPolicy policy;
  private final ChangeLog changes;
  private final TimeSource time;
  private final List<AlertListener> listeners;
  private final AlertEngine alerts;
  private final PolicyEngine policyEngine;
  private final Duration burnWindow;
  private final Callbacks callbacks = new Callbacks(LOG);
  private long lastBoundary = Long.MIN_VALUE;
  private PeriodBudget[] budgets;
  private OptionalDouble burnNow = OptionalDouble.empty();

  private SloMonitor(Builder b, AlertRules rules) {
    this.reader = b.reader;
    this.slo = reader.definition();
    this.rules = rules;
    this.policy = b.policy;
    this.changes = b.changes != null ? b.changes : ChangeLog.create();
    this.time = b.time;
    this.listeners = List.copyOf(b.listeners);
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
  }

  /** A builder for a monitor of the SLO {@code reader} reads. */
  public static Builder builder(WindowReader reader) {
    return new Builder(Require.nonNull("reader", reader));
  }

  /** The SLO watched. */
  public SloDefinition definition() {
    return slo;
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
  public synchronized Evaluation evaluate(long boundaryMillis) {
    Instant at = Instant.ofEpochMilli(boundaryMillis);
    if (boundaryMillis <= lastBoundary) {
      LOG.debug("SLO {}: boundary {} ignored: not after the last evaluated ({})", slo.id(), at, Instant.ofEpochMilli(lastBoundary));
      return new Evaluation(at, List.of(), List.of());
    }
    lastBoundary = boundaryMillis;
    PeriodBudget[] b = new PeriodBudget[slo.targets().size()];
    double maxBurn = -1;
    for (Target t : slo.targets()) {
      b[t.index()] = PeriodBudget.read(reader, t, reader.asOfMillis());
      OptionalDouble burn = reader.window(t, burnWindow).burnRate(t.objective());
      if (burn.isPresent()) {
        maxBurn = Math.max(maxBurn, burn.getAsDouble());
      }
    }
    budgets = b;
    burnNow = maxBurn < 0 ? OptionalDouble.empty() : OptionalDouble.of(maxBurn);
    List<AlertTransition> transitions = alerts.evaluate(boundaryMillis, b);
    List<PolicyDecision> decisions =
        policyEngine == null ? List.of() : policyEngine.evaluate(boundaryMillis, b, alerts.lastEpisodes());
    for (AlertTransition t : transitions) {
      log(t);
      for (AlertListener l : listeners) {
        try {
          l.onTransition(t);
        } catch (Throwable e) {
          failed(l, t, t.at(), e);
        }
      }
    }
    for (PolicyDecision d : decisions) {
      LOG.info("SLO {}: policy decision: {}", slo.id(), d);
      dispatch(d);
    }
    return new Evaluation(at, transitions, decisions);
  }

  private void dispatch(PolicyDecision d) {
    for (AlertListener l : listeners) {
      try {
        l.onDecision(d);
      } catch (Throwable e) {
        failed(l, d, d.at(), e);
      }
    }
  }

  /** The one callback guard: counts, logs once per (listener, kind, exception class), rethrows OOM. */
  private void failed(AlertListener l, Object event, Instant at, Throwable e) {
    String kind = event instanceof PolicyDecision ? "decision listener" : "alert listener";
    callbacks.failed("SLO " + slo.id(), kind, l, at.toEpochMilli(), e);
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
  public synchronized PolicyDecision overrideFreeze(String by, String reason) {
    Require.nonNull("by", by);
    Require.nonNull("reason", reason);
    if (policyEngine == null) {
      throw new IllegalStateException("no error-budget policy governs SLO " + slo.id() + " (expected a freeze to override)");
    }
    List<PolicyDecision> ds = policyEngine.override(by, reason, Instant.ofEpochMilli(time.wallMillis()));
    for (PolicyDecision d : ds) {
      LOG.warn("SLO {}: policy decision: {}", slo.id(), d);
      dispatch(d);
    }
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
    if (budgets != null) {
      for (Target t : slo.targets()) {
        PeriodBudget b = budgets[t.index()];
        health.budget(t.name(), b);
        if (policyEngine == null && b.projectedConsumedAtLeast(java.math.BigDecimal.ONE)) {
          problems.add(PolicyEngine.exhausted(t, b) + ": no error-budget policy governs SLO " + slo.id());
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

  /** {@code SloMonitor[checkout-availability]}. */
  @Override
  public String toString() {
    return "SloMonitor[" + slo.id() + "]";
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

  /** Builds a {@link SloMonitor}. Not thread-safe. */
  public static final class Builder {
    private final WindowReader reader;
    private AlertRules rules;
    private BudgetPolicy policy;
    private ChangeLog changes;
    private TimeSource time = TimeSource.system();
    private final List<AlertListener> listeners = new ArrayList<>();

    private Builder(WindowReader reader) {
      this.reader = reader;
    }

    /** The alert rules; {@link AlertRules#defaults(SloDefinition)} when not set. */
    public Builder rules(AlertRules rules) {
      this.rules = Require.nonNull("rules", rules);
      return this;
    }

    /** The error-budget policy; none by default. */
    public Builder policy(BudgetPolicy policy) {
      this.policy = Require.nonNull("policy", policy);
      return this;
    }

    /** The change log alerts list changes from; an empty one of its own by default. */
    public Builder changes(ChangeLog changes) {
      this.changes = Require.nonNull("changes", changes);
      return this;
    }

    /** Adds a listener. */
    public Builder listener(AlertListener listener) {
      listeners.add(Require.nonNull("listener", listener));
      return this;
    }

    /** The time source for actions taken by people (overrides); the system's by default. */
    public Builder timeSource(TimeSource time) {
      this.time = Require.nonNull("timeSource", time);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException when the rules are for another SLO, or a policy window is
     *     longer than the SLO's period or shorter than the evaluation interval
     */
    public SloMonitor build() {
      SloDefinition slo = reader.definition();
      AlertRules r = rules != null ? rules : AlertRules.defaults(slo);
      if (!r.definition().id().equals(slo.id()) || !r.definition().targets().equals(slo.targets())) {
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
      return new SloMonitor(this, r);
    }

    private static void checkWindow(String name, Duration w, Duration period, Duration interval) {
      if (w.compareTo(period) > 0) {
        throw Require.invalid(name, DurationFormat.format(w), "<= the compliance period (" + DurationFormat.format(period) + ")");
      }
      if (w.compareTo(interval) < 0) {
        throw Require.invalid(
            name, DurationFormat.format(w), ">= the evaluation interval (" + DurationFormat.format(interval) + ")");
      }
    }
  }
}
