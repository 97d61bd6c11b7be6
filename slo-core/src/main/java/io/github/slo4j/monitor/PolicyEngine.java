package io.github.slo4j.monitor;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowReader;
import io.github.slo4j.internal.DurationFormat;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies one {@link BudgetPolicy} to one SLO at each evaluation and keeps its enforcement state:
 * freezes (with hysteresis and overrides), postmortems per episode, target-review history, step
 * states.
 *
 * <p>Not thread-safe: the owning monitor serializes calls.
 */
final class PolicyEngine {
  private static final long HOUR = 3_600_000L;

  private final BudgetPolicy policy;
  private final WindowReader reader;
  private final SloDefinition slo;
  private final List<Target> targets;
  private final long minEvents;
  private final BudgetPolicy.Freeze freeze;
  private final BigDecimal unfreezeAbove;
  /** {@code 1 − unfreezeAbove}: the freeze lifts once less than this share is spent; and its double. */
  private final BigDecimal refreezeAt;
  private final double refreezeAtDouble;
  private final BudgetPolicy.Postmortem postmortem;
  private final BigDecimal postmortemShare;
  private final double postmortemShareDouble;
  /** Per target, the start of the episode a postmortem was required for, while it is open; else MIN_VALUE. */
  private final long[] postmortemFor;
  private final BudgetPolicy.TargetReview review;
  private final Duration reviewWindow;
  private final List<BudgetPolicy.Step> steps = new ArrayList<>();
  private final List<RatioThreshold[]> stepThresholds = new ArrayList<>();
  /** Per step and target, the fewest events its window must hold before it may become breached. */
  private final List<long[]> stepFloors = new ArrayList<>();

  private final boolean[] frozen;
  private final Override[] overridden;
  /** Per target, the review's hourly samples: a ring of times and burn rates, oldest at {@code sampleHead}. */
  private final long[][] sampleAt;
  private final double[][] sampleBurn;
  private final int[] sampleHead;
  private final int[] sampleCount;
  private final long reviewWindowMillis;
  private final long[][] stepMillis;
  private final BurnRate[] burnRates;
  /** The reader's scratch: {@code {good, total, coveredMillis}}. */
  private final long[] scratch = new long[3];
  private final long[] shortScratch = new long[3];
  private final long[] historyStart;
  private final Calibration[] verdicts;
  private final boolean[][] breached;
  private long nextSampleAt = Long.MIN_VALUE;
  private final List<PolicyDecision> history = new ArrayList<>();
  private Instant lastFreezeAt;
  private Instant frozenSince;
  /** The reader as a log of budget corrections, when it is one; else null. */
  private final CorrectionLog corrections;
  /** How many of {@link #corrections}' entries are in the history already. */
  private int correctionsSeen;

  /** A freeze lifted by a person. */
  private record Override(String by, String reason, Instant at) {}

