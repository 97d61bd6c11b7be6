package io.github.slo4j.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.ErrorBudget;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.WindowReader;
import io.github.slo4j.correction.BudgetCorrection;
import io.github.slo4j.correction.CorrectedReader;
import io.github.slo4j.replay.IntervalStore;
import io.github.slo4j.replay.NaiveWindowReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The monitor's evaluation fast path (issue 10: the store's reads with an integer reciprocal, the
 * burn window shared with the tier that has it as its long window, the short window of an inactive
 * tier not read while its long window does not exceed, the freeze comparing only the share its
 * state needs, the rows of a target hoisted) against the general computation: the same
 * monitor over {@link NaiveWindowReader}, read through the allocating
 * {@code window(Target, Duration)} form. Random traffic of two targets with
 * empty intervals, trickles, bursts that page and slow burns that open tickets and exhaust the
 * budget; the period window of a rolling and of a calendar period; the same through a {@link
 * CorrectedReader}. Every transition, decision and (at every hundredth interval and at the end)
 * the health must be equal. Fixed seeds; the messages name seed and interval.
 *
 * <p>(The store itself is checked against a sum of every interval in {@code IntervalStoreModelTest}.)
 */
class EvaluationFastPathTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private static SloDefinition latency(CompliancePeriod period) {
    return SloDefinition.builder("checkout-latency").service("checkout")
        .sli(Sli.latency(
            LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
            LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99"))))
        .period(period).build();
  }

  /**
   * The default rules at a 1-minute interval; with {@code ownTiers} the second target's tiers lack
   * the shortest long window of the first's (the monitor then reads that burn window itself).
   */
  private static AlertRules rules(SloDefinition slo, boolean ownTiers) {
    AlertRules.Builder b = AlertRules.builder(slo).evaluationInterval(MINUTE);
    if (ownTiers) {
      b.tiers(slo.targets().get(1), List.of(
          AlertTier.of(Severity.PAGE, Duration.ofHours(2), 6),
          AlertTier.of(Severity.TICKET, Duration.ofHours(6), 2)));
    }
    return b.build();
  }

  private static BudgetPolicy policy() {
    return BudgetPolicy.builder("checkout-policy", "1").approvedBy("Dana", Instant.EPOCH)
        .freezeWhenExhausted()
        .postmortemAt(0.2)
        .reviewTarget(Duration.ofHours(2), Duration.ofHours(12), 1.5, 0.3)
        .step("slow-burn", Duration.ofHours(6), 2, "slow down releases", "release as usual")
        .build();
  }

  /** One interval of random traffic in phase {@code phase}: quiet, trickle, burst or slow burn. */
  private static void traffic(SplittableRandom random, int phase, long[] good, long[] total) {
    for (int t = 0; t < good.length; t++) {
      long n;
      long bad;
      if (phase == 0 || random.nextInt(12) == 0) {
        n = 0; // an empty interval, or a silence
        bad = 0;
      } else {
        n = 1 + random.nextLong(600);
        bad = phase == 2 ? random.nextLong(n + 1) // a burst: any error ratio
            : phase == 3 ? random.nextLong(n / 8 + 1) // a slow burn
            : random.nextLong(n / 400 + 1); // a trickle
      }
      total[t] = n;
      good[t] = n - bad;
    }
  }

  /** Runs the same random traffic through a monitor over the store and one over the naive reader. */
  private static void agree(long seed, CompliancePeriod period, boolean ownTiers, boolean corrected, int intervals) {
    SloDefinition slo = latency(period);
    IntervalStore store = new IntervalStore(slo, START.toEpochMilli(), MINUTE);
    NaiveWindowReader naive = new NaiveWindowReader(slo, START.toEpochMilli(), MINUTE);
    WindowReader fast = store;
    WindowReader slow = naive;
    SplittableRandom random = new SplittableRandom(seed);
    if (corrected) {
      CorrectedReader overStore = CorrectedReader.over(store, MINUTE);
      CorrectedReader overNaive = CorrectedReader.over(naive, MINUTE);
      for (int c = 0; c < 4; c++) {
        Instant from = START.plus(Duration.ofMinutes(random.nextInt(intervals)));
        BudgetCorrection.Builder b = BudgetCorrection.builder("maintenance-" + c)
            .window(from, from.plus(Duration.ofMinutes(1 + random.nextInt(180))))
            .reason("drill " + c).author("alice").declaredAt(START);
        BudgetCorrection correction = (c % 2 == 1 ? b.budgetOnly() : b).build();
        overStore.apply(correction);
        overNaive.apply(correction);
      }
      fast = overStore;
      slow = overNaive;
    }
    AlertRules rules = rules(slo, ownTiers);
    SloMonitor a = SloMonitor.builder(slo).rules(rules).policy(policy()).build(fast);
    SloMonitor b = SloMonitor.builder(slo).rules(rules).policy(policy()).build(slow);
    List<AlertTransition> ta = new ArrayList<>();
    List<AlertTransition> tb = new ArrayList<>();
    List<PolicyDecision> da = new ArrayList<>();
    List<PolicyDecision> db = new ArrayList<>();
    long[] good = new long[2];
    long[] total = new long[2];
    int phase = 1;
    int pages = 0;
    for (int i = 0; i < intervals; i++) {
      if (random.nextInt(90) == 0) {
        phase = random.nextInt(4);
      }
      traffic(random, phase, good, total);
      store.append(good, total);
      naive.append(good, total);
      String at = "seed " + seed + ", interval " + i + " (" + Instant.ofEpochMilli(store.asOfMillis()) + ")";
      boolean ca = a.evaluate(store.asOfMillis(), ta, da);
      boolean cb = b.evaluate(naive.asOfMillis(), tb, db);
      assertEquals(cb, ca, at + ": changed");
      assertEquals(tb, ta, at + ": transitions");
      assertEquals(db, da, at + ": decisions");
      if (i % 100 == 99 || i == intervals - 1) {
        assertEquals(b.health(), a.health(), at + ": health");
        assertEquals(burnNow(slo, slow, a.health().burnWindow()), a.health().burnRate(), at + ": burn rate now");
      }
      for (AlertTransition t : ta) {
        pages += t.to() == AlertState.FIRING ? 1 : 0;
      }
      ta.clear();
      tb.clear();
      da.clear();
      db.clear();
    }
    // the traffic must have driven the state machines, not only the quiet shortcut
    assertTrue(pages > 0, "seed " + seed + ": no alert fired");
  }

  /** The largest burn rate over {@code window} of any target with data, read the general way. */
  private static OptionalDouble burnNow(SloDefinition slo, WindowReader reader, Duration window) {
    double max = -1;
    for (Target t : slo.targets()) {
      WindowCounts w = reader.window(t, window);
      if (w.total() > 0) {
        max = Math.max(max, ErrorBudget.burnRate(t.objective(), w.good(), w.total()).getAsDouble());
      }
    }
    return max < 0 ? OptionalDouble.empty() : OptionalDouble.of(max);
  }

  @Test
  void theFastPathAgreesWithTheNaiveReaderOverRandomTraffic() {
    for (long seed : new long[] {1, 2, 3}) {
      agree(seed, CompliancePeriod.rollingDays(1), false, false, 4_000);
    }
  }

  @Test
  void aTargetWithoutATierOfTheBurnWindowReadsItItself() {
    for (long seed : new long[] {4, 5}) {
      agree(seed, CompliancePeriod.rollingDays(1), true, false, 3_000);
    }
  }

  @Test
  void theFastPathAgreesOverACalendarPeriod() {
    agree(6, CompliancePeriod.calendarWeek(java.time.ZoneId.of("Asia/Kathmandu")), false, false, 12_000);
  }

  @Test
  void theFastPathAgreesThroughCorrections() {
    for (long seed : new long[] {7, 8}) {
      agree(seed, CompliancePeriod.rollingDays(1), seed == 8, true, 3_000);
    }
  }

  @Test
  void skippingTheShortWindowOfAnInactiveTierChangesNoTransitionNoPayloadAndNoEpisode() {
    int transitions = 0;
    int resolved = 0;
    for (long seed : new long[] {9, 10, 11}) {
      SloDefinition slo = latency(CompliancePeriod.rollingDays(1));
      IntervalStore store = new IntervalStore(slo, START.toEpochMilli(), MINUTE);
      AlertRules rules = rules(slo, seed == 11);
      AlertEngine shortcut = new AlertEngine(rules, store, io.github.slo4j.ChangeLog.create(), true);
      AlertEngine general = new AlertEngine(rules, store, io.github.slo4j.ChangeLog.create(), false);
      PeriodBudgets budgets = new PeriodBudgets(store);
      SplittableRandom random = new SplittableRandom(seed);
      long[] good = new long[2];
      long[] total = new long[2];
      List<AlertTransition> a = new ArrayList<>();
      List<AlertTransition> b = new ArrayList<>();
      int phase = 1;
      for (int i = 0; i < 5_000; i++) {
        if (random.nextInt(90) == 0) {
          phase = random.nextInt(4);
        }
        traffic(random, phase, good, total);
        store.append(good, total);
        long now = store.asOfMillis();
        budgets.read(now);
        a.clear();
        b.clear();
        shortcut.evaluate(now, budgets, a);
        general.evaluate(now, budgets, b);
        String at = "seed " + seed + ", interval " + i;
        // whole transitions: the payloads' long and short windows, budget and episode included
        assertEquals(b, a, at);
        assertEquals(render(general.lastEpisodes()), render(shortcut.lastEpisodes()), at + ": episodes");
        assertEquals(general.active(), shortcut.active(), at + ": active alerts");
        transitions += a.size();
        for (AlertTransition x : a) {
          resolved += x.to() == AlertState.RESOLVED ? 1 : 0;
        }
      }
    }
    // fired and resolved: the payloads of both kinds of transition were compared
    assertTrue(transitions > 20 && resolved > 5, "transitions: " + transitions + ", resolved: " + resolved);
  }

  private static List<String> render(List<AlertEngine.Episode> episodes) {
    List<String> out = new ArrayList<>();
    for (AlertEngine.Episode e : episodes) {
      out.add(e + " bad " + e.bad() + " open " + e.open());
    }
    return out;
  }

  @Test
  void theBurnWindowIsSharedOnlyWithATierOfThatLongWindow() {
    SloDefinition slo = latency(CompliancePeriod.rollingDays(1));
    IntervalStore store = new IntervalStore(slo, START.toEpochMilli(), MINUTE);
    AlertRules rules = rules(slo, true);
    AlertEngine engine = new AlertEngine(rules, store, io.github.slo4j.ChangeLog.create());
    long shortest = Long.MAX_VALUE;
    for (AlertTier tier : rules.tiers(slo.targets().get(0))) {
      shortest = Math.min(shortest, tier.longWindow().toMillis());
    }
    assertTrue(engine.longWindowCounts(0, shortest) != null, "the first target has a tier of " + shortest + " ms");
    assertFalse(engine.longWindowCounts(1, shortest) != null, "the second target has none");
  }
}
