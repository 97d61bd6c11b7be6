package io.github.slo4j.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ChangeLog;
import io.github.slo4j.ChangeMarker;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.property.Gen;
import io.github.slo4j.property.Property;
import io.github.slo4j.replay.IntervalStore;
import io.github.slo4j.replay.Replay;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Properties checked against naive reference models: plain loops over the raw per-interval counts
 * and exact rational arithmetic ({@link BigInteger}), never the code under test.
 */
class AlertPropertiesTest {
  private static final Duration TEN_S = Duration.ofSeconds(10);

  // ---- exact thresholds -------------------------------------------------------------------------

  @Test
  void ratioThresholdIsExactlyStrictlyGreater() {
    Property.check(2000, d -> {
      long total = d.draw("total", Gen.longs(1, 1_000_000_000_000L));
      double fraction = d.draw("fraction", Gen.doubles("[0, 1]", 2));
      int nudge = d.draw("nudge", Gen.ints(-2, 2));
      double factor = d.draw("factor", factors());
      String objective = d.draw("objective", objectives());
      Objective o = Objective.percent(objective);
      BigDecimal threshold = BigDecimal.valueOf(factor).multiply(o.errorBudgetDecimal());
      // Aim at the threshold itself, where rounding would go wrong, then nudge by a few events.
      long onEdge = threshold.multiply(BigDecimal.valueOf(total)).setScale(0, java.math.RoundingMode.FLOOR)
          .min(BigDecimal.valueOf(total)).longValue();
      long bad = fraction < 0.5 ? Math.max(0, Math.min(total, onEdge + nudge)) : (long) (fraction * total);
      boolean expected = BigDecimal.valueOf(bad).compareTo(threshold.multiply(BigDecimal.valueOf(total))) > 0;
      assertEquals(expected, RatioThreshold.of(factor, o).exceededBy(bad, total));
    });
  }

  static Gen<Double> factors() {
    return Gen.oneOf(
        Gen.of(14.4, 6.0, 3.0, 1.0, 13.44, 5.6, 2.8, 0.9333333333333333, 14.0, 7.0, 2.0, 1e-3, 999.0),
        Gen.doubles("[0.001, 2000]", 6));
  }

  static Gen<String> objectives() {
    return Gen.of("90", "95", "99", "99.5", "99.9", "99.95", "99.99", "99.999", "99.9999");
  }

  @Test
  void budgetSharesCompareExactly() {
    Property.check(2000, d -> {
      long total = d.draw("total", Gen.longs(1, 10_000_000_000L));
      long periodMillis = d.draw("periodMillis", Gen.longs(1, 2_678_400_000L));
      double coverage = d.draw("coverage", Gen.doubles("[0.001, 1]", 6));
      String objective = d.draw("objective", objectives());
      BigDecimal fraction = d.draw("fraction", fractions());
      int nudge = d.draw("nudge", Gen.ints(-2, 2));
      Objective o = Objective.percent(objective);
      long covered = Math.max(1, (long) (periodMillis * coverage));
      // bad events on the edge: share = bad × covered ÷ (budget × total × period) = fraction.
      BigDecimal rhs = fraction.multiply(o.errorBudgetDecimal()).multiply(BigDecimal.valueOf(total))
          .multiply(BigDecimal.valueOf(periodMillis));
      long onEdge = rhs.divide(BigDecimal.valueOf(covered), 0, java.math.RoundingMode.FLOOR).longValue();
      long bad = Math.max(0, onEdge + nudge);
      io.github.slo4j.monitor.PeriodBudget b =
          io.github.slo4j.monitor.PeriodBudget.of(o, total - Math.min(bad, total), total, covered, periodMillis);
      boolean expected = BigDecimal.valueOf(bad).multiply(BigDecimal.valueOf(covered)).compareTo(rhs) >= 0;
      assertEquals(expected, b.projectedShareAtLeast(bad, fraction));
    });
  }

  static Gen<BigDecimal> fractions() {
    return Gen.oneOf(
        Gen.of(new BigDecimal("1"), new BigDecimal("0.2"), new BigDecimal("0.95"), new BigDecimal("0.05")),
        Gen.decimals("[0.0001, 1]", 4));
  }

