package io.github.slo4j.micrometer;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.Subscription;
import io.github.slo4j.Target;
import io.github.slo4j.monitor.Alert;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.PeriodBudget;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.monitor.SloMonitor;
import io.github.slo4j.recorder.RegistryEvent;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Publishes the SLOs of a {@link SloRegistry} as Micrometer meters, named by {@link SloMeterNames}:
 * the SLOs registered when it is bound, those registered later, and the groups of a grouped SLO as
 * they are created; the meters of an SLO are removed from the meter registry when it is
 * unregistered.
 *
 * <p>Per recorder (tags {@value SloMeterNames#TAG_SLO}, {@value SloMeterNames#TAG_SERVICE}, the
 * binder's common tags, and {@value SloMeterNames#TAG_GROUP} for a group of a grouped SLO), per
 * target ({@value SloMeterNames#TAG_TARGET}):
 *
 * <ul>
 *   <li>{@value SloMeterNames#EVENTS}, a function counter per {@value SloMeterNames#TAG_OUTCOME}:
 *       {@link SloRecorder#cumulative(Target)}, the raw material of the fleet's rules;
 *   <li>{@value SloMeterNames#BURN_RATE} per {@value SloMeterNames#TAG_WINDOW} (every long and short
 *       window of the SLO's alert tiers), {@value SloMeterNames#SLI} and {@value
 *       SloMeterNames#ERROR_BUDGET_REMAINING} over the compliance period ({@link
 *       PeriodBudget#of(io.github.slo4j.WindowReader, Target)}, the figure alerts and health report);
 *   <li>{@value SloMeterNames#DATA_PRESENT}, 1 or 0, per {@value SloMeterNames#TAG_WINDOW}: the alert
 *       windows and {@value SloMeterNames#PERIOD_WINDOW}.
 * </ul>
 *
 * <p><b>No NaN.</b> A window without events has no ratio. Its gauges then read 0 (a burn rate of 0,
 * an SLI of 0, a remaining budget of 0) and {@value SloMeterNames#DATA_PRESENT} reads 0 for that
 * window: a dashboard or alert on these gauges reads them together with it, and a 0 never reads as
 * healthy on its own.
 *
 * <p>With a {@link RegistryMonitor}, {@value SloMeterNames#ALERT_ACTIVE} per {@value
 * SloMeterNames#TAG_SEVERITY} (the severities of the SLO's alert rules) reads 1 while an alert of
 * that severity is active, on any target; without one it is not published.
 *
 * <p>All meters are function-based and hold their recorder weakly, as Micrometer's own binders do:
 * the binder keeps no reference to a recorder, so a recorder no one else holds can be collected.
 * Tags stay low-cardinality: a grouped SLO has at most its {@code maxGroups} (and the overflow
 * group). Close the binder to stop following the registry and remove every meter it published.
 */
public final class SloMeterBinder implements MeterBinder, AutoCloseable {
  private final SloRegistry slos;
  private final RegistryMonitor monitor;
  private final Tags tags;
  private final Map<String, List<Meter>> meters = new HashMap<>();
  private MeterRegistry registry;
  private Subscription subscription;
  private boolean closed;

  /**
   * A binder without alert meters.
   *
   * @param slos the registry whose SLOs are published
   * @param tags tags added to every meter
   * @throws NullPointerException when an argument is null
   */
  public SloMeterBinder(SloRegistry slos, Iterable<Tag> tags) {
    this(slos, null, tags);
  }

  /**
   * A binder that also publishes {@value SloMeterNames#ALERT_ACTIVE} from {@code monitor}. Attach
   * the monitor to the registry before binding: the binder then hears of each SLO and group after
   * the monitor has made its {@link SloMonitor}, whose alert rules give the windows and severities
   * published (until then, those of {@link AlertRules#defaults(SloDefinition)}).
   *
   * @param slos the registry whose SLOs are published
   * @param monitor the monitor attached to {@code slos}, or null to publish no alert meters
   * @param tags tags added to every meter
   * @throws NullPointerException when {@code slos} or {@code tags} is null
   */
  public SloMeterBinder(SloRegistry slos, RegistryMonitor monitor, Iterable<Tag> tags) {
    this.slos = Objects.requireNonNull(slos, "slos");
    this.monitor = monitor;
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
  }

  /**
   * Binds a binder of {@code slos} to {@code registry}.
   *
   * @param registry the meter registry
   * @param slos the registry whose SLOs are published
   * @param tags tags added to every meter, as key-value pairs
   * @return the bound binder; close it to remove its meters
   * @throws NullPointerException when an argument is null
   */
  public static SloMeterBinder monitor(MeterRegistry registry, SloRegistry slos, String... tags) {
    return monitor(registry, slos, null, Tags.of(tags));
  }

  /**
   * Binds a binder of {@code slos} and its {@code monitor} to {@code registry}.
   *
   * @param registry the meter registry
   * @param slos the registry whose SLOs are published
   * @param monitor the monitor attached to {@code slos}, or null to publish no alert meters
   * @param tags tags added to every meter
   * @return the bound binder; close it to remove its meters
   * @throws NullPointerException when {@code registry}, {@code slos} or {@code tags} is null
   */
  public static SloMeterBinder monitor(
      MeterRegistry registry, SloRegistry slos, RegistryMonitor monitor, Iterable<Tag> tags) {
    SloMeterBinder binder = new SloMeterBinder(slos, monitor, tags);
    binder.bindTo(registry);
    return binder;
  }

  /**
   * Publishes the meters of every SLO of the registry to {@code registry} and follows it.
   *
   * @throws IllegalStateException when this binder is already bound or closed
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    synchronized (this) {
      if (this.registry != null || closed) {
        throw new IllegalStateException("binder is already bound to a meter registry or closed");
      }
      this.registry = registry;
    }
    Subscription s = slos.addListener(this::onEvent);
    synchronized (this) {
      subscription = s;
    }
  }

  /** Stops following the registry and removes every meter this binder published. */
  @Override
  public void close() {
    Subscription s;
    synchronized (this) {
      closed = true;
      s = subscription;
      subscription = null;
    }
    if (s != null) {
      s.close();
    }
    synchronized (this) {
      for (List<Meter> list : meters.values()) {
        list.forEach(registry::remove);
      }
      meters.clear();
    }
  }

  private void onEvent(RegistryEvent event) {
    if (event instanceof RegistryEvent.Registered r) {
      add(r.recorder());
    } else if (event instanceof RegistryEvent.GroupCreated g) {
      add(g.group());
    } else if (event instanceof RegistryEvent.Unregistered u) {
      synchronized (this) {
        String prefix = u.definition().id() + '\u0000';
        meters.entrySet().removeIf(e -> {
          if (!e.getKey().startsWith(prefix)) {
            return false;
          }
          e.getValue().forEach(registry::remove);
          return true;
        });
      }
    }
    // GroupedRegistered: its groups come as GroupCreated
  }

  private synchronized void add(SloRecorder recorder) {
    if (registry == null || closed) {
      return;
    }
    SloDefinition slo = recorder.definition();
    Optional<String> group = recorder.groupKey();
    String key = slo.id() + '\u0000' + group.orElse("");
    if (meters.containsKey(key)) {
      return;
    }
    Tags base = tags.and(SloMeterNames.TAG_SLO, slo.id(), SloMeterNames.TAG_SERVICE, slo.service());
    if (group.isPresent()) {
      base = base.and(SloMeterNames.TAG_GROUP, group.get());
    }
    Optional<SloMonitor> sloMonitor = monitor == null ? Optional.empty() : find(monitor, slo.id(), group.orElse(null));
    AlertRules rules = sloMonitor.map(SloMonitor::rules).orElseGet(() -> defaultRules(slo));
    List<Meter> list = new ArrayList<>();
    try {
      publish(recorder, rules, base, list);
    } catch (RuntimeException e) {
      list.forEach(registry::remove); // none half-published: the registry logs the failure with the SLO id
      throw e;
    }
    meters.put(key, list);
  }

  private void publish(SloRecorder recorder, AlertRules rules, Tags base, List<Meter> list) {
    SloDefinition slo = recorder.definition();
    Optional<String> group = recorder.groupKey();
    for (Target target : slo.targets()) {
      Tags t = base.and(SloMeterNames.TAG_TARGET, target.name());
      list.add(FunctionCounter.builder(SloMeterNames.EVENTS, recorder, r -> r.cumulative(target).good())
          .tags(t.and(SloMeterNames.TAG_OUTCOME, SloMeterNames.GOOD))
          .description("Events of the SLO target by outcome, since the recorder was made")
          .register(registry));
      list.add(FunctionCounter.builder(SloMeterNames.EVENTS, recorder, r -> r.cumulative(target).bad())
          .tags(t.and(SloMeterNames.TAG_OUTCOME, SloMeterNames.BAD))
          .description("Events of the SLO target by outcome, since the recorder was made")
          .register(registry));
      for (Duration window : windows(recorder, rules, target)) {
        Tags w = t.and(SloMeterNames.TAG_WINDOW, format(window));
        list.add(Gauge.builder(SloMeterNames.BURN_RATE, recorder, r -> burnRate(r, target, window))
            .tags(w)
            .description("Burn rate over the window; 0 when slo.data.present is 0")
            .register(registry));
        list.add(Gauge.builder(SloMeterNames.DATA_PRESENT, recorder, r -> r.window(target, window).hasData() ? 1 : 0)
            .tags(w)
            .description("1 when the window has events, else 0")
            .register(registry));
      }
      list.add(Gauge.builder(SloMeterNames.DATA_PRESENT, recorder, r -> PeriodBudget.of(r, target).hasData() ? 1 : 0)
          .tags(t.and(SloMeterNames.TAG_WINDOW, SloMeterNames.PERIOD_WINDOW))
          .description("1 when the compliance period so far has events, else 0")
          .register(registry));
      list.add(Gauge.builder(SloMeterNames.ERROR_BUDGET_REMAINING, recorder,
              r -> PeriodBudget.of(r, target).remaining().orElse(0))
          .tags(t)
          .description("1 - consumed error budget of the period so far; 0 when slo.data.present is 0")
          .baseUnit("ratio")
          .register(registry));
      list.add(Gauge.builder(SloMeterNames.SLI, recorder, r -> sli(r, target))
          .tags(t)
          .description("Good events / all events over the period so far; 0 when slo.data.present is 0")
          .baseUnit("ratio")
          .register(registry));
    }
    if (monitor != null) {
      for (Severity severity : severities(rules)) {
        String id = slo.id();
        String g = group.orElse(null);
        String name = severity.name();
        list.add(Gauge.builder(SloMeterNames.ALERT_ACTIVE, monitor, m -> alertActive(m, id, g, name))
            .tags(base.and(SloMeterNames.TAG_SEVERITY, name))
            .description("1 while an alert of this severity is active, else 0")
            .register(registry));
      }
    }
  }

  private static double burnRate(SloRecorder r, Target target, Duration window) {
    return r.window(target, window).burnRate(target.objective()).orElse(0);
  }

  /** good ÷ total of the period's budget, rounded once; 0 without data, as data.present says. */
  private static double sli(SloRecorder r, Target target) {
    PeriodBudget b = PeriodBudget.of(r, target);
    return b.hasData() ? (double) b.good() / b.total() : 0;
  }

  private static double alertActive(RegistryMonitor m, String id, String group, String severity) {
    Optional<SloMonitor> sm = find(m, id, group);
    if (sm.isEmpty()) {
      return 0;
    }
    for (Alert a : sm.get().activeAlerts()) {
      if (a.severity().name().equals(severity)) {
        return 1;
      }
    }
    return 0;
  }

  private static Optional<SloMonitor> find(RegistryMonitor m, String id, String group) {
    return group == null ? m.monitor(id) : m.monitor(id, group);
  }

  /** The SLO's default alert rules, or none when its defaults cannot be built. */
  private static AlertRules defaultRules(SloDefinition slo) {
    try {
      return AlertRules.defaults(slo);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The long and short windows of the target's tiers that the recorder can read, shortest first. */
  private static Set<Duration> windows(SloRecorder recorder, AlertRules rules, Target target) {
    Set<Duration> all = new TreeSet<>();
    if (rules != null) {
      for (AlertTier tier : rules.tiers(target)) {
        all.add(tier.longWindow());
        all.add(tier.shortWindow());
      }
    }
    all.removeIf(w -> {
      try {
        recorder.window(target, w);
        return false;
      } catch (IllegalArgumentException e) {
        return true; // shorter than the base interval or longer than the period
      }
    });
    return all;
  }

  private static Set<Severity> severities(AlertRules rules) {
    Set<Severity> s = new LinkedHashSet<>();
    if (rules == null) {
      s.add(Severity.PAGE);
      s.add(Severity.TICKET);
      return s;
    }
    for (Target target : rules.definition().targets()) {
      for (AlertTier tier : rules.tiers(target)) {
        s.add(tier.severity());
      }
    }
    rules.noDataAfter().ifPresent(d -> s.add(rules.noDataSeverity()));
    return s;
  }

  private static final long[] UNITS = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
  private static final String[] UNIT_NAMES = {"d", "h", "m", "s", "ms"};

  /** A window as the rule files label it: {@code 5m}, {@code 1h}, {@code 3d}, {@code 1h30m}. */
  static String format(Duration window) {
    long ms = window.toMillis();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < UNITS.length; i++) {
      if (ms >= UNITS[i]) {
        sb.append(ms / UNITS[i]).append(UNIT_NAMES[i]);
        ms %= UNITS[i];
      }
    }
    return sb.toString();
  }

  @Override
  public synchronized String toString() {
    return "SloMeterBinder[" + meters.size() + " recorders]";
  }
}
