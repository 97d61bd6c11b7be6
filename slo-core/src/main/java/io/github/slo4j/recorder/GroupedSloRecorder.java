package io.github.slo4j.recorder;

import io.github.slo4j.SloDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * One SLO tracked per group key (endpoint, tenant), with a hard cap on the number of groups.
 * Thread-safe.
 *
 * <p>A group's recorder is created on first use. Once {@code maxGroups} exist, new keys share one
 * overflow group (key {@value #OVERFLOW_KEY}): memory stays bounded whatever the label's
 * cardinality, and the lookups routed there are counted ({@link #overflowLookups()}) with a sample
 * of the first keys that overflowed ({@link #overflowSample()}). A {@code null} key also goes to the
 * overflow group; {@link #group(String)} never throws.
 *
 * <p>Hold on to the recorder a hot path records into: {@code group(key)} is a hash lookup.
 */
public final class GroupedSloRecorder {
  /** The most groups one grouped SLO may have. */
  public static final int MAX_GROUPS = 10_000;

  /** The group key of the overflow group. */
  public static final String OVERFLOW_KEY = "__overflow__";

  private static final int SAMPLE = 16;

  private final SloRegistry registry;
  private final SloDefinition definition;
  private final int maxGroups;
  /** The immutable parts every group's recorder shares (issue 10: a quiet group must cost little). */
  private final RecorderShape shape;
  private final Map<String, SloRecorder> groups = new ConcurrentHashMap<>();
  private final LongAdder overflowLookups = new LongAdder();
  private final List<String> overflowSample = Collections.synchronizedList(new ArrayList<>());
  private volatile SloRecorder overflow;

  GroupedSloRecorder(SloRegistry registry, SloDefinition definition, int maxGroups, RecorderShape shape) {
    this.registry = registry;
    this.definition = definition;
    this.maxGroups = maxGroups;
    this.shape = shape;
  }

  /** The shape every group's recorder is built with. */
  RecorderShape shape() {
    return shape;
  }

  /** The SLO. */
  public SloDefinition definition() {
    return definition;
  }

  /**
   * The recorder of group {@code key}, created on first use; the overflow group's when the cap is
   * reached or the key is null. Never throws; after {@link SloRegistry#close()} or {@link
   * SloRegistry#unregister(String)} new groups are still created but never ticked. A group created
   * is told to the registry's listeners ({@link RegistryEvent.GroupCreated}) at the next tick, not
   * on this thread.
   */
  public SloRecorder group(String key) {
    if (key != null) {
      SloRecorder t = groups.get(key);
      if (t != null) {
        return t;
      }
      if (groups.size() < maxGroups) {
        synchronized (this) {
          t = groups.get(key);
          if (t != null) {
            return t;
          }
          if (groups.size() < maxGroups) {
            t = registry.newGroup(this, key);
            groups.put(key, t);
            return t;
          }
        }
      }
    }
    overflowLookups.increment();
    if (key != null && overflowSample.size() < SAMPLE) {
      synchronized (overflowSample) {
        if (overflowSample.size() < SAMPLE && !overflowSample.contains(key)) {
          overflowSample.add(key);
        }
      }
    }
    return overflow();
  }

  private SloRecorder overflow() {
    SloRecorder o = overflow;
    if (o == null) {
      synchronized (this) {
        o = overflow;
        if (o == null) {
          o = registry.newGroup(this, OVERFLOW_KEY);
          overflow = o;
        }
      }
    }
    return o;
  }

  /** The recorder of an existing group, without creating one. */
  public Optional<SloRecorder> existing(String key) {
    return key == null ? Optional.empty() : Optional.ofNullable(groups.get(key));
  }

  /** The groups created so far (the overflow group excluded), keyed by group key. */
  public Map<String, SloRecorder> groups() {
    return Collections.unmodifiableMap(groups);
  }

  /** The overflow group's recorder, if any key overflowed. */
  public Optional<SloRecorder> overflowGroup() {
    return Optional.ofNullable(overflow);
  }

  /** The cap on the number of groups. */
  public int maxGroups() {
    return maxGroups;
  }

  /** Lookups routed to the overflow group (each call to {@link #group(String)} that overflowed). */
  public long overflowLookups() {
    return overflowLookups.sum();
  }

  /** The first (up to 16) distinct keys that overflowed, for diagnosis. */
  public List<String> overflowSample() {
    synchronized (overflowSample) {
      return List.copyOf(overflowSample);
    }
  }
}
