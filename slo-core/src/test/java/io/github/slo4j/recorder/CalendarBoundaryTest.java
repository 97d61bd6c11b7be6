package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.monitor.PeriodBudget;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Calendar periods are exact at their boundaries, in every zone: the recorder's period window (and
 * the snapshot's, and the period budget read from it) against a naive reference, a list of the
 * events attributed to each closed boundary, each interval {@code (b − base, b]} charged to the
 * calendar month that contains its start {@code b − base} (docs/windows.md, "Calendar periods").
 */
class CalendarBoundaryTest {
  private static final long SEED = 0x5EED_CA1EL;

  /** A zone and a month whose start the history crosses. */
  private record Case(ZoneId zone, YearMonth month) {
    @Override
    public String toString() {
      return zone + " " + month;
    }
  }

  private static List<Case> cases(SplittableRandom random) {
    List<Case> out = new ArrayList<>();
    for (String z :
        List.of("UTC", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Eucla", "Pacific/Chatham", "America/St_Johns")) {
      out.add(new Case(ZoneId.of(z), YearMonth.of(2026, 1 + random.nextInt(12))));
    }
    // months with a daylight-saving change: March 2026 is 743 h in Berlin, October 745 h
    out.add(new Case(ZoneId.of("Europe/Berlin"), YearMonth.of(2026, 3)));
    out.add(new Case(ZoneId.of("Europe/Berlin"), YearMonth.of(2026, 10)));
    out.add(new Case(ZoneId.of("America/New_York"), YearMonth.of(2026, 3)));
    out.add(new Case(ZoneId.of("America/New_York"), YearMonth.of(2026, 11)));
    out.add(new Case(ZoneId.of("Pacific/Chatham"), YearMonth.of(2026, 4)));
    // a local-mean-time offset with seconds: -00:44:30 until 1972
    out.add(new Case(ZoneId.of("Africa/Monrovia"), YearMonth.of(1971, 2 + random.nextInt(10))));
    return out;
  }

  @Test
  void theScenariosCoverTheMonthsTheIssueNames() {
    CompliancePeriod berlin = CompliancePeriod.calendarMonth(ZoneId.of("Europe/Berlin"));
    assertEquals(Duration.ofHours(743), berlin.lengthAt(Instant.parse("2026-03-15T00:00:00Z")));
    assertEquals(Duration.ofHours(745), berlin.lengthAt(Instant.parse("2026-10-15T00:00:00Z")));
    ZoneId monrovia = ZoneId.of("Africa/Monrovia");
    assertEquals(
        -(44 * 60 + 30), monrovia.getRules().getOffset(Instant.parse("1971-06-01T00:00:00Z")).getTotalSeconds());
  }

  /**
   * Random histories around and across month starts (dense ticks near each start, late ticks,
   * gaps of hours, the wall clock stepping back) in 12 zone-months and 3 base intervals; after every
   * tick the period window equals the reference.
   */
  @Test
  void aMonthsBudgetCountsExactlyTheIntervalsThatStartedInItInEveryZone() {
    SplittableRandom random = new SplittableRandom(SEED);
    int checks = 0;
    for (Case c : cases(random)) {
      for (long base : new long[] {10_000, 60_000, 120_000}) {
        long seed = random.nextLong();
        checks += runHistory(c, base, seed);
      }
    }
    assertTrue(checks > 10_000, "checks " + checks);
  }

  private static int runHistory(Case c, long base, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    ZoneId zone = c.zone();
    long monthStart = c.month().atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
    long nextStart = c.month().plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().toEpochMilli();
    // from up to two days before the month to up to two days into the next
    long from = monthStart - random.nextLong(2 * 86_400_000L) - random.nextLong(1000);
    long until = nextStart + random.nextLong(2 * 86_400_000L);
    SloDefinition slo =
        SloDefinition.builder("calendar").service("billing")
            .objective(Objective.percent("99.9"))
            .period(CompliancePeriod.calendarMonth(zone))
            .build();
    ManualTimeSource clock = ManualTimeSource.startingAt(Instant.ofEpochMilli(from));
    SloRegistry registry =
        SloRegistry.builder().timeSource(clock).manualTicks().baseInterval(Duration.ofMillis(base)).build();
    SloRecorder recorder = registry.register(slo);
    Target target = slo.targets().get(0);
    Model model = new Model(base, recorder.asOfMillis());
    int checks = 0;
    while (clock.wallMillis() < until) {
      long good = random.nextInt(4) == 0 ? 0 : random.nextInt(50);
      long bad = random.nextInt(3) == 0 ? random.nextInt(5) : 0;
      recorder.recordCounts(good, good + bad);
      model.record(good, good + bad);
      long now = clock.wallMillis();
      long nearest = Math.min(Math.abs(now - monthStart), Math.abs(now - nextStart));
      int kind = random.nextInt(100);
      long step;
      if (nearest < 3 * 3_600_000L || kind < 30) {
        step = random.nextLong(3 * base); // near a month start: tick at (almost) every boundary
      } else if (kind < 75) {
        step = random.nextLong(2 * 3_600_000L);
      } else if (kind < 95) {
        step = random.nextLong(12 * 3_600_000L);
      } else {
        step = -random.nextLong(10 * 60_000L); // the wall clock steps back
      }
      clock.setWall(Instant.ofEpochMilli(now + step));
      registry.tick();
      model.tick(clock.wallMillis());
      check(recorder, target, model, zone, "seed " + Long.toHexString(seed) + ", " + c + ", base " + base + " ms");
      checks++;
    }
    return checks;
  }

  private static void check(SloRecorder recorder, Target target, Model model, ZoneId zone, String where) {
    long asOf = model.last;
    assertEquals(asOf, recorder.asOfMillis(), "asOf, " + where);
    String at = where + ", asOf " + Instant.ofEpochMilli(asOf);
    // the period as of asOf: the month that contains the instant just before it
    LocalDate day = Instant.ofEpochMilli(asOf - 1).atZone(zone).toLocalDate();
    long start = day.withDayOfMonth(1).atStartOfDay(zone).toInstant().toEpochMilli();
    long end = day.withDayOfMonth(1).plusMonths(1).atStartOfDay(zone).toInstant().toEpochMilli();
    long[] expected = model.periodToDate(start);
    WindowCounts want =
        new WindowCounts(Duration.ofMillis(asOf - start), expected[0], expected[1], Duration.ofMillis(expected[2]));

    assertEquals(want, recorder.periodWindow(target), "period window, " + at);
    List<WindowCounts> snapshot = recorder.snapshot().counts(target);
    assertEquals(want, snapshot.get(snapshot.size() - 1), "snapshot's period window, " + at);
    PeriodBudget budget = PeriodBudget.of(recorder, target);
    assertEquals(expected[1], budget.total(), "budget total, " + at);
    assertEquals(expected[1] - expected[0], budget.bad(), "budget bad, " + at);
    assertEquals(end - start, budget.period().toMillis(), "period length, " + at);
  }

  /** The reference: events by the boundary that closed them, charged by their interval's start. */
  private static final class Model {
    private final long base;
    private final long origin;
    private final List<long[]> closed = new ArrayList<>(); // {boundary, cumulative good, cumulative total}
    private long pendingGood;
    private long pendingTotal;
    private long good;
    private long total;
    private long last;

    Model(long base, long origin) {
      this.base = base;
      this.origin = origin;
      this.last = origin;
    }

    void record(long g, long t) {
      pendingGood += g;
      pendingTotal += t;
    }

    void tick(long now) {
      long a = Math.floorDiv(now, base) * base;
      if (a <= last) {
        return;
      }
      good += pendingGood;
      total += pendingTotal;
      closed.add(new long[] {a, good, total});
      pendingGood = 0;
      pendingTotal = 0;
      last = a;
    }

    /** {good, total, covered ms} of the intervals that started at or after {@code start}. */
    long[] periodToDate(long start) {
      // the last boundary b whose interval (b − base, b] started before the period: b − base < start
      int lo = 0;
      int hi = closed.size(); // closed[0 .. lo) have b − base < start
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (closed.get(mid)[0] - base < start) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      long[] before = lo == 0 ? new long[] {0, 0, 0} : closed.get(lo - 1);
      // intervals (t, t + base] seen by the recorder (t >= origin, t + base <= last) with t >= start
      long firstStart = Math.max(origin, start);
      long firstGrid = origin + Math.floorDiv(firstStart - origin + base - 1, base) * base;
      long covered = Math.max(0, last - firstGrid);
      return new long[] {good - before[1], total - before[2], covered};
    }
  }

  // ---------------------------------------------------------------- named regressions

  /** A manually ticked registry with one calendar-month SLO. */
  private record Monthly(ManualTimeSource clock, SloRegistry registry, SloRecorder recorder) {
    static Monthly of(Instant start, ZoneId zone, Duration base) {
      ManualTimeSource clock = ManualTimeSource.startingAt(start);
      SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().baseInterval(base).build();
      SloRecorder recorder =
          registry.register(
              SloDefinition.builder("monthly").service("billing")
                  .objective(Objective.percent("99.9"))
                  .period(CompliancePeriod.calendarMonth(zone))
                  .build());
      return new Monthly(clock, registry, recorder);
    }

    Target target() {
      return recorder.definition().targets().get(0);
    }

    /** Until {@code until}: record the events, advance by {@code step}, tick. */
    void run(Duration step, Instant until, long goodPerStep, long badPerStep) {
      while (clock.now().isBefore(until)) {
        recorder.recordCounts(goodPerStep, goodPerStep + badPerStep);
        clock.advance(step);
        registry.tick();
      }
    }

    WindowCounts snapshotPeriod() {
      List<WindowCounts> counts = recorder.snapshot().counts(target());
      return counts.get(counts.size() - 1);
    }
  }

  /**
   * India's months start at 18:30 UTC, which no hourly row holds: more than a day into the month
   * the period window used to start at 18:00 and count the previous month's last half hour.
   */
  @Test
  void aHalfHourZonesMonthNeverCountsThePreviousMonthsLastHalfHour() {
    Instant monthStart = Instant.parse("2026-01-31T18:30:00Z"); // 1 February, 00:00 in India
    Monthly m = Monthly.of(monthStart.minus(Duration.ofHours(2)), ZoneId.of("Asia/Kolkata"), Duration.ofSeconds(10));
    m.run(Duration.ofSeconds(10), monthStart, 0, 10); // January ends in an outage
    m.run(Duration.ofSeconds(10), monthStart.plus(Duration.ofDays(3)), 10, 0);
    assertEquals(
        new WindowCounts(Duration.ofDays(3), 3 * 8640 * 10, 3 * 8640 * 10, Duration.ofDays(3)),
        m.recorder().periodWindow(m.target()));
    assertEquals(m.recorder().periodWindow(m.target()), m.snapshotPeriod());
  }

  /**
   * Kathmandu's months start at 18:15 UTC; with a 2-minute base interval the interval from 18:14 to
   * 18:16 contains the start. It started in the old month and is charged to it, whole: the new
   * month used to count it.
   */
  @Test
  void anIntervalThatContainsTheMonthsStartIsChargedToTheMonthItStartedIn() {
    Instant monthStart = Instant.parse("2026-02-28T18:15:00Z"); // 1 March, 00:00 in Nepal
    Monthly m = Monthly.of(monthStart.minus(Duration.ofMinutes(61)), ZoneId.of("Asia/Kathmandu"), Duration.ofMinutes(2));
    m.run(Duration.ofMinutes(2), monthStart.plus(Duration.ofMinutes(1)), 0, 7); // to 18:16
    assertEquals(Instant.parse("2026-02-28T18:16:00Z"), m.recorder().asOf());
    WindowCounts march = m.recorder().periodWindow(m.target());
    assertEquals(new WindowCounts(Duration.ofMinutes(1), 0, 0, Duration.ZERO), march);
    assertFalse(march.hasData(), "no interval has started in March yet: " + march);
    m.run(Duration.ofMinutes(2), monthStart.plus(Duration.ofMinutes(3)), 5, 0); // to 18:18
    march = m.recorder().periodWindow(m.target());
    assertEquals(new WindowCounts(Duration.ofMinutes(3), 5, 5, Duration.ofMinutes(2)), march);
    assertEquals(march, m.snapshotPeriod());
  }

  /**
   * The interval that closes at a month's boundary belongs to the month that ends there: read at
   * that boundary, the period is the ending month, complete; one interval later, the new month.
   * The snapshot used to count it in the new month.
   */
  @Test
  void theIntervalClosingAtAMonthBoundaryIsChargedToTheMonthThatEndsThere() {
    Instant monthStart = Instant.parse("2026-02-01T00:00:00Z");
    Monthly m = Monthly.of(monthStart.minus(Duration.ofMinutes(1)), ZoneId.of("UTC"), Duration.ofSeconds(10));
    m.run(Duration.ofSeconds(10), monthStart, 0, 3);
    assertEquals(monthStart, m.recorder().asOf());
    WindowCounts january = new WindowCounts(Duration.ofDays(31), 0, 18, Duration.ofMinutes(1));
    assertEquals(january, m.recorder().periodWindow(m.target()), "all six intervals, midnight's included");
    assertEquals(january, m.snapshotPeriod());
    m.run(Duration.ofSeconds(10), monthStart.plusSeconds(10), 4, 0);
    WindowCounts february = new WindowCounts(Duration.ofSeconds(10), 4, 4, Duration.ofSeconds(10));
    assertEquals(february, m.recorder().periodWindow(m.target()));
    assertEquals(february, m.snapshotPeriod());
  }

  /** A 31-day month's period window used to stop at the nominal 30 days. */
  @Test
  void aSnapshotsPeriodWindowRunsFromTheStartOfA31DayMonth() {
    Instant monthStart = Instant.parse("2026-01-01T00:00:00Z");
    Monthly m = Monthly.of(monthStart.minus(Duration.ofHours(1)), ZoneId.of("UTC"), Duration.ofSeconds(60));
    m.run(Duration.ofHours(1), monthStart, 0, 100); // December's last hour: bad
    m.run(Duration.ofHours(1), monthStart.plus(Duration.ofDays(1)), 0, 1); // January 1st: 1 bad an hour
    m.run(Duration.ofHours(1), Instant.parse("2026-01-31T12:00:00Z"), 1, 0); // then 1 good an hour
    Duration sinceStart = Duration.ofDays(30).plusHours(12);
    WindowCounts january = new WindowCounts(sinceStart, 708, 24 + 708, sinceStart);
    assertEquals(january, m.snapshotPeriod());
    assertEquals(january, m.recorder().periodWindow(m.target()));
  }

  /**
   * Right after a restart and a restore, before the first tick, the snapshot's period window runs
   * from the period's start: it used to read the nominal 30 days until the first tick.
   */
  @Test
  void aSnapshotsPeriodWindowRunsFromThePeriodStartRightAfterRestoreBeforeTheFirstTick() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Instant monthStart = Instant.parse("2026-02-28T23:00:00Z"); // 1 March, 00:00 in Berlin
    Monthly before = Monthly.of(Instant.parse("2026-02-20T00:00:00Z"), berlin, Duration.ofSeconds(10));
    before.run(Duration.ofMinutes(1), monthStart, 0, 2); // February: 2 bad a minute
    before.run(Duration.ofMinutes(1), Instant.parse("2026-03-06T00:00:00Z"), 3, 0); // March: 3 good
    byte[] state = before.recorder().exportState();

    Instant restart = Instant.parse("2026-03-06T00:30:00Z");
    Monthly after = Monthly.of(restart, berlin, Duration.ofSeconds(10));
    after.recorder().restore(state);
    Duration sinceStart = Duration.between(monthStart, restart);
    long march = 3 * (5 * 1440 + 60);
    WindowCounts period = after.snapshotPeriod();
    assertEquals(new WindowCounts(sinceStart, march, march, sinceStart), period); // downtime: gaps, as in every window
    assertEquals(period, after.recorder().periodWindow(after.target()));

    // and a fresh recorder's very first snapshot
    Monthly fresh = Monthly.of(restart, berlin, Duration.ofSeconds(10));
    assertEquals(new WindowCounts(sinceStart, 0, 0, Duration.ZERO), fresh.snapshotPeriod());
  }