  /**
   * An engine applying {@code policy} to the SLO {@code reader} reads; a step's window needs {@code
   * minEvents} events to be valid, and its single-failure floor to become breached.
   */
  public PolicyEngine(BudgetPolicy policy, WindowReader reader, long minEvents) {
    this.policy = policy;
    this.reader = reader;
    this.slo = reader.definition();
    this.targets = slo.targets();
    this.minEvents = minEvents;
    this.corrections = reader instanceof CorrectionLog ? (CorrectionLog) reader : null;
    BudgetPolicy.Freeze f = null;
    BudgetPolicy.Postmortem p = null;
    BudgetPolicy.TargetReview r = null;
    for (BudgetPolicy.Clause c : policy.clauses()) {
      if (c instanceof BudgetPolicy.Freeze) {
        f = (BudgetPolicy.Freeze) c;
      } else if (c instanceof BudgetPolicy.Postmortem) {
        p = (BudgetPolicy.Postmortem) c;
      } else if (c instanceof BudgetPolicy.TargetReview) {
        r = (BudgetPolicy.TargetReview) c;
      } else {
        BudgetPolicy.Step step = (BudgetPolicy.Step) c;
        steps.add(step);
        RatioThreshold[] th = new RatioThreshold[targets.size()];
        long[] floors = new long[targets.size()];
        for (int t = 0; t < th.length; t++) {
          th[t] = RatioThreshold.of(step.burnRate(), targets.get(t).objective());
          floors[t] = Math.max(minEvents, singleFailureFloor(th[t]));
        }
        stepThresholds.add(th);
        stepFloors.add(floors);
      }
    }
    this.freeze = f;
    this.unfreezeAbove = f == null ? null : BigDecimal.valueOf(f.unfreezeAbove());
    this.refreezeAt = f == null ? null : BigDecimal.ONE.subtract(unfreezeAbove);
    this.refreezeAtDouble = f == null ? 0 : refreezeAt.doubleValue();
    this.postmortem = p;
    this.postmortemShare = p == null ? null : BigDecimal.valueOf(p.budgetShare());
    this.postmortemShareDouble = p == null ? 0 : postmortemShare.doubleValue();
    this.review = r;
    this.reviewWindow = r == null ? null : r.window().orElse(slo.period().nominalLength());
    this.reviewWindowMillis = r == null ? 0 : reviewWindow.toMillis();
    int n = targets.size();
    // at most one sample an hour is kept for the horizon: horizon ÷ 1 h + 1 of them
    int capacity = r == null ? 0 : (int) Math.min(1 << 20, r.horizon().toMillis() / HOUR + 2);
    this.sampleAt = new long[n][capacity];
    this.sampleBurn = new double[n][capacity];
    this.sampleHead = new int[n];
    this.sampleCount = new int[n];
    this.postmortemFor = new long[n];
    this.burnRates = new BurnRate[n];
    this.stepMillis = new long[steps.size()][2];
    for (int k = 0; k < steps.size(); k++) {
      stepMillis[k][0] = steps.get(k).window().toMillis();
      stepMillis[k][1] = steps.get(k).shortWindow().map(Duration::toMillis).orElse(0L);
    }
    this.frozen = new boolean[n];
    this.overridden = new Override[n];
    this.historyStart = new long[n];
    this.verdicts = new Calibration[n];
    this.breached = new boolean[n][steps.size()];
    for (int t = 0; t < n; t++) {
      historyStart[t] = Long.MIN_VALUE;
      postmortemFor[t] = Long.MIN_VALUE;
      burnRates[t] = new BurnRate(targets.get(t).objective());
    }
  }

  /**
   * The fewest events {@code n} for which one bad event of {@code n} does not exceed {@code θ}:
   * {@code ⌈1 ÷ θ⌉}, exactly ({@code 1 ÷ n > θ} iff {@code n < 1 ÷ θ}). The rule of {@link
   * io.github.slo4j.monitor.AlertTier#singleFailureMinEvents(io.github.slo4j.Objective)}, for a step.
   */
  static long singleFailureFloor(RatioThreshold th) {
    BigDecimal n = BigDecimal.ONE.divide(th.threshold(), 0, RoundingMode.CEILING);
    return n.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : Math.max(1, n.longValueExact());
  }

  /** The policy. */
  public BudgetPolicy policy() {
    return policy;
  }

  /**
   * Evaluates every clause at {@code nowMillis} given the period budgets and the episodes the alert
   * engine updated (the first {@code episodeCount} of {@code episodes}); adds the decisions to
   * {@code out} in a stable order. Allocates nothing unless there is a decision (or a postmortem
   * share within 1e-9 of its threshold).
   */
  void evaluate(long nowMillis, PeriodBudgets budgets, AlertEngine.Episode[] episodes, int episodeCount, List<PolicyDecision> out) {
    if (corrections != null && corrections.appliedCount() > correctionsSeen) {
      recordCorrections(nowMillis, out);
    }
    if (freeze != null) {
      for (int t = 0; t < frozen.length; t++) {
        evaluateFreeze(t, nowMillis, budgets, out);
      }
    }
    if (postmortem != null) {
      for (int i = 0; i < episodeCount; i++) {
        evaluatePostmortem(episodes[i], nowMillis, budgets, out);
      }
    }
    if (review != null) {
      if (nextSampleAt == Long.MIN_VALUE || nowMillis >= nextSampleAt) {
        for (int t = 0; t < frozen.length; t++) {
          sample(t, nowMillis, out);
        }
        nextSampleAt = Math.floorDiv(nowMillis, HOUR) * HOUR + HOUR;
      }
    }
    for (int t = 0; t < frozen.length; t++) {
      for (int k = 0; k < steps.size(); k++) {
        evaluateStep(t, k, nowMillis, out);
      }
    }
  }

