package io.github.slo4j.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.AlertRules;
import io.github.slo4j.AlertState;
import io.github.slo4j.AlertTier;
import io.github.slo4j.AlertTransition;
import io.github.slo4j.BudgetPolicy;
import io.github.slo4j.ChangeLog;
import io.github.slo4j.ChangeMarker;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Objective;
import io.github.slo4j.Replay;
import io.github.slo4j.Severity;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.internal.alert.IntervalStore;
import io.github.slo4j.internal.alert.RatioThreshold;
import io.github.slo4j.internal.alert.TrafficSource;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties checked against naive reference models: plain loops over the raw per-interval counts
 * and exact rational arithmetic ({@link BigInteger}), never the code under test.
 */
class AlertPropertiesTest {
  private static final Duration TEN_S = Duration.ofSeconds(10);

  // ---- exact thresholds -------------------------------------------------------------------------

  @Property(tries = 2000)
  void ratioThresholdIsExactlyStrictlyGreater(
      @ForAll @LongRange(min = 1, max = 1_000_000_000_000L) long total,
      @ForAll @DoubleRange(min = 0, max = 1) double fraction,
      @ForAll @IntRange(min = -2, max = 2) int nudge,
      @ForAll("factors") double factor,
      @ForAll("objectives") String objective) {
    Objective o = Objective.percent(objective);
    BigDecimal threshold = BigDecimal.valueOf(factor).multiply(o.errorBudgetDecimal());
    // Aim at the threshold itself, where rounding would go wrong, then nudge by a few events.
    long onEdge = threshold.multiply(BigDecimal.valueOf(total)).setScale(0, java.math.RoundingMode.FLOOR)
        .min(BigDecimal.valueOf(total)).longValue();
    long bad = fraction < 0.5 ? Math.max(0, Math.min(total, onEdge + nudge)) : (long) (fraction * total);
    boolean expected = BigDecimal.valueOf(bad).compareTo(threshold.multiply(BigDecimal.valueOf(total))) > 0;
    assertEquals(expected, RatioThreshold.of(factor, o).exceededBy(bad, total));
  }

  @Provide
  Arbitrary<Double> factors() {
    return Arbitraries.oneOf(
        Arbitraries.of(14.4, 6.0, 3.0, 1.0, 13.44, 5.6, 2.8, 0.9333333333333333, 14.0, 7.0, 2.0, 1e-3, 999.0),
        Arbitraries.doubles().between(0.001, 2000).ofScale(6));
  }

  @Provide
  Arbitrary<String> objectives() {
    return Arbitraries.of("90", "95", "99", "99.5", "99.9", "99.95", "99.99", "99.999", "99.9999");
  }

  @Property(tries = 2000)
  void budgetSharesCompareExactly(
      @ForAll @LongRange(min = 1, max = 10_000_000_000L) long total,
      @ForAll @LongRange(min = 1, max = 2_678_400_000L) long periodMillis,
      @ForAll @DoubleRange(min = 0.001, max = 1) @net.jqwik.api.constraints.Scale(6) double coverage,
      @ForAll("objectives") String objective,
      @ForAll("fractions") BigDecimal fraction,
      @ForAll @IntRange(min = -2, max = 2) int nudge) {
    Objective o = Objective.percent(objective);
    long covered = Math.max(1, (long) (periodMillis * coverage));
    // bad events on the edge: share = bad × covered ÷ (budget × total × period) = fraction.
    BigDecimal rhs = fraction.multiply(o.errorBudgetDecimal()).multiply(BigDecimal.valueOf(total))
        .multiply(BigDecimal.valueOf(periodMillis));
    long onEdge = rhs.divide(BigDecimal.valueOf(covered), 0, java.math.RoundingMode.FLOOR).longValue();
    long bad = Math.max(0, onEdge + nudge);
    io.github.slo4j.internal.alert.PeriodBudget b =
        io.github.slo4j.internal.alert.PeriodBudget.of(o, Math.min(bad, total), total, covered, periodMillis);
    boolean expected = BigDecimal.valueOf(bad).multiply(BigDecimal.valueOf(covered)).compareTo(rhs) >= 0;
    assertEquals(expected, b.shareAtLeast(bad, fraction));
  }

  @Provide
  Arbitrary<BigDecimal> fractions() {
    return Arbitraries.oneOf(
        Arbitraries.of(new BigDecimal("1"), new BigDecimal("0.2"), new BigDecimal("0.95"), new BigDecimal("0.05")),
        Arbitraries.bigDecimals().between(new BigDecimal("0.0001"), BigDecimal.ONE).ofScale(4));
  }

  // ---- the exact store ---------------------------------------------------------------------------

