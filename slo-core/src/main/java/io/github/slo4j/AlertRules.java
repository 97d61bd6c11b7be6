package io.github.slo4j;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import io.github.slo4j.internal.alert.LinkTemplate;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one SLO alerts: its multi-window, multi-burn-rate {@linkplain AlertTier tiers} (per target, so
 * each latency threshold alerts on its own), the low-traffic guards, the no-data alert, which
 * severities suppress which, and what goes into the on-call's payload (deep-link templates,
 * runbooks and owners, the change lookback).
 *
 * <pre>{@code
 * AlertRules rules = AlertRules.builder(slo)                       // the SRE Workbook's four tiers
 *     .link("dashboard", "https://grafana.example.com/d/red?var-service={service}&from={start}&to={end}")
 *     .link("traces", "https://jaeger.example.com/search?service={service}&start={startMicros}&end={endMicros}")
 *     .requireRunbookWithOwner()
 *     .build();
 * }</pre>
 *
 * <p>Everything is checked at {@link Builder#build()} with a message naming the parameter, the
 * value and what was expected. In particular a tier that <b>can never fire</b> for its target's
 * objective (a full outage burns at most {@code 1 ÷ (1 − objective)}: 14.4 can never fire at 90 %)
 * is <b>refused</b>, because a page that can never fire is a hole in coverage nobody notices; call
 * {@link Builder#allowUnreachableTiers()} to keep such tiers with a logged warning instead.
 *
 * <p>Immutable and thread-safe.
 */
public final class AlertRules {
  private static final Logger LOG = LoggerFactory.getLogger(AlertRules.class);

  /**
   * The default minimum number of events in a tier's long window before it may fire: 100. Below it
   * one event is more than 1 % of the window, coarser than the Workbook's fast-page threshold at
   * 99.9 % (1.44 %) — so at 100 events a single failure cannot page on its own, while an outage on a
   * service doing a few requests a minute still can.
   */
  public static final long DEFAULT_MIN_EVENTS = 100;

  /** The default silence after which the no-data alert fires: 30 minutes. */
  public static final Duration DEFAULT_NO_DATA_AFTER = Duration.ofMinutes(30);

  /** The default lookback before the burn window in which changes are listed: 2 hours. */
  public static final Duration DEFAULT_CHANGE_LOOKBACK = Duration.ofHours(2);

  /** The default evaluation interval, the recorder's base interval: 10 seconds. */
  public static final Duration DEFAULT_EVALUATION_INTERVAL = Duration.ofSeconds(10);

  private final SloDefinition definition;
  private final List<List<AlertTier>> tiers;
  private final long minEvents;
  private final long minBadEvents;
  private final Duration noDataAfter;
  private final Severity noDataSeverity;
  private final Duration changeLookback;
  private final Duration evaluationInterval;
  private final Map<Severity, Set<Severity>> suppressions;
  private final Map<String, LinkTemplate> links;
  private final Map<Severity, LinkTemplate> runbooks;
  private final Map<Severity, String> owners;
  private final boolean requireRunbookWithOwner;

  private AlertRules(Builder b, List<List<AlertTier>> tiers) {
    this.definition = b.definition;
    this.tiers = tiers;
    this.minEvents = b.minEvents;
    this.minBadEvents = b.minBadEvents;
    this.noDataAfter = b.noDataAfter;
    this.noDataSeverity = b.noDataSeverity;
    this.changeLookback = b.changeLookback;
    this.evaluationInterval = b.evaluationInterval;
    Map<Severity, Set<Severity>> s = new LinkedHashMap<>();
    b.suppressions.forEach((k, v) -> s.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    this.suppressions = Collections.unmodifiableMap(s);
    this.links = Collections.unmodifiableMap(new LinkedHashMap<>(b.links));
    this.runbooks = Collections.unmodifiableMap(new LinkedHashMap<>(b.runbooks));
    this.owners = Collections.unmodifiableMap(new LinkedHashMap<>(b.owners));
    this.requireRunbookWithOwner = b.requireRunbookWithOwner;
  }

  /** The default rules for {@code slo}: {@code builder(slo).build()}. */
  public static AlertRules defaults(SloDefinition slo) {
    return builder(slo).build();
  }

  /**
   * A builder whose defaults are: the SRE Workbook's tiers adapted to the SLO's period by budget
   * share ({@link AlertTiers#budgetShare(Duration)}) for every target, {@value
   * #DEFAULT_MIN_EVENTS} events minimum, no error floor, a ticket after 30 minutes without traffic,
   * pages suppressing tickets, a 2-hour change lookback, a 10-second evaluation interval.
   */
  public static Builder builder(SloDefinition slo) {
    return new Builder(Require.nonNull("slo", slo));
  }

  /** The SLO these rules alert on. */
  public SloDefinition definition() {
    return definition;
  }

  /** The tiers of {@code target}. */
  public List<AlertTier> tiers(Target target) {
    Require.nonNull("target", target);
    if (target.index() >= tiers.size() || !definition.targets().get(target.index()).equals(target)) {
      throw Require.invalid("target", target, "a target of " + definition.id() + ": " + definition.targets());
    }
    return tiers.get(target.index());
  }

  /** The fewest events a tier's long window must hold before the tier may fire. */
  public long minEvents() {
    return minEvents;
  }

  /** The fewest bad events a tier's long window must hold before the tier may fire. */
  public long minBadEvents() {
    return minBadEvents;
  }

  /** How long the SLO may go without traffic before the no-data alert fires; empty when off. */
  public Optional<Duration> noDataAfter() {
    return Optional.ofNullable(noDataAfter);
  }

  /** The severity of the no-data alert. */
  public Severity noDataSeverity() {
    return noDataSeverity;
  }

  /** How far before a burn window changes are listed in the payload. */
  public Duration changeLookback() {
    return changeLookback;
  }

  /** The interval at which the rules are evaluated (the recorder's base interval). */
  public Duration evaluationInterval() {
    return evaluationInterval;
  }

  /**
   * Which severities suppress which while they fire: by default {@code page → [ticket]}, so one
   * incident is one notification.
   */
  public Map<Severity, Set<Severity>> suppressions() {
    return suppressions;
  }

  /** The deep-link templates by name, in the order they were added. */
  public Map<String, String> linkTemplates() {
    Map<String, String> m = new LinkedHashMap<>();
    links.forEach((k, v) -> m.put(k, v.text()));
    return Collections.unmodifiableMap(m);
  }

  /** Whether every alert must have a runbook with a named owner. */
  public boolean requiresRunbookWithOwner() {
    return requireRunbookWithOwner;
  }

  /**
   * The runbook of alerts of {@code severity}, as a link template: the one set for that severity,
   * else the {@code runbook} link, else the SLO's own runbook; empty when there is none.
   */
  public Optional<String> runbook(Severity severity) {
    Require.nonNull("severity", severity);
    LinkTemplate t = runbooks.get(severity);
    if (t == null) {
      t = links.get("runbook");
    }
    return t != null ? Optional.of(t.text()) : definition.runbook().map(URI::toString);
  }

  /** The owner of the runbook of alerts of {@code severity}: the one set for it, else the SLO's. */
  public Optional<String> owner(Severity severity) {
    Require.nonNull("severity", severity);
    String o = owners.get(severity);
    return o != null ? Optional.of(o) : definition.owner();
  }

  @Override
  public String toString() {
    return "AlertRules[" + definition.id() + ": " + tiers + "]";
  }

  /** Builds validated {@link AlertRules}. Not thread-safe; build once, share the result. */
  public static final class Builder {
    private final SloDefinition definition;
    private List<AlertTier> allTiers;
    private final Map<String, List<AlertTier>> targetTiers = new LinkedHashMap<>();
    private boolean allowUnreachable;
    private long minEvents = DEFAULT_MIN_EVENTS;
    private long minBadEvents = 0;
    private Duration noDataAfter = DEFAULT_NO_DATA_AFTER;
    private Severity noDataSeverity = Severity.TICKET;
    private Duration changeLookback = DEFAULT_CHANGE_LOOKBACK;
    private Duration evaluationInterval = DEFAULT_EVALUATION_INTERVAL;
    private final Map<Severity, Set<Severity>> suppressions = new LinkedHashMap<>();
    private final Map<String, LinkTemplate> links = new LinkedHashMap<>();
    private final Map<Severity, LinkTemplate> runbooks = new LinkedHashMap<>();
    private final Map<Severity, String> owners = new LinkedHashMap<>();
    private boolean requireRunbookWithOwner;

    private Builder(SloDefinition definition) {
      this.definition = definition;
      suppressions.put(Severity.PAGE, new LinkedHashSet<>(List.of(Severity.TICKET)));
    }

    /** The tiers of every target (unless a target has its own). */
    public Builder tiers(List<AlertTier> tiers) {
      this.allTiers = checkTiers("tiers", tiers);
      return this;
    }

    /** The four tiers of {@code strategy} for the SLO's nominal period, for every target. */
    public Builder tiers(AlertTiers.Strategy strategy) {
      Require.nonNull("strategy", strategy);
      this.allTiers = strategy.tiers(definition.period().nominalLength());
      return this;
    }

    /**
     * The tiers of one target, by name: a latency SLO's thresholds alert separately and often need
     * their own tiers (a 90 % threshold cannot burn faster than 10).
     *
     * @param target a target name such as {@code le100ms}, or {@code events}
     */
    public Builder tiers(String target, List<AlertTier> tiers) {
      Require.nonNull("target", target);
      List<String> names = new ArrayList<>();
      definition.targets().forEach(t -> names.add(t.name()));
      if (!names.contains(target)) {
        throw Require.invalid("target", "'" + target + "'", "one of " + names);
      }
      targetTiers.put(target, checkTiers("tiers of " + target, tiers));
      return this;
    }

    private static List<AlertTier> checkTiers(String name, List<AlertTier> tiers) {
      Require.nonNull(name, tiers);
      if (tiers.isEmpty()) {
        throw Require.invalid(name, "[]", "at least one tier");
      }
      Set<AlertTier> seen = new HashSet<>();
      for (AlertTier t : tiers) {
        Require.nonNull("tier", t);
        if (!seen.add(t)) {
          throw Require.invalid(name, tiers, "distinct tiers; " + t + " appears twice");
        }
      }
      return List.copyOf(tiers);
    }

    /**
     * Keeps tiers that can never fire for their target's objective, logging a warning for each,
     * instead of refusing them.
     */
    public Builder allowUnreachableTiers() {
      this.allowUnreachable = true;
      return this;
    }

    /**
     * The fewest events a long window must hold before its tier may fire ({@value
     * #DEFAULT_MIN_EVENTS} by default; 0 for none). A firing tier still resolves below it.
     */
    public Builder minEvents(long minEvents) {
      this.minEvents = Require.nonNegative("minEvents", minEvents);
      return this;
    }

    /**
     * The fewest bad events a long window must hold before its tier may fire (an error-count floor;
     * 0, none, by default). A floor of 2 or 3 keeps a single failure from paging whatever the
     * traffic.
     */
    public Builder minBadEvents(long minBadEvents) {
      this.minBadEvents = Require.nonNegative("minBadEvents", minBadEvents);
      return this;
    }

    /**
     * Fires a no-data alert of {@code severity} when the SLO, having had traffic, has none for
     * {@code silence}.
     */
    public Builder noDataAfter(Duration silence, Severity severity) {
      this.noDataAfter = Require.positive("no-data silence", silence);
      this.noDataSeverity = Require.nonNull("no-data severity", severity);
      return this;
    }

    /** Turns the no-data alert off. */
    public Builder withoutNoDataAlert() {
      this.noDataAfter = null;
      return this;
    }

    /** How far before the burn window the payload lists changes (2 hours by default; 0 for none). */
    public Builder changeLookback(Duration lookback) {
      Require.nonNull("change lookback", lookback);
      if (lookback.isNegative()) {
        throw Require.invalid("change lookback", DurationFormat.format(lookback), ">= 0");
      }
      this.changeLookback = lookback;
      return this;
    }

    /**
     * The interval at which the rules are evaluated: the recorder's base interval (10 s by
     * default). Every window must be at least this long.
     */
    public Builder evaluationInterval(Duration interval) {
      Require.positive("evaluation interval", interval);
      if (interval.toNanos() % 1_000_000 != 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
        throw Require.invalid(
            "evaluation interval", DurationFormat.format(interval), "a whole number of milliseconds up to 1h");
      }
      this.evaluationInterval = interval;
      return this;
    }

    /**
     * While an alert of severity {@code firing} fires, alerts of severity {@code suppressed} of the
     * same SLO are {@linkplain AlertState#SUPPRESSED suppressed}. Adds to the default {@code page →
     * ticket}.
     *
     * @throws IllegalArgumentException when the pair would make a severity both suppress and be
     *     suppressed
     */
    public Builder suppress(Severity firing, Severity suppressed) {
      Require.nonNull("firing severity", firing);
      Require.nonNull("suppressed severity", suppressed);
      if (firing.equals(suppressed)
          || suppressions.containsKey(suppressed)
          || suppressions.values().stream().anyMatch(s -> s.contains(firing))) {
        throw Require.invalid(
            "suppression",
            firing + " -> " + suppressed,
            "no severity that both suppresses and is suppressed (current: " + suppressions + ")");
      }
      suppressions.computeIfAbsent(firing, k -> new LinkedHashSet<>()).add(suppressed);
      return this;
    }

    /** No suppression: every tier notifies on its own. */
    public Builder withoutSuppression() {
      suppressions.clear();
      return this;
    }

    /**
     * A deep link expanded into every alert's payload. Placeholders: {@code {service}}, {@code
     * {slo}}, {@code {target}}, {@code {severity}}, {@code {window}} (e.g. {@code 1h}), and the
     * long window's bounds as {@code {start}}/{@code {end}} (epoch milliseconds), {@code
     * {startIso}}/{@code {endIso}} (ISO-8601), {@code {startSeconds}}/{@code {endSeconds}} and
     * {@code {startMicros}}/{@code {endMicros}}. Values are percent-encoded. A link named {@code
     * runbook} is also the runbook of every severity without its own.
     *
     * @throws IllegalArgumentException on an unknown placeholder, an unbalanced brace, or a
     *     template that does not expand to an absolute URI
     */
    public Builder link(String name, String template) {
      Require.nonNull("link name", name);
      if (name.isBlank()) {
        throw Require.invalid("link name", "''", "a non-blank name");
      }
      links.put(name, LinkTemplate.parse(name, template));
      return this;
    }

    /**
     * The runbook (a link template, as for {@link #link}) and its owner for alerts of {@code
     * severity}, overriding the SLO's own runbook and owner.
     */
    public Builder runbook(Severity severity, String template, String owner) {
      Require.nonNull("severity", severity);
      Require.nonNull("owner", owner);
      if (owner.isBlank()) {
        throw Require.invalid("owner", "''", "a non-blank name");
      }
      runbooks.put(severity, LinkTemplate.parse("runbook " + severity, template));
      owners.put(severity, owner);
      return this;
    }

    /**
     * Requires every alert to have a runbook with a named owner ("every alert has a runbook with a
     * named owner"): {@link #build()} refuses an SLO where some severity has neither.
     */
    public Builder requireRunbookWithOwner() {
      this.requireRunbookWithOwner = true;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException when a tier's window is longer than the SLO's period or
     *     shorter than the evaluation interval, when a tier can never fire for its target's
     *     objective (unless {@link #allowUnreachableTiers()}), when the no-data silence is out of
     *     range, or when a runbook or owner is missing while {@link #requireRunbookWithOwner()}
     */
    public AlertRules build() {
      Duration period = definition.period().nominalLength();
      List<AlertTier> base = allTiers != null ? allTiers : AlertTiers.budgetShare(period);
      List<List<AlertTier>> perTarget = new ArrayList<>();
      Set<Severity> severities = new LinkedHashSet<>();
      for (Target target : definition.targets()) {
        List<AlertTier> ts = targetTiers.getOrDefault(target.name(), base);
        for (AlertTier t : ts) {
          checkTier(t, target, period);
          severities.add(t.severity());
        }
        perTarget.add(ts);
      }
      if (noDataAfter != null) {
        checkWindow("no-data silence", noDataAfter, period, "the no-data alert");
        severities.add(noDataSeverity);
      }
      if (requireRunbookWithOwner) {
        for (Severity s : severities) {
          boolean hasRunbook = runbooks.containsKey(s) || links.containsKey("runbook") || definition.runbook().isPresent();
          if (!hasRunbook) {
            throw Require.invalid(
                "runbook",
                "none for " + s + " alerts of SLO " + definition.id(),
                "a runbook with a named owner for every alert (requireRunbookWithOwner): "
                    + "SloDefinition.Builder.runbook(...) or AlertRules.Builder.runbook(severity, template, owner)");
          }
          boolean hasOwner = owners.containsKey(s) || definition.owner().isPresent();
          if (!hasOwner) {
            throw Require.invalid(
                "owner",
                "none for the runbook of " + s + " alerts of SLO " + definition.id(),
                "a named owner for every runbook (requireRunbookWithOwner): "
                    + "SloDefinition.Builder.owner(...) or AlertRules.Builder.runbook(severity, template, owner)");
          }
        }
      }
      return new AlertRules(this, Collections.unmodifiableList(perTarget));
    }

    private void checkTier(AlertTier t, Target target, Duration period) {
      String of = "tier " + t + " of target " + target.name();
      checkWindow("long window", t.longWindow(), period, of);
      checkWindow("short window", t.shortWindow(), period, of);
      if (!t.canFire(target.objective())) {
        String max = Alert.num(target.objective().maxBurnRate());
        if (!allowUnreachable) {
          throw Require.invalid(
              "factor",
              Alert.num(t.factor()),
              "< " + max + ", the burn rate of a full outage at " + target.objective() + ", for " + of
                  + ": it could never fire; lower the factor, give this target its own tiers, or call allowUnreachableTiers()");
        }
        LOG.warn(
            "SLO {}: {} can never fire: its factor {} is not below {}, the burn rate of a full outage at {}",
            definition.id(), of, Alert.num(t.factor()), max, target.objective());
      }
    }

    private void checkWindow(String name, Duration window, Duration period, String of) {
      if (window.compareTo(period) > 0) {
        throw Require.invalid(
            name, DurationFormat.format(window), "<= the compliance period (" + DurationFormat.format(period) + ") for " + of);
      }
      if (window.compareTo(evaluationInterval) < 0) {
        throw Require.invalid(
            name,
            DurationFormat.format(window),
            ">= the evaluation interval (" + DurationFormat.format(evaluationInterval) + ") for " + of
                + "; a shorter window rounds to zero intervals");
      }
    }
  }
}