  private void evaluateFreeze(int t, long nowMillis, PeriodBudgets budgets, List<PolicyDecision> out) {
    if (!budgets.hasData(t)) {
      return;
    }
    long bad = budgets.bad(t);
    // each share is compared only in the state that needs it (most evaluations: one comparison)
    if (frozen[t]) {
      if (!budgets.shareAtLeast(t, bad, refreezeAt, refreezeAtDouble)) {
        frozen[t] = false;
        PeriodBudget b = budgets.get(t);
        record(out, decision(PolicyDecision.Kind.UNFREEZE, freeze.name(), t, Instant.ofEpochMilli(nowMillis),
            "budget recovered: " + pct(b.projectedRemaining().getAsDouble()) + " of the period's projected budget remaining (more than "
                + pct(freeze.unfreezeAbove()) + "); releases may ship again"));
        updateFrozenSince();
      }
    } else if (overridden[t] != null) {
      if (!budgets.shareAtLeast(t, bad, refreezeAt, refreezeAtDouble)) {
        overridden[t] = null;
      }
    } else if (budgets.shareAtLeast(t, bad, BigDecimal.ONE, 1.0)) {
      frozen[t] = true;
      Instant at = Instant.ofEpochMilli(nowMillis);
      lastFreezeAt = at;
      PeriodBudget b = budgets.get(t);
      record(out, decision(PolicyDecision.Kind.FREEZE, freeze.name(), t, at,
          "budget exhausted: " + pct(b.projectedConsumed().getAsDouble()) + " of the period's projected budget spent; non-critical releases are frozen until more than "
              + pct(freeze.unfreezeAbove()) + " of the budget is back; reliability and security fixes are exempt"));
      updateFrozenSince();
    }
  }

  private void updateFrozenSince() {
    boolean any = false;
    for (boolean f : frozen) {
      any |= f;
    }
    if (!any) {
      frozenSince = null;
    } else if (frozenSince == null) {
      frozenSince = lastFreezeAt;
    }
  }

  private void evaluatePostmortem(AlertEngine.Episode e, long nowMillis, PeriodBudgets budgets, List<PolicyDecision> out) {
    int t = e.target().index();
    boolean issued = postmortemFor[t] == e.startMillis();
    if (!issued && budgets.shareAtLeast(t, e.bad(), postmortemShare, postmortemShareDouble)) {
      postmortemFor[t] = e.startMillis();
      PeriodBudget b = budgets.get(t);
      out.add(decision(PolicyDecision.Kind.POSTMORTEM_REQUIRED, postmortem.name(), t, Instant.ofEpochMilli(nowMillis),
          "the alert episode that started firing at " + Instant.ofEpochMilli(e.startMillis()) + " (" + e.openedBy()
              + ") spent " + pct(b.projectedShare(e.bad()).getAsDouble()) + " of the period's projected budget (at least "
              + pct(postmortem.budgetShare()) + "): a postmortem is required"));
    }
    if (!e.open()) {
      postmortemFor[t] = Long.MIN_VALUE;
    }
  }

