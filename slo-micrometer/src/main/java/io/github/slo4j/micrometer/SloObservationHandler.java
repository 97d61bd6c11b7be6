package io.github.slo4j.micrometer;

import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.TimeSource;
import io.github.slo4j.recorder.GroupedSloRecorder;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Feeds SLOs from Micrometer observations (push): every stopped observation that an SLO's {@link
 * ObservationSelector} selects is judged by its {@link OutcomeClassifier} and recorded, with the
 * duration this handler measured, into the SLO's recorder, or into the recorder of its group when
 * the SLO is grouped by a key value. Thread-safe; register it with {@code
 * observationRegistry.observationConfig().observationHandler(handler)}.
 *
 * <p>A plain {@link ObservationHandler}, not a {@code MeterObservationHandler}: Spring Boot puts
 * all meter handlers into one first-match group, where only the default one would run.
 *
 * <p>It works at {@link #onStop}, where the key values and the error are final. The duration is
 * its own: {@link #onStart} keeps the registry's {@link TimeSource#monotonicNanos()} in the context
 * (the one time source; a Micrometer {@code Timer.Sample} exposes none), and only when a latency
 * SLO may select the observation: one that only events SLOs select is never timed and costs no
 * clock read and no context entry. The SLOs of an observation are found by its name with one hash
 * lookup, however many SLOs the handler feeds. {@code onStop} allocates nothing beyond what the
 * recorder does (nothing, once a group exists) and never throws into the
 * instrumented code: a time source that throws leaves the duration unknown, a selector predicate
 * or classifier that throws is counted ({@link
 * #selectorFailures()}, {@link #classifierFailures()}) and logged once per SLO, kind and exception
 * class; only a {@link VirtualMachineError} other than {@link StackOverflowError} propagates, as in
 * slo-core.
 */
public final class SloObservationHandler implements ObservationHandler<Observation.Context> {
  private static final LazyLogger LOG = new LazyLogger(SloObservationHandler.class);

  /** The context key of this handler's start time: no other handler, not even another of these, shares it. */
  private final Object startKey = new Object();

  private final TimeSource time;
  private final Binding[] bindings;
  /** Per observation name, the SLOs that may select it: the named ones and the any-name ones. */
  private final Map<String, Route> routes;
  /** The SLOs that may select an observation whose name no selector names: the any-name ones. */
  private final Route otherNames;
  private final LongAdder selectorFailures = new LongAdder();
  private final LongAdder classifierFailures = new LongAdder();
  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  private SloObservationHandler(TimeSource time, List<Binding> bindings) {
    this.time = time;
    this.bindings = bindings.toArray(new Binding[0]);
    Set<String> names = new LinkedHashSet<>();
    for (Binding b : bindings) {
      b.selector.observationName().ifPresent(names::add);
    }
    Map<String, Route> r = new HashMap<>();
    for (String name : names) {
      r.put(name, route(bindings, name));
    }
    this.routes = r; // never modified after construction; published by the final field
    this.otherNames = route(bindings, null);
  }

  /** The bindings, in the order they were added, whose selector names {@code name} or any name. */
  private static Route route(List<Binding> bindings, String name) {
    List<Binding> selected = new ArrayList<>();
    boolean timed = false;
    for (Binding b : bindings) {
      String n = b.selector.observationName().orElse(null);
      if (n == null || n.equals(name)) {
        selected.add(b);
        timed |= b.latency;
      }
    }
    return new Route(selected.toArray(new Binding[0]), timed);
  }

  /** The route of an observation named {@code name} ({@code null} before it is named). */
  private Route route(String name) {
    if (name == null) {
      return otherNames;
    }
    Route r = routes.get(name);
    return r == null ? otherNames : r;
  }

  /** A builder that feeds SLOs of {@code registry}, measuring durations with its time source. */
  public static Builder builder(SloRegistry registry) {
    Objects.requireNonNull(registry, "registry: null (expected an SloRegistry)");
    return new Builder(registry);
  }

  /**
   * Always true: Micrometer picks an observation's handlers when it is created, and an observation
   * created from a convention (as Spring's {@code http.server.requests} is) has no name until it
   * starts. The name is checked at start and at stop instead.
   */
  @Override
  public boolean supportsContext(Observation.Context context) {
    return true;
  }

  /**
   * Keeps the start time in the context (one boxed {@code long}) when a latency SLO may select the
   * observation by its name, final at this point.
   */
  @Override
  public void onStart(Observation.Context context) {
    if (!route(context.getName()).timed) {
      return;
    }
    long now = now();
    if (now != Long.MIN_VALUE) {
      context.put(startKey, now);
    }
  }

  /** The monotonic time, or {@code Long.MIN_VALUE} when the time source threw (logged once). */
  private long now() {
    try {
      return time.monotonicNanos();
    } catch (Throwable t) {
      rethrowIfFatal(t);
      if (logged.add("time|" + t.getClass().getName())) {
        LOG.get().warn("slo4j: the time source {} threw; durations are unknown while it does (logged once per exception class)",
            time, t);
      }
      return Long.MIN_VALUE;
    }
  }

  /**
   * Records the observation into every SLO that selects it. An observation this handler did not
   * see start (no start time) is recorded as slower than every latency threshold, as slo-core
   * records a latency that could not be measured.
   */
  @Override
  public void onStop(Observation.Context context) {
    Route route = route(context.getName());
    Binding[] selecting = route.bindings;
    if (selecting.length == 0) {
      return;
    }
    long nanos = Long.MAX_VALUE; // unknown; an events SLI does not read it
    if (route.timed) {
      Long start = context.get(startKey);
      long now = start == null ? Long.MIN_VALUE : now();
      nanos = now == Long.MIN_VALUE ? Long.MAX_VALUE : Math.max(0L, now - start);
    }
    for (Binding b : selecting) {
      offer(b, context, nanos);
    }
  }

  private void offer(Binding b, Observation.Context context, long nanos) {
    boolean selected;
    try {
      selected = b.selector.matchesNamed(context); // the route checked the name
    } catch (Throwable t) {
      rethrowIfFatal(t);
      selectorFailures.increment();
      report(b, "selector", "the observation was counted as selected", t);
      selected = true;
    }
    if (!selected) {
      return;
    }
    boolean good;
    try {
      good = b.classifier.isGood(context);
    } catch (Throwable t) {
      rethrowIfFatal(t);
      classifierFailures.increment();
      report(b, "classifier", "the observation was not recorded", t);
      return;
    }
    SloRecorder r = b.recorder;
    if (r == null) {
      KeyValue kv = context.getLowCardinalityKeyValue(b.groupBy);
      r = b.grouped.group(kv == null ? null : kv.getValue()); // no key: the overflow group
    }
    r.recordLatencyNanos(nanos, good);
  }

  private static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
      throw (VirtualMachineError) t;
    }
    if (t instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
  }

  private void report(Binding b, String kind, String consequence, Throwable t) {
    if (logged.add(b.sloId + '|' + kind + '|' + t.getClass().getName())) {
      LOG.get().warn(
          "slo4j: the observation {} of SLO {} threw at {} ({}; logged once per exception class)",
          kind, b.sloId, readableNow(), consequence, t);
    }
  }

  private String readableNow() {
    try {
      return Instant.ofEpochMilli(time.wallMillis()).toString();
    } catch (Throwable t) {
      rethrowIfFatal(t);
      return "an unknown time (the time source threw)";
    }
  }

  /** Times a selector predicate threw (each such observation counted as selected). Monotonic. */
  public long selectorFailures() {
    return selectorFailures.sum();
  }

  /** Times a classifier threw (each such observation not recorded). Monotonic. */
  public long classifierFailures() {
    return classifierFailures.sum();
  }

  /** The ids of the SLOs this handler feeds, in the order they were added. */
  public List<String> sloIds() {
    List<String> ids = new ArrayList<>(bindings.length);
    for (Binding b : bindings) {
      ids.add(b.sloId);
    }
    return List.copyOf(ids);
  }

  /** The SLOs with their selectors. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("SloObservationHandler[");
    for (int i = 0; i < bindings.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(bindings[i].sloId).append(' ').append(bindings[i].selector);
      if (bindings[i].groupBy != null) {
        sb.append(" by ").append(bindings[i].groupBy);
      }
    }
    return sb.append(']').toString();
  }

  /** The SLOs that may select observations of one name, and whether any of them needs the duration. */
  private static final class Route {
    final Binding[] bindings;
    final boolean timed;

    Route(Binding[] bindings, boolean timed) {
      this.bindings = bindings;
      this.timed = timed;
    }
  }

  /** One SLO fed by the handler. */
  private static final class Binding {
    final String sloId;
    final boolean latency; // whether the SLO judges the duration
    final ObservationSelector selector;
    final OutcomeClassifier classifier;
    final SloRecorder recorder; // null when grouped
    final GroupedSloRecorder grouped; // null when not
    final String groupBy;

    Binding(SloDefinition slo, ObservationSelector selector, OutcomeClassifier classifier,
        SloRecorder recorder, GroupedSloRecorder grouped, String groupBy) {
      this.sloId = slo.id();
      this.latency = slo.sli() instanceof Sli.Latency;
      this.selector = selector;
      this.classifier = classifier;
      this.recorder = recorder;
      this.grouped = grouped;
      this.groupBy = groupBy;
    }
  }

  /**
   * Builds an {@link SloObservationHandler}. Each SLO is registered in the registry (get-or-create:
   * an SLO already registered with the same definition is fed as it is) when it is added.
   */
  public static final class Builder {
    private final SloRegistry registry;
    private final List<Binding> bindings = new ArrayList<>();

    private Builder(SloRegistry registry) {
      this.registry = registry;
    }

    /**
     * Feeds {@code slo} with the observations {@code selector} selects, judged by {@code
     * classifier}. On a latency SLI the measured duration is judged against each threshold.
     *
     * @throws IllegalArgumentException when the SLO was already added to this builder, or the
     *     registry holds another SLO with its id
     */
    public Builder slo(SloDefinition slo, ObservationSelector selector, OutcomeClassifier classifier) {
      check(slo, selector, classifier);
      SloRecorder recorder = registry.registerIfAbsent(slo);
      bindings.add(new Binding(slo, selector, classifier, recorder, null, null));
      return this;
    }

    /**
     * Feeds {@code slo} per group: each selected observation is recorded into the group named by
     * its low-cardinality key value {@code groupBy} (e.g. {@code uri}, a tenant), with at most
     * {@code maxGroups} groups; an observation without that key goes to the overflow group.
     *
     * @throws IllegalArgumentException when the SLO was already added to this builder, the
     *     registry holds another SLO with its id, {@code groupBy} is blank, or {@code maxGroups}
     *     is out of range
     */
    public Builder groupedSlo(
        SloDefinition slo, String groupBy, int maxGroups, ObservationSelector selector, OutcomeClassifier classifier) {
      Objects.requireNonNull(groupBy, "groupBy: null (expected a low-cardinality key name)");
      if (groupBy.isBlank()) {
        throw new IllegalArgumentException("groupBy: \"" + groupBy + "\" (expected a low-cardinality key name)");
      }
      check(slo, selector, classifier);
      GroupedSloRecorder grouped = registry.registerGroupedIfAbsent(slo, maxGroups);
      bindings.add(new Binding(slo, selector, classifier, null, grouped, groupBy));
      return this;
    }

    private void check(SloDefinition slo, ObservationSelector selector, OutcomeClassifier classifier) {
      Objects.requireNonNull(slo, "slo: null (expected an SloDefinition)");
      Objects.requireNonNull(selector, "selector: null (expected an ObservationSelector)");
      Objects.requireNonNull(classifier, "classifier: null (expected an OutcomeClassifier)");
      for (Binding b : bindings) {
        if (b.sloId.equals(slo.id())) {
          throw new IllegalArgumentException(
              "slo: " + slo.id() + " (already added to this handler; one selector per SLO, widen it with a predicate)");
        }
      }
    }

    /**
     * The handler.
     *
     * @throws IllegalStateException when no SLO was added
     */
    public SloObservationHandler build() {
      if (bindings.isEmpty()) {
        throw new IllegalStateException("no SLO added (expected at least one slo(...) or groupedSlo(...) before build())");
      }
      return new SloObservationHandler(registry.timeSource(), bindings);
    }
  }
}
