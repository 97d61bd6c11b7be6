package io.github.slo4j.monitor;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.WindowReader;
import io.github.slo4j.internal.DurationFormat;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
  private final BudgetPolicy.Postmortem postmortem;
  private final BigDecimal postmortemShare;
  private final BudgetPolicy.TargetReview review;
  private final Duration reviewWindow;
  private final List<BudgetPolicy.Step> steps = new ArrayList<>();
  private final List<RatioThreshold[]> stepThresholds = new ArrayList<>();
  /** Per step and target, the fewest events its window must hold before it may become breached. */
  private final List<long[]> stepFloors = new ArrayList<>();

  private final boolean[] frozen;
  private final Override[] overridden;
  private final Set<String> postmortemsIssued = new HashSet<>();
  private final List<ArrayDeque<long[]>> samples = new ArrayList<>();
  private final long[] historyStart;
  private final Calibration[] verdicts;
  private final boolean[][] breached;
  private long nextSampleAt = Long.MIN_VALUE;
  private final List<PolicyDecision> history = new ArrayList<>();
  private Instant lastFreezeAt;
  private Instant frozenSince;

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
    this.postmortem = p;
    this.postmortemShare = p == null ? null : BigDecimal.valueOf(p.budgetShare());
    this.review = r;
    this.reviewWindow = r == null ? null : r.window().orElse(slo.period().nominalLength());
    int n = targets.size();
    this.frozen = new boolean[n];
    this.overridden = new Override[n];
    this.historyStart = new long[n];
    this.verdicts = new Calibration[n];
    this.breached = new boolean[n][steps.size()];
    for (int t = 0; t < n; t++) {
      samples.add(new ArrayDeque<>());
      historyStart[t] = Long.MIN_VALUE;
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

  /** Evaluates every clause at {@code nowMillis}; returns the decisions in a stable order. */
  public List<PolicyDecision> evaluate(long nowMillis, PeriodBudget[] budgets, List<AlertEngine.Episode> episodes) {
    Instant at = Instant.ofEpochMilli(nowMillis);
    List<PolicyDecision> out = new ArrayList<>();
    if (freeze != null) {
      for (int t = 0; t < targets.size(); t++) {
        evaluateFreeze(t, at, budgets[t], out);
      }
    }
    if (postmortem != null) {
      for (AlertEngine.Episode e : episodes) {
        evaluatePostmortem(e, at, budgets[e.target().index()], out);
      }
    }
    if (review != null) {
      if (nextSampleAt == Long.MIN_VALUE || nowMillis >= nextSampleAt) {
        for (int t = 0; t < targets.size(); t++) {
          sample(t, nowMillis, at, out);
        }
        nextSampleAt = Math.floorDiv(nowMillis, HOUR) * HOUR + HOUR;
      }
    }
    for (int t = 0; t < targets.size(); t++) {
      for (int k = 0; k < steps.size(); k++) {
        evaluateStep(t, k, at, out);
      }
    }
    return out;
  }

  private void evaluateFreeze(int t, Instant at, PeriodBudget b, List<PolicyDecision> out) {
    if (!b.hasData()) {
      return;
    }
    boolean exhausted = b.projectedConsumedAtLeast(BigDecimal.ONE);
    boolean recovered = b.projectedRemainingAbove(unfreezeAbove);
    if (frozen[t]) {
      if (recovered) {
        frozen[t] = false;
        record(out, decision(PolicyDecision.Kind.UNFREEZE, freeze.name(), t, at,
            "budget recovered: " + pct(b.projectedRemaining().getAsDouble()) + " of the period's projected budget remaining (more than "
                + pct(freeze.unfreezeAbove()) + "); releases may ship again"));
        updateFrozenSince();
      }
    } else if (overridden[t] != null) {
      if (recovered) {
        overridden[t] = null;
      }
    } else if (exhausted) {
      frozen[t] = true;
      lastFreezeAt = at;
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

  private void evaluatePostmortem(AlertEngine.Episode e, Instant at, PeriodBudget b, List<PolicyDecision> out) {
    String key = e.target().index() + "@" + e.startMillis();
    if (!postmortemsIssued.contains(key) && b.projectedShareAtLeast(e.bad(), postmortemShare)) {
      postmortemsIssued.add(key);
      out.add(decision(PolicyDecision.Kind.POSTMORTEM_REQUIRED, postmortem.name(), e.target().index(), at,
          "the alert episode that started firing at " + Instant.ofEpochMilli(e.startMillis()) + " (" + e.openedBy()
              + ") spent " + pct(b.projectedShare(e.bad()).getAsDouble()) + " of the period's projected budget (at least "
              + pct(postmortem.budgetShare()) + "): a postmortem is required"));
    }
    if (!e.open()) {
      postmortemsIssued.remove(key);
    }
  }

  private void sample(int t, long nowMillis, Instant at, List<PolicyDecision> out) {
    Target target = targets.get(t);
    WindowCounts w = reader.window(target, reviewWindow);
    ArrayDeque<long[]> q = samples.get(t);
    if (w.hasData()) {
      double burn = w.burnRate(target.objective()).getAsDouble();
      q.addLast(new long[] {nowMillis, Double.doubleToRawLongBits(burn)});
      if (historyStart[t] == Long.MIN_VALUE) {
        historyStart[t] = nowMillis;
      }
    }
    long horizon = review.horizon().toMillis();
    while (!q.isEmpty() && q.peekFirst()[0] <= nowMillis - horizon) {
      q.pollFirst();
    }
    if (historyStart[t] == Long.MIN_VALUE || nowMillis - historyStart[t] < horizon || q.isEmpty()) {
      return;
    }
    double sum = 0;
    for (long[] s : q) {
      sum += Double.longBitsToDouble(s[1]);
    }
    double avg = sum / q.size();
    Calibration v =
        avg > review.tooTightAbove() ? Calibration.TOO_TIGHT
            : avg < review.tooLooseBelow() ? Calibration.TOO_LOOSE : Calibration.CALIBRATED;
    Calibration was = verdicts[t];
    verdicts[t] = v;
    if (v == was || (was == null && v == Calibration.CALIBRATED)) {
      return;
    }
    String over = "the burn rate over " + DurationFormat.format(reviewWindow) + " averaged " + num(avg) + " over the last "
        + DurationFormat.format(review.horizon());
    PolicyDecision d;
    if (v == Calibration.TOO_TIGHT) {
      d = decision(PolicyDecision.Kind.TARGET_TOO_TIGHT, review.name(), t, at,
          over + " (above " + num(review.tooTightAbove()) + "): the target is tighter than the service keeps; review it");
    } else if (v == Calibration.TOO_LOOSE) {
      d = decision(PolicyDecision.Kind.TARGET_TOO_LOOSE, review.name(), t, at,
          over + " (below " + num(review.tooLooseBelow()) + "): the target is looser than users could be promised; review it");
    } else {
      d = decision(PolicyDecision.Kind.TARGET_CALIBRATED, review.name(), t, at,
          over + " (between " + num(review.tooLooseBelow()) + " and " + num(review.tooTightAbove()) + "): calibrated");
    }
    out.add(d);
  }

  private void evaluateStep(int t, int k, Instant at, List<PolicyDecision> out) {
    BudgetPolicy.Step step = steps.get(k);
    Target target = targets.get(t);
    WindowCounts l = reader.window(target, step.window());
    if (!l.hasData() || l.total() < minEvents) {
      return;
    }
    RatioThreshold th = stepThresholds.get(k)[t];
    boolean now = AlertEngine.exceeds(th, l);
    String burns = "burn " + num(l.burnRate(target.objective()).getAsDouble()) + " over " + DurationFormat.format(step.window());
    if (step.shortWindow().isPresent()) {
      WindowCounts s = reader.window(target, step.shortWindow().get());
      if (!s.hasData()) {
        return;
      }
      now &= AlertEngine.exceeds(th, s);
      burns += " and " + num(s.burnRate(target.objective()).getAsDouble()) + " over " + DurationFormat.format(step.shortWindow().get());
    }
    if (now && !breached[t][k] && l.total() < stepFloors.get(k)[t]) {
      // One failed request never breaches a step: below the floor one bad event can exceed the
      // threshold. A breached step still returns on track below it.
      return;
    }
    if (now == breached[t][k]) {
      return;
    }
    breached[t][k] = now;
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
    for (int t = 0; t < targets.size(); t++) {
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

  /** Every freeze, unfreeze and override so far, oldest first. */
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
  public List<String> problems(PeriodBudget[] budgets) {
    List<String> out = new ArrayList<>();
    for (int t = 0; t < targets.size(); t++) {
      PeriodBudget b = budgets[t];
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
    return out;
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
