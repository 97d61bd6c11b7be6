package io.github.slo4j.replay;

import io.github.slo4j.ChangeLog;
import io.github.slo4j.ChangeMarker;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowReader;
import io.github.slo4j.correction.BudgetCorrection;
import io.github.slo4j.correction.CorrectedReader;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import io.github.slo4j.monitor.AlertListener;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.BudgetPolicy;
import io.github.slo4j.monitor.DecisionListener;
import io.github.slo4j.monitor.PolicyDecision;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.monitor.SloMonitor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Drives an SLO, its alert rules and its budget policy through a synthetic or recorded traffic
 * profile on an exact store, one base interval at a time, and returns the timeline of
 * alert transitions and policy decisions. Use it to test alerting and policies before an incident
 * does: "does a 15 % error burst for 10 minutes page, and when does it resolve?"
 *
 * <pre>{@code
 * Replay.Result r = Replay.of(slo)
 *     .traffic(Replay.Traffic.phases()
 *         .steady(Duration.ofDays(1), 100, 0.0)           // a clean day at 100 requests/s
 *         .steady(Duration.ofMinutes(10), 100, 0.15)      // a 15 % error burst
 *         .steady(Duration.ofHours(1), 100, 0.0)
 *         .build())
 *     .run();
 * r.transitions();                                        // page fires at +5m50s, resolves at +14m40s
 * }</pre>
 *
 * <p>The interval is the rules' {@linkplain AlertRules#evaluationInterval() evaluation interval}
 * (10 s by default; set a longer one in the rules to replay long periods faster). Counts go into
 * an exact store (per-interval prefix sums: every window is exact, in whole
 * intervals) read by a real {@link SloMonitor} through {@link WindowReader}; the monitor is
 * evaluated at every interval boundary exactly as a recorder's ticker would. A simulated 30-day
 * month at a 10-second interval (259,200 evaluations) replays in a fraction of a second.
 *
 * <p>A builder is not thread-safe; each {@link Builder#run()} is independent and single-threaded.
 */
public final class Replay {
  /** The default start of a replay: 2026-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private Replay() {}

  /** A replay of {@code slo}. */
  public static Builder of(SloDefinition slo) {
    return new Builder(Require.nonNull("slo", slo));
  }

  /**
   * A traffic profile: how many events per second arrive and which fraction of them is bad, over
   * time, or a list of recorded counts. Immutable; one profile may drive many replays.
   */
  public static final class Traffic {
    private final TrafficSource source;
    private final List<Point> points;

    private Traffic(TrafficSource source, List<Point> points) {
      this.source = source;
      this.points = points;
    }

    /**
     * Endless traffic at {@code perSecond} events per second with a constant error ratio, counted in
     * closed form: 100/s at 0.001 is exactly 1 bad of 1,000 in every 10 s interval.
     */
    public static Traffic steady(double perSecond, double errorRatio) {
      return new Traffic(new TrafficSource.Steady(perSecond, errorRatio), null);
    }

    /** A builder of consecutive phases of constant rate and error ratio. */
    public static Phases phases() {
      return new Phases();
    }

    /**
     * Endless traffic whose rate (events per second) and error ratio are functions of the time
     * elapsed since the replay's start, sampled every second.
     */
    public static Traffic function(ToDoubleFunction<Duration> perSecond, ToDoubleFunction<Duration> errorRatio) {
      return function(perSecond, errorRatio, Duration.ofSeconds(1));
    }

    /**
     * As {@link #function(ToDoubleFunction, ToDoubleFunction)}, sampled every {@code step} (at
     * least 1 ms). A rate below 0 or an error ratio outside [0, 1] fails the replay with a message
     * naming the time.
     */
    public static Traffic function(
        ToDoubleFunction<Duration> perSecond, ToDoubleFunction<Duration> errorRatio, Duration step) {
      return new Traffic(new TrafficSource.Functions(perSecond, errorRatio, step), null);
    }

    /**
     * Recorded counts: each point's events are attributed to the interval that contains its time.
     * The replay starts at the interval of the earliest point unless a start is given, and ends
     * with the interval of the latest.
     */
    public static Traffic recorded(List<Point> points) {
      List<Point> copy = List.copyOf(Require.nonNull("points", points));
      if (copy.isEmpty()) {
        throw Require.invalid("points", "[]", "at least one point");
      }
      return new Traffic(null, copy);
    }

    TrafficSource source(long startMillis) {
      if (points == null) {
        return source.fresh();
      }
      List<long[]> rel = new ArrayList<>();
      for (Point p : points) {
        long t = p.at().toEpochMilli() - startMillis;
        if (t < 0) {
          throw Require.invalid("point", p, "a point at or after the replay's start (" + Instant.ofEpochMilli(startMillis) + ")");
        }
        rel.add(new long[] {t, p.good(), p.total()});
      }
      return TrafficSource.Recorded.of(rel);
    }

    long length(long startMillis) {
      if (points == null) {
        return source.lengthMillis();
      }
      long end = Long.MIN_VALUE;
      for (Point p : points) {
        end = Math.max(end, p.at().toEpochMilli() + 1);
      }
      return end - startMillis;
    }

    Instant earliest() {
      Instant e = null;
      if (points != null) {
        for (Point p : points) {
          if (e == null || p.at().isBefore(e)) {
            e = p.at();
          }
        }
      }
      return e;
    }

    /** Builds phased traffic. Not thread-safe. */
    public static final class Phases {
      private final List<Duration> lengths = new ArrayList<>();
      private final List<Double> rates = new ArrayList<>();
      private final List<Double> errors = new ArrayList<>();

      private Phases() {}

      /** A phase of {@code length} at {@code perSecond} events per second with {@code errorRatio} bad. */
      public Phases steady(Duration length, double perSecond, double errorRatio) {
        Require.positive("phase length", length);
        TrafficSource.checkRate(perSecond, errorRatio, "phase " + (lengths.size() + 1));
        lengths.add(length);
        rates.add(perSecond);
        errors.add(errorRatio);
        return this;
      }

      /** A phase of {@code length} without any traffic. */
      public Phases silence(Duration length) {
        return steady(length, 0, 0);
      }

      /**
       * The profile.
       *
       * @throws IllegalArgumentException when there is no phase
       */
      public Traffic build() {
        if (lengths.isEmpty()) {
          throw Require.invalid("phases", "[]", "at least one phase");
        }
        return new Traffic(new TrafficSource.Phases(lengths, rates, errors), null);
      }
    }
  }

  /**
   * Recorded counts at one instant.
   *
   * @param at when they were counted
   * @param good good events
   * @param total all events
   */
  public record Point(Instant at, long good, long total) {
    /** Validates the components. */
    public Point {
      Require.nonNull("at", at);
      Require.counts(good, total);
    }
  }

  /** The timeline of a replay. Immutable, except for the monitor it ran, which stays usable. */
  public static final class Result {
    private final Instant start;
    private final Instant end;
    private final long intervals;
    private final List<AlertTransition> transitions;
    private final List<PolicyDecision> decisions;
    private final SloMonitor monitor;
    private final long elapsedNanos;

    private Result(
        Instant start, Instant end, long intervals, List<AlertTransition> transitions,
        List<PolicyDecision> decisions, SloMonitor monitor, long elapsedNanos) {
      this.start = start;
      this.end = end;
      this.intervals = intervals;
      this.transitions = Collections.unmodifiableList(transitions);
      this.decisions = Collections.unmodifiableList(decisions);
      this.monitor = monitor;
      this.elapsedNanos = elapsedNanos;
    }

    /** The replay's start. */
    public Instant start() {
      return start;
    }

    /** The last boundary evaluated. */
    public Instant end() {
      return end;
    }

    /** How many intervals were replayed (one evaluation each). */
    public long intervals() {
      return intervals;
    }

    /** Every alert transition, in time order. */
    public List<AlertTransition> transitions() {
      return transitions;
    }

    /** The transitions that notify a human ({@link AlertTransition#notifies()}). */
    public List<AlertTransition> notifications() {
      List<AlertTransition> out = new ArrayList<>();
      transitions.forEach(t -> { if (t.notifies()) out.add(t); });
      return out;
    }

    /** The transitions of alerts of {@code severity}. */
    public List<AlertTransition> transitions(Severity severity) {
      List<AlertTransition> out = new ArrayList<>();
      transitions.forEach(t -> { if (t.alert().severity().equals(severity)) out.add(t); });
      return out;
    }

    /** Every policy decision, in time order. */
    public List<PolicyDecision> decisions() {
      return decisions;
    }

    /** The monitor as it stands at the end: its health, its release gate, its history. */
    public SloMonitor monitor() {
      return monitor;
    }

    /** How long the replay took on the wall clock of the machine running it. */
    public Duration wallTime() {
      return Duration.ofNanos(elapsedNanos);
    }

    /**
     * The timeline as text, one line per transition or decision, in time order, with times as
     * offsets from the start: {@code +1d0h1m0s alert checkout/events page 1h/5m > 14.4: inactive -> firing}.
     */
    public List<String> timeline() {
      TreeMap<Instant, List<String>> lines = new TreeMap<>();
      for (AlertTransition t : transitions) {
        lines.computeIfAbsent(t.at(), k -> new ArrayList<>())
            .add(offset(t.at()) + " alert " + t.alert().id() + ": " + lower(t.from()) + " -> " + lower(t.to()));
      }
      for (PolicyDecision d : decisions) {
        lines.computeIfAbsent(d.at(), k -> new ArrayList<>())
            .add(offset(d.at()) + " policy " + d.clause() + " " + lower(d.kind()) + " " + d.target().name() + ": " + d.message());
      }
      List<String> out = new ArrayList<>();
      lines.values().forEach(out::addAll);
      return out;
    }

    private String offset(Instant at) {
      return "+" + DurationFormat.format(Duration.between(start, at));
    }

    private static String lower(Enum<?> e) {
      return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** {@code Replay.Result[2026-01-01T00:00:00Z .. ..., 8640 intervals, 2 transitions, 0 decisions]}. */
    @Override
    public String toString() {
      return "Replay.Result[" + start + " .. " + end + ", " + intervals + " intervals, " + transitions.size()
          + " transitions, " + decisions.size() + " decisions]";
    }
  }

  /** Configures and runs a replay. Not thread-safe. */
  public static final class Builder {
    private final SloDefinition slo;
    /** Holds the rules, the policy and the listeners until the store exists. */
    private final SloMonitor.Builder monitorBuilder;
    private final List<ChangeMarker> markers = new ArrayList<>();
    private Instant start;
    private Duration duration;
    private Traffic traffic;
    private final Map<Target, Traffic> targetTraffic = new LinkedHashMap<>();
    private final TreeMap<Long, List<Consumer<SloMonitor>>> actions = new TreeMap<>();
    private final List<BudgetCorrection> corrections = new ArrayList<>();

    private Builder(SloDefinition slo) {
      this.slo = slo;
      this.monitorBuilder = SloMonitor.builder(slo);
    }

    /**
     * The monitor's alert rules, as {@link SloMonitor.Builder#rules(AlertRules)}; their evaluation
     * interval is the replay's interval.
     */
    public Builder rules(AlertRules rules) {
      monitorBuilder.rules(rules);
      return this;
    }

    /** The monitor's error-budget policy, as {@link SloMonitor.Builder#policy(BudgetPolicy)}. */
    public Builder policy(BudgetPolicy policy) {
      monitorBuilder.policy(policy);
      return this;
    }

    /** A change marker the service records (a deploy, a flag flip); visible once its time has come. */
    public Builder change(ChangeMarker marker) {
      markers.add(Require.nonNull("change marker", marker));
      return this;
    }

    /**
     * When the replay starts: {@link #DEFAULT_START}, or the interval of the earliest recorded point.
     * Must be aligned to the interval, as a recorder's boundaries are.
     */
    public Builder start(Instant start) {
      this.start = Require.nonNull("start", start);
      return this;
    }

    /** How long to replay; by default the traffic's own length (required for endless traffic). */
    public Builder duration(Duration duration) {
      this.duration = Require.positive("duration", duration);
      return this;
    }

    /** The traffic of every target (unless a target has its own). */
    public Builder traffic(Traffic traffic) {
      this.traffic = Require.nonNull("traffic", traffic);
      return this;
    }

    /**
     * The traffic of one target of the SLO ({@link SloDefinition#targets()}), e.g. a latency
     * threshold's.
     *
     * @throws IllegalArgumentException when the target is not one of the SLO's
     */
    public Builder traffic(Target target, Traffic traffic) {
      slo.requireTarget(target);
      targetTraffic.put(target, Require.nonNull("traffic", traffic));
      return this;
    }

    /** Adds a listener to the monitor, as {@link SloMonitor.Builder#listener(AlertListener)}. */
    public Builder listener(AlertListener listener) {
      monitorBuilder.listener(listener);
      return this;
    }

    /**
     * Adds a decision listener to the monitor, as {@link
     * SloMonitor.Builder#decisionListener(DecisionListener)}.
     */
    public Builder decisionListener(DecisionListener listener) {
      monitorBuilder.decisionListener(listener);
      return this;
    }

    /**
     * Applies {@code correction} (a maintenance window, a recurring one, an exclusion) to the
     * replay: the monitor reads the replayed counts through a {@link CorrectedReader}, to which the
     * corrections are applied, in this order, at the replay's start; their windows then count toward
     * neither the SLI nor the budget (nor the alerting windows, unless budget-only).
     *
     * @throws IllegalArgumentException at {@link #run()} when two corrections have the same id
     */
    public Builder correction(BudgetCorrection correction) {
      corrections.add(Require.nonNull("correction", correction));
      return this;
    }

    /**
     * Runs {@code action} on the monitor right after the evaluation at {@code elapsed} since the
     * start (a whole number of intervals): override a freeze, ask the release gate, read health.
     */
    public Builder at(Duration elapsed, Consumer<SloMonitor> action) {
      Require.positive("elapsed", elapsed);
      actions.computeIfAbsent(elapsed.toMillis(), k -> new ArrayList<>()).add(Require.nonNull("action", action));
      return this;
    }

    /**
     * Runs the replay.
     *
     * @throws IllegalArgumentException when no traffic is given, the start is not aligned to the
     *     interval, the duration is missing for endless traffic or is not a whole number of
     *     intervals, or an action's time is not a boundary of the replay
     */
    public Result run() {
      Duration iv = monitorBuilder.rules().evaluationInterval();
      long ivMillis = iv.toMillis();
      List<Traffic> perTarget = new ArrayList<>();
      for (Target t : slo.targets()) {
        Traffic tr = targetTraffic.getOrDefault(t, traffic);
        if (tr == null) {
          throw Require.invalid("traffic", "none for target " + t.name(), "traffic(...) for every target");
        }
        perTarget.add(tr);
      }
      Instant s = start;
      if (s == null) {
        Instant earliest = null;
        for (Traffic tr : perTarget) {
          Instant e = tr.earliest();
          if (e != null && (earliest == null || e.isBefore(earliest))) {
            earliest = e;
          }
        }
        s = earliest == null ? DEFAULT_START : Instant.ofEpochMilli(Math.floorDiv(earliest.toEpochMilli(), ivMillis) * ivMillis);
      }
      long startMillis = s.toEpochMilli();
      if (Math.floorMod(startMillis, ivMillis) != 0) {
        throw Require.invalid("start", s, "an instant aligned to the interval (" + DurationFormat.format(iv) + ")");
      }
      long lengthMillis;
      if (duration != null) {
        lengthMillis = duration.toMillis();
      } else {
        lengthMillis = 0;
        for (Traffic tr : perTarget) {
          long l = tr.length(startMillis);
          if (l == TrafficSource.ENDLESS) {
            throw Require.invalid("duration", "null", "a duration for endless traffic: duration(...)");
          }
          lengthMillis = Math.max(lengthMillis, l);
        }
      }
      long n = (lengthMillis + ivMillis - 1) / ivMillis;
      if (n <= 0) {
        throw Require.invalid("duration", DurationFormat.format(Duration.ofMillis(lengthMillis)), "at least one interval");
      }
      for (long at : actions.keySet()) {
        if (at % ivMillis != 0 || at / ivMillis > n) {
          throw Require.invalid(
              "action time", DurationFormat.format(Duration.ofMillis(at)),
              "a multiple of the interval (" + DurationFormat.format(iv) + ") within the replay");
        }
      }
      IntervalStore store = new IntervalStore(slo, startMillis, iv);
      ChangeLog log = ChangeLog.withCapacity(Math.max(ChangeLog.DEFAULT_CAPACITY, markers.size()));
      markers.forEach(log::record);
      WindowReader read = store;
      if (!corrections.isEmpty()) {
        CorrectedReader corrected = CorrectedReader.over(store, iv);
        corrections.forEach(corrected::apply);
        read = corrected;
      }
      SloMonitor monitor = monitorBuilder.changes(log).build(read);

      int targets = perTarget.size();
      TrafficSource[] sources = new TrafficSource[targets];
      for (int t = 0; t < targets; t++) {
        sources[t] = perTarget.get(t).source(startMillis);
      }
      long[] good = new long[targets];
      long[] total = new long[targets];
      long[] pair = new long[2];
      List<AlertTransition> transitions = new ArrayList<>();
      List<PolicyDecision> decisions = new ArrayList<>();
      // the next action's time: looked up once per action, so the loop boxes no key per interval
      long nextAction = actions.isEmpty() ? -1 : actions.firstKey();
      long began = System.nanoTime();
      for (long i = 0; i < n; i++) {
        long from = i * ivMillis;
        long to = from + ivMillis;
        for (int t = 0; t < targets; t++) {
          sources[t].next(from, to, pair);
          good[t] = pair[0];
          total[t] = pair[1];
        }
        store.append(good, total);
        monitor.evaluate(startMillis + to, transitions, decisions);
        if (to == nextAction) {
          List<Consumer<SloMonitor>> due = actions.get(to);
          Long later = actions.higherKey(to);
          nextAction = later == null ? -1 : later;
          int before = monitor.enforcementHistory().size();
          due.forEach(a -> a.accept(monitor));
          List<PolicyDecision> h = monitor.enforcementHistory();
          decisions.addAll(h.subList(before, h.size()));
        }
      }
      long elapsed = System.nanoTime() - began;
      return new Result(s, Instant.ofEpochMilli(startMillis + n * ivMillis), n, transitions, decisions, monitor, elapsed);
    }
  }
}
