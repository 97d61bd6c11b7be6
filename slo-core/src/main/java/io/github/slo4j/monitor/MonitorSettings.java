package io.github.slo4j.monitor;

import io.github.slo4j.ChangeLog;
import io.github.slo4j.internal.Require;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link SloMonitor.Builder} and a {@link RegistryMonitor.Builder} share, set in one place:
 * the change log and the listeners. A registry monitor hands them to the monitor it builds for each
 * SLO ({@link #copyTo}). Not thread-safe.
 *
 * @param <B> the builder, returned by each setter
 */
abstract class MonitorSettings<B extends MonitorSettings<B>> {
  /** Null until set: each builder says what its default is. */
  ChangeLog changes;
  final List<AlertListener> listeners = new ArrayList<>();
  final List<DecisionListener> decisionListeners = new ArrayList<>();

  MonitorSettings() {}

  /** {@return this builder} */
  abstract B self();

  /**
   * The change log alerts list changes from; by default an empty one of the monitor's own (for a
   * {@link RegistryMonitor}, one shared by every SLO's monitor).
   *
   * @param changes the change log
   * @return this builder
   */
  public B changes(ChangeLog changes) {
    this.changes = Require.nonNull("changes", changes);
    return self();
  }

  /**
   * Adds a listener of alert transitions (of every SLO's, for a {@link RegistryMonitor}).
   *
   * @param listener the listener
   * @return this builder
   */
  public B listener(AlertListener listener) {
    listeners.add(Require.nonNull("listener", listener));
    return self();
  }

  /**
   * Adds a listener of the policy's decisions (of every SLO's, for a {@link RegistryMonitor}).
   *
   * @param listener the listener
   * @return this builder
   */
  public B decisionListener(DecisionListener listener) {
    decisionListeners.add(Require.nonNull("listener", listener));
    return self();
  }

  /** Adds these settings to {@code to}'s: its change log becomes this one's, when this one is set. */
  void copyTo(MonitorSettings<?> to) {
    if (changes != null) {
      to.changes = changes;
    }
    to.listeners.addAll(listeners);
    to.decisionListeners.addAll(decisionListeners);
  }
}
