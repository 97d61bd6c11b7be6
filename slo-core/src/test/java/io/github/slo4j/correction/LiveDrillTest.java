package io.github.slo4j.correction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.ManualTimeSource;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.monitor.AlertListener;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.monitor.SloMonitor;
import io.github.slo4j.notify.Notifier;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Fire drills run live on a registry's ticker (a manual clock), end by themselves and label their alerts. */
class LiveDrillTest {
  private static final Duration TEN_S = Duration.ofSeconds(10);
  private static final SloDefinition SLO = SloDefinition.builder("checkout-availability").service("checkout")
      .objective(Objective.percent("99.9")).build();
  private static final Target EVENTS = SLO.targets().get(0);

  /** A registry on a manual clock, one SLO, its monitor on a corrected reader, and a drill runner. */
  private static final class Live {
    final ManualTimeSource clock = ManualTimeSource.startingAt(Instant.parse("2026-01-10T12:00:00Z"));
    final SloRegistry registry = SloRegistry.builder().timeSource(clock).manualTicks().build();
    final SloRecorder recorder = registry.register(SLO);
    final CorrectedReader corrected = CorrectedReader.over(recorder, registry.baseInterval());
    final AlertRules rules = AlertRules.builder(SLO).evaluationInterval(TEN_S).build();
    final List<AlertTransition> seen = new ArrayList<>();
    final List<AlertListener> also = new ArrayList<>();
    final DrillRunner runner = DrillRunner.over(registry, recorder, corrected, rules);
    final SloMonitor monitor = SloMonitor.builder(SLO).rules(rules).listener(runner.labelling(t -> {
      seen.add(t);
      also.forEach(l -> l.onTransition(t));
    })).build(corrected);
    final AtomicLong evaluations = new AtomicLong();

    Live() {
      registry.addTickListener(b -> {
        monitor.evaluate(b);
        evaluations.incrementAndGet();
      });
    }

    void clean(Duration d) {
      for (long i = 0; i < d.dividedBy(TEN_S); i++) {
        recorder.recordCounts(1000, 1000);
        clock.advance(TEN_S);
        registry.tick();
      }
    }
  }

  /** Counts the notifying transitions it hears as delivered, or as failed when told to fail. */
  private static final class FakeNotifier implements Notifier {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final boolean fails;
    final AtomicLong reads = new AtomicLong();
    final long throwOnRead;

    FakeNotifier(boolean fails, long throwOnRead) {
      this.fails = fails;
      this.throwOnRead = throwOnRead;
    }

    @Override
    public void onTransition(AlertTransition t) {
      if (t.notifies()) {
        (fails ? failed : sent).incrementAndGet();
      }
    }

    @Override
    public long sent() {
      if (reads.incrementAndGet() == throwOnRead) {
        throw new IllegalStateException("notifier unreadable");
      }
      return sent.get();
    }

    @Override
    public long failed() {
      return failed.get();
    }

    @Override
    public long retried() {
      return 0;
    }

    @Override
    public long dropped() {
      return 0;
    }

    @Override
    public int pending() {
      return 0;
    }

    @Override
    public void close() {}
  }