  // ---- the exact store ---------------------------------------------------------------------------

  @Test
  void theStoreAnswersEveryWindowAsANaiveSum() {
    Property.check(300, d -> {
      List<Integer> totals = d.draw("totals", Gen.ints(0, 50).list(1, 400));
      int windowIntervals = d.draw("windowIntervals", Gen.ints(1, 400));
      int extraMillis = d.draw("extraMillis", Gen.ints(0, 9_999));
      SloDefinition slo = hourSlo("99");
      IntervalStore store = new IntervalStore(slo, 0, TEN_S);
      List<long[]> raw = new ArrayList<>();
      for (int i = 0; i < totals.size(); i++) {
        long total = totals.get(i);
        long good = total - (i * 7L % (total + 1));
        raw.add(new long[] {good, total});
        store.append(new long[] {good}, new long[] {total});
      }
      Duration window = Duration.ofSeconds(10L * Math.min(windowIntervals, 360)).plusMillis(extraMillis);
      if (window.compareTo(Duration.ofHours(1)) > 0) {
        window = Duration.ofHours(1);
      }
      WindowCounts w = store.window(slo.targets().get(0), window);
      int k = (int) Math.min(window.toMillis() / 10_000, raw.size());
      long good = 0;
      long total = 0;
      for (int i = raw.size() - k; i < raw.size(); i++) {
        good += raw.get(i)[0];
        total += raw.get(i)[1];
      }
      assertEquals(good, w.good());
      assertEquals(total, w.total());
      assertEquals(Duration.ofSeconds(10L * k), w.covered());
      assertEquals(10_000L * raw.size(), store.asOfMillis());
    });
  }

  // ---- alert tiers, suppression and freezes against a naive model ---------------------------------

  /** A traffic segment: how many intervals, events per interval, bad per mille. */
  record Segment(int intervals, int perInterval, int badPerMille) {}

  static Gen<List<Segment>> traffic() {
    Gen<Integer> intervals = Gen.ints(1, 120);
    Gen<Integer> perInterval = Gen.oneOf(Gen.constant(0), Gen.ints(1, 40));
    Gen<Integer> badPerMille = Gen.of(0, 1, 5, 10, 30, 100, 144, 145, 300, 1000);
    Gen<Segment> seg = t -> new Segment(intervals.draw(t), perInterval.draw(t), badPerMille.draw(t));
    return seg.list(1, 25);
  }

  private static SloDefinition hourSlo(String percent) {
    return SloDefinition.builder("prop").service("prop")
        .objective(Objective.percent(percent)).period(CompliancePeriod.rolling(Duration.ofHours(1))).build();
  }