  private void sample(int t, long nowMillis, List<PolicyDecision> out) {
    Target target = targets.get(t);
    reader.window(target, reviewWindowMillis, scratch);
    long[] at = sampleAt[t];
    double[] burns = sampleBurn[t];
    int cap = at.length;
    if (scratch[1] > 0) {
      double burn = burnRates[t].of(scratch[1] - scratch[0], scratch[1]);
      if (sampleCount[t] == cap) {
        // not with at most one sample per clock hour of the horizon; kept for a horizon over the cap
        growSamples(t);
        at = sampleAt[t];
        burns = sampleBurn[t];
        cap = at.length;
      }
      int slot = (sampleHead[t] + sampleCount[t]) % cap;
      at[slot] = nowMillis;
      burns[slot] = burn;
      sampleCount[t]++;
      if (historyStart[t] == Long.MIN_VALUE) {
        historyStart[t] = nowMillis;
      }
    }
    long horizon = review.horizon().toMillis();
    while (sampleCount[t] > 0 && at[sampleHead[t]] <= nowMillis - horizon) {
      sampleHead[t] = (sampleHead[t] + 1) % cap;
      sampleCount[t]--;
    }
    if (historyStart[t] == Long.MIN_VALUE || nowMillis - historyStart[t] < horizon || sampleCount[t] == 0) {
      return;
    }
    double sum = 0;
    for (int j = 0, i = sampleHead[t]; j < sampleCount[t]; j++, i = (i + 1) % cap) {
      sum += burns[i];
    }
    double avg = sum / sampleCount[t];
    Calibration v =
        avg > review.tooTightAbove() ? Calibration.TOO_TIGHT
            : avg < review.tooLooseBelow() ? Calibration.TOO_LOOSE : Calibration.CALIBRATED;
    Calibration was = verdicts[t];
    verdicts[t] = v;
    if (v == was || (was == null && v == Calibration.CALIBRATED)) {
      return;
    }
    Instant when = Instant.ofEpochMilli(nowMillis);
    String over = "the burn rate over " + DurationFormat.format(reviewWindow) + " averaged " + num(avg) + " over the last "
        + DurationFormat.format(review.horizon());
    PolicyDecision d;
    if (v == Calibration.TOO_TIGHT) {
      d = decision(PolicyDecision.Kind.TARGET_TOO_TIGHT, review.name(), t, when,
          over + " (above " + num(review.tooTightAbove()) + "): the target is tighter than the service keeps; review it");
    } else if (v == Calibration.TOO_LOOSE) {
      d = decision(PolicyDecision.Kind.TARGET_TOO_LOOSE, review.name(), t, when,
          over + " (below " + num(review.tooLooseBelow()) + "): the target is looser than users could be promised; review it");
    } else {
      d = decision(PolicyDecision.Kind.TARGET_CALIBRATED, review.name(), t, when,
          over + " (between " + num(review.tooLooseBelow()) + " and " + num(review.tooTightAbove()) + "): calibrated");
    }
    out.add(d);
  }

  /** Doubles target {@code t}'s sample ring, oldest first. */
  private void growSamples(int t) {
    int cap = sampleAt[t].length;
    long[] at = new long[Math.max(4, cap * 2)];
    double[] burns = new double[at.length];
    for (int j = 0; j < sampleCount[t]; j++) {
      at[j] = sampleAt[t][(sampleHead[t] + j) % cap];
      burns[j] = sampleBurn[t][(sampleHead[t] + j) % cap];
    }
    sampleAt[t] = at;
    sampleBurn[t] = burns;
    sampleHead[t] = 0;
  }

  private void evaluateStep(int t, int k, long nowMillis, List<PolicyDecision> out) {
    Target target = targets.get(t);
    long[] l = scratch;
    reader.window(target, stepMillis[k][0], l);
    if (l[1] <= 0 || l[1] < minEvents) {
      return;
    }
    RatioThreshold th = stepThresholds.get(k)[t];
    boolean now = AlertEngine.exceeds(th, l, stepMillis[k][0]);
    long[] s = null;
    if (stepMillis[k][1] > 0) {
      s = shortScratch;
      reader.window(target, stepMillis[k][1], s);
      if (s[1] <= 0) {
        return;
      }
      now &= AlertEngine.exceeds(th, s, stepMillis[k][1]);
    }
    if (now && !breached[t][k] && l[1] < stepFloors.get(k)[t]) {
      // One failed request never breaches a step: below the floor one bad event can exceed the
      // threshold. A breached step still returns on track below it.
      return;
    }
    if (now == breached[t][k]) {
      return;
    }
    breached[t][k] = now;
    BudgetPolicy.Step step = steps.get(k);
    String burns = "burn " + num(burnRates[t].of(l[1] - l[0], l[1])) + " over " + DurationFormat.format(step.window());
    if (s != null) {
      burns += " and " + num(burnRates[t].of(s[1] - s[0], s[1])) + " over " + DurationFormat.format(step.shortWindow().get());
    }
    Instant at = Instant.ofEpochMilli(nowMillis);
    out.add(now
        ? decision(PolicyDecision.Kind.STEP_BREACHED, step.name(), t, at,
            step.whenBreached() + " (" + burns + "; threshold " + num(step.burnRate()) + ")")
        : decision(PolicyDecision.Kind.STEP_ON_TRACK, step.name(), t, at,
            step.whenOnTrack() + " (" + burns + "; threshold " + num(step.burnRate()) + ")"));
  }

