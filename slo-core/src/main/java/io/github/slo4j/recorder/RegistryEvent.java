package io.github.slo4j.recorder;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.internal.Require;
import java.util.List;

/**
 * A change in the set of SLOs a {@link SloRegistry} tracks, told to its {@link RegistryListener}s:
 * an SLO {@linkplain Registered registered}, a grouped SLO {@linkplain GroupedRegistered
 * registered}, a {@linkplain GroupCreated group created} on first use, an SLO {@linkplain
 * Unregistered unregistered}. Immutable.
 */
public sealed interface RegistryEvent {

  /** The SLO concerned. */
  SloDefinition definition();

  /**
   * An SLO was registered with {@link SloRegistry#register(SloDefinition)} (or its get-or-create
   * form), or existed when the listener was added.
   *
   * @param recorder its recorder
   */
  record Registered(SloRecorder recorder) implements RegistryEvent {
    /** Validates the component. */
    public Registered {
      Require.nonNull("recorder", recorder);
    }

    @Override
    public SloDefinition definition() {
      return recorder.definition();
    }
  }

  /**
   * A grouped SLO was registered with {@link SloRegistry#registerGrouped(SloDefinition, int)} (or its
   * get-or-create form), or existed when the listener was added. It has no group yet: each is told
   * by a {@link GroupCreated} that follows.
   *
   * @param grouped the grouped recorder
   */
  record GroupedRegistered(GroupedSloRecorder grouped) implements RegistryEvent {
    /** Validates the component. */
    public GroupedRegistered {
      Require.nonNull("grouped", grouped);
    }

    @Override
    public SloDefinition definition() {
      return grouped.definition();
    }
  }

  /**
   * A group of a grouped SLO was created on first use (the overflow group included, key {@value
   * GroupedSloRecorder#OVERFLOW_KEY}), or existed when the listener was added.
   *
   * @param grouped the grouped recorder
   * @param group the group's recorder; its {@link SloRecorder#groupKey()} is the key
   */
  record GroupCreated(GroupedSloRecorder grouped, SloRecorder group) implements RegistryEvent {
    /** Validates the components. */
    public GroupCreated {
      Require.nonNull("grouped", grouped);
      Require.nonNull("group", group);
    }

    @Override
    public SloDefinition definition() {
      return grouped.definition();
    }
  }

  /**
   * An SLO (plain or grouped) was unregistered with {@link SloRegistry#unregister(String)}: its
   * recorders are no longer ticked and stay readable as of their last boundary.
   *
   * @param definition the SLO
   * @param recorders the recorders that stopped: the SLO's one, or every group of a grouped SLO
   */
  record Unregistered(SloDefinition definition, List<SloRecorder> recorders) implements RegistryEvent {
    /** Validates the components and copies the list. */
    public Unregistered {
      Require.nonNull("definition", definition);
      recorders = List.copyOf(Require.nonNull("recorders", recorders));
    }
  }
}
