package io.github.slo4j.recorder;

import static io.github.slo4j.recorder.StateFixtures.BASE;
import static io.github.slo4j.recorder.StateFixtures.START;
import static io.github.slo4j.recorder.StateFixtures.events;
import static io.github.slo4j.recorder.StateFixtures.latency;
import static io.github.slo4j.recorder.StateFixtures.registry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every bad state is refused with a message that says what is wrong, and the recorder is untouched. */
class CorruptStateTest {
  private static final String ID = "checkout";

  private ManualTimeSource clock;
  private SloRegistry registry;
  private SloRecorder recorder;
  private byte[] good;

  @BeforeEach
  void setUp() {
    clock = ManualTimeSource.startingAt(START);
    SloRegistry other = registry(clock);
    SloRecorder exporter = other.register(events(ID, 30));
    registry = registry(clock);
    recorder = registry.register(events(ID, 30));
    for (int i = 0; i < 400; i++) {
      exporter.record(i % 9 != 0);
      recorder.record(i % 4 != 0);
      clock.advance(BASE);
      other.tick();
      registry.tick();
    }
    good = exporter.exportState();
  }

  /** Restoring {@code state} fails with exactly {@code message}, and nothing in the recorder changed. */
  private void assertRefused(byte[] state, String message) {
    List<WindowCounts> before = windows(recorder);
    byte[] exported = recorder.exportState();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> recorder.restore(state));
    assertEquals(message, e.getMessage());
    assertEquals(before, windows(recorder));
    assertArrayEquals(exported, recorder.exportState(), "the recorder's whole state is untouched");
    // and the ticker goes on as before
    recorder.recordGood();
    clock.advance(BASE);
    registry.tick();
    assertEquals(before.get(before.size() - 1).total() + 1, windows(recorder).get(before.size() - 1).total());
  }

  private static List<WindowCounts> windows(SloRecorder t) {
    List<WindowCounts> out = new ArrayList<>();
    for (Target target : t.definition().targets()) {
      for (Duration w : StateFixtures.windows(t.definition())) {
        out.add(t.window(target, w));
      }
    }
    return out;
  }

  @Test
  void aFlippedByteInTheBodyIsCorrupt() {
    for (int at : new int[] {20, good.length / 2, good.length - 5, good.length - 1}) {
      byte[] bad = good.clone();
      bad[at] ^= 0x10;
      assertRefused(bad, "state: corrupt, checksum mismatch (expected an intact state)");
    }
  }

  @Test
  void aFlippedByteInTheHeaderIsCorruptNotAnotherVersionOrLength() {
    for (int at : new int[] {5, 8, 12}) {
      byte[] bad = good.clone();
      bad[at] ^= 0x01;
      assertRefused(bad, "state: corrupt, header checksum mismatch (expected an intact state)");
    }
  }

  @Test
  void aTruncatedStateSaysSo() {
    assertRefused(
        Arrays.copyOf(good, good.length - 7),
        "state: truncated, " + (good.length - 7) + " of " + good.length
            + " bytes (expected a whole state from SloRecorder.exportState())");
    assertRefused(
        Arrays.copyOf(good, 9),
        "state: truncated, 9 of at least 14 bytes (expected a whole state from SloRecorder.exportState())");
    assertRefused(
        new byte[0], "state: truncated, 0 of at least 14 bytes (expected a whole state from SloRecorder.exportState())");
  }

  @Test
  void bytesAfterTheEndAreCorrupt() {
    assertRefused(
        Arrays.copyOf(good, good.length + 3),
        "state: corrupt, " + (good.length + 3) + " bytes where its header says " + good.length
            + " (expected an intact state)");
  }

  @Test
  void somethingElseIsNotAState() {
    assertRefused(
        "{\"slo\":\"checkout\"}".getBytes(StandardCharsets.UTF_8),
        "state: not a slo4j state (expected bytes from SloRecorder.exportState())");
    NullPointerException e = assertThrows(NullPointerException.class, () -> recorder.restore(null));
    assertEquals("state: null (expected a value)", e.getMessage());
  }

  @Test
  void aNewerFormatVersionIsRefusedAsSuch() {
    byte[] future = good.clone();
    future[5] = 3; // version 1 -> 3, header checksum updated as a newer slo4j would write it
    putInt(future, 10, crc(future, 0, 10));
    assertRefused(future, "state: format version 3 (expected 1 or 2: the state was written by a newer slo4j)");
  }

  @Test
  void theStateOfAnotherSloIsRefused() {
    ManualTimeSource c = ManualTimeSource.startingAt(START);
    SloRecorder other = registry(c).register(events("payments", 30));
    assertRefused(other.exportState(), "state: SLO 'payments' (expected 'checkout')");

    SloRegistry grouped = registry(c);
    SloRecorder group = grouped.registerGrouped(events(ID, 30), 4).group("eu");
    assertRefused(group.exportState(), "state: SLO 'checkout[eu]' (expected 'checkout')");
  }

  @Test
  void theStateOfAnSloWhoseShapeChangedIsRefused() {
    ManualTimeSource c = ManualTimeSource.startingAt(START);
    assertRefused(
        registry(c).register(events(ID, 7)).exportState(),
        "state: fingerprint 'events; occurrences; period max 7d; base 10s; tiers 10s x 362, 2m x 722, 1h x 194'"
            + " (expected 'events; occurrences; period max 30d; base 10s; tiers 10s x 362, 2m x 722, 1h x 746':"
            + " the SLO's latency thresholds, budgeting, period or base interval differ)");
    SloDefinition latency = latency(ID, 30);
    assertRefused(
        registry(c).register(latency).exportState(),
        "state: fingerprint 'latency 100ms,500ms; occurrences; period max 30d; base 10s; tiers 10s x 362, 2m x 722, 1h x 746'"
            + " (expected 'events; occurrences; period max 30d; base 10s; tiers 10s x 362, 2m x 722, 1h x 746':"
            + " the SLO's latency thresholds, budgeting, period or base interval differ)");
    SloRegistry fiveSeconds =
        SloRegistry.builder().timeSource(c).manualTicks().baseInterval(Duration.ofSeconds(5)).build();
    assertRefused(
        fiveSeconds.register(events(ID, 30)).exportState(),
        "state: fingerprint 'events; occurrences; period max 30d; base 5s; tiers 5s x 722, 2m x 722, 1h x 746'"
            + " (expected 'events; occurrences; period max 30d; base 10s; tiers 10s x 362, 2m x 722, 1h x 746':"
            + " the SLO's latency thresholds, budgeting, period or base interval differ)");
  }

  @Test
  void anObjectiveChangeKeepsHistory() {
    ManualTimeSource c = ManualTimeSource.startingAt(clock.now());
    SloDefinition stricter =
        SloDefinition.builder(ID)
            .service("checkout")
            .objective(io.github.slo4j.Objective.percent("99.95"))
            .build();
    SloRecorder t = registry(c).register(stricter);
    t.restore(good);
    assertEquals(400, t.window(Duration.ofDays(30)).total());
  }

  @Test
  void contentThatBreaksAnInvariantIsRefusedEvenWithARightChecksum() {
    // the budgeting byte follows the id, the group flag and the fingerprint
    int at = 14 + 2 + ID.length() + 1;
    int fingerprintLength = ((good[at] & 0xFF) << 8) | (good[at + 1] & 0xFF);
    at += 2 + fingerprintLength;
    byte[] bad = good.clone();
    bad[at] = 7;
    putInt(bad, bad.length - 4, crc(bad, 0, bad.length - 4));
    assertRefused(bad, "state: invalid, budgeting 7 (expected a state written by slo4j)");

    // the newest row's total below the one before it: a counter that decreases
    byte[] shrunk = good.clone();
    int current = at + 1 + 8 + 1 + 3 * 12 + 2 + 1 + 8 + 8; // the first counter of the current row
    shrunk[current] = 0;
    putInt(shrunk, shrunk.length - 4, crc(shrunk, 0, shrunk.length - 4));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> recorder.restore(shrunk));
    assertEquals(true, e.getMessage().startsWith("state: invalid, "), e.getMessage());
  }

  @Test
  void sloStateReadsAndRefusesTheSameWay() {
    SloState s = SloState.of(good);
    assertEquals(ID, s.sloId());
    assertEquals(java.util.Optional.empty(), s.groupKey());
    assertArrayEquals(good, s.bytes());
    byte[] bad = good.clone();
    bad[good.length / 2] ^= 1;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SloState.of(bad));
    assertEquals("state: corrupt, checksum mismatch (expected an intact state)", e.getMessage());
  }

  @Test
  void mergeNamesTheStateThatIsWrong() {
    byte[] bad = good.clone();
    bad[good.length / 2] ^= 1;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SloState.merge(good, bad));
    assertEquals("states[1]: corrupt, checksum mismatch (expected an intact state)", e.getMessage());

    byte[] other = registry(clock).register(events("payments", 30)).exportState();
    e = assertThrows(IllegalArgumentException.class, () -> SloState.merge(good, good, other));
    assertEquals("states[2]: SLO 'payments' (expected 'checkout' as in states[0])", e.getMessage());

    byte[] shorter = registry(clock).register(events(ID, 7)).exportState();
    e = assertThrows(IllegalArgumentException.class, () -> SloState.merge(good, shorter));
    assertEquals(
        "states[1]: fingerprint 'events; occurrences; period max 7d; base 10s; tiers 10s x 362, 2m x 722, 1h x 194'"
            + " (expected 'events; occurrences; period max 30d; base 10s; tiers 10s x 362, 2m x 722, 1h x 746'"
            + " as in states[0]: the SLO's latency thresholds, budgeting, period or base interval differ)",
        e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> SloState.merge());
    assertEquals("states: none (expected at least one state)", e.getMessage());
  }

  private static int crc(byte[] b, int from, int to) {
    CRC32 crc = new CRC32();
    crc.update(b, from, to - from);
    return (int) crc.getValue();
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
