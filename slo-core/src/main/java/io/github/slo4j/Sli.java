package io.github.slo4j;

import io.github.slo4j.internal.Require;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * What an SLO counts as a good event.
 *
 * <ul>
 *   <li>{@link #events()}: the caller decides; the SLI is good events ÷ total events (an
 *       availability or correctness ratio).
 *   <li>{@link #latency(LatencyThreshold, LatencyThreshold...)}: the caller records a latency and a
 *       success flag; for each threshold a request is good when it succeeds and finishes within the
 *       threshold. Each threshold carries its own objective ("90 % within 100 ms and 99 % within
 *       500 ms") and is tracked and alerted on separately.
 * </ul>
 *
 * <p>Whether events or time slices are budgeted is the SLO's {@link BudgetingMethod}, as in
 * OpenSLO; any SLI can be combined with any budgeting method.
 */
public sealed interface Sli permits Sli.Events, Sli.Latency {

  /** The most latency thresholds one SLO may have. */
  int MAX_THRESHOLDS = 8;

  /** {@return good events ÷ total events, as recorded by the caller} */
  static Sli events() {
    return Events.INSTANCE;
  }

  /**
   * A latency SLI with one or more thresholds, each with its own objective.
   *
   * @param first a threshold
   * @param more further thresholds, in any order
   * @return the SLI, its thresholds sorted by latency
   * @throws IllegalArgumentException when two thresholds have the same latency or there are more
   *     than {@value #MAX_THRESHOLDS}
   */
  static Sli latency(LatencyThreshold first, LatencyThreshold... more) {
    Require.nonNull("latency threshold", first);
    List<LatencyThreshold> all = new ArrayList<>();
    all.add(first);
    for (LatencyThreshold t : Require.nonNull("latency thresholds", more)) {
      all.add(Require.nonNull("latency threshold", t));
    }
    return new Latency(all);
  }

  /** The events SLI. */
  record Events() implements Sli {
    static final Events INSTANCE = new Events();

    /** {@code events}. */
    @Override
    public String toString() {
      return "events";
    }
  }

  /**
   * The latency SLI.
   *
   * @param thresholds the thresholds in ascending order of latency, distinct, 1 to {@value
   *     Sli#MAX_THRESHOLDS}
   */
  record Latency(List<LatencyThreshold> thresholds) implements Sli {
    /**
     * Validates, sorts and copies the thresholds.
     *
     * @param thresholds 1 to {@value Sli#MAX_THRESHOLDS} thresholds of distinct latencies, in any
     *     order
     */
    public Latency {
      Require.nonNull("latency thresholds", thresholds);
      if (thresholds.isEmpty() || thresholds.size() > MAX_THRESHOLDS) {
        throw Require.invalid(
            "latency thresholds", thresholds.size(), "1 to " + MAX_THRESHOLDS + " thresholds");
      }
      List<LatencyThreshold> sorted = new ArrayList<>(thresholds);
      sorted.forEach(t -> Require.nonNull("latency threshold", t));
      sorted.sort(Comparator.comparing(LatencyThreshold::threshold));
      for (int i = 1; i < sorted.size(); i++) {
        if (sorted.get(i).threshold().equals(sorted.get(i - 1).threshold())) {
          throw Require.invalid("latency thresholds", sorted, "distinct latencies");
        }
      }
      thresholds = Collections.unmodifiableList(sorted);
    }
  }
}