  /**
   * Lifts every freeze in force; the budget must recover past the margin before a freeze can be
   * imposed again.
   *
   * @throws IllegalStateException when no freeze is in force
   */
  public List<PolicyDecision> override(String by, String reason, Instant at) {
    if (!frozen()) {
      throw new IllegalStateException(
          "no freeze in force for SLO " + slo.id() + " under policy " + policy.id() + " v" + policy.version()
              + " (expected a freeze to override)");
    }
    List<PolicyDecision> out = new ArrayList<>();
    for (int t = 0; t < frozen.length; t++) {
      if (frozen[t]) {
        frozen[t] = false;
        overridden[t] = new Override(by, reason, at);
        record(out, decision(PolicyDecision.Kind.FREEZE_OVERRIDDEN, freeze.name(), t, at,
            "freeze lifted by " + by + " while the budget is exhausted: " + reason));
      }
    }
    updateFrozenSince();
    return out;
  }

  /** Whether a freeze is in force for any target. */
  public boolean frozen() {
    for (boolean f : frozen) {
      if (f) {
        return true;
      }
    }
    return false;
  }

  /** When the freeze in force began; empty when none. */
  public Optional<Instant> frozenSince() {
    return Optional.ofNullable(frozenSince);
  }

  /** When the last freeze began; empty when there never was one. */
  public Optional<Instant> lastFreezeAt() {
    return Optional.ofNullable(lastFreezeAt);
  }

  /** Every freeze, unfreeze, override and budget correction so far, oldest first. */
  public List<PolicyDecision> history() {
    return List.copyOf(history);
  }

  /** The worst target-review verdict (too tight, then too loose, then calibrated); empty when none. */
  public Optional<Calibration> calibration() {
    Calibration worst = null;
    for (Calibration c : verdicts) {
      if (c != null && (worst == null || rank(c) > rank(worst))) {
        worst = c;
      }
    }
    return Optional.ofNullable(worst);
  }

  private static int rank(Calibration c) {
    return c == Calibration.TOO_TIGHT ? 2 : c == Calibration.TOO_LOOSE ? 1 : 0;
  }

  /** Governance problems given the budgets of the last evaluation. */
  public List<String> problems(PeriodBudgets budgets) {
    List<String> out = new ArrayList<>();
    for (int t = 0; t < frozen.length; t++) {
      PeriodBudget b = budgets.get(t);
      if (b == null || !b.hasData() || !b.projectedConsumedAtLeast(BigDecimal.ONE) || frozen[t]) {
        continue;
      }
      String head = exhausted(targets.get(t), b);
      if (freeze == null) {
        out.add(head + ": policy " + policy.id() + " v" + policy.version() + " has no freeze clause");
      } else if (overridden[t] != null) {
        Override o = overridden[t];
        out.add(head + ": the freeze was overridden by " + o.by + " at " + o.at + " (" + o.reason + ")");
      }
    }
    if (corrections != null) {
      uncorrectedProblems(budgets, out);
    }
    return out;
  }

