package io.github.slo4j;

import io.github.slo4j.internal.DurationFormat;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing an SLO promises and is measured, budgeted and alerted on separately: the SLO's
 * objective for an events SLI, or one threshold of a latency SLI. An events SLO has one target
 * named {@code events}; a latency SLO has one per threshold, named after it ({@code le100ms}).
 *
 * <p>Immutable.
 */
public final class Target {
  private final int index;
  private final String name;
  private final Objective objective;
  private final Duration latencyThreshold;

  Target(int index, String name, Objective objective, Duration latencyThreshold) {
    this.index = index;
    this.name = name;
    this.objective = objective;
    this.latencyThreshold = latencyThreshold;
  }

  static Target events(Objective objective) {
    return new Target(0, "events", objective, null);
  }

  static Target latency(int index, LatencyThreshold threshold) {
    return new Target(
        index,
        "le" + DurationFormat.format(threshold.threshold()),
        threshold.objective(),
        threshold.threshold());
  }

  /** {@return the position of this target in {@link SloDefinition#targets()}} */
  public int index() {
    return index;
  }

  /** {@return {@code events}, or {@code le<threshold>} such as {@code le100ms}} */
  public String name() {
    return name;
  }

  /** {@return the objective of this target} */
  public Objective objective() {
    return objective;
  }

  /** {@return the latency threshold of a latency target; empty for an events target} */
  public Optional<Duration> latencyThreshold() {
    return Optional.ofNullable(latencyThreshold);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Target)) {
      return false;
    }
    Target t = (Target) o;
    return index == t.index
        && name.equals(t.name)
        && objective.equals(t.objective)
        && Objects.equals(latencyThreshold, t.latencyThreshold);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, name, objective, latencyThreshold);
  }

  /** {@code events 99.9%} or {@code le100ms 90%}. */
  @Override
  public String toString() {
    return name + " " + objective;
  }
}
