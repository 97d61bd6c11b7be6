package io.github.slo4j.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.replay.Replay;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The timeline of a replay with the default rules — four tiers, incidents per severity, pages
 * suppressing tickets, keep-firing hysteresis, the no-data alert — and a freezing policy is the
 * timeline of a naive model of those rules: windows summed from the raw per-interval counts, every
 * threshold compared in exact integers, the state machines written from the rules' documentation
 * ({@link AlertEngine}). Seeded random traffic of bursts, slow burns and silences; the evaluation
 * that keeps its figures in arrays and decides in doubles away from thresholds must not move one
 * transition.
 */
class DefaultRulesTimelineTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final int DAYS = 5;
  private static final int PER_DAY = 8_640;

  /** 99.9 % over 7 days: budget-share tiers 1h/5m 3.36, 6h/30m 1.4, 1d/2h 0.7, 3d/6h 0.2333… */
  private static SloDefinition slo() {
    return SloDefinition.builder("checkout-availability").service("checkout")
        .objective(Objective.percent("99.9")).period(CompliancePeriod.rollingDays(7)).build();
  }

  /** Per-interval {good, total}: segments of 10 minutes to 12 hours at random rates and error ratios. */
  private static List<long[]> traffic(SplittableRandom random) {
    long[] perTenThousand = {0, 0, 1, 3, 10, 20, 50, 200, 10_000};
    List<long[]> raw = new ArrayList<>();
    while (raw.size() < DAYS * PER_DAY) {
      int intervals = 60 + random.nextInt(4_320);
      long rate = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(60);
      long bad = perTenThousand[random.nextInt(perTenThousand.length)];
      for (int i = 0; i < intervals && raw.size() < DAYS * PER_DAY; i++) {
        long total = rate == 0 ? 0 : rate + random.nextInt(5);
        long b = 0;
        for (int e = 0; e < total; e++) {
          b += random.nextInt(10_000) < bad ? 1 : 0;
        }
        raw.add(new long[] {total - b, total});
      }
    }
    return raw;
  }

  @Test
  void aSeededReplayWithTheDefaultRulesHasTheNaiveModelsTimeline() {
    SloDefinition slo = slo();
    Target target = slo.targets().get(0);
    AlertRules rules = AlertRules.defaults(slo);
    BudgetPolicy policy = BudgetPolicy.builder("p", "1").approvedBy("Dana", Instant.EPOCH).freezeWhenExhausted().build();
    int fired = 0;
    for (long seed = 1; seed <= 3; seed++) {
      List<long[]> raw = traffic(new SplittableRandom(seed));
      List<Replay.Point> points = new ArrayList<>();
      for (int i = 0; i < raw.size(); i++) {
        points.add(new Replay.Point(START.plusSeconds(10L * i), raw.get(i)[0], raw.get(i)[1]));
      }
      Replay.Result r = Replay.of(slo).rules(rules).policy(policy).traffic(Replay.Traffic.recorded(points))
          .start(START).duration(Duration.ofSeconds(10L * raw.size())).run();
      List<String> actual = new ArrayList<>();
      r.transitions().forEach(t -> actual.add(
          Duration.between(START, t.at()).toSeconds() / 10 + " " + t.alert().tier().map(Object::toString).orElse("no data")
              + " " + t.from() + "->" + t.to() + t.alert().suppressedBy().map(s -> " by " + s).orElse("")));
      r.decisions().forEach(d -> actual.add(Duration.between(START, d.at()).toSeconds() / 10 + " " + d.kind()));
      List<String> expected = new Model(slo, target, rules, policy, raw).run();
      assertEquals(expected, actual, "seed " + seed);
      fired += (int) r.transitions().stream().filter(t -> t.to() == AlertState.FIRING).count();
    }
    assertTrue(fired >= 6, "the seeds should fire alerts, fired " + fired);
  }

  /** The naive model: prefix sums of the raw counts, exact integer thresholds, the rules' state machines. */
  private static final class Model {
    private final SloDefinition slo;
    private final Target target;
    private final AlertRules rules;
    private final List<AlertTier> tiers;
    private final long[] good;
    private final long[] total;
    private final BigDecimal budget;
    private final BigDecimal unfreezeAbove;

    Model(SloDefinition slo, Target target, AlertRules rules, BudgetPolicy policy, List<long[]> raw) {
      this.slo = slo;
      this.target = target;
      this.rules = rules;
      this.tiers = rules.tiers(target);
      this.budget = target.objective().errorBudgetDecimal();
      this.unfreezeAbove = BigDecimal.valueOf(policy.freeze().orElseThrow().unfreezeAbove());
      good = new long[raw.size() + 1];
      total = new long[raw.size() + 1];
      for (int i = 0; i < raw.size(); i++) {
        good[i + 1] = good[i] + raw.get(i)[0];
        total[i + 1] = total[i] + raw.get(i)[1];
      }
    }

    /** {good, total, covered intervals} of the last {@code window} after {@code k} intervals. */
    private long[] sum(int k, Duration window) {
      int w = (int) Math.min(window.toSeconds() / 10, k);
      return new long[] {good[k] - good[k - w], total[k] - total[k - w], w};
    }

    /** bad × covered > θ × total × window, in whole intervals, θ = factor × (1 − objective) exactly. */
    private boolean over(long[] c, Duration window, double factor) {
      BigDecimal theta = BigDecimal.valueOf(factor).multiply(budget);
      BigDecimal lhs = new BigDecimal(BigInteger.valueOf(c[1] - c[0]).multiply(BigInteger.valueOf(c[2])));
      return lhs.compareTo(theta.multiply(BigDecimal.valueOf(c[1])).multiply(BigDecimal.valueOf(window.toSeconds() / 10))) > 0;
    }

    private String id(int i) {
      return slo.id() + "/" + target.name() + " " + tiers.get(i);
    }

    List<String> run() {
      int m = tiers.size();
      AlertState[] state = new AlertState[m];
      String[] suppressedBy = new String[m];
      boolean[] active = new boolean[m];
      long[] falseSince = new long[m];
      List<Severity> severities = new ArrayList<>();
      int[] incidentOf = new int[m];
      for (int i = 0; i < m; i++) {
        state[i] = AlertState.INACTIVE;
        falseSince[i] = -1;
        if (!severities.contains(tiers.get(i).severity())) {
          severities.add(tiers.get(i).severity());
        }
        incidentOf[i] = severities.indexOf(tiers.get(i).severity());
      }
      long silence = rules.noDataAfter().orElseThrow().toSeconds() / 10;
      AlertState noData = AlertState.INACTIVE;
      boolean seenTraffic = false;
      boolean frozen = false;
      long periodIntervals = slo.period().nominalLength().toSeconds() / 10;
      List<String> out = new ArrayList<>();
      for (int k = 1; k < good.length; k++) {
        for (int i = 0; i < m; i++) {
          AlertTier tier = tiers.get(i);
          long[] l = sum(k, tier.longWindow());
          long[] s = sum(k, tier.shortWindow());
          if (l[1] == 0 || s[1] == 0) {
            continue; // no data: the tier keeps its state and its false-since clock
          }
          boolean exceeded = over(l, tier.longWindow(), tier.factor()) && over(s, tier.shortWindow(), tier.factor());
          boolean guards = l[1] >= rules.minEvents(target, tier) && l[1] - l[0] >= rules.minBadEvents();
          active[i] = NaiveTier.active(active[i], exceeded, guards, k, falseSince, i, rules.keepFiringFor(tier).toMillis());
        }
        // the incidents open before this evaluation, by severity: who notified them
        String[] incidents = new String[severities.size()];
        for (int i = 0; i < m; i++) {
          if (state[i] == AlertState.FIRING) {
            incidents[incidentOf[i]] = id(i);
          }
        }
        for (int i = 0; i < m; i++) {
          if (state[i] == AlertState.SUPPRESSED && incidents[incidentOf[i]] == null) {
            incidents[incidentOf[i]] = suppressedBy[i];
          }
        }
        for (int i = 0; i < m; i++) {
          AlertState from = state[i];
          int g = incidentOf[i];
          AlertState to;
          if (!active[i]) {
            boolean incidentActive = false;
            for (int j = 0; j < m; j++) {
              incidentActive |= incidentOf[j] == g && active[j];
            }
            to = from == AlertState.FIRING ? (incidentActive ? AlertState.FIRING : AlertState.RESOLVED)
                : from == AlertState.SUPPRESSED ? AlertState.INACTIVE : from;
            if (from == AlertState.SUPPRESSED) {
              suppressedBy[i] = null;
            }
          } else if (from == AlertState.FIRING || from == AlertState.SUPPRESSED) {
            to = from;
          } else {
            String by = incidents[g] != null ? incidents[g] : suppressor(tiers.get(i).severity(), active);
            to = by != null ? AlertState.SUPPRESSED : AlertState.FIRING;
            suppressedBy[i] = by;
            if (incidents[g] == null) {
              incidents[g] = to == AlertState.FIRING ? id(i) : by;
            }
          }
          if (to != from) {
            out.add(k + " " + tiers.get(i) + " " + from + "->" + to + (to == AlertState.SUPPRESSED ? " by " + suppressedBy[i] : ""));
            state[i] = to;
          }
        }
        // the period budget: spent share = bad × covered ÷ (budget × total × period), in intervals
        long[] p = sum(k, slo.period().nominalLength());
        boolean inPeriod = p[1] > 0;
        long[] quiet = sum(k, Duration.ofSeconds(10 * silence));
        boolean silent = quiet[1] == 0;
        seenTraffic |= inPeriod || !silent;
        AlertState noDataTo = silent && seenTraffic ? AlertState.FIRING
            : noData == AlertState.FIRING ? AlertState.RESOLVED : noData;
        if (noDataTo != noData) {
          out.add(k + " no data " + noData + "->" + noDataTo);
          noData = noDataTo;
        }
        if (inPeriod) {
          BigDecimal spent = new BigDecimal(BigInteger.valueOf(p[1] - p[0]).multiply(BigInteger.valueOf(p[2])));
          BigDecimal allowed = budget.multiply(BigDecimal.valueOf(p[1])).multiply(BigDecimal.valueOf(periodIntervals));
          boolean exhausted = spent.compareTo(allowed) >= 0;
          boolean recovered = spent.compareTo(BigDecimal.ONE.subtract(unfreezeAbove).multiply(allowed)) < 0;
          if (frozen && recovered) {
            frozen = false;
            out.add(k + " UNFREEZE");
          } else if (!frozen && exhausted) {
            frozen = true;
            out.add(k + " FREEZE");
          }
        }
      }
      // the replay lists transitions first, then decisions, each in time order
      List<String> transitions = out.stream().filter(s -> !s.endsWith("FREEZE")).collect(Collectors.toList());
      transitions.addAll(out.stream().filter(s -> s.endsWith("FREEZE")).collect(Collectors.toList()));
      return transitions;
    }

    /** The id of an active tier of a severity that suppresses {@code severity}, or null. */
    private String suppressor(Severity severity, boolean[] active) {
      for (Map.Entry<Severity, Set<Severity>> e : rules.suppressions().entrySet()) {
        if (e.getValue().contains(severity)) {
          for (int j = 0; j < tiers.size(); j++) {
            if (active[j] && tiers.get(j).severity().equals(e.getKey())) {
              return id(j);
            }
          }
        }
      }
      return null;
    }
  }
}
