package io.github.slo4j.state;

import static io.github.slo4j.state.StateFixtures.BASE;
import static io.github.slo4j.state.StateFixtures.START;
import static io.github.slo4j.state.StateFixtures.events;
import static io.github.slo4j.state.StateFixtures.registry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.SloRegistry;
import io.github.slo4j.SloState;
import io.github.slo4j.SloTracker;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Restore and merge count each tracker instance's counts once, or refuse. */
class StateHardeningTest {
  private static final String ID = "checkout";
  private static final String AGAIN =
      "state: counts of a tracker instance that this tracker already holds"
          + " (expected a state not restored before: restoring it again would count it twice)";
  private static final Duration MONTH = Duration.ofDays(30);

  private ManualTimeSource clock;
  private SloRegistry registryA;
  private SloRegistry registryB;
  private SloTracker a;
  private SloTracker b;

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

  private SloTracker fresh() {
    return registry(ManualTimeSource.startingAt(clock.now())).register(events(ID, 30));
  }

  /** Restoring {@code state} into {@code t} fails with {@code message} and changes nothing. */
  private static void assertRefused(SloTracker t, byte[] state, String message) {
    byte[] before = t.exportState();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.restore(state));
    assertEquals(message, e.getMessage());
    assertArrayEquals(before, t.exportState(), "the tracker is untouched");
  }

  @Test
  void restoringTheSameStateTwiceIsRefused() {
    byte[] state = a.exportState();
    SloTracker next = fresh();
    next.restore(state);
    assertEquals(400, next.window(MONTH).total());
    assertRefused(next, state, AGAIN);
    assertEquals(400, next.window(MONTH).total(), "not doubled");
  }

  @Test
  void restoringATrackersOwnStateIntoItselfIsRefused() {
    assertRefused(
        a,
        a.exportState(),
        "state: this tracker's own counts"
            + " (expected the state of another tracker: restoring its own would count them twice)");
    assertEquals(400, a.window(MONTH).total());
  }

  @Test
  void twoExportsOfOneProcessCannotBothBeRestored() {
    byte[] early = a.exportState();
    run(10);
    byte[] late = a.exportState(); // holds every count of early too
    SloTracker next = fresh();
    next.restore(late);
    assertRefused(next, early, AGAIN);
    assertEquals(440, next.window(MONTH).total());
  }

  @Test
  void aMergedStateAfterOneOfItsPartsIsRefusedAndTheOtherWayRound() {
    byte[] stateA = a.exportState();
    byte[] stateB = b.exportState();
    byte[] fleet = SloState.merge(stateA, stateB);

    SloTracker partFirst = fresh();
    partFirst.restore(stateB);
    assertRefused(partFirst, fleet, AGAIN);

    SloTracker fleetFirst = fresh();
    fleetFirst.restore(fleet);
    assertEquals(500, fleetFirst.window(MONTH).total());
    assertRefused(fleetFirst, stateA, AGAIN);
    assertRefused(fleetFirst, stateB, AGAIN);
    assertEquals(500, fleetFirst.window(MONTH).total());
  }

  @Test
  void distinctInstancesStillRestoreOneByOneIntoARunningTracker() {
    SloTracker c = registry(clock).register(events(ID, 30));
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
    SloTracker p2 = second.register(events(ID, 30));
    p2.restore(first);
    p2.recordGood();
    clock.advance(BASE);
    second.tick();
    byte[] secondState = p2.exportState();

    SloTracker p3 = fresh();
    p3.restore(secondState);
    assertEquals(401, p3.window(MONTH).total());
    assertRefused(p3, first, AGAIN); // p2's state already holds the first generation's counts
  }

  @Test
  void aFreshTrackerThatOnlyRestoredExportsTheSameBytesAndCannotTakeThemBack() {
    byte[] state = a.exportState();
    SloTracker next = fresh();
    next.restore(state);
    byte[] again = next.exportState();
    assertArrayEquals(state, again, "restoring into a tracker that counted nothing itself adds no identity");
    assertRefused(next, again, AGAIN);
  }

  @Test
  void mergingTheSameStateTwiceIsRefused() {
    byte[] stateA = a.exportState();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SloState.merge(b.exportState(), stateA, stateA));
    assertEquals(
        "states[2]: counts of a tracker instance that states[1] holds too"
            + " (expected states of distinct instances: merging it would count them twice)",
        e.getMessage());

    byte[] fleet = SloState.merge(stateA, b.exportState());
    e = assertThrows(IllegalArgumentException.class, () -> SloState.merge(fleet, stateA));
    assertEquals(
        "states[1]: counts of a tracker instance that states[0] holds too"
            + " (expected states of distinct instances: merging it would count them twice)",
        e.getMessage());
  }

  @Test
  void statesOfTrackersThatCountedNothingDoNotCollide() {
    // no events, no boundary: nothing to count twice, so no identity
    SloTracker idle = fresh();
    byte[] empty = idle.exportState();
    SloTracker next = fresh();
    next.restore(empty);
    next.restore(empty);
    assertEquals(0, next.window(MONTH).total());
    assertEquals(empty.length, SloState.merge(empty, empty).length);
  }
}