  /**
   * A state restored more than a day into an Indian month: no row it holds is at the month's start
   * (18:30 UTC), so the period window starts at the next hourly row, late by 30 minutes and saying
   * so in its coverage, never early (docs/windows.md, "Calendar periods").
   */
  @Test
  void aRestoredPeriodWhoseStartNoRowHoldsStartsLateNeverEarly() {
    ZoneId kolkata = ZoneId.of("Asia/Kolkata");
    Instant monthStart = Instant.parse("2026-01-31T18:30:00Z");
    Monthly before = Monthly.of(monthStart.minus(Duration.ofHours(2)), kolkata, Duration.ofSeconds(10));
    before.run(Duration.ofSeconds(10), monthStart, 0, 10);
    before.run(Duration.ofSeconds(10), Instant.parse("2026-02-03T00:00:00Z"), 10, 0);
    byte[] state = before.recorder().exportState();

    Instant restart = Instant.parse("2026-02-03T00:30:00Z");
    Monthly after = Monthly.of(restart, kolkata, Duration.ofSeconds(10));
    after.recorder().restore(state);
    Instant firstRow = Instant.parse("2026-01-31T19:00:00Z");
    long good = Duration.between(firstRow, Instant.parse("2026-02-03T00:00:00Z")).toSeconds();
    assertEquals(
        new WindowCounts(Duration.between(monthStart, restart), good, good, Duration.between(firstRow, restart)),
        after.recorder().periodWindow(after.target()));
  }
}
