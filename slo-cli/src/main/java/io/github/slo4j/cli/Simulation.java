package io.github.slo4j.cli;

import io.github.slo4j.ChangeLog;
import io.github.slo4j.ChangeMarker;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.BudgetPolicy;
import io.github.slo4j.monitor.PeriodBudget;
import io.github.slo4j.monitor.PolicyDecision;
import io.github.slo4j.monitor.SloMonitor;
import io.github.slo4j.replay.IntervalStore;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Replays per-interval counts through a real {@link SloMonitor} over an exact {@link IntervalStore}
 * (a manual clock: one evaluation per interval boundary, exactly as a recorder's ticker would), and
 * keeps what the command line prints and draws: transitions, decisions, incidents, and the budget
 * and burn-rate series of the first target.
 */
final class Simulation {
  /** At most this many samples per series: a chart of a year stays small. */
  static final int SAMPLES = 1000;

  private final SloDefinition slo;
  private final AlertRules rules;
  private final BudgetPolicy policy;
  private final List<ChangeMarker> changes;

  Simulation(SloDefinition slo, AlertRules rules, BudgetPolicy policy, List<ChangeMarker> changes) {
    this.slo = slo;
    this.rules = rules;
    this.policy = policy;
    this.changes = List.copyOf(changes);
  }

  /** One incident: a (target, severity) alert from firing to resolved (or still firing at the end). */
  static final class Incident {
    final String target;
    final String severity;
    final AlertTier tier;
    final Instant fired;
    Instant resolved;
    int notifications;
    final OptionalDouble budgetConsumedAtFire;
    final double longBurn;
    final double shortBurn;
    OptionalDouble episodeSpent = OptionalDouble.empty();

    Incident(AlertTransition t) {
      this.target = t.alert().target().name();
      this.severity = t.alert().severity().toString();
      this.tier = t.alert().tier().orElse(null);
      this.fired = t.at();
      this.budgetConsumedAtFire = t.alert().budgetConsumed();
      this.longBurn = t.alert().longWindow().burnRate().orElse(0);
      this.shortBurn = t.alert().shortWindow().burnRate().orElse(0);
    }

    Duration firing(Instant end) {
      return Duration.between(fired, resolved == null ? end : resolved);
    }
  }

  /** What a replay produced. */
  static final class Outcome {
    final Instant start;
    final Instant end;
    final long intervals;
    final Duration interval;
    final List<AlertTransition> transitions = new ArrayList<>();
    final List<PolicyDecision> decisions = new ArrayList<>();
    final List<Incident> incidents = new ArrayList<>();
    final List<AlertTier> tiers;
    final List<ChangeMarker> changes;
    final SloMonitor monitor;
    final PeriodBudget budgetAtEnd;
    final long[] sampleAt;
    final double[] remaining;
    final boolean[] hasRemaining;
    final double[][] burn;
    final boolean[][] hasBurn;
    final long wallNanos;
    final int samples;

    Outcome(Instant start, Instant end, long intervals, Duration interval, List<AlertTier> tiers,
        List<ChangeMarker> changes, SloMonitor monitor, PeriodBudget budgetAtEnd, long[] sampleAt,
        double[] remaining, boolean[] hasRemaining, double[][] burn, boolean[][] hasBurn, int samples,
        long wallNanos) {
      this.start = start;
      this.end = end;
      this.intervals = intervals;
      this.interval = interval;
      this.tiers = tiers;
      this.changes = changes;
      this.monitor = monitor;
      this.budgetAtEnd = budgetAtEnd;
      this.sampleAt = sampleAt;
      this.remaining = remaining;
      this.hasRemaining = hasRemaining;
      this.burn = burn;
      this.hasBurn = hasBurn;
      this.samples = samples;
      this.wallNanos = wallNanos;
    }
  }

  Outcome run(TrafficFile.Series series, PrintStream progress) {
    long iv = series.intervalMillis;
    IntervalStore store = new IntervalStore(slo, series.startMillis, Duration.ofMillis(iv));
    ChangeLog log = ChangeLog.withCapacity(Math.max(ChangeLog.DEFAULT_CAPACITY, changes.size()));
    changes.forEach(log::record);
    SloMonitor.Builder b = SloMonitor.builder(slo).rules(rules).changes(log);
    if (policy != null) {
      b.policy(policy);
    }
    SloMonitor monitor = b.build(store);
    Target first = slo.targets().get(0);
    List<AlertTier> tiers = rules.tiers(first);
    int n = series.intervals();
    int targets = slo.targets().size();
    int every = Math.max(1, (n + SAMPLES - 1) / SAMPLES);
    int slots = n / every + 1;
    long[] sampleAt = new long[slots];
    double[] remaining = new double[slots];
    boolean[] hasRemaining = new boolean[slots];
    double[][] burn = new double[tiers.size()][slots];
    boolean[][] hasBurn = new boolean[tiers.size()][slots];
    int samples = 0;
    long[] good = new long[targets];
    long[] total = new long[targets];
    Map<String, Incident> open = new LinkedHashMap<>();
    List<AlertTransition> transitions = new ArrayList<>();
    List<PolicyDecision> decisions = new ArrayList<>();
    List<Incident> incidents = new ArrayList<>();
    Progress bar = new Progress(progress, n);
    long began = System.nanoTime();
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < targets; t++) {
        good[t] = series.good[t][i];
        total[t] = series.total[t][i];
      }
      store.append(good, total);
      long boundary = series.startMillis + (i + 1) * iv;
      int before = transitions.size();
      if (monitor.evaluate(boundary, transitions, decisions)) { // the allocation-free form
        for (int k = before; k < transitions.size(); k++) {
          track(transitions.get(k), open, incidents);
        }
      }
      if ((i + 1) % every == 0 || i == n - 1) {
        sampleAt[samples] = boundary;
        OptionalDouble r = PeriodBudget.of(store, first).projectedRemaining();
        hasRemaining[samples] = r.isPresent();
        remaining[samples] = r.orElse(0);
        for (int k = 0; k < tiers.size(); k++) {
          WindowCounts w = store.window(first, tiers.get(k).longWindow());
          OptionalDouble br = w.burnRate(first.objective());
          hasBurn[k][samples] = br.isPresent();
          burn[k][samples] = br.orElse(0);
        }
        samples++;
      }
      bar.step(i + 1);
    }
    bar.done();
    long wall = System.nanoTime() - began;
    Outcome o = new Outcome(series.start(), Instant.ofEpochMilli(series.startMillis + (long) n * iv), n,
        Duration.ofMillis(iv), tiers, changes, monitor, PeriodBudget.of(store, first), sampleAt, remaining,
        hasRemaining, burn, hasBurn, samples, wall);
    o.transitions.addAll(transitions);
    o.decisions.addAll(decisions);
    o.incidents.addAll(incidents);
    return o;
  }

  private static void track(AlertTransition t, Map<String, Incident> open, List<Incident> incidents) {
    String key = t.alert().target().name() + " " + t.alert().severity() + " " + t.alert().groupKey().orElse("");
    Incident inc = open.get(key);
    if (t.to() == AlertState.FIRING && inc == null) {
      inc = new Incident(t);
      open.put(key, inc);
      incidents.add(inc);
    }
    if (inc != null && t.notifies()) {
      inc.notifications++;
    }
    if (inc != null && t.to() == AlertState.RESOLVED) {
      inc.resolved = t.at();
      inc.episodeSpent = t.alert().episodeProjectedBudgetConsumed();
      open.remove(key);
    }
  }

  /** A progress bar on stderr, shown only when a replay takes longer than a second. */
  static final class Progress {
    private final PrintStream out;
    private final long total;
    private final java.util.function.LongSupplier nanoTime;
    private final long began;
    private int shown = -1;

    Progress(PrintStream out, long total) {
      this(out, total, System::nanoTime);
    }

    Progress(PrintStream out, long total, java.util.function.LongSupplier nanoTime) {
      this.out = out;
      this.total = total;
      this.nanoTime = nanoTime;
      this.began = nanoTime.getAsLong();
    }

    /** {@code done} steps of {@code total} are done; checks the clock every 1,024 steps. */
    void step(long done) {
      if (out == null || (done & 1023) != 0 || nanoTime.getAsLong() - began < 1_000_000_000L) {
        return;
      }
      int pct = (int) (done * 100 / total);
      if (pct != shown) {
        shown = pct;
        int filled = pct / 4;
        out.print("\rreplaying [" + "#".repeat(filled) + " ".repeat(25 - filled) + "] " + pct + "%");
        out.flush();
      }
    }

    void done() {
      if (out != null && shown >= 0) {
        out.print("\rreplaying [" + "#".repeat(25) + "] 100%\n");
        out.flush();
      }
    }
  }
}
