package io.github.slo4j.recorder;

import static io.github.slo4j.recorder.StateFixtures.BASE;
import static io.github.slo4j.recorder.StateFixtures.START;
import static io.github.slo4j.recorder.StateFixtures.events;
import static io.github.slo4j.recorder.StateFixtures.registry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.ManualTimeSource;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Restore and merge count each recorder instance's counts once, or refuse. */
class StateHardeningTest {
  private static final String ID = "checkout";
  private static final String AGAIN =
      "state: counts of a recorder instance that this recorder already holds"
          + " (expected a state not restored before: restoring it again would count it twice)";
  private static final Duration MONTH = Duration.ofDays(30);

  private ManualTimeSource clock;
  private SloRegistry registryA;
  private SloRegistry registryB;
  private SloRecorder a;
  private SloRecorder b;

  @BeforeEach
  void setUp() {
    clock = ManualTimeSource.startingAt(START);
    registryA = registry(clock);
    registryB = registry(clock);
    a = registryA.register(events(ID, 30));
    b = registryB.register(events(ID, 30));
    run(100);
  }

  /** {@code ticks} boundaries; a records 3 good and 1 bad each, b 1 good. */
  private void run(int ticks) {
    for (int i = 0; i < ticks; i++) {
      a.recordGood();
      a.recordGood();
      a.recordGood();
      a.recordBad();
      b.recordGood();
      clock.advance(BASE);
      registryA.tick();
      registryB.tick();
    }
  }

  private SloRecorder fresh() {
    return registry(ManualTimeSource.startingAt(clock.now())).register(events(ID, 30));
  }

  /** Restoring {@code state} into {@code t} fails with {@code message} and changes nothing. */
  private static void assertRefused(SloRecorder t, byte[] state, String message) {
    byte[] before = t.exportState();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.restore(state));
    assertEquals(message, e.getMessage());
    assertArrayEquals(before, t.exportState(), "the recorder is untouched");
  }

  @Test
  void restoringTheSameStateTwiceIsRefused() {
    byte[] state = a.exportState();
    SloRecorder next = fresh();
    next.restore(state);
    assertEquals(400, next.window(MONTH).total());
    assertRefused(next, state, AGAIN);
    assertEquals(400, next.window(MONTH).total(), "not doubled");
  }

  @Test
  void restoringARecordersOwnStateIntoItselfIsRefused() {
    assertRefused(
        a,
        a.exportState(),
        "state: this recorder's own counts"
            + " (expected the state of another recorder: restoring its own would count them twice)");
    assertEquals(400, a.window(MONTH).total());
  }

  @Test
  void twoExportsOfOneProcessCannotBothBeRestored() {
    byte[] early = a.exportState();
    run(10);
    byte[] late = a.exportState(); // holds every count of early too
    SloRecorder next = fresh();
    next.restore(late);
    assertRefused(next, early, AGAIN);
    assertEquals(440, next.window(MONTH).total());
  }

  @Test
  void aMergedStateAfterOneOfItsPartsIsRefusedAndTheOtherWayRound() {
    byte[] stateA = a.exportState();
    byte[] stateB = b.exportState();
    byte[] fleet = SloState.merge(stateA, stateB);

    SloRecorder partFirst = fresh();
    partFirst.restore(stateB);
    assertRefused(partFirst, fleet, AGAIN);

    SloRecorder fleetFirst = fresh();
    fleetFirst.restore(fleet);
    assertEquals(500, fleetFirst.window(MONTH).total());
    assertRefused(fleetFirst, stateA, AGAIN);
    assertRefused(fleetFirst, stateB, AGAIN);
    assertEquals(500, fleetFirst.window(MONTH).total());
  }

  @Test
  void distinctInstancesStillRestoreOneByOneIntoARunningRecorder() {
    SloRecorder c = registry(clock).register(events(ID, 30));
    c.recordBad();
    a.restore(b.exportState());
    assertEquals(500, a.window(MONTH).total());
    a.restore(c.exportState()); // c recorded an event: its own counts, once
    clock.advance(BASE);
    registryA.tick();
    assertEquals(501, a.window(MONTH).total());
  }

  @Test
  void aRestartChainRefusesAnOlderGenerationsState() {
    byte[] first = a.exportState();
    SloRegistry second = registry(clock);
    SloRecorder p2 = second.register(events(ID, 30));
    p2.restore(first);
    p2.recordGood();
    clock.advance(BASE);
    second.tick();
    byte[] secondState = p2.exportState();

    SloRecorder p3 = fresh();
    p3.restore(secondState);
    assertEquals(401, p3.window(MONTH).total());
    assertRefused(p3, first, AGAIN); // p2's state already holds the first generation's counts
  }

  @Test
  void aFreshRecorderThatOnlyRestoredExportsTheSameBytesAndCannotTakeThemBack() {
    byte[] state = a.exportState();
    SloRecorder next = fresh();
    next.restore(state);
    byte[] again = next.exportState();
    assertArrayEquals(state, again, "restoring into a recorder that counted nothing itself adds no identity");
    assertRefused(next, again, AGAIN);
  }

  @Test
  void mergingTheSameStateTwiceIsRefused() {
    byte[] stateA = a.exportState();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SloState.merge(b.exportState(), stateA, stateA));
    assertEquals(
        "states[2]: counts of a recorder instance that states[1] holds too"
            + " (expected states of distinct instances: merging it would count them twice)",
        e.getMessage());

    byte[] fleet = SloState.merge(stateA, b.exportState());
    e = assertThrows(IllegalArgumentException.class, () -> SloState.merge(fleet, stateA));
    assertEquals(
        "states[1]: counts of a recorder instance that states[0] holds too"
            + " (expected states of distinct instances: merging it would count them twice)",
        e.getMessage());
  }

  @Test
  void statesOfRecordersThatCountedNothingDoNotCollide() {
    // no events, no boundary: nothing to count twice, so no identity
    SloRecorder idle = fresh();
    byte[] empty = idle.exportState();
    SloRecorder next = fresh();
    next.restore(empty);
    next.restore(empty);
    assertEquals(0, next.window(MONTH).total());
    assertEquals(empty.length, SloState.merge(empty, empty).length);
  }
}
