package io.github.slo4j.correction;

import io.github.slo4j.internal.Require;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTransition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link FireDrill} running live, started by {@link DrillRunner#start}: it ends by itself, and
 * its {@link #result()} completes then.
 *
 * <p>Thread-safe.
 */
public final class LiveDrill {
  private final FireDrill drill;
  private final AppliedCorrection correction;
  private final Map<String, long[]> notifiersBefore;
  private final long finishMillis;
  private final List<AlertTransition> transitions = new ArrayList<>();
  private final Set<String> firing = new HashSet<>();
  private final CompletableFuture<Result> result = new CompletableFuture<>();
  private long injected;
  private long lastInjected;

  /**
   * A notifier's acceptance of a drill's notifications.
   *
   * @param sent notifications it delivered while the drill ran
   * @param failed notifications it gave up on while the drill ran
   */
  public record Acceptance(long sent, long failed) {}

  /**
   * What a drill showed.
   *
   * @param reports one per target of the SLO: per tier, the time to fire and resolve next to the
   *     predicted detection time
   * @param notifiers each watched notifier's acceptance, by name
   * @param injected the synthetic bad events the drill recorded (all excluded from the budget)
   */
  public record Result(List<DrillReport> reports, Map<String, Acceptance> notifiers, long injected) {
    /** Copies the components. */
    public Result {
      reports = List.copyOf(reports);
      notifiers = Map.copyOf(Require.nonNull("notifiers", notifiers));
    }
  }

  LiveDrill(FireDrill drill, AppliedCorrection correction, Map<String, long[]> notifiersBefore, long finishMillis) {
    this.drill = drill;
    this.correction = correction;
    this.notifiersBefore = notifiersBefore;
    this.finishMillis = finishMillis;
  }

  /** {@return the drill} */
  public FireDrill drill() {
    return drill;
  }

  /** {@return the budget-only correction that keeps the drill's events out of the budget} */
  public AppliedCorrection correction() {
    return correction;
  }

  /** {@return whether the drill ended (by itself, or by a failure)} */
  public boolean isDone() {
    return result.isDone();
  }

  /** {@return the result, complete once the drill ended; exceptionally when the drill failed} */
  public CompletableFuture<Result> result() {
    return result;
  }

  /** {@return the synthetic bad events recorded so far} */
  public synchronized long injected() {
    return injected;
  }

  long finishMillis() {
    return finishMillis;
  }

  Map<String, long[]> notifiersBefore() {
    return notifiersBefore;
  }

  synchronized void injected(long n) {
    injected += n;
    lastInjected = n;
  }

  /** The events injected after the previous tick, which the recorder's total now includes. */
  synchronized long injectedSince() {
    return lastInjected;
  }

  synchronized void heard(AlertTransition t) {
    transitions.add(t);
    if (t.to() == AlertState.FIRING) {
      firing.add(t.alert().id());
    } else if (t.from() == AlertState.FIRING) {
      firing.remove(t.alert().id());
    }
  }

  synchronized boolean allResolved() {
    return !transitions.isEmpty() && firing.isEmpty();
  }

  synchronized List<AlertTransition> transitions() {
    return List.copyOf(transitions);
  }

  void complete(List<DrillReport> reports, Map<String, Acceptance> notifiers) {
    result.complete(new Result(reports, notifiers, injected()));
  }

  void fail(Throwable e) {
    result.completeExceptionally(e);
  }

  /** {@code LiveDrill[FireDrill[...], running]}. */
  @Override
  public String toString() {
    return "LiveDrill[" + drill + ", " + (isDone() ? "done" : "running") + "]";
  }
}