  @Test
  void aLiveDrillPagesWithinThePredictionLabelsItsAlertsEndsByItselfAndLeavesTheBudgetUntouched() {
    Live live = new Live();
    FakeNotifier pager = new FakeNotifier(false, -1);
    FakeNotifier broken = new FakeNotifier(true, -1);
    live.also.add(pager);
    live.also.add(broken);
    live.runner.notifier("pager", pager).notifier("broken", broken);
    live.clean(Duration.ofHours(2));
    live.seen.clear();
    long budgetBadBefore = live.corrected.periodWindow(EVENTS).bad();

    LiveDrill drill = live.runner.start("game-day-1", Duration.ofMinutes(30), 0.2, "alice");
    assertEquals(Instant.parse("2026-01-10T14:00:00Z"), drill.drill().start());
    live.clean(Duration.ofHours(4)); // no call to end the drill

    assertTrue(drill.isDone(), drill.toString());
    LiveDrill.Result result = drill.result().join();
    // 1,000 real events per 10 s at 0.2: 250 synthetic per interval, from the first tick after the start
    assertEquals(179 * 250L, result.injected(), "one interval of delay: the first interval has no drill events");
    DrillReport report = result.reports().get(0);
    DrillReport.Tier page = report.tiers().get(0);
    assertEquals(Severity.PAGE, page.tier().severity());
    assertEquals(Duration.ofMillis(259_200), page.predicted().orElseThrow());
    Duration fired = page.timeToFire().orElseThrow(() -> new AssertionError("no page: " + report));
    assertTrue(fired.compareTo(page.predicted().get().plus(TEN_S).plus(TEN_S)) <= 0, report.toString());
    assertTrue(page.timeToResolve().orElseThrow().compareTo(Duration.ofMinutes(30)) > 0, report.toString());

    List<AlertTransition> firing = live.seen.stream().filter(t -> t.to() == AlertState.FIRING).toList();
    assertFalse(firing.isEmpty());
    for (AlertTransition t : live.seen) {
      assertEquals(Optional.of("game-day-1"), t.alert().drill(), t.toString());
    }
    long notifying = live.seen.stream().filter(AlertTransition::notifies).count();
    assertEquals(new LiveDrill.Acceptance(notifying, 0), result.notifiers().get("pager"));
    assertEquals(new LiveDrill.Acceptance(0, notifying), result.notifiers().get("broken"));

    assertEquals(budgetBadBefore, live.corrected.periodWindow(EVENTS).bad(), "the budget is untouched");
    assertEquals(result.injected(), live.recorder.periodWindow(EVENTS).bad(), "the raw recorder saw the drill");
    assertEquals("fire drill game-day-1", drill.correction().correction().reason());

    long injected = drill.injected();
    long before = live.recorder.cumulative().bad();
    live.clean(Duration.ofMinutes(10));
    assertEquals(injected, drill.injected(), "an ended drill injects nothing more");
    assertEquals(before, live.recorder.cumulative().bad());
  }

  @Test
  void twoDrillsCannotOverlapOnOneSlo() {
    Live live = new Live();
    live.clean(Duration.ofMinutes(10));
    live.runner.start("game-day-1", Duration.ofMinutes(30), 0.2, "alice");
    live.clean(Duration.ofMinutes(10));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> live.runner.start("game-day-2", Duration.ofMinutes(5), 0.5, "bob"));
    assertEquals("drill: game-day-2 (expected no drill running on checkout-availability"
        + " (FireDrill[game-day-1: 2026-01-10T12:10:00Z for 30m at 0.2 by alice] is))", e.getMessage());
  }

  @Test
  void aFailingDrillStopsAloneAndTheTickerGoesOn() {
    Live live = new Live();
    live.runner.notifier("unreadable", new FakeNotifier(false, 2));
    live.clean(Duration.ofMinutes(10));
    LiveDrill drill = live.runner.start("game-day-1", Duration.ofMinutes(30), 0.2, "alice");
    live.clean(Duration.ofHours(4));
    assertTrue(drill.isDone());
    CompletionException e = assertThrows(CompletionException.class, () -> drill.result().join());
    assertEquals("notifier unreadable", e.getCause().getMessage());
    long ticks = live.registry.ticks();
    long evaluations = live.evaluations.get();
    live.clean(Duration.ofMinutes(1));
    assertEquals(ticks + 6, live.registry.ticks());
    assertEquals(evaluations + 6, live.evaluations.get(), "the monitor still evaluates");
    assertEquals(0, live.registry.listenerFailures());
    LiveDrill next = live.runner.start("game-day-2", Duration.ofMinutes(1), 0.2, "alice");
    assertFalse(next.isDone(), "a failed drill does not block the next one");
  }

  @Test
  void aRunnerNeedsTheCorrectedReaderOfItsRecorder() {
    Live live = new Live();
    SloRecorder other = live.registry.register(SloDefinition.builder("search-availability").service("search")
        .objective(Objective.percent("99.9")).build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DrillRunner.over(live.registry, other, live.corrected, live.rules));
    assertEquals("corrected: a CorrectedReader of checkout-availability"
        + " (expected a CorrectedReader over the recorder of search-availability)", e.getMessage());
  }
}