  @Test
  void tiersSuppressionAndFreezesMatchANaiveModel() {
    Property.check(150, draws -> {
      List<Segment> segments = draws.draw("segments", traffic());
      int minEvents = draws.draw("minEvents", Gen.ints(0, 300));
      int minBad = draws.draw("minBad", Gen.ints(0, 3));
      int marginPercent = draws.draw("marginPercent", Gen.ints(0, 20));
      SloDefinition slo = hourSlo("99");
      // Thresholds at 99 %: page 14.4 % over 10m and 1m, ticket 3 % over 30m and 5m.
      AlertTier page = new AlertTier(Severity.PAGE, Duration.ofMinutes(10), Duration.ofMinutes(1), 14.4);
      AlertTier ticket = new AlertTier(Severity.TICKET, Duration.ofMinutes(30), Duration.ofMinutes(5), 3);
      List<AlertTier> tiers = List.of(page, ticket);
      AlertRules rules = AlertRules.builder(slo).tiers(tiers).minEvents(minEvents).minBadEvents(minBad)
          .withoutNoDataAlert().build();
      BudgetPolicy policy = BudgetPolicy.builder("p", "1").approvedBy("Dana", Instant.EPOCH)
          .freezeWhenExhausted(marginPercent / 100.0).build();

      // Raw per-interval counts, with a deterministic scatter of bad events inside each segment.
      List<long[]> raw = new ArrayList<>();
      List<Replay.Point> points = new ArrayList<>();
      Instant start = Slos.START;
      for (Segment s : segments) {
        long acc = 0;
        for (int i = 0; i < s.intervals(); i++) {
          long before = acc / 1000;
          acc += (long) s.perInterval() * s.badPerMille();
          long bad = Math.min(s.perInterval(), acc / 1000 - before);
          raw.add(new long[] {s.perInterval() - bad, s.perInterval()});
          points.add(new Replay.Point(start.plusSeconds(10L * (raw.size() - 1)), s.perInterval() - bad, s.perInterval()));
        }
      }
      Replay.Result r = Replay.of(slo).rules(rules).policy(policy).traffic(Replay.Traffic.recorded(points))
          .start(start).duration(Duration.ofSeconds(10L * raw.size())).run();

      // The naive model.
      int n = raw.size();
      AlertState[] state = {AlertState.INACTIVE, AlertState.INACTIVE};
      long[] falseSince = {-1, -1};
      List<String> expected = new ArrayList<>();
      boolean frozen = false;
      List<String> expectedFreezes = new ArrayList<>();
      for (int k = 1; k <= n; k++) {
        boolean[] active = new boolean[2];
        for (int t = 0; t < 2; t++) {
          long[] l = sum(raw, k, tiers.get(t).longWindow());
          long[] s = sum(raw, k, tiers.get(t).shortWindow());
          boolean was = state[t].active();
          if (l[1] == 0 || s[1] == 0) {
            active[t] = was;
            continue;
          }
          boolean exceeded = over(l, k, tiers.get(t).longWindow(), t) && over(s, k, tiers.get(t).shortWindow(), t);
          // One bad of n exceeds θ‰ iff 1000 > θ‰ × n: each tier's floor is ⌈1000 ÷ θ‰⌉ (7 and 34).
          long floor = Math.max(minEvents, t == 0 ? 7 : 34);
          // Kept firing until the condition has been false for the tier's short window.
          active[t] = NaiveTier.active(was, exceeded, l[1] >= floor && l[1] - l[0] >= minBad, k, falseSince, t,
              tiers.get(t).shortWindow().toMillis());
        }
        for (int t = 0; t < 2; t++) {
          AlertState from = state[t];
          AlertState to;
          if (!active[t]) {
            to = from == AlertState.FIRING ? AlertState.RESOLVED : from == AlertState.SUPPRESSED ? AlertState.INACTIVE : from;
          } else if (from.active()) {
            to = from;
          } else {
            to = t == 1 && active[0] ? AlertState.SUPPRESSED : AlertState.FIRING;
          }
          if (to != from) {
            expected.add(k + " " + tiers.get(t) + " " + from + "->" + to);
            state[t] = to;
          }
        }
        // Budget over the 1 h period: consumed = bad × covered ÷ (0.01 × total × 1 h).
        long[] p = sum(raw, k, Duration.ofHours(1));
        if (p[1] > 0) {
          long covered = Math.min(k, 360);
          BigInteger lhs = bad(p).multiply(BigInteger.valueOf(covered)).multiply(BigInteger.valueOf(100));
          BigInteger rhs = BigInteger.valueOf(p[1]).multiply(BigInteger.valueOf(360));
          boolean exhausted = lhs.compareTo(rhs) >= 0;
          // remaining > m  <=>  consumed < 1 − m  <=>  lhs × 100 < rhs × (100 − marginPercent)
          boolean recovered = lhs.multiply(BigInteger.valueOf(100)).compareTo(rhs.multiply(BigInteger.valueOf(100 - marginPercent))) < 0;
          if (frozen && recovered) {
            frozen = false;
            expectedFreezes.add(k + " UNFREEZE");
          } else if (!frozen && exhausted) {
            frozen = true;
            expectedFreezes.add(k + " FREEZE");
          }
        }
      }
      List<String> actual = r.transitions().stream()
          .map(t -> (Duration.between(start, t.at()).toSeconds() / 10) + " " + t.alert().tier().orElseThrow() + " " + t.from() + "->" + t.to())
          .collect(Collectors.toList());
      assertEquals(expected, actual);
      List<String> actualFreezes = r.decisions().stream()
          .map(d -> (Duration.between(start, d.at()).toSeconds() / 10) + " " + d.kind())
          .collect(Collectors.toList());
      assertEquals(expectedFreezes, actualFreezes);
      for (AlertTransition t : r.transitions()) {
        assertEquals(t.to() == AlertState.SUPPRESSED, t.alert().suppressedBy().isPresent());
      }
    });
  }

