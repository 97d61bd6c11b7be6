package io.github.slo4j.correction;

import io.github.slo4j.Subscription;
import io.github.slo4j.Target;
import io.github.slo4j.internal.Callbacks;
import io.github.slo4j.internal.LazyLogger;
import io.github.slo4j.internal.Require;
import io.github.slo4j.monitor.AlertListener;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.notify.Notifier;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Runs {@linkplain LiveDrill fire drills} live on one SLO of a {@link SloRegistry}, on the
 * registry's ticker and clock: a drill injects synthetic bad events into the recorder (on a latency
 * SLI, events slower than every threshold) from one tick to the next, keeps them out of the budget
 * through the {@link CorrectedReader} the SLO's monitor reads, labels the alerts raised meanwhile
 * with its name ({@link io.github.slo4j.monitor.Alert#drill()}) and ends by itself.
 *
 * <p>Wiring: the monitor reads {@code corrected} and its listeners go through {@link
 * #labelling(AlertListener)}; then {@link #start} starts a drill at the registry's last closed
 * boundary. The synthetic events of the interval after a tick are sized on the real events of the
 * interval that tick closed ({@link FireDrill#syntheticBad}): the error ratio follows traffic with
 * one base interval of delay. A drill is finished, and its {@link LiveDrill#result()} complete,
 * once every tier that fired resolved or, at the latest, the longest long window of the rules after
 * its end (when the drill's events left every window). A drill that fails (the injection or its
 * report throws) is logged once with the SLO id and the boundary, completes its result
 * exceptionally and stops; the ticker and the registry's other listeners go on.
 *
 * <p>Thread-safe.
 */
public final class DrillRunner {
  private static final Logger LOG = LazyLogger.of(DrillRunner.class);

  private final SloRegistry registry;
  private final SloRecorder recorder;
  private final CorrectedReader corrected;
  private final AlertRules rules;
  private final Map<String, Notifier> notifiers = new LinkedHashMap<>();
  private LiveDrill current;

  private DrillRunner(SloRegistry registry, SloRecorder recorder, CorrectedReader corrected, AlertRules rules) {
    this.registry = registry;
    this.recorder = recorder;
    this.corrected = corrected;
    this.rules = rules;
  }

  /**
   * A runner of drills on {@code recorder}, registered in {@code registry}, whose monitor reads
   * {@code corrected} (a {@link CorrectedReader} over the recorder) with {@code rules}.
   *
   * @throws IllegalArgumentException when {@code corrected} does not read {@code recorder}
   */
  public static DrillRunner over(SloRegistry registry, SloRecorder recorder, CorrectedReader corrected, AlertRules rules) {
    Require.nonNull("registry", registry);
    Require.nonNull("recorder", recorder);
    Require.nonNull("corrected", corrected);
    Require.nonNull("rules", rules);
    if (corrected.raw() != recorder) {
      throw Require.invalid("corrected", "a CorrectedReader of " + corrected.definition().id(), "a CorrectedReader over the recorder of " + recorder.definition().id());
    }
    return new DrillRunner(registry, recorder, corrected, rules);
  }

  /**
   * Adds a notifier whose acceptance a drill reports under {@code name}: the notifications it
   * delivered ({@link Notifier#sent()}) and failed ({@link Notifier#failed()}) while the drill ran.
   * Wire the notifier to the monitor as usual (through {@link #labelling}); this only watches it.
   *
   * @throws IllegalArgumentException when the name is already used
   */
  public synchronized DrillRunner notifier(String name, Notifier notifier) {
    Require.nonNull("name", name);
    Require.nonNull("notifier", notifier);
    if (notifiers.containsKey(name)) {
      throw Require.invalid("name", name, "a notifier name not used yet");
    }
    notifiers.put(name, notifier);
    return this;
  }

  /**
   * A listener that passes every transition on to {@code listener}, the alerts raised while a drill
   * runs (and their later transitions) labelled with its name, and that hears the transitions a
   * drill's report is made of.
   */
  public AlertListener labelling(AlertListener listener) {
    Require.nonNull("listener", listener);
    Set<String> labelled = new HashSet<>();
    return t -> {
      String drill = null;
      synchronized (this) {
        LiveDrill d = current;
        String key = t.alert().id();
        if (d != null && !d.isDone() && !t.at().isBefore(d.drill().start())) {
          d.heard(t);
          if (t.to() == AlertState.FIRING || t.to() == AlertState.SUPPRESSED) {
            labelled.add(key);
          }
        }
        if (labelled.contains(key)) {
          drill = d == null ? null : d.drill().id();
          if (t.to() == AlertState.RESOLVED || t.to() == AlertState.INACTIVE) {
            labelled.remove(key);
          }
        }
      }
      listener.onTransition(drill == null ? t : new AlertTransition(t.from(), t.to(), t.at(), t.alert().withDrill(drill)));
    };
  }

  /**
   * Starts a drill named {@code id} by {@code author} now (at the registry's last closed boundary)
   * for {@code duration} at {@code errorRatio}; it ends by itself.
   *
   * @throws IllegalArgumentException when the error ratio is not in (0, 1), the duration not
   *     positive, or it would overlap a drill started on this SLO
   */
  public synchronized LiveDrill start(String id, Duration duration, double errorRatio, String author) {
    Instant at = Instant.ofEpochMilli(registry.lastBoundaryMillis());
    FireDrill drill = FireDrill.of(id, at, duration, errorRatio, author);
    if (current != null && !current.isDone()) {
      throw Require.invalid("drill", id, "no drill running on " + recorder.definition().id() + " (" + current.drill() + " is)");
    }
    AppliedCorrection applied = corrected.start(drill);
    Map<String, long[]> before = new LinkedHashMap<>();
    notifiers.forEach((name, n) -> before.put(name, new long[] {n.sent(), n.failed()}));
    Duration settle = Duration.ZERO;
    for (Target target : recorder.definition().targets()) {
      for (AlertTier tier : rules.tiers(target)) {
        settle = tier.longWindow().compareTo(settle) > 0 ? tier.longWindow() : settle;
      }
    }
    LiveDrill live = new LiveDrill(drill, applied, before, drill.endMillis() + settle.toMillis() + registry.baseInterval().toMillis());
    current = live;
    long[] lastTotal = {recorder.cumulative().total()};
    Subscription[] sub = new Subscription[1];
    sub[0] = registry.addTickListener(boundary -> {
      try {
        long total = recorder.cumulative().total();
        long real = total - lastTotal[0] - live.injectedSince();
        long n = corrected.inject(drill, boundary, Math.max(0, real));
        if (n > 0) {
          recorder.recordCounts(0, n);
        }
        live.injected(n);
        lastTotal[0] = total;
        if (boundary >= live.finishMillis() || (boundary >= drill.endMillis() && live.allResolved())) {
          finish(live, sub[0]);
        }
      } catch (RuntimeException e) {
        LOG.error("slo4j: fire drill {} on {} failed at {}; it stops", drill.id(), recorder.definition().id(),
            Callbacks.iso(boundary), e);
        live.fail(e);
        sub[0].close();
      }
    });
    return live;
  }

  private void finish(LiveDrill live, Subscription sub) {
    sub.close();
    List<DrillReport> reports = new ArrayList<>();
    for (Target target : recorder.definition().targets()) {
      reports.add(live.drill().report(target, rules, live.transitions()));
    }
    Map<String, LiveDrill.Acceptance> acceptance = new LinkedHashMap<>();
    synchronized (this) {
      notifiers.forEach((name, n) -> {
        long[] b = live.notifiersBefore().getOrDefault(name, new long[2]);
        acceptance.put(name, new LiveDrill.Acceptance(n.sent() - b[0], n.failed() - b[1]));
      });
    }
    live.complete(reports, acceptance);
  }

  /** {@return the drill started last, running or done; null before the first} */
  synchronized LiveDrill current() {
    return current;
  }
}
