package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.BudgetingMethod;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * States with a right checksum but content slo4j never writes are refused before they are used or
 * allocate: layouts other than this version's, tiers that disagree, far times, bad lineages.
 */
class CraftedStateTest {
  private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
  private static final Duration BASE = Duration.ofSeconds(10);
  private static final String WRITTEN = " (expected a state written by slo4j)";

  private static SloDefinition events(int days) {
    return SloDefinition.builder("checkout")
        .service("checkout")
        .objective(Objective.percent("99.9"))
        .period(CompliancePeriod.rollingDays(days))
        .build();
  }

  private static SloRegistry registry(ManualTimeSource clock) {
    return SloRegistry.builder().timeSource(clock).manualTicks().build();
  }

  /** A 30-day events recorder with one good event every 10 s for {@code ticks} boundaries. */
  private static byte[] exported(int ticks) {
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry r = registry(clock);
    SloRecorder t = r.register(events(30));
    for (int i = 0; i < ticks; i++) {
      t.recordGood();
      clock.advance(BASE);
      r.tick();
    }
    return t.exportState();
  }

  private static String refusal(byte[] state) {
    return assertThrows(IllegalArgumentException.class, () -> StateCodec.decode("state", state)).getMessage();
  }

  private static RecorderState with(RecorderState s, RingState r, long[] lineage) {
    return new RecorderState(
        s.sloId(), s.groupKey(), s.fingerprint(), s.budgeting(), r, s.recorded(), s.sliceStart(), lineage);
  }

  private static RingState copy(RingState r, long origin, long asOf, int[] capacity, long[][] rows) {
    return new RingState(
        r.base, r.resolution.clone(), capacity, r.cols, origin, asOf, r.current.clone(), r.newest.clone(),
        r.count.clone(), rows);
  }