  @Property(tries = 300)
  void theStoreAnswersEveryWindowAsANaiveSum(
      @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 50) Integer> totals,
      @ForAll @IntRange(min = 1, max = 400) int windowIntervals,
      @ForAll @IntRange(min = 0, max = 9_999) int extraMillis) {
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
  }

  // ---- alert tiers, suppression and freezes against a naive model ---------------------------------

  /** A traffic segment: how many intervals, events per interval, bad per mille. */
  record Segment(int intervals, int perInterval, int badPerMille) {}

  @Provide
  Arbitrary<List<Segment>> traffic() {
    Arbitrary<Segment> seg =
        Combinators.combine(
                Arbitraries.integers().between(1, 120),
                Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, 40)),
                Arbitraries.of(0, 1, 5, 10, 30, 100, 144, 145, 300, 1000))
            .as(Segment::new);
    return seg.list().ofMinSize(1).ofMaxSize(25);
  }

  private static SloDefinition hourSlo(String percent) {
    return SloDefinition.builder("prop").service("prop")
        .objective(Objective.percent(percent)).period(CompliancePeriod.rolling(Duration.ofHours(1))).build();
  }

  @Property(tries = 150)
  void tiersSuppressionAndFreezesMatchANaiveModel(
      @ForAll("traffic") List<Segment> segments,
      @ForAll @IntRange(min = 0, max = 300) int minEvents,
      @ForAll @IntRange(min = 0, max = 3) int minBad,
      @ForAll @IntRange(min = 0, max = 20) int marginPercent) {
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
        active[t] = was ? exceeded : exceeded && l[1] >= minEvents && l[1] - l[0] >= minBad;
      }
      for (int t = 0; t < 2; t++) {
        AlertState from = state[t];
        AlertState to;
        if (!active[t]) {
          to = from == AlertState.FIRING ? AlertState.RESOLVED : from == AlertState.SUPPRESSED ? AlertState.INACTIVE : from;
        } else if (from == AlertState.FIRING) {
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

  // ---- traffic integration ------------------------------------------------------------------------

  @Property(tries = 200)
  void phasedTrafficNeverDriftsAndNeverHasMoreBadThanTotal(
      @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 7200) Integer> lengthsSeconds,
      @ForAll @Size(min = 6, max = 6) List<@DoubleRange(min = 0, max = 500) Double> rates,
      @ForAll @Size(min = 6, max = 6) List<@DoubleRange(min = 0, max = 1) Double> errors) {
    List<Duration> lengths = lengthsSeconds.stream().map(Duration::ofSeconds).collect(Collectors.toList());
    int m = lengths.size();
    TrafficSource src = new TrafficSource.Phases(lengths, rates.subList(0, m), errors.subList(0, m));
    long end = src.lengthMillis();
    double expectedGood = 0;
    double expectedBad = 0;
    for (int i = 0; i < m; i++) {
      expectedGood += rates.get(i) * (1 - errors.get(i)) * lengths.get(i).toSeconds();
      expectedBad += rates.get(i) * errors.get(i) * lengths.get(i).toSeconds();
    }
    long good = 0;
    long total = 0;
    long[] out = new long[2];
    for (long t = 0; t < end; t += 10_000) {
      src.next(t, t + 10_000, out);
      assertTrue(out[0] >= 0 && out[0] <= out[1], "good " + out[0] + " of " + out[1]);
      good += out[0];
      total += out[1];
    }
    assertTrue(Math.abs(good - expectedGood) <= 1 + 1e-6 * expectedGood, good + " vs " + expectedGood);
    assertTrue(Math.abs(total - good - expectedBad) <= 1 + 1e-6 * expectedBad, (total - good) + " vs " + expectedBad);
  }

  // ---- change log ---------------------------------------------------------------------------------

  @Property(tries = 300)
  void theChangeLogReturnsExactlyTheMarkersInRangeNewestFirst(
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 1000) Integer> times,
      @ForAll @IntRange(min = 0, max = 1000) int from,
      @ForAll @IntRange(min = 0, max = 1000) int span) {
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
  }

  @Property(tries = 200)
  void linkValuesArePercentEncodedIntoValidUris(@ForAll("ids") String id) {
    SloDefinition slo = SloDefinition.builder(id).service(id).objective(Objective.percent("99.9")).build();
    AlertRules rules = AlertRules.builder(slo).link("d", "https://d.example.com/{slo}?s={service}&from={startIso}").build();
    assertEquals(Optional.of("https://d.example.com/{slo}?s={service}&from={startIso}"), Optional.of(rules.linkTemplates().get("d")));
    Replay.Result r = Replay.of(slo).rules(rules)
        .traffic(Replay.Traffic.phases().steady(Duration.ofHours(2), 10, 0).steady(Duration.ofMinutes(5), 10, 1).build()).run();
    java.net.URI uri = r.notifications().get(0).alert().links().get("d");
    assertEquals("/" + id, uri.getPath());
    assertTrue(uri.getQuery().startsWith("s=" + id + "&from="), uri.getQuery());
  }

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.strings().withChars("abcXYZ019._:-").ofMinLength(1).ofMaxLength(20)
        .filter(s -> Character.isLetterOrDigit(s.charAt(0)));
  }
}
