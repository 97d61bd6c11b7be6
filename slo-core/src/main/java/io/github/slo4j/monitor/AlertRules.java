package io.github.slo4j.monitor;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.LazyLogger;
import io.github.slo4j.internal.Require;
import java.math.BigDecimal;
import java.math.MathContext;
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

/**
 * How one SLO alerts: its multi-window, multi-burn-rate {@linkplain AlertTier tiers} (per target, so
 * each latency threshold alerts on its own), the low-traffic guards, the no-data alert, which
 * severities suppress which, and what goes into the on-call's payload (deep-link templates,
 * runbooks and owners, the change lookback).
 *
 * <pre>{@code
 * AlertRules rules = AlertRules.builder(slo)                       // the Workbook's three tiers, Sloth's 1d/2h ticket
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
 * <p>The <b>default</b> tiers (when no tiers are given) are derived so that they fit and can fire for
 * every SLO: a period shorter than 3 days gets the default tiers scaled in time, and a target whose
 * objective is too low for a tier's factor gets half its maximum burn rate instead; {@link
 * #derivations()} says what was derived, and it is logged once at build.
 *
 * <p>Two guards make the rules trustworthy for a pager: a tier may start firing only when its long
 * window holds at least {@link #minEvents(Target, AlertTier)} events, so that <b>one failed request
 * never fires a tier</b> at any traffic level; and a firing tier resolves only after its condition
 * has stayed false for {@link #keepFiringFor(AlertTier)} (its short window by default), so that a
 * burn hovering at a threshold is <b>one notification and one resolve</b>, not a flapping pager.
 *
 * <p>Immutable and thread-safe.
 */
public final class AlertRules {
  private static final Logger LOG = LazyLogger.of(AlertRules.class);
  private static final Duration WORKBOOK_PERIOD = Duration.ofDays(30);
  private static final Duration LONGEST_WORKBOOK_WINDOW = Duration.ofDays(3);

  /**
   * The default minimum number of events in a tier's long window before it may fire, on top of each
   * tier's own {@linkplain AlertTier#singleFailureMinEvents(Objective) single-failure floor}: 100, a
   * minimum sample (it is also the minimum a budget-policy step needs to be valid).
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
  private final Duration keepFiringFor;
  private final boolean notifyPerTier;
  private final List<String> derivations;
  private final Duration noDataAfter;
  private final Severity noDataSeverity;
  private final Duration changeLookback;
  private final Duration evaluationInterval;
  private final Map<Severity, Set<Severity>> suppressions;
  private final Map<String, LinkTemplate> links;
  private final Map<Severity, LinkTemplate> runbooks;
  private final Map<Severity, String> owners;
  private final boolean requireRunbookWithOwner;

  private AlertRules(Builder b, List<List<AlertTier>> tiers, List<String> derivations) {
    this.definition = b.definition;
    this.tiers = tiers;
    this.minEvents = b.minEvents;
    this.minBadEvents = b.minBadEvents;
    this.keepFiringFor = b.keepFiringFor;
    this.notifyPerTier = b.notifyPerTier;
    this.derivations = List.copyOf(derivations);
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
   * A builder whose defaults are: the default tiers (the SRE Workbook's three, Sloth's 1d/2h ticket) adapted to the SLO's period by budget
   * share ({@link AlertTiers#budgetShare(Duration)}) for every target, derived where they would not
   * fit or fire (see {@link #derivations()}), {@value #DEFAULT_MIN_EVENTS} events minimum on top of
   * each tier's single-failure floor, no error floor, each tier kept firing for its short window,
   * one notification per incident of a severity and target (not per tier),
   * a ticket after 30 minutes without traffic, pages suppressing tickets, a 2-hour change lookback,
   * a 10-second evaluation interval.
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
    return tiers.get(definition.requireTarget(target).index());
  }

  /**
   * The fewest events a tier's long window must hold before the tier may fire, set by {@link
   * Builder#minEvents(long)}; each tier adds its own floor, see {@link #minEvents(Target, AlertTier)}.
   */
  public long minEvents() {
    return minEvents;
  }

  /**
   * The fewest events the long window of {@code tier} must hold before it may fire for {@code
   * target}: the larger of {@link #minEvents()} and the tier's {@linkplain
   * AlertTier#singleFailureMinEvents(Objective) single-failure floor} {@code ⌈1 ÷ (factor × (1 −
   * objective))⌉}. With at least that many events one bad event cannot exceed the tier's threshold,
   * so one failed request never fires a tier. At 99.9 % with the default tiers: 100 (70 from the
   * tier, 100 from the default minimum), 167, 334 and 1,000.
   */
  public long minEvents(Target target, AlertTier tier) {
    Require.nonNull("target", target);
    Require.nonNull("tier", tier);
    return Math.max(minEvents, tier.singleFailureMinEvents(target.objective()));
  }