  @Test
  void aSmallStateThatDeclaresHugeTiersIsRefusedBeforeAnythingIsAllocated() {
    RecorderState empty = StateCodec.decode("state", exported(0));
    RingState r = empty.rings();
    int huge = 1 << 20;
    RingState crafted =
        new RingState(
            r.base, r.resolution.clone(), new int[] {huge, huge, huge}, r.cols, r.origin, r.asOf,
            r.current.clone(), new long[] {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE}, new int[3],
            new long[][] {{}, {}, {}});
    byte[] bytes = StateCodec.encode(with(empty, crafted, new long[0]));
    assertTrue(bytes.length < 300, bytes.length + " bytes"); // that declare 3 x 2^20 rows: 75 MB to combine
    String expected =
        "state: invalid, tiers 10000 ms x 1048576, 120000 ms x 1048576, 3600000 ms x 1048576 where this version"
            + " builds 'base 10s; tiers 10s x 362, 2m x 722, 1h x 746' for 'period max 30d'" + WRITTEN;
    assertEquals(expected, refusal(bytes));
    // merge would have allocated every declared row to combine them
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SloState.merge(exported(3), bytes));
    assertEquals(expected.replace("state:", "states[1]:"), e.getMessage());
  }

  @Test
  void aFingerprintThatClaimsTheHugeLayoutOrAnImpossiblePeriodIsRefusedToo() {
    RecorderState s = StateCodec.decode("state", exported(0));
    String claimed = "events; occurrences; period max 30d; base 10s; tiers 10s x 1048576, 2m x 722, 1h x 746";
    RecorderState t =
        new RecorderState(s.sloId(), null, claimed, 0, s.rings(), s.recorded(), s.sliceStart(), new long[0]);
    assertEquals(
        "state: invalid, tiers 10000 ms x 362, 120000 ms x 722, 3600000 ms x 746 where this version"
            + " builds 'base 10s; tiers 10s x 362, 2m x 722, 1h x 746' for 'period max 30d'" + WRITTEN,
        refusal(StateCodec.encode(t)));
    String longPeriod = "events; occurrences; period max 40000d; base 10s; tiers 10s x 362, 2m x 722, 1h x 960026";
    t = new RecorderState(s.sloId(), null, longPeriod, 0, s.rings(), s.recorded(), s.sliceStart(), new long[0]);
    assertEquals(
        "state: invalid, base interval 10000 ms with period max 3456000000000 ms" + WRITTEN,
        refusal(StateCodec.encode(t)));
    t = new RecorderState(s.sloId(), null, "anything", 0, s.rings(), s.recorded(), s.sliceStart(), new long[0]);
    assertEquals("state: invalid, fingerprint 'anything'" + WRITTEN, refusal(StateCodec.encode(t)));
  }

  @Test
  void theLayoutOfAnotherPeriodUnderThisFingerprintIsRefused() {
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    RecorderState week = StateCodec.decode("state", registry(clock).register(events(7)).exportState());
    RecorderState month = StateCodec.decode("state", exported(0));
    RecorderState t =
        new RecorderState(
            "checkout", null, month.fingerprint(), 0, week.rings(), week.recorded(), week.sliceStart(), new long[0]);
    assertEquals(
        "state: invalid, tiers 10000 ms x 362, 120000 ms x 722, 3600000 ms x 194 where this version"
            + " builds 'base 10s; tiers 10s x 362, 2m x 722, 1h x 746' for 'period max 30d'" + WRITTEN,
        refusal(StateCodec.encode(t)));
  }

  @Test
  void tiersThatDisagreeAboutOneBoundaryAreRefused() {
    // 80 minutes of one good event per 10 s: T0 holds the last hour, T1 rows every 2 min overlap it
    RecorderState s = StateCodec.decode("state", exported(480));
    RingState r = s.rings();
    long t1Newest = r.newest[1];
    int i = r.count[1] - 3; // a T1 row whose boundary T0 holds too, not the newest
    long boundary = t1Newest - (r.count[1] - 1L - i) * r.resolution[1];
    long[][] rows = {r.rows[0].clone(), r.rows[1].clone(), r.rows[2].clone()};
    // one event fewer at that boundary in T1 only: still non-decreasing, good <= total
    rows[1][i * r.cols] -= 1;
    rows[1][i * r.cols + 1] -= 1;
    RingState crafted = copy(r, r.origin, r.asOf, r.capacity.clone(), rows);
    assertNull(RingState.rowViolation(Arrays.copyOfRange(rows[1], i * r.cols, (i + 1) * r.cols), null, 2, 0));
    assertEquals(
        "state: invalid, tiers 0 and 1 differ at boundary " + boundary + WRITTEN,
        refusal(StateCodec.encode(with(s, crafted, s.lineage()))));
    assertTrue(boundary > r.newest[0] - (r.count[0] - 1L) * r.resolution[0], "T0 holds the boundary");
  }

  @Test
  void aTierRowAtAsOfThatDiffersFromTheCurrentRowIsRefused() {
    RecorderState s = StateCodec.decode("state", exported(12)); // asOf on a 2-min boundary
    RingState r = s.rings();
    long[] current = r.current.clone();
    current[r.cols - 1] += 1; // one more gap interval in the current row only
    RingState crafted =
        new RingState(
            r.base, r.resolution.clone(), r.capacity.clone(), r.cols, r.origin, r.asOf, current, r.newest.clone(),
            r.count.clone(), new long[][] {r.rows[0].clone(), r.rows[1].clone(), r.rows[2].clone()});
    assertEquals(
        "state: invalid, tier 0 row at asOf differs from the current row" + WRITTEN,
        refusal(StateCodec.encode(with(s, crafted, s.lineage()))));
  }

  @Test
  void boundariesFarFromTheEpochAreRefused() {
    RecorderState s = StateCodec.decode("state", exported(0));
    RingState r = s.rings();
    long far = Math.floorDiv(-(1L << 60), r.base) * r.base;
    RingState crafted =
        new RingState(
            r.base, r.resolution.clone(), r.capacity.clone(), r.cols, far, r.asOf, r.current.clone(),
            new long[] {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE}, new int[3], new long[][] {{}, {}, {}});
    assertEquals(
        "state: invalid, origin " + far + " and asOf " + r.asOf + " (expected within ±2^50 ms of the epoch)" + WRITTEN,
        refusal(StateCodec.encode(with(s, crafted, new long[0]))));
  }

  @Test
  void eventsWithoutALineageAreRefused() {
    RecorderState s = StateCodec.decode("state", exported(5));
    assertEquals(1, s.lineage().length);
    assertEquals(
        "state: invalid, events without a lineage" + WRITTEN,
        refusal(StateCodec.encode(with(s, s.rings(), new long[0]))));
  }

  @Test
  void aLineageThatRepeatsAnIdOrExceedsTheBoundIsRefused() {
    RecorderState s = StateCodec.decode("state", exported(5));
    long id = s.lineage()[0];
    assertEquals(
        "state: invalid, a lineage that repeats an id" + WRITTEN,
        refusal(StateCodec.encode(with(s, s.rings(), new long[] {id, 7, id}))));
    long[] many = new long[RecorderState.MAX_LINEAGE + 1];
    for (int i = 0; i < many.length; i++) {
      many[i] = i + 1;
    }
    assertEquals(
        "state: invalid, a lineage of 1025 ids" + WRITTEN, refusal(StateCodec.encode(with(s, s.rings(), many))));
    long[] bound = Arrays.copyOf(many, RecorderState.MAX_LINEAGE);
    assertEquals(1024, StateCodec.decode("state", StateCodec.encode(with(s, s.rings(), bound))).lineage().length);
  }

  @Test
  void aLineageKeepsTheNewestIdsAtItsBound() {
    long[] old = new long[1000];
    long[] recent = new long[100];
    for (int i = 0; i < old.length; i++) {
      old[i] = i;
    }
    for (int i = 0; i < recent.length; i++) {
      recent[i] = 5000 + i;
    }
    long[] both = RecorderState.lineage(old, recent);
    assertEquals(RecorderState.MAX_LINEAGE, both.length);
    assertEquals(76, both[0], "the 76 oldest dropped");
    assertEquals(5099, both[both.length - 1]);
  }

  @Test
  void moreSlicesThanEventsAreRefused() {
    ManualTimeSource clock = ManualTimeSource.startingAt(START);
    SloRegistry r = registry(clock);
    SloRecorder t =
        r.register(
            SloDefinition.builder("slices")
                .service("checkout")
                .objective(Objective.percent("99"))
                .budgeting(BudgetingMethod.timeslices(Duration.ofMinutes(1), Objective.percent("95")))
                .period(CompliancePeriod.rollingDays(7))
                .build());
    for (int i = 0; i < 30; i++) {
      t.recordGood();
      clock.advance(BASE);
      r.tick();
    }
    RecorderState s = StateCodec.decode("state", t.exportState());
    RingState rings = s.rings();
    long[] current = rings.current.clone();
    assertEquals(5, current[2], "5 slices closed, 30 events");
    // as many slices as fit in 2^63 events would let the ticker's slice count overflow
    current[0] = 100;
    current[1] = 100;
    current[2] = 101;
    current[3] = 101;
    RingState crafted =
        new RingState(
            rings.base, rings.resolution.clone(), rings.capacity.clone(), rings.cols, rings.origin, rings.asOf,
            current, new long[] {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE}, new int[3], new long[][] {{}, {}, {}});
    RecorderState bad =
        new RecorderState(
            s.sloId(), null, s.fingerprint(), 1, crafted, new long[] {100, 100}, new long[] {100, 100}, s.lineage());
    assertEquals("state: invalid, current row: more slices than events" + WRITTEN, refusal(StateCodec.encode(bad)));
  }

  /** The layout rule in StateCodec is the one SloRecorder's constructor builds, for every SLO shape. */
  @Test
  void everyLayoutARecorderBuildsPassesTheLayoutCheck() {
    List<CompliancePeriod> periods =
        List.of(
            CompliancePeriod.rolling(Duration.ofHours(1)),
            CompliancePeriod.rolling(Duration.ofMinutes(90)),
            CompliancePeriod.rollingDays(1),
            CompliancePeriod.rollingDays(7),
            CompliancePeriod.rollingDays(30),
            CompliancePeriod.rollingDays(90),
            CompliancePeriod.rollingDays(400),
            CompliancePeriod.calendarMonth(ZoneId.of("UTC")),
            CompliancePeriod.calendarWeek(ZoneId.of("Europe/Berlin")));
    for (Duration base : List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10),
        Duration.ofMinutes(1), Duration.ofMinutes(2))) {
      for (CompliancePeriod period : periods) {
        for (SloDefinition slo : shapes(period)) {
          ManualTimeSource clock = ManualTimeSource.startingAt(START);
          SloRegistry r = SloRegistry.builder().timeSource(clock).manualTicks().baseInterval(base).build();
          SloRecorder t = r.register(slo);
          t.recordGood();
          clock.advance(base);
          r.tick();
          RecorderState s = StateCodec.decode("state", t.exportState());
          RingState rings = s.rings();
          assertNull(
              StateCodec.layoutViolation(
                  s.fingerprint(), s.budgeting(), s.eventCols(), rings.base, rings.resolution, rings.capacity),
              s.fingerprint());
        }
      }
    }
  }

  private static List<SloDefinition> shapes(CompliancePeriod period) {
    SloDefinition events =
        SloDefinition.builder("e").service("s").objective(Objective.percent("99")).period(period).build();
    SloDefinition latency =
        SloDefinition.builder("l")
            .service("s")
            .sli(
                Sli.latency(
                    LatencyThreshold.of(Duration.ofMillis(100), Objective.percent("90")),
                    LatencyThreshold.of(Duration.ofMillis(250), Objective.percent("95")),
                    LatencyThreshold.of(Duration.ofSeconds(1), Objective.percent("99"))))
            .period(period)
            .build();
    SloDefinition slices =
        SloDefinition.builder("t")
            .service("s")
            .objective(Objective.percent("99"))
            .budgeting(BudgetingMethod.timeslices(Duration.ofMinutes(2), Objective.percent("95")))
            .period(period)
            .build();
    SloDefinition ratio =
        SloDefinition.builder("r")
            .service("s")
            .objective(Objective.percent("99"))
            .budgeting(BudgetingMethod.ratioTimeslices(Duration.ofMinutes(4)))
            .period(period)
            .build();
    return List.of(events, latency, slices, ratio);
  }
}
