package io.github.slo4j.recorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.BudgetingMethod;
import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Sneaky;
import io.github.slo4j.Subscription;
import io.github.slo4j.WindowReader;
import io.github.slo4j.WindowSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Issue 9: lookup by id, get-or-create, unregister, and the events a binder follows. */
class RegistryLifecycleTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration TEN_S = Duration.ofSeconds(10);
  private static final Duration HANG = Duration.ofSeconds(10);

  private final ManualTimeSource clock = ManualTimeSource.startingAt(T0);
  private final SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();

  private static SloDefinition events(String id) {
    return events(id, "99.9");
  }

  private static SloDefinition events(String id, String objective) {
    return SloDefinition.builder(id).service("checkout").objective(Objective.percent(objective)).build();
  }

  private void advance() {
    clock.advance(TEN_S);
    registry.tick();
  }

  /** {@code registered a}, {@code group g[x]}: what a listener heard, in a form a test can compare. */
  private static String describe(RegistryEvent e) {
    if (e instanceof RegistryEvent.Registered) {
      return "registered " + e.definition().id();
    }
    if (e instanceof RegistryEvent.GroupedRegistered) {
      return "grouped " + e.definition().id();
    }
    if (e instanceof RegistryEvent.GroupCreated) {
      return "group " + e.definition().id() + "[" + ((RegistryEvent.GroupCreated) e).group().groupKey().orElseThrow() + "]";
    }
    return "unregistered " + e.definition().id() + " (" + ((RegistryEvent.Unregistered) e).recorders().size() + ")";
  }

  // ------------------------------------------------------------------ lookup and get-or-create

  @Test
  void findReturnsTheRecorderOfAnSloAndFindGroupedTheGroupedRecorder() {
    SloRecorder a = registry.register(events("a"));
    GroupedSloRecorder g = registry.registerGrouped(events("g"), 10);
    assertSame(a, registry.find("a").orElseThrow());
    assertSame(g, registry.findGrouped("g").orElseThrow());
    assertTrue(registry.find("g").isEmpty(), "g is grouped: find is for plain SLOs");
    assertTrue(registry.findGrouped("a").isEmpty(), "a is not grouped");
    assertTrue(registry.find("nope").isEmpty());
    assertEquals(List.of("a", "g"), registry.ids());
  }

  @Test
  void registerIfAbsentReturnsTheRecorderAlreadyRegisteredForAnEqualDefinition() {
    SloRecorder first = registry.registerIfAbsent(events("a"));
    // built again, as a binder reading its configuration again would
    SloRecorder second = registry.registerIfAbsent(events("a"));
    assertSame(first, second);
    assertEquals(1, registry.recorders().size());
    GroupedSloRecorder g = registry.registerGroupedIfAbsent(events("g"), 10);
    assertSame(g, registry.registerGroupedIfAbsent(events("g"), 10));
  }

  @Test
  void registerIfAbsentRefusesAnotherDefinitionUnderTheSameId() {
    registry.register(events("a"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> registry.registerIfAbsent(events("a", "99.5")));
    assertEquals(
        "slo: 'a' with another definition (checkout/a: events 99.5% over rolling 30d)"
            + " (expected the definition registered under that id (checkout/a: events 99.9% over rolling 30d))",
        e.getMessage());
    SloDefinition otherService = SloDefinition.builder("a").service("search").objective(Objective.percent("99.9")).build();
    assertThrows(IllegalArgumentException.class, () -> registry.registerIfAbsent(otherService));
  }

  @Test
  void getOrCreateRefusesAnIdRegisteredTheOtherWayOrWithAnotherCap() {
    registry.register(events("a"));
    registry.registerGrouped(events("g"), 10);
    assertEquals(
        "slo: 'g' (expected an SLO registered with register(), not registerGrouped())",
        assertThrows(IllegalArgumentException.class, () -> registry.registerIfAbsent(events("g"))).getMessage());
    assertEquals(
        "slo: 'a' (expected an SLO registered with registerGrouped(), not register())",
        assertThrows(IllegalArgumentException.class, () -> registry.registerGroupedIfAbsent(events("a"), 10))
            .getMessage());
    assertEquals(
        "maxGroups: 20 (expected 10, as registered)",
        assertThrows(IllegalArgumentException.class, () -> registry.registerGroupedIfAbsent(events("g"), 20))
            .getMessage());
    assertEquals(
        "maxGroups: 0 (expected 1 <= maxGroups <= 10000)",
        assertThrows(IllegalArgumentException.class, () -> registry.registerGroupedIfAbsent(events("h"), 0))
            .getMessage());
  }

  @Test
  void registeringATakenIdIsRefusedWhateverTheDefinition() {
    registry.register(events("a"));
    assertEquals(
        "slo id: 'a' (expected an id not yet registered in this registry)",
        assertThrows(IllegalArgumentException.class, () -> registry.register(events("a"))).getMessage());
    assertEquals(
        "slo id: 'a' (expected an id not yet registered in this registry)",
        assertThrows(IllegalArgumentException.class, () -> registry.registerGrouped(events("a"), 5)).getMessage());
  }

  @Test
  void aClosedRegistryRefusesGetOrCreateOfANewSloButStillLooksUp() {
    SloRecorder a = registry.register(events("a"));
    registry.close();
    assertEquals(
        "registry is closed",
        assertThrows(IllegalStateException.class, () -> registry.registerIfAbsent(events("b"))).getMessage());
    assertEquals(
        "registry is closed",
        assertThrows(IllegalStateException.class, () -> registry.registerGroupedIfAbsent(events("c"), 2)).getMessage());
    assertSame(a, registry.find("a").orElseThrow());
  }

  @Test
  void nullIdsAreRefusedWithTheirName() {
    assertEquals("id: null (expected a value)", assertThrows(NullPointerException.class, () -> registry.find(null)).getMessage());
    assertEquals(
        "id: null (expected a value)", assertThrows(NullPointerException.class, () -> registry.unregister(null)).getMessage());
    assertEquals(
        "listener: null (expected a value)",
        assertThrows(NullPointerException.class, () -> registry.addListener(null)).getMessage());
  }

  @Test
  void aGroupedSloWithATimesliceNotAMultipleOfTheBaseIntervalIsRefusedAtRegistrationNotAtItsFirstGroup() {
    SloRegistry minute =
        SloRegistry.builder().timeSource(clock).manualTicks().baseInterval(Duration.ofMinutes(1)).build();
    SloDefinition slices =
        SloDefinition.builder("s")
            .service("checkout")
            .objective(Objective.percent("99.9"))
            .budgeting(BudgetingMethod.timeslices(Duration.ofSeconds(90), Objective.percent("95")))
            .build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> minute.registerGrouped(slices, 10));
    assertEquals("slice: 1m30s (expected a multiple of the registry's base interval (1m))", e.getMessage());
    assertTrue(minute.findGrouped("s").isEmpty(), "nothing registered");
  }

  // ------------------------------------------------------------------ unregister

  @Test
  void unregisterStopsTickingFreesTheIdAndLeavesTheRecorderReadable() {
    SloRecorder a = registry.register(events("a"));
    a.recordCounts(90, 100);
    advance();
    long asOf = a.asOfMillis();
    assertTrue(registry.unregister("a"));
    a.recordCounts(0, 100);
    advance();
    assertEquals(asOf, a.asOfMillis(), "no longer ticked");
    assertEquals(100, a.window(Duration.ofMinutes(1)).total(), "still readable as of its last boundary");
    assertTrue(registry.find("a").isEmpty());
    assertFalse(registry.recorders().contains(a));
    assertFalse(registry.unregister("a"), "already gone");
    SloRecorder again = registry.register(events("a"));
    assertTrue(again != a, "the id is free: a new recorder");
  }

  @Test
  void unregisteringAGroupedSloStopsEveryGroupAndGroupsCreatedAfterAreNeverTicked() {
    GroupedSloRecorder g = registry.registerGrouped(events("g"), 10);
    SloRecorder x = g.group("x");
    advance();
    assertTrue(registry.unregister("g"));
    SloRecorder late = g.group("late");
    late.recordGood();
    advance();
    assertEquals(T0.plus(TEN_S).toEpochMilli(), x.asOfMillis());
    assertEquals(T0.plus(TEN_S).toEpochMilli(), late.asOfMillis(), "created after unregister: never ticked");
    assertEquals(0, late.window(Duration.ofMinutes(1)).total(), "its event was never closed into a window");
    assertEquals(List.of(), registry.recorders());
  }

  // ------------------------------------------------------------------ events

  @Test
  void aListenerHearsRegisteredGroupCreatedAndUnregisteredInOrder() {
    List<String> heard = new ArrayList<>();
    registry.addListener(e -> heard.add(describe(e)));
    registry.register(events("a"));
    GroupedSloRecorder g = registry.registerGrouped(events("g"), 1);
    g.group("x");
    g.group("y"); // beyond the cap: the overflow group is created
    g.group("z"); // the overflow group exists: nothing new
    advance();
    registry.unregister("a");
    registry.unregister("g");
    assertEquals(
        List.of(
            "registered a",
            "grouped g",
            "group g[x]",
            "group g[" + GroupedSloRecorder.OVERFLOW_KEY + "]",
            "unregistered a (1)",
            "unregistered g (2)"),
        heard);
  }

  @Test
  void aListenerAddedLateCatchesUpOnTheSlosAndGroupsThereAreThenHearsEachLaterEventOnce() {
    registry.register(events("a"));
    GroupedSloRecorder g = registry.registerGrouped(events("g"), 10);
    g.group("x");
    g.group("y");
    List<String> heard = new ArrayList<>();
    registry.addListener(e -> heard.add(describe(e)));
    assertEquals(List.of("registered a", "grouped g", "group g[x]", "group g[y]"), heard, "the catch-up");
    g.group("w");
    registry.register(events("b"));
    assertEquals(
        List.of("registered a", "grouped g", "group g[x]", "group g[y]", "group g[w]", "registered b"), heard);
  }

  @Test
  void aGroupCreatedOnARecordingThreadIsToldAtTheNextTickNotOnThatThread() throws InterruptedException {
    GroupedSloRecorder g = registry.registerGrouped(events("g"), 10);
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    registry.addListener(e -> threads.add(Thread.currentThread().getName()));
    threads.clear(); // the catch-up
    Thread recording = new Thread(() -> g.group("x").recordGood(), "recording");
    recording.start();
    recording.join(HANG.toMillis());
    assertEquals(List.of(), threads, "nothing told on the recording thread");
    advance();
    assertEquals(List.of(Thread.currentThread().getName()), threads);
  }

  @Test
  void aRegistryListenerThatThrowsAnythingStopsNeitherTheOtherListenersNorTheTicker() {
    List<String> heard = new ArrayList<>();
    registry.addListener(e -> { throw new IllegalStateException("listener bug"); });
    registry.addListener(e -> { throw new AssertionError("an Error"); });
    registry.addListener(e -> Sneaky.overflowTheStack(0));
    registry.addListener(e -> heard.add(describe(e)));
    SloRecorder a = registry.register(events("a"));
    registry.registerGrouped(events("g"), 2).group("x");
    advance();
    assertEquals(List.of("registered a", "grouped g", "group g[x]"), heard);
    assertEquals(9, registry.listenerFailures());
    assertEquals(T0.plus(TEN_S).toEpochMilli(), a.asOfMillis(), "the tick closed its boundary");
  }

  @Test
  void closingAListenerHandleStopsItsEventsAndClosingTwiceIsHarmless() {
    List<String> heard = new ArrayList<>();
    Subscription handle = registry.addListener(e -> heard.add(describe(e)));
    registry.register(events("a"));
    handle.close();
    handle.close();
    registry.register(events("b"));
    assertEquals(List.of("registered a"), heard);
  }

  @Test
  void closingATickListenerHandleRemovesIt() {
    registry.register(events("a"));
    List<Long> seen = new ArrayList<>();
    Subscription handle = registry.addTickListener(seen::add);
    advance();
    handle.close();
    advance();
    assertEquals(List.of(T0.plus(TEN_S).toEpochMilli()), seen);
  }

  @Test
  void aBlockedRegistryListenerBlocksNeitherRegistrationNorGroupCreationNorClose() throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    registry.addListener(
        e -> {
          heard.add(describe(e));
          if (e.definition().id().equals("slow")) {
            entered.countDown();
            try {
              release.await();
            } catch (InterruptedException ie) {
              Thread.currentThread().interrupt();
            }
          }
        });
    Thread t = new Thread(() -> registry.register(events("slow")), "registering");
    t.start();
    assertTrue(entered.await(HANG.toSeconds(), TimeUnit.SECONDS));
    assertTimeoutPreemptively(
        HANG,
        () -> {
          registry.register(events("b"));
          registry.registerGrouped(events("g"), 2).group("x");
          registry.unregister("b");
          registry.tick();
        });
    release.countDown();
    t.join(HANG.toMillis());
    assertFalse(t.isAlive());
    assertEquals(
        List.of("registered slow", "registered b", "grouped g", "group g[x]", "unregistered b (1)"),
        heard,
        "the thread that held the delivery delivered what the others queued, in order");
    assertTimeoutPreemptively(HANG, registry::close);
  }

  // ------------------------------------------------------------------ the registry as a WindowSource

  @Test
  void aSubscriberOfTheWindowSourceHearsTheReadersThereAreThenChangesAndTicksInOrder() {
    SloRecorder a = registry.register(events("a"));
    GroupedSloRecorder g = registry.registerGrouped(events("g"), 10);
    SloRecorder x = g.group("x");
    List<String> heard = new ArrayList<>();
    WindowSource source = registry;
    Subscription s =
        source.subscribe(
            new WindowSource.Subscriber() {
              @Override
              public void readerAdded(WindowReader reader) {
                heard.add("+" + label(reader));
              }

              @Override
              public void readerRemoved(WindowReader reader) {
                heard.add("-" + label(reader));
              }

              @Override
              public void tick(long boundaryMillis) {
                heard.add("tick " + Instant.ofEpochMilli(boundaryMillis));
              }
            });
    assertEquals(List.of(a, x), source.readers());
    assertEquals(TEN_S, source.baseInterval());
    assertSame(clock, source.timeSource());
    g.group("y");
    advance();
    registry.unregister("a");
    s.close();
    advance();
    registry.unregister("g");
    assertEquals(List.of("+a", "+g[x]", "+g[y]", "tick " + T0.plus(TEN_S), "-a"), heard);
  }

  private static String label(WindowReader r) {
    return r.definition().id() + r.groupKey().map(k -> "[" + k + "]").orElse("");
  }

  @Test
  void aSubscriberThatThrowsIsGuardedLikeEveryListener() {
    AtomicReference<String> last = new AtomicReference<>();
    registry.subscribe(
        new WindowSource.Subscriber() {
          @Override
          public void readerAdded(WindowReader reader) {
            throw new IllegalStateException("broken");
          }

          @Override
          public void readerRemoved(WindowReader reader) {}

          @Override
          public void tick(long boundaryMillis) {
            last.set("tick");
          }
        });
    registry.register(events("a"));
    advance();
    assertEquals("tick", last.get());
    assertEquals(1, registry.listenerFailures());
  }
}
