package io.github.slo4j.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ChangeLog;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.replay.IntervalStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The alert engine skips the state machines of a quiet target (no tier active, none firing or
 * suppressed). This compares it, evaluation by evaluation, with the general path that runs them
 * for every target, over seeded random traffic of a latency SLO with two thresholds (so that one
 * target's page suppresses the other's ticket across targets).
 */
class QuietTargetShortcutTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final double[] BAD = {0, 0, 0.001, 0.01, 0.03, 0.1, 0.3, 1};

  @Test
  void skippingQuietTargetsChangesNoTransitionAndNoEpisode() {
    SloDefinition slo = SloDefinition.builder("quiet").service("quiet")
        .sli(Sli.latency(
            LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
            LatencyThreshold.of(Duration.ofMillis(500), Objective.percent("99"))))
        .period(CompliancePeriod.rollingDays(7))
        .build();
    AlertRules rules = AlertRules.defaults(slo);
    int transitions = 0;
    int suppressed = 0;
    for (long seed = 1; seed <= 4; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      IntervalStore store = new IntervalStore(slo, 0, MINUTE);
      AlertEngine shortcut = new AlertEngine(rules, store, ChangeLog.create(), true);
      AlertEngine general = new AlertEngine(rules, store, ChangeLog.create(), false);
      PeriodBudgets budgets = new PeriodBudgets(store);
      int targets = slo.targets().size();
      long[] good = new long[targets];
      long[] total = new long[targets];
      int[] left = new int[targets];
      long[] rate = new long[targets];
      double[] bad = new double[targets];
      List<AlertTransition> a = new ArrayList<>();
      List<AlertTransition> b = new ArrayList<>();
      for (int i = 0; i < 8 * 24 * 60; i++) {
        for (int t = 0; t < targets; t++) {
          if (left[t] == 0) {
            // a segment of up to 8 hours at a random rate (or silence) and error ratio
            left[t] = 1 + random.nextInt(480);
            rate[t] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(600);
            bad[t] = BAD[random.nextInt(BAD.length)];
          }
          left[t]--;
          total[t] = rate[t];
          long b0 = (long) Math.floor(rate[t] * bad[t] + random.nextDouble());
          good[t] = rate[t] - Math.min(rate[t], b0);
        }
        store.append(good, total);
        long now = store.asOfMillis();
        budgets.read(now);
        a.clear();
        b.clear();
        shortcut.evaluate(now, budgets, a);
        general.evaluate(now, budgets, b);
        String at = "seed " + seed + ", interval " + i;
        assertEquals(render(b), render(a), at);
        assertEquals(general.touchedCount(), shortcut.touchedCount(), at);
        for (int e = 0; e < general.touchedCount(); e++) {
          assertEquals(render(general.touched()[e]), render(shortcut.touched()[e]), at);
        }
        transitions += a.size();
        for (AlertTransition x : a) {
          suppressed += x.to() == AlertState.SUPPRESSED ? 1 : 0;
        }
      }
    }
    // the traffic must exercise the state machines, suppression included, for the comparison to mean anything
    assertTrue(transitions > 20, "transitions: " + transitions);
    assertTrue(suppressed > 0, "suppressed: " + suppressed);
  }

  private static List<String> render(List<AlertTransition> ts) {
    List<String> out = new ArrayList<>();
    for (AlertTransition t : ts) {
      out.add(t.at() + " " + t.alert().id() + " " + t.from() + "->" + t.to() + " by " + t.alert().suppressedBy());
    }
    return out;
  }

  private static String render(AlertEngine.Episode e) {
    return e + " bad " + e.bad() + " open " + e.open();
  }
}