  /**
   * bad ÷ total > threshold, the window's events projected to the whole window when only {@code
   * min(k, w)} of its {@code w} intervals exist: bad × min(k, w) × 1000 > th‰ × total × w.
   */
  private static boolean over(long[] c, int k, Duration window, int tier) {
    long w = window.toSeconds() / 10;
    BigInteger th = BigInteger.valueOf(tier == 0 ? 144 : 30); // per mille: 14.4 × 1 %, 3 × 1 %
    return bad(c).multiply(BigInteger.valueOf(Math.min(k, w) * 1000))
        .compareTo(th.multiply(BigInteger.valueOf(c[1])).multiply(BigInteger.valueOf(w))) > 0;
  }

  private static long[] sum(List<long[]> raw, int k, Duration window) {
    int w = (int) Math.min(window.toSeconds() / 10, k);
    long good = 0;
    long total = 0;
    for (int i = k - w; i < k; i++) {
      good += raw.get(i)[0];
      total += raw.get(i)[1];
    }
    return new long[] {good, total};
  }

  private static BigInteger bad(long[] c) {
    return BigInteger.valueOf(c[1] - c[0]);
  }

  // ---- change log ---------------------------------------------------------------------------------

  @Test
  void theChangeLogReturnsExactlyTheMarkersInRangeNewestFirst() {
    Property.check(300, d -> {
      List<Integer> times = d.draw("times", Gen.ints(0, 1000).list(0, 60));
      int from = d.draw("from", Gen.ints(0, 1000));
      int span = d.draw("span", Gen.ints(0, 1000));
      ChangeLog log = ChangeLog.withCapacity(50);
      List<ChangeMarker> all = new ArrayList<>();
      for (int i = 0; i < times.size(); i++) {
        ChangeMarker m = ChangeMarker.deploy("svc", "v" + i, Instant.ofEpochSecond(times.get(i)));
        all.add(m);
        log.record(m);
      }
      // The log keeps the 50 latest by time; among equal times, the later recorded.
      List<ChangeMarker> kept = new ArrayList<>(all);
      kept.sort(Comparator.comparing(ChangeMarker::at));
      // Stable insertion: a marker recorded later at an equal time sorts after the earlier ones.
      while (kept.size() > 50) {
        kept.remove(0);
      }
      List<ChangeMarker> expected = kept.stream()
          .filter(c -> !c.at().isBefore(Instant.ofEpochSecond(from)) && !c.at().isAfter(Instant.ofEpochSecond(from + span)))
          .collect(Collectors.toList());
      java.util.Collections.reverse(expected);
      assertEquals(expected, log.between(Instant.ofEpochSecond(from), Instant.ofEpochSecond(from + span)));
      assertEquals(Math.max(0, times.size() - 50), log.dropped());
    });
  }

  @Test
  void linkValuesArePercentEncodedIntoValidUris() {
    Property.check(200, d -> {
      String id = d.draw("id", ids());
      SloDefinition slo = SloDefinition.builder(id).service(id).objective(Objective.percent("99.9")).build();
      AlertRules rules = AlertRules.builder(slo).link("d", "https://d.example.com/{slo}?s={service}&from={startIso}").build();
      assertEquals(Optional.of("https://d.example.com/{slo}?s={service}&from={startIso}"), Optional.of(rules.linkTemplates().get("d")));
      Replay.Result r = Replay.of(slo).rules(rules)
          .traffic(Replay.Traffic.phases().steady(Duration.ofHours(2), 10, 0).steady(Duration.ofMinutes(5), 10, 1).build()).run();
      java.net.URI uri = r.notifications().get(0).alert().links().get("d");
      assertEquals("/" + id, uri.getPath());
      assertTrue(uri.getQuery().startsWith("s=" + id + "&from="), uri.getQuery());
    });
  }

  static Gen<String> ids() {
    return Gen.strings(Gen.chars("abcXYZ019._:-"), 1, 20)
        .filter(s -> Character.isLetterOrDigit(s.charAt(0)));
  }
}