  /**
   * Puts the corrections applied since the last evaluation into the history, one decision per
   * target, with the period budget corrected and uncorrected as of {@code nowMillis}.
   */
  private void recordCorrections(long nowMillis, List<PolicyDecision> out) {
    Instant at = Instant.ofEpochMilli(nowMillis);
    for (int n = corrections.appliedCount(); correctionsSeen < n; correctionsSeen++) {
      CorrectionLog.Entry e = corrections.applied(correctionsSeen);
      String how = e.retroactiveResolution().map(r -> "retroactive at " + DurationFormat.format(r)).orElse("");
      if (e.scheduled()) {
        how = how.isEmpty() ? "scheduled" : how + ", scheduled";
      }
      for (int t = 0; t < targets.size(); t++) {
        Target target = targets.get(t);
        PeriodBudget corrected = PeriodBudget.read(reader, target, nowMillis);
        PeriodBudget uncorrected = PeriodBudget.read(corrections.raw(), target, nowMillis);
        String message = "correction " + e.correctionId() + " by " + e.author() + " (\"" + e.reason() + "\"), declared "
            + e.declaredAt() + ", applied " + e.appliedAt() + ", windows " + e.windows() + ": "
            + (how.isEmpty() ? "no window within the period" : how) + "; period budget corrected " + spent(corrected)
            + ", uncorrected " + spent(uncorrected);
        record(out, new PolicyDecision(policy.id(), policy.version(), "correction", PolicyDecision.Kind.CORRECTION_APPLIED,
            slo.id(), reader.groupKey(), target, at, message,
            Optional.of(new PolicyDecision.Correction(e, corrected, uncorrected))));
      }
    }
  }

  /** {@code 40% spent (12 of 30000 events bad)}, or {@code no data}. */
  private static String spent(PeriodBudget b) {
    if (!b.hasData()) {
      return "no data";
    }
    return pct(b.projectedConsumed().getAsDouble()) + " spent (" + b.bad() + " of " + b.total() + " events bad)";
  }

  /**
   * The meta-signal on the uncorrected counts: a target whose budget is exhausted as recorded, with
   * no freeze in force, while the corrected budget is not (that case {@link #problems} reports
   * already). Corrections must not hide an exhausted budget.
   */
  private void uncorrectedProblems(PeriodBudgets budgets, List<String> out) {
    for (int t = 0; t < frozen.length; t++) {
      if (!frozen[t]) {
        exhaustedBeforeCorrections(reader, targets.get(t), budgets.get(t))
            .ifPresent(p -> out.add(p + ": corrections must not hide an exhausted budget"));
      }
    }
  }

  /**
   * When {@code reader} is a {@link CorrectionLog} whose uncorrected budget of {@code target} is
   * exhausted while the {@code corrected} one is not: {@code budget of <target> exhausted before
   * corrections (...) with no freeze in force}.
   */
  static Optional<String> exhaustedBeforeCorrections(WindowReader reader, Target target, PeriodBudget corrected) {
    if (!(reader instanceof CorrectionLog)) {
      return Optional.empty();
    }
    if (corrected != null && corrected.hasData() && corrected.projectedConsumedAtLeast(BigDecimal.ONE)) {
      return Optional.empty();
    }
    PeriodBudget raw = PeriodBudget.of(((CorrectionLog) reader).raw(), target);
    if (!raw.hasData() || !raw.projectedConsumedAtLeast(BigDecimal.ONE)) {
      return Optional.empty();
    }
    return Optional.of("budget of " + target.name() + " exhausted before corrections (" + pct(raw.projectedConsumed().getAsDouble())
        + " of the period's projected budget spent as recorded; " + (corrected == null ? "no data" : spent(corrected))
        + " after corrections) with no freeze in force");
  }

  /** {@code budget of <target> exhausted (113% of the period's projected budget spent) with no freeze in force}. */
  public static String exhausted(Target target, PeriodBudget b) {
    return "budget of " + target.name() + " exhausted (" + pct(b.projectedConsumed().getAsDouble())
        + " of the period's projected budget spent) with no freeze in force";
  }

  private void record(List<PolicyDecision> out, PolicyDecision d) {
    out.add(d);
    history.add(d);
  }

  private PolicyDecision decision(PolicyDecision.Kind kind, String clause, int t, Instant at, String message) {
    return new PolicyDecision(
        policy.id(), policy.version(), clause, kind, slo.id(), reader.groupKey(), targets.get(t), at, message);
  }

  static String num(double v) {
    return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }

  static String pct(double fraction) {
    return num(fraction * 100) + "%";
  }
}
