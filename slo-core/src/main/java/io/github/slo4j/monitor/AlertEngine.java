package io.github.slo4j.monitor;

import io.github.slo4j.ChangeLog;
import io.github.slo4j.ChangeMarker;
import io.github.slo4j.ErrorBudget;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.WindowReader;
import io.github.slo4j.internal.DurationFormat;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The alert state machines of one SLO: one per (target, tier), plus the SLO's no-data alert, and
 * one alert episode per target.
 *
 * <p>At each evaluation every tier reads its long and short windows. A tier's condition is that
 * both error ratios are strictly greater than {@code factor × (1 − objective)} (exactly, see {@link
 * RatioThreshold}); a window the data covers only in part (a process up for an hour has not seen
 * 3 days) is judged on its events projected to the whole window at the same rate, the uncovered
 * part counted as good — its share of the projected budget, as {@link PeriodBudget#projectedConsumed()} counts it. An inactive tier becomes active when the condition holds and its long window
 * has at least {@link AlertRules#minEvents(Target, AlertTier)} events and the minimum bad events;
 * an active tier becomes inactive once the condition has been false at every evaluation for {@link
 * AlertRules#keepFiringFor(AlertTier)} (hysteresis: no flapping at a threshold). When either window
 * has <b>no data</b> the tier keeps its state and its false-since clock: burn-rate tiers never fire
 * or clear on no data. A tier that becomes active while a tier of a severity that suppresses it is
 * active (a ticket while a page fires) is {@link AlertState#SUPPRESSED}, and stays suppressed while
 * it is active, also after the page resolved: the incident has been notified once. A tier already
 * firing when a page starts keeps firing.
 *
 * <p>The tiers of one severity of one target are one <b>incident</b> (unless {@link
 * AlertRules#notifyPerTier()}): the first of them to become active notifies it (or is suppressed as
 * above); a tier of the same severity that becomes active while the incident is open joins it
 * {@link AlertState#SUPPRESSED}, suppressed by the tier that notified it (or by what suppresses the
 * incident). The notifying tier stays {@link AlertState#FIRING} while any tier of the incident is
 * active, also once its own condition cleared, and resolves when none is: one notification and one
 * resolve per incident, whichever tiers burn for it.
 *
 * <p>An <b>episode</b> of a target runs from the first evaluation at which any of its tiers is
 * active to the first at which none is. Its cost is the bad events from one long window (of the
 * tier that opened it) before it opened until now: the burn that made it fire belongs to it.
 *
 * <p>Not thread-safe: the owning monitor serializes calls.
 */
final class AlertEngine {
  private final AlertRules rules;
  private final WindowReader reader;
  private final ChangeLog changes;
  private final SloDefinition slo;
  private final List<Target> targets;
  /** {@link #targets} as an array, for the evaluation's loops. */
  private final Target[] targetArray;
  /** {@link AlertRules#minBadEvents()}. */
  private final long minBadEvents;
  private final AlertTier[][] tiers;
  private final RatioThreshold[][] thresholds;
  private final AlertState[][] states;
  private final Alert[][] payloads;
  /**
   * Each tier's long and short window as of the last evaluation, as {@code {good, total,
   * coveredMillis}} per (target, tier): kept as figures so that an evaluation allocates nothing
   * until a transition needs a payload.
   */
  private final long[][][] longCounts;
  private final long[][][] shortCounts;
  private final long[][] longMillis;
  private final long[][] shortMillis;
  /** Each tier's {@link Alert#id()}, made once. */
  private final String[][] ids;
  /** {@link #openIncidents(int)}'s answer per target, reused. */
  private final String[][] incidents;
  /** The reader's scratch: {@code {good, total, coveredMillis}}. */
  private final long[] scratch = new long[3];
  /**
   * Per target, whether the last evaluation found no tier active and none firing or suppressed:
   * then every tier keeps its state, and the state machines need not run (most evaluations). A
   * tier's {@link #shortCounts} are those of the last evaluation that could make it transition:
   * an inactive tier whose long window does not exceed skips its short window's read.
   */
  private final boolean[] quiet;
  /**
   * Whether quiet targets skip their state machines and inactive tiers whose long window does not
   * exceed skip their short window's read (always, but in the reference tests).
   */
  private final boolean skipQuietTargets;
  /** Whether each tier's own condition holds, with its keep-firing hysteresis (not its alert state). */
  private final boolean[][] active;
  /** The index of each tier's severity among the severities of its target's tiers: its incident. */
  private final int[][] incidentOf;
  /** For a suppressed tier, the id of the alert that suppresses it; null otherwise. */
  private final String[][] suppressedBy;
  private final boolean notifyPerTier;
  private final long[][] minEvents;
  private final long[][] keepMillis;
  /** When the condition of an active tier was first seen false since it last held; -1 when it holds. */
  private final long[][] falseSince;
  private final Episode[] episodes;
  private final Map<String, LinkTemplate> links = new LinkedHashMap<>();
  private final Map<Severity, Optional<LinkTemplate>> runbooks = new HashMap<>();
  private final Duration maxWindow;
  private AlertState noDataState = AlertState.INACTIVE;
  private Alert noDataPayload;
  private boolean seenTraffic;
  /** The episodes the last evaluation updated, the first {@link #touchedCount}. */
  private final Episode[] touched;
  private int touchedCount;
  /** The no-data silence, or null when the no-data alert is off. */
  private final Duration silence;
  private final long[] noDataCounts = new long[3];

  /** An episode of one target. */
  public static final class Episode {
    private final Target target;
    private final long startMillis;
    private final long windowStartMillis;
    private final AlertTier openedBy;
    private long bad;
    private boolean open = true;

    Episode(Target target, long startMillis, long windowStartMillis, AlertTier openedBy) {
      this.target = target;
      this.startMillis = startMillis;
      this.windowStartMillis = windowStartMillis;
      this.openedBy = openedBy;
    }

    /** The target. */
    public Target target() {
      return target;
    }

    /** When its first tier became active. */
    public long startMillis() {
      return startMillis;
    }

    /** The tier that opened it. */
    public AlertTier openedBy() {
      return openedBy;
    }

    /** Bad events from one long window before it opened to the last evaluation. */
    public long bad() {
      return bad;
    }

    /** Whether it is still going on (false at the evaluation that ended it). */
    public boolean open() {
      return open;
    }

    /** {@code events episode from <instant> (page 1h/5m > 14.4)}. */
    @Override
    public String toString() {
      return target.name() + " episode from " + Instant.ofEpochMilli(startMillis) + " (" + openedBy + ")";
    }
  }

  /** An engine for {@code rules}, reading through {@code reader}, listing changes from {@code changes}. */
  public AlertEngine(AlertRules rules, WindowReader reader, ChangeLog changes) {
    this(rules, reader, changes, true);
  }

  /**
   * As {@link #AlertEngine(AlertRules, WindowReader, ChangeLog)}; with {@code skipQuietTargets}
   * false every target's state machines run at every evaluation and every tier reads both its
   * windows: the general path that tests compare the shortcuts with.
   */
  AlertEngine(AlertRules rules, WindowReader reader, ChangeLog changes, boolean skipQuietTargets) {
    this.skipQuietTargets = skipQuietTargets;
    this.rules = rules;
    this.reader = reader;
    this.changes = changes;
    this.slo = rules.definition();
    this.targets = slo.targets();
    this.targetArray = targets.toArray(new Target[0]);
    this.minBadEvents = rules.minBadEvents();
    int n = targets.size();
    this.tiers = new AlertTier[n][];
    this.thresholds = new RatioThreshold[n][];
    this.states = new AlertState[n][];
    this.payloads = new Alert[n][];
    this.longCounts = new long[n][][];
    this.shortCounts = new long[n][][];
    this.longMillis = new long[n][];
    this.shortMillis = new long[n][];
    this.ids = new String[n][];
    this.incidents = new String[n][];
    this.touched = new Episode[n];
    this.active = new boolean[n][];
    this.quiet = new boolean[n];
    this.incidentOf = new int[n][];
    this.suppressedBy = new String[n][];
    this.notifyPerTier = rules.notifyPerTier();
    this.minEvents = new long[n][];
    this.keepMillis = new long[n][];
    this.falseSince = new long[n][];
    this.episodes = new Episode[n];
    for (int t = 0; t < n; t++) {
      List<AlertTier> ts = rules.tiers(targets.get(t));
      int m = ts.size();
      tiers[t] = ts.toArray(new AlertTier[0]);
      thresholds[t] = new RatioThreshold[m];
      states[t] = new AlertState[m];
      payloads[t] = new Alert[m];
      longCounts[t] = new long[m][3];
      shortCounts[t] = new long[m][3];
      longMillis[t] = new long[m];
      shortMillis[t] = new long[m];
      ids[t] = new String[m];
      incidents[t] = new String[m];
      active[t] = new boolean[m];
      incidentOf[t] = new int[m];
      suppressedBy[t] = new String[m];
      List<Severity> severities = new ArrayList<>();
      minEvents[t] = new long[m];
      keepMillis[t] = new long[m];
      falseSince[t] = new long[m];
      for (int i = 0; i < m; i++) {
        thresholds[t][i] = RatioThreshold.of(tiers[t][i].factor(), targets.get(t).objective());
        states[t][i] = AlertState.INACTIVE;
        minEvents[t][i] = rules.minEvents(targets.get(t), tiers[t][i]);
        keepMillis[t][i] = rules.keepFiringFor(tiers[t][i]).toMillis();
        falseSince[t][i] = -1;
        longMillis[t][i] = tiers[t][i].longWindow().toMillis();
        shortMillis[t][i] = tiers[t][i].shortWindow().toMillis();
        ids[t][i] = slo.id() + "/" + targets.get(t).name() + " " + tiers[t][i];
        if (!severities.contains(tiers[t][i].severity())) {
          severities.add(tiers[t][i].severity());
        }
        incidentOf[t][i] = severities.indexOf(tiers[t][i].severity());
      }
    }
    rules.linkTemplates().forEach((name, text) -> links.put(name, LinkTemplate.parse(name, text)));
    this.maxWindow = slo.period().nominalLength();
    this.silence = rules.noDataAfter().orElse(null);
  }

  /**
   * Evaluates every alert at {@code nowMillis} given each target's period budget, and adds the
   * transitions to {@code out} in a stable order (targets, then tiers, then no data). Allocates
   * nothing unless there is a transition.
   */
  void evaluate(long nowMillis, PeriodBudgets budgets, List<AlertTransition> out) {
    long asOf = reader.asOfMillis();
    for (int t = 0; t < tiers.length; t++) {
      Target target = targetArray[t];
      // each target's rows once: the stores into active[t] would make the JIT reload them per tier
      AlertState[] sts = states[t];
      long[][] lcs = longCounts[t];
      long[][] scs = shortCounts[t];
      long[] lms = longMillis[t];
      long[] sms = shortMillis[t];
      boolean[] act = active[t];
      RatioThreshold[] ths = thresholds[t];
      long[] fs = falseSince[t];
      boolean busy = false;
      for (int i = 0; i < sts.length; i++) {
        AlertState st = sts[i];
        boolean open = st == AlertState.FIRING || st == AlertState.SUPPRESSED;
        busy |= open;
        long[] l = lcs[i];
        long[] s = scs[i];
        reader.window(target, lms[i], l);
        boolean was = act[i];
        if (skipQuietTargets && !was && !open && (l[1] <= 0 || !exceeds(ths[i], l, lms[i]))) {
          // Inactive, neither firing nor suppressed, and the long window has no data or does not
          // exceed: the tier stays inactive whatever the short window holds, and cannot make a
          // transition, whose payload alone reads the short counts. Most tiers at most
          // evaluations: the short window is not read (the general path reads it).
          continue;
        }
        reader.window(target, sms[i], s);
        if (l[1] <= 0 || s[1] <= 0) {
          busy |= was;
          continue;
        }
        boolean exceeded = exceeds(ths[i], l, lms[i]) && exceeds(ths[i], s, sms[i]);
        boolean now;
        if (!was) {
          now = exceeded && l[1] >= minEvents[t][i] && l[1] - l[0] >= minBadEvents;
        } else if (exceeded) {
          now = true;
          fs[i] = -1;
        } else {
          if (fs[i] < 0) {
            fs[i] = nowMillis;
          }
          now = nowMillis - fs[i] < keepMillis[t][i];
          if (!now) {
            fs[i] = -1;
          }
        }
        act[i] = now;
        busy |= now;
      }
      quiet[t] = skipQuietTargets && !busy;
    }
    touchedCount = 0;
    Instant at = null;
    for (int t = 0; t < tiers.length; t++) {
      if (episodes[t] != null || !quiet[t]) {
        // a quiet target has no active tier: without an episode it opens none
        updateEpisode(t, nowMillis, asOf);
      }
      if (episodes[t] != null) {
        touched[touchedCount++] = episodes[t];
      }
      // A quiet target (no tier active, none firing or suppressed): next() would keep every state
      // and change nothing, so the state machines are skipped.
      String[] incidents = quiet[t] ? null : openIncidents(t);
      for (int i = 0; incidents != null && i < tiers[t].length; i++) {
        AlertState from = states[t][i];
        AlertState to = next(t, i, incidents);
        states[t][i] = to;
        if (to != from) {
          if (at == null) {
            at = Instant.ofEpochMilli(nowMillis);
          }
          Alert alert = burnAlert(t, i, to, at, asOf, budgets.get(t));
          payloads[t][i] = to.active() ? alert : null;
          out.add(new AlertTransition(from, to, at, alert));
        }
      }
      if (episodes[t] != null && !episodes[t].open) {
        episodes[t] = null;
      }
    }
    evaluateNoData(nowMillis, asOf, budgets, out);
  }

  /**
   * The array that each {@link #evaluate} fills with target {@code t}'s counts {@code {good, total,
   * coveredMillis}} of a window of {@code windowMillis}, read as {@code reader.window(target,
   * windowMillis, into)}: the first of its tiers with that long window; null when none has it.
   */
  long[] longWindowCounts(int t, long windowMillis) {
    for (int i = 0; i < tiers[t].length; i++) {
      if (longMillis[t][i] == windowMillis) {
        return longCounts[t][i];
      }
    }
    return null;
  }

  /** Whether a window's {@code {good, total, coveredMillis}} exceed a threshold, as {@link #exceeds(RatioThreshold, WindowCounts)}. */
  static boolean exceeds(RatioThreshold th, long[] counts, long windowMillis) {
    return th.exceededBy(counts[1] - counts[0], counts[1], counts[2], windowMillis);
  }

  /** Whether a window exceeds a threshold, judged on its coverage-projected budget consumption. */
  static boolean exceeds(RatioThreshold th, WindowCounts w) {
    return th.exceededBy(w.bad(), w.total(), w.covered().toMillis(), w.window().toMillis());
  }

  /**
   * The incidents of target {@code t} open before this evaluation, by severity index: the id that
   * a tier of that severity joining now is suppressed by — the tier that notified the incident when
   * one fires, else what suppresses its suppressed tiers — or null when no tier of it is active.
   * Empty when every tier notifies on its own.
   */
  private String[] openIncidents(int t) {
    String[] by = incidents[t];
    Arrays.fill(by, null);
    if (notifyPerTier) {
      return by;
    }
    for (int i = 0; i < tiers[t].length; i++) {
      int g = incidentOf[t][i];
      if (states[t][i] == AlertState.FIRING) {
        by[g] = id(t, i);
      }
    }
    for (int i = 0; i < tiers[t].length; i++) {
      int g = incidentOf[t][i];
      if (states[t][i] == AlertState.SUPPRESSED && by[g] == null) {
        by[g] = suppressedBy[t][i];
      }
    }
    return by;
  }

  /**
   * The next state of tier {@code i} of target {@code t}, given the incidents open before this
   * evaluation (which a tier becoming active joins, and which it opens for the tiers after it).
   */
  private AlertState next(int t, int i, String[] incidents) {
    AlertState from = states[t][i];
    int g = incidentOf[t][i];
    if (!active[t][i]) {
      if (from == AlertState.FIRING) {
        // The tier that notified an incident holds it while any tier of its severity is active, so
        // the incident resolves once, when the last of them clears.
        return incidentActive(t, g) ? AlertState.FIRING : AlertState.RESOLVED;
      }
      if (from == AlertState.SUPPRESSED) {
        suppressedBy[t][i] = null;
        return AlertState.INACTIVE;
      }
      return from;
    }
    if (from == AlertState.FIRING || from == AlertState.SUPPRESSED) {
      // A suppressed tier stays suppressed while active, also once its suppressor resolved: the
      // incident was notified by the page, and its resolve must not turn into a fresh ticket.
      return from;
    }
    String by = incidents[g];
    if (by == null) {
      by = suppressor(tiers[t][i].severity());
    }
    AlertState to = by != null ? AlertState.SUPPRESSED : AlertState.FIRING;
    suppressedBy[t][i] = by;
    if (!notifyPerTier && incidents[g] == null) {
      incidents[g] = to == AlertState.FIRING ? id(t, i) : by;
    }
    return to;
  }

  /** Whether a tier of severity index {@code g} of target {@code t} is active (unless per tier). */
  private boolean incidentActive(int t, int g) {
    if (notifyPerTier) {
      return false;
    }
    for (int j = 0; j < tiers[t].length; j++) {
      if (incidentOf[t][j] == g && active[t][j]) {
        return true;
      }
    }
    return false;
  }

  /** The id of tier {@code i} of target {@code t}, as {@link Alert#id()} gives it. */
  private String id(int t, int i) {
    return ids[t][i];
  }

  /** The id of an active tier that suppresses {@code severity}, or null. */
  private String suppressor(Severity severity) {
    for (Map.Entry<Severity, Set<Severity>> e : rules.suppressions().entrySet()) {
      if (!e.getValue().contains(severity)) {
        continue;
      }
      for (int t = 0; t < tiers.length; t++) {
        for (int i = 0; i < tiers[t].length; i++) {
          if (active[t][i] && tiers[t][i].severity().equals(e.getKey())) {
            return id(t, i);
          }
        }
      }
    }
    return null;
  }

  private void updateEpisode(int t, long nowMillis, long asOf) {
    int opener = -1;
    for (int i = 0; i < tiers[t].length; i++) {
      if (active[t][i] && (opener < 0 || tiers[t][i].longWindow().compareTo(tiers[t][opener].longWindow()) > 0)) {
        opener = i;
      }
    }
    Episode e = episodes[t];
    if (e == null) {
      if (opener < 0) {
        return;
      }
      AlertTier tier = tiers[t][opener];
      e = new Episode(targets.get(t), nowMillis, asOf - tier.longWindow().toMillis(), tier);
      episodes[t] = e;
    }
    long span = Math.min(asOf - e.windowStartMillis, maxWindow.toMillis());
    if (span > 0) {
      reader.window(targets.get(t), span, scratch);
      e.bad = scratch[1] - scratch[0];
    } else {
      e.bad = 0;
    }
    e.open = opener >= 0;
  }

  private void evaluateNoData(long nowMillis, long asOf, PeriodBudgets budgets, List<AlertTransition> out) {
    if (silence == null) {
      return;
    }
    boolean anyInPeriod = false;
    for (int t = 0; t < tiers.length; t++) {
      anyInPeriod |= budgets.hasData(t);
    }
    long silenceMillis = silence.toMillis();
    long[] w = noDataCounts;
    reader.trafficWindow(targets.get(0), silenceMillis, w);
    boolean silent = w[1] <= 0;
    if (!silent) {
      for (int t = 1; t < tiers.length && silent; t++) {
        reader.trafficWindow(targets.get(t), silenceMillis, scratch);
        silent = scratch[1] <= 0;
      }
    }
    seenTraffic |= anyInPeriod || !silent;
    boolean fire = silent && seenTraffic;
    AlertState from = noDataState;
    AlertState to =
        fire ? AlertState.FIRING : from == AlertState.FIRING ? AlertState.RESOLVED : from;
    if (to != from) {
      noDataState = to;
      Instant at = Instant.ofEpochMilli(nowMillis);
      Alert alert = noDataAlert(to, at, asOf, counts(silence, w), budgets.get(0));
      noDataPayload = to.active() ? alert : null;
      out.add(new AlertTransition(from, to, at, alert));
    }
  }

  /** The counts of a window of {@code length} from its {@code {good, total, coveredMillis}}. */
  private static WindowCounts counts(Duration length, long[] c) {
    return new WindowCounts(length, c[0], c[1], c[2] == 0 ? Duration.ZERO : Duration.ofMillis(c[2]));
  }

  /** The payloads of the alerts that are firing or suppressed, as of their last transition. */
  public List<Alert> active() {
    List<Alert> out = new ArrayList<>();
    for (Alert[] row : payloads) {
      for (Alert a : row) {
        if (a != null) {
          out.add(a);
        }
      }
    }
    if (noDataPayload != null) {
      out.add(noDataPayload);
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The episodes the last evaluation updated, in target order, including those it ended ({@link
   * Episode#open()} false).
   */
  public List<Episode> lastEpisodes() {
    return List.of(Arrays.copyOf(touched, touchedCount));
  }

  /** {@link #lastEpisodes()} without a list: the first {@link #touchedCount()} of this array. */
  Episode[] touched() {
    return touched;
  }

  /** How many episodes the last evaluation updated. */
  int touchedCount() {
    return touchedCount;
  }

  private Alert burnAlert(int t, int i, AlertState state, Instant at, long asOf, PeriodBudget budget) {
    AlertTier tier = tiers[t][i];
    Target target = targets.get(t);
    WindowCounts l = counts(tier.longWindow(), longCounts[t][i]);
    WindowCounts s = counts(tier.shortWindow(), shortCounts[t][i]);
    Alert.Window lw = window(l, asOf, target);
    Alert.Window sw = window(s, asOf, target);
    Episode e = episodes[t];
    OptionalDouble episodeShare = e == null ? OptionalDouble.empty() : budget.projectedShare(e.bad);
    Optional<Duration> tte = Optional.empty();
    if (budget.hasData() && sw.burnRate().isPresent()) {
      // what is left of the period's projected budget, at most a whole one
      double remaining = Math.min(1.0, budget.projectedRemaining().getAsDouble());
      tte = ErrorBudget.timeToExhaustion(remaining, sw.burnRate().getAsDouble(), budget.period());
    }
    String by = state == AlertState.SUPPRESSED ? suppressedBy[t][i] : null;
    return payload(
        Alert.Kind.BURN_RATE, target, tier.severity(), Optional.of(tier), state, at, lw, sw, budget,
        e == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(e.startMillis)), episodeShare, tte,
        Optional.ofNullable(by));
  }

  private Alert noDataAlert(AlertState state, Instant at, long asOf, WindowCounts w, PeriodBudget budget) {
    Alert.Window window = window(w, asOf, targets.get(0));
    return payload(
        Alert.Kind.NO_DATA, targets.get(0), rules.noDataSeverity(), Optional.empty(), state, at, window, window,
        budget, Optional.empty(), OptionalDouble.empty(), Optional.empty(), Optional.empty());
  }

  private Alert payload(
      Alert.Kind kind,
      Target target,
      Severity severity,
      Optional<AlertTier> tier,
      AlertState state,
      Instant at,
      Alert.Window lw,
      Alert.Window sw,
      PeriodBudget budget,
      Optional<Instant> episodeStart,
      OptionalDouble episodeShare,
      Optional<Duration> tte,
      Optional<String> suppressedBy) {
    Map<String, String> values = new HashMap<>();
    values.put("service", slo.service());
    values.put("slo", slo.id());
    values.put("target", target.name());
    values.put("severity", severity.name());
    values.put("window", DurationFormat.format(lw.length()));
    long start = lw.start().toEpochMilli();
    long end = lw.end().toEpochMilli();
    Map<String, URI> expanded = new LinkedHashMap<>();
    for (LinkTemplate lt : links.values()) {
      expanded.put(lt.name(), lt.expand(values, start, end));
    }
    Optional<URI> runbook = runbooks.computeIfAbsent(severity, sev -> rules.runbook(sev).map(text -> LinkTemplate.parse("runbook", text)))
        .map(lt -> lt.expand(values, start, end));
    runbook.ifPresent(u -> expanded.put("runbook", u));
    List<ChangeMarker> near = changes.between(lw.start().minus(rules.changeLookback()), lw.end());
    return Alert.builder(kind, slo.service(), slo.id(), target, severity)
        .groupKey(reader.groupKey())
        .tier(tier)
        .state(state, at)
        .windows(lw, sw)
        .budget(budget)
        .episode(episodeStart, episodeShare)
        .timeToExhaustion(tte)
        .runbook(runbook, rules.owner(severity))
        .links(expanded)
        .changes(near, rules.changeLookback())
        .suppressedBy(suppressedBy)
        .build();
  }

  private static Alert.Window window(WindowCounts c, long asOf, Target target) {
    Instant end = Instant.ofEpochMilli(asOf);
    return new Alert.Window(
        c.window(), end.minus(c.window()), end, c.bad(), c.total(), c.covered(), c.burnRate(target.objective()));
  }
}
