package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.WindowCounts;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Window counts, snapshots and snapshot buffers print their counts, and their durations in the
 * compact format alerts use ({@code 1h}, not {@code PT1H}).
 */
class CompactToStringTest {
  private static final Duration TEN_S = Duration.ofSeconds(10);

  private final ManualTimeSource clock = ManualTimeSource.startingAt(StateFixtures.START);
  private final SloRegistry registry = StateFixtures.registry(clock);

  @Test
  void windowCountsShowBadOfTotalAndCoverageInCompactDurations() {
    assertEquals(
        "WindowCounts[1h: 12/3400 bad, covered 1h]",
        new WindowCounts(Duration.ofHours(1), 3388, 3400, Duration.ofHours(1)).toString());
    assertEquals(
        "WindowCounts[1h30m: 0/7 bad, covered 20m30s]",
        new WindowCounts(Duration.ofMinutes(90), 7, 7, Duration.ofSeconds(1230)).toString());
  }

  @Test
  void windowCountsWithoutEventsSayNoData() {
    assertEquals(
        "WindowCounts[5m: no data, covered 0s]",
        new WindowCounts(Duration.ofMinutes(5), 0, 0, Duration.ZERO).toString());
  }

  @Test
  void eventCountsShowBadOfTotal() {
    assertEquals("EventCounts[12/3400 bad]", new EventCounts(3388, 3400).toString());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EventCounts(5, 4));
    assertEquals("good: 5 (expected <= total (4))", e.getMessage());
  }

  /**
   * 100 events (2 bad) in the first interval, 10 (1 bad) in the last, an hour apart, and a tick that
   * catches up two missed boundaries at the end: the windows up to 1 h see only the last interval;
   * those from 2 h see all, and the recorder's 1h20s of history covers only part of them.
   */
  @Test
  void aSnapshotShowsEveryWindowOfEveryTargetInCompactForm() {
    SloRecorder t = registry.register(StateFixtures.events("checkout", 7));
    record(t);
    String windows =
        ": 5m 1/10 bad (2 gap intervals), 30m 1/10 bad (2 gap intervals), 1h 1/10 bad (2 gap intervals),"
            + " 2h 3/110 bad (covered 1h20s, 2 gap intervals), 6h 3/110 bad (covered 1h20s, 2 gap intervals),"
            + " 1d 3/110 bad (covered 1h20s, 2 gap intervals), 3d 3/110 bad (covered 1h20s, 2 gap intervals),"
            + " 7d 3/110 bad (covered 1h20s, 2 gap intervals)]";
    assertEquals(
        "SloSnapshot[checkout @ 2026-01-05T01:00:20Z\n  events 99.9%" + windows, t.snapshot().toString());
  }

  @Test
  void aSnapshotBufferShowsItsLastFillLikeASnapshot() {
    SloRecorder t = registry.register(StateFixtures.latency("lat", 1));
    SnapshotBuffer b = t.newSnapshotBuffer();
    assertEquals("SnapshotBuffer[lat: not filled]", b.toString());
    t.recordLatency(Duration.ofMillis(50), true); // good for both
    t.recordLatency(Duration.ofMillis(300), true); // good for 500 ms only
    t.recordLatency(Duration.ofMillis(1), false); // bad for both
    clock.advance(TEN_S);
    registry.tick();
    t.snapshot(b);
    String expected =
        "SnapshotBuffer[lat @ 2026-01-05T00:00:10Z\n"
            + "  le100ms 90%: 5m 2/3 bad (covered 10s), 30m 2/3 bad (covered 10s), 1h 2/3 bad (covered 10s),"
            + " 2h 2/3 bad (covered 10s), 6h 2/3 bad (covered 10s), 1d 2/3 bad (covered 10s)\n"
            + "  le500ms 99%: 5m 1/3 bad (covered 10s), 30m 1/3 bad (covered 10s), 1h 1/3 bad (covered 10s),"
            + " 2h 1/3 bad (covered 10s), 6h 1/3 bad (covered 10s), 1d 1/3 bad (covered 10s)]";
    assertEquals(expected, b.toString());
    assertEquals(expected.replace("SnapshotBuffer[", "SloSnapshot["), t.snapshot().toString());
  }

  @Test
  void aSnapshotOfAGroupNamesTheGroupAndAFreshOneSaysNoData() {
    SloDefinition slo = StateFixtures.events("checkout", 1);
    SloRecorder tenant = registry.registerGrouped(slo, 10).group("acme");
    assertEquals(
        "SloSnapshot[checkout[acme] @ 2026-01-05T00:00:00Z\n"
            + "  events 99.9%: 5m no data (covered 0s), 30m no data (covered 0s), 1h no data (covered 0s),"
            + " 2h no data (covered 0s), 6h no data (covered 0s), 1d no data (covered 0s)]",
        tenant.snapshot().toString());
  }

  @Test
  void anUnknownSnapshotWindowIsNamedInCompactForm() {
    SloRecorder t = registry.register(StateFixtures.events("checkout", 1));
    SloSnapshot s = t.snapshot();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> s.counts(t.definition().targets().get(0), Duration.ofMinutes(7)));
    assertEquals(
        "window: 7m (expected one of the standard windows 5m, 30m, 1h, 2h, 6h, 1d)", e.getMessage());
  }

  private void record(SloRecorder t) {
    t.recordCounts(98, 100);
    for (int i = 0; i < 359; i++) { // to START + 59m50s
      clock.advance(TEN_S);
      registry.tick();
    }
    t.recordCounts(9, 10);
    clock.advance(Duration.ofSeconds(30)); // the boundaries at 1h and 1h10s are caught up as gaps
    registry.tick();
  }
}