  /**
   * How long the condition of a firing (or suppressed) {@code tier} must stay false before it
   * resolves: the duration set by {@link Builder#keepFiringFor(Duration)}, else the tier's short
   * window (5 minutes for the Workbook's fast page). A burn that dips below the threshold for less
   * than that is the same incident.
   */
  public Duration keepFiringFor(AlertTier tier) {
    Require.nonNull("tier", tier);
    return keepFiringFor != null ? keepFiringFor : tier.shortWindow();
  }

  /**
   * Whether every tier notifies on its own ({@link Builder#notifyPerTier()}); false by default: the
   * tiers of one severity and target are one incident, notified once when the first of them fires
   * and resolved once when the last of them clears.
   */
  public boolean notifyPerTier() {
    return notifyPerTier;
  }

  /**
   * What {@link Builder#build()} derived for the default tiers, one sentence each, empty when the
   * default tiers (adapted by budget share) fit and can fire as they are: tiers scaled to a period
   * shorter than 3 days, factors lowered for an objective that could never reach them.
   */
  public List<String> derivations() {
    return derivations;
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
    return "AlertRules[" + definition.id() + ": " + tiers + (derivations.isEmpty() ? "" : ", derived: " + derivations) + "]";
  }

  /** Builds validated {@link AlertRules}. Not thread-safe; build once, share the result. */
  public static final class Builder {
    private final SloDefinition definition;
    private List<AlertTier> allTiers;
    private final Map<String, List<AlertTier>> targetTiers = new LinkedHashMap<>();
    private boolean allowUnreachable;
    private long minEvents = DEFAULT_MIN_EVENTS;
    private long minBadEvents = 0;
    private Duration keepFiringFor;
    private boolean notifyPerTier;
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
     * The tiers of one target: a latency SLO's thresholds alert separately and often need their
     * own tiers (a 90 % threshold cannot burn faster than 10).
     *
     * @param target one of the SLO's {@linkplain SloDefinition#targets() targets}
     * @param tiers the target's tiers, at least one, distinct
     * @return this builder
     * @throws IllegalArgumentException when the target is not one of the SLO's, or the tiers are
     *     empty or repeat a tier
     * @throws NullPointerException when the target or the tiers are null
     */
    public Builder tiers(Target target, List<AlertTier> tiers) {
      String name = definition.requireTarget(target).name();
      targetTiers.put(name, checkTiers("tiers of " + name, tiers));
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
     * Keeps tiers given here that can never fire for their target's objective, logging a warning
     * for each, instead of refusing them. (The default tiers are never unreachable: they are
     * derived, see {@link AlertRules#derivations()}.)
     */
    public Builder allowUnreachableTiers() {
      this.allowUnreachable = true;
      return this;
    }

    /**
     * The fewest events a long window must hold before its tier may fire ({@value
     * #DEFAULT_MIN_EVENTS} by default; 0 for none but each tier's own single-failure floor, see
     * {@link AlertRules#minEvents(Target, AlertTier)}). A firing tier still resolves below it.
     */
    public Builder minEvents(long minEvents) {
      this.minEvents = Require.nonNegative("minEvents", minEvents);
      return this;
    }

    /**
     * The fewest bad events a long window must hold before its tier may fire (an error-count floor;
     * 0, none, by default). One failure never fires a tier anyway; a floor of 3 keeps two failures
     * from paging at high objectives (99.99 % and up), where a tier's threshold is a few failures.
     */
    public Builder minBadEvents(long minBadEvents) {
      this.minBadEvents = Require.nonNegative("minBadEvents", minBadEvents);
      return this;
    }

    /**
     * How long the condition of a firing tier must stay false before it resolves, for every tier
     * (by default each tier's own short window); {@link Duration#ZERO} resolves at the first
     * evaluation at which the condition fails. Like Prometheus' {@code keep_firing_for}: it delays
     * resolves, never detection.
     */
    public Builder keepFiringFor(Duration keepFiringFor) {
      Require.nonNull("keepFiringFor", keepFiringFor);
      if (keepFiringFor.isNegative()) {
        throw Require.invalid("keepFiringFor", DurationFormat.format(keepFiringFor), ">= 0");
      }
      this.keepFiringFor = keepFiringFor;
      return this;
    }

    /**
     * Every tier notifies on its own, as before incidents: a full outage fires (and resolves) both
     * Workbook pages, two pages for one incident. By default a tier that starts to hold while a tier
     * of the same severity and target is active joins that incident {@linkplain AlertState#SUPPRESSED
     * suppressed} by the tier that notified it, and the notifying tier resolves only once no tier of
     * its severity is active: one page and one resolve per incident.
     */
    public Builder notifyPerTier() {
      this.notifyPerTier = true;
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
      List<String> derived = new ArrayList<>();
      List<AlertTier> base = allTiers != null ? allTiers : defaultTiers(period, derived);
      List<List<AlertTier>> perTarget = new ArrayList<>();
      Set<Severity> severities = new LinkedHashSet<>();
      for (Target target : definition.targets()) {
        List<AlertTier> ts = targetTiers.get(target.name());
        if (ts == null) {
          ts = allTiers != null ? base : reachable(base, target, derived);
        }
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
      if (!derived.isEmpty()) {
        LOG.info("SLO {}: default alert tiers derived: {}", definition.id(), String.join("; ", derived));
      }
      return new AlertRules(this, Collections.unmodifiableList(perTarget), derived);
    }

    /**
     * The default tiers for {@code period}: the default windows (the Workbook's 1h, 6h and 3d, Sloth's 1d) with factors by budget share when
     * the period holds the longest window (3 days); else the Workbook's 30-day tiers scaled in time
     * by {@code period ÷ 30 d}, factors kept, so each tier still fires after spending the same share
     * of the budget (2, 5, 10, 10 %). Scaled windows are rounded to the nearest whole evaluation
     * interval, at least one; a tier whose long window is then not longer than its short one is
     * dropped.
     */
    private List<AlertTier> defaultTiers(Duration period, List<String> derived) {
      if (period.compareTo(LONGEST_WORKBOOK_WINDOW) >= 0) {
        return AlertTiers.budgetShare(period);
      }
      List<AlertTier> out = new ArrayList<>();
      List<String> dropped = new ArrayList<>();
      for (AlertTier w : AlertTiers.workbook()) {
        Duration l = scale(w.longWindow(), period);
        Duration s = scale(w.shortWindow(), period);
        if (l.compareTo(s) > 0) {
          out.add(new AlertTier(w.severity(), l, s, w.factor()));
        } else {
          dropped.add(w.toString());
        }
      }
      String iv = DurationFormat.format(evaluationInterval);
      if (out.isEmpty()) {
        throw Require.invalid(
            "period",
            DurationFormat.format(period),
            "a period that holds at least one default tier at the evaluation interval (" + iv
                + "): a long window longer than a short window of at least one interval; give tiers(...) of your own");
      }
      derived.add(
          "period " + DurationFormat.format(period) + " is shorter than 3d, the Workbook's longest window: its 30d tiers"
              + " scaled by " + DurationFormat.format(period) + " / 30d, windows rounded to the evaluation interval ("
              + iv + "), factors kept: " + out
              + (dropped.isEmpty() ? "" : "; dropped, their windows round to one interval: " + dropped));
      return out;
    }

    /** {@code window × period ÷ 30 d}, rounded to the nearest whole evaluation interval, at least one. */
    private Duration scale(Duration window, Duration period) {
      long iv = evaluationInterval.toMillis();
      long scaled = window.toMillis() * period.toMillis() / WORKBOOK_PERIOD.toMillis();
      return Duration.ofMillis(Math.max(1, (scaled + iv / 2) / iv) * iv);
    }

    /**
     * The default tiers for {@code target}: each tier that could never fire for its objective (a
     * full outage burns at most {@code 1 ÷ (1 − objective)}) gets half that maximum as its factor,
     * so it fires when more than half of the events are bad over both windows.
     */
    private static List<AlertTier> reachable(List<AlertTier> tiers, Target target, List<String> derived) {
      List<AlertTier> out = new ArrayList<>();
      for (AlertTier t : tiers) {
        if (t.canFire(target.objective())) {
          out.add(t);
          continue;
        }
        double half = BigDecimal.ONE
            .divide(target.objective().errorBudgetDecimal().multiply(BigDecimal.valueOf(2)), MathContext.DECIMAL64)
            .doubleValue();
        AlertTier r = new AlertTier(t.severity(), t.longWindow(), t.shortWindow(), half);
        out.add(r);
        derived.add(
            "target " + target.name() + " (" + target.objective() + "): " + t + " could never fire, a full outage burns at "
                + Alert.num(target.objective().maxBurnRate()) + "; derived " + r + ", half that burn rate");
      }
      return out;
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
      Require.withinPeriod(name, window, period, of);
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
