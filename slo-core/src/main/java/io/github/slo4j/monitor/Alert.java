package io.github.slo4j.monitor;

import io.github.slo4j.ChangeMarker;
import io.github.slo4j.Target;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The payload of an alert: everything the on-call needs to finish the diagnosis funnel (RED
 * dashboard, traces, profiles, the change that caused it) in minutes, without opening a console to
 * find out what the alert means.
 *
 * <p>A {@link Kind#BURN_RATE} alert belongs to one {@link AlertTier} of one {@link Target}. A
 * {@link Kind#NO_DATA} alert says that an SLO that had traffic has had none for a while; its burn
 * rates are empty and both windows are the silent window.
 *
 * <p>The budget figures are those of {@link #budget()}, the target's {@link PeriodBudget} at the
 * evaluation — the same value {@link SloMonitor#health()} and {@link
 * PeriodBudget#of(io.github.slo4j.WindowReader, Target)} report: {@link #budgetConsumed()} of the
 * events seen so far, and {@link #projectedBudgetConsumed()} of the period's projected budget.
 *
 * <p>Immutable; only the monitor creates one, so the payload may gain fields without breaking
 * callers. Equal when every field is.
 */
public final class Alert {
  private final Kind kind;
  private final String service;
  private final String sloId;
  private final Optional<String> groupKey;
  private final Target target;
  private final Severity severity;
  private final Optional<AlertTier> tier;
  private final AlertState state;
  private final Instant at;
  private final Window longWindow;
  private final Window shortWindow;
  private final PeriodBudget budget;
  private final Optional<Instant> episodeStart;
  private final OptionalDouble episodeProjectedBudgetConsumed;
  private final Optional<Duration> timeToExhaustion;
  private final Optional<URI> runbook;
  private final Optional<String> owner;
  private final Map<String, URI> links;
  private final List<ChangeMarker> changes;
  private final Duration changeLookback;
  private final Optional<String> suppressedBy;
  private final Optional<String> drill;

  /** The text of {@link #changeSummary()} when no change was recorded near the burn. */
  public static final String NO_CORRELATED_CHANGE = "no correlated change";

  /** What an alert is about. */
  public enum Kind {
    /** A tier's windows both burn faster than its factor. */
    BURN_RATE,
    /** An SLO that had traffic has had none for the configured time. */
    NO_DATA
  }

  /**
   * One window of an alert: its bounds, its counts and its burn rate.
   *
   * @param length the window's length
   * @param start {@code end − length}
   * @param end the evaluation boundary
   * @param bad bad events in the window
   * @param total all events in the window
   * @param covered how much of the window the data covers (less than {@code length} only for a
   *     process that has not run that long); a tier judges a partly covered window on its events
   *     projected to the whole window, the rest counted as good
   * @param burnRate {@code (bad ÷ total) ÷ (1 − objective)} of the events seen; empty with no events
   */
  public record Window(
      Duration length, Instant start, Instant end, long bad, long total, Duration covered, OptionalDouble burnRate) {
    /** Validates the components. */
    public Window {
      Require.positive("length", length);
      Require.nonNull("start", start);
      Require.nonNull("end", end);
      Require.nonNegative("bad", bad);
      Require.nonNegative("total", total);
      Require.nonNull("covered", covered);
      Require.nonNull("burnRate", burnRate);
    }

    /** {@code 1h [..., ...] burn 14.5 (145/10000 bad)}. */
    @Override
    public String toString() {
      return DurationFormat.format(length)
          + " ["
          + start
          + ", "
          + end
          + "] "
          + (burnRate.isPresent() ? "burn " + num(burnRate.getAsDouble()) : "no data")
          + " ("
          + bad
          + "/"
          + total
          + " bad)";
    }
  }

  private Alert(Builder b) {
    this.kind = b.kind;
    this.service = b.service;
    this.sloId = b.sloId;
    this.groupKey = b.groupKey;
    this.target = b.target;
    this.severity = b.severity;
    this.tier = b.tier;
    this.state = b.state;
    this.at = b.at;
    this.longWindow = b.longWindow;
    this.shortWindow = b.shortWindow;
    this.budget = b.budget;
    this.episodeStart = b.episodeStart;
    this.episodeProjectedBudgetConsumed = b.episodeProjectedBudgetConsumed;
    this.timeToExhaustion = b.timeToExhaustion;
    this.runbook = b.runbook;
    this.owner = b.owner;
    this.links = Collections.unmodifiableMap(new LinkedHashMap<>(b.links));
    this.changes = List.copyOf(b.changes);
    this.changeLookback = b.changeLookback;
    this.suppressedBy = b.suppressedBy;
    this.drill = Optional.empty();
  }

  private Alert(Alert a, Optional<String> drill) {
    this.kind = a.kind;
    this.service = a.service;
    this.sloId = a.sloId;
    this.groupKey = a.groupKey;
    this.target = a.target;
    this.severity = a.severity;
    this.tier = a.tier;
    this.state = a.state;
    this.at = a.at;
    this.longWindow = a.longWindow;
    this.shortWindow = a.shortWindow;
    this.budget = a.budget;
    this.episodeStart = a.episodeStart;
    this.episodeProjectedBudgetConsumed = a.episodeProjectedBudgetConsumed;
    this.timeToExhaustion = a.timeToExhaustion;
    this.runbook = a.runbook;
    this.owner = a.owner;
    this.links = a.links;
    this.changes = a.changes;
    this.changeLookback = a.changeLookback;
    this.suppressedBy = a.suppressedBy;
    this.drill = drill;
  }

  /** A builder of the payload; package-private so that only the monitor creates alerts. */
  static Builder builder(Kind kind, String service, String sloId, Target target, Severity severity) {
    return new Builder(kind, service, sloId, target, severity);
  }

  /** Builds an {@link Alert}; optional fields default to empty, collections to none. */
  static final class Builder {
    private final Kind kind;
    private final String service;
    private final String sloId;
    private final Target target;
    private final Severity severity;
    private Optional<String> groupKey = Optional.empty();
    private Optional<AlertTier> tier = Optional.empty();
    private AlertState state;
    private Instant at;
    private Window longWindow;
    private Window shortWindow;
    private PeriodBudget budget;
    private Optional<Instant> episodeStart = Optional.empty();
    private OptionalDouble episodeProjectedBudgetConsumed = OptionalDouble.empty();
    private Optional<Duration> timeToExhaustion = Optional.empty();
    private Optional<URI> runbook = Optional.empty();
    private Optional<String> owner = Optional.empty();
    private Map<String, URI> links = Map.of();
    private List<ChangeMarker> changes = List.of();
    private Duration changeLookback = Duration.ZERO;
    private Optional<String> suppressedBy = Optional.empty();

    private Builder(Kind kind, String service, String sloId, Target target, Severity severity) {
      this.kind = Require.nonNull("kind", kind);
      this.service = Require.nonNull("service", service);
      this.sloId = Require.nonNull("sloId", sloId);
      this.target = Require.nonNull("target", target);
      this.severity = Require.nonNull("severity", severity);
    }

    Builder groupKey(Optional<String> groupKey) {
      this.groupKey = Require.nonNull("groupKey", groupKey);
      return this;
    }

    Builder tier(Optional<AlertTier> tier) {
      this.tier = Require.nonNull("tier", tier);
      return this;
    }

    Builder state(AlertState state, Instant at) {
      this.state = Require.nonNull("state", state);
      this.at = Require.nonNull("at", at);
      return this;
    }

    Builder windows(Window longWindow, Window shortWindow) {
      this.longWindow = Require.nonNull("longWindow", longWindow);
      this.shortWindow = Require.nonNull("shortWindow", shortWindow);
      return this;
    }

    Builder budget(PeriodBudget budget) {
      this.budget = Require.nonNull("budget", budget);
      return this;
    }

    Builder episode(Optional<Instant> start, OptionalDouble projectedBudgetConsumed) {
      this.episodeStart = Require.nonNull("episodeStart", start);
      this.episodeProjectedBudgetConsumed = Require.nonNull("episodeProjectedBudgetConsumed", projectedBudgetConsumed);
      return this;
    }

    Builder timeToExhaustion(Optional<Duration> timeToExhaustion) {
      this.timeToExhaustion = Require.nonNull("timeToExhaustion", timeToExhaustion);
      return this;
    }

    Builder runbook(Optional<URI> runbook, Optional<String> owner) {
      this.runbook = Require.nonNull("runbook", runbook);
      this.owner = Require.nonNull("owner", owner);
      return this;
    }

    Builder links(Map<String, URI> links) {
      this.links = Require.nonNull("links", links);
      return this;
    }

    Builder changes(List<ChangeMarker> changes, Duration lookback) {
      this.changes = Require.nonNull("changes", changes);
      this.changeLookback = Require.nonNull("changeLookback", lookback);
      return this;
    }

    Builder suppressedBy(Optional<String> suppressedBy) {
      this.suppressedBy = Require.nonNull("suppressedBy", suppressedBy);
      return this;
    }

    /** The alert; the state, the windows and the budget are required. */
    Alert build() {
      if (state == null || longWindow == null || budget == null) {
        throw new IllegalStateException("an alert needs a state, windows and a budget");
      }
      return new Alert(this);
    }
  }

  /** {@return burn rate or no data} */
  public Kind kind() {
    return kind;
  }

  /** {@return the SLO's service} */
  public String service() {
    return service;
  }

  /** {@return the SLO's id} */
  public String sloId() {
    return sloId;
  }

  /**
   * {@return the group key, when the SLO is grouped (by tenant, endpoint...): the alert is about
   * that group's counts only}
   */
  public Optional<String> groupKey() {
    return groupKey;
  }

  /**
   * {@return the target the alert is about: one of the SLO's {@link
   * io.github.slo4j.SloDefinition#targets()}; its {@link Target#name()} is {@code events}, or a
   * latency threshold's such as {@code le100ms}}
   */
  public Target target() {
    return target;
  }

  /** {@return the tier's severity ({@code page}, {@code ticket}, or a name of the user's own)} */
  public Severity severity() {
    return severity;
  }

  /** {@return the tier; empty for a no-data alert} */
  public Optional<AlertTier> tier() {
    return tier;
  }

  /** {@return the state after the transition this payload belongs to} */
  public AlertState state() {
    return state;
  }

  /** {@return the evaluation boundary} */
  public Instant at() {
    return at;
  }

  /** {@return the long window: its bounds, counts and burn rate} */
  public Window longWindow() {
    return longWindow;
  }

  /** {@return the short window: its bounds, counts and burn rate} */
  public Window shortWindow() {
    return shortWindow;
  }

  /** {@return the target's period budget at the evaluation, as {@link SloMonitor#health()} reports it} */
  public PeriodBudget budget() {
    return budget;
  }

  /**
   * {@return {@link PeriodBudget#consumed()}: the fraction of the budget the period's events so far
   * consumed (the period burn rate); above 1 when overspent, empty with no data in the period}
   */
  public OptionalDouble budgetConsumed() {
    return budget.consumed();
  }

  /**
   * {@return {@link PeriodBudget#projectedConsumed()}: the fraction of the period's projected
   * budget spent; empty with no data in the period}
   */
  public OptionalDouble projectedBudgetConsumed() {
    return budget.projectedConsumed();
  }

  /** {@return when the episode this alert belongs to started firing; empty for no data} */
  public Optional<Instant> episodeStart() {
    return episodeStart;
  }

  /**
   * {@return the fraction of the period's projected budget this episode spent, counted from one
   * long window before it first fired (the burn that made it fire); empty for no data}
   */
  public OptionalDouble episodeProjectedBudgetConsumed() {
    return episodeProjectedBudgetConsumed;
  }

  /**
   * {@return how long what is left of the period's projected budget lasts at the short window's
   * burn rate; zero when already spent, empty when nothing is burning or there is no data}
   */
  public Optional<Duration> timeToExhaustion() {
    return timeToExhaustion;
  }

  /** {@return the runbook link, when there is one} */
  public Optional<URI> runbook() {
    return runbook;
  }

  /** {@return the runbook's owner, when there is one} */
  public Optional<String> owner() {
    return owner;
  }

  /**
   * {@return deep links by name ({@code dashboard}, {@code traces}, {@code profiles}, {@code
   * runbook}, ...), filled in with the long window's bounds}
   */
  public Map<String, URI> links() {
    return links;
  }

  /**
   * {@return the changes recorded in the long window and the {@link #changeLookback()} before it,
   * newest first; empty means no correlated change}
   */
  public List<ChangeMarker> changes() {
    return changes;
  }

  /** {@return how far before the long window changes were looked for} */
  public Duration changeLookback() {
    return changeLookback;
  }

  /**
   * {@return the id of the alert that suppresses this one, when {@link #state()} is {@link
   * AlertState#SUPPRESSED}: the page, for a ticket; the tier that notified the incident, for a tier
   * of the same severity and target that joined it}
   */
  public Optional<String> suppressedBy() {
    return suppressedBy;
  }

  /**
   * {@return the name of the fire drill that was running on the SLO when this alert was raised, so
   * that routing can send it elsewhere; empty for an alert on real traffic}
   */
  public Optional<String> drill() {
    return drill;
  }

  /**
   * {@return this alert labelled as raised during the fire drill {@code drill}: equal to this one
   * in every field but {@link #drill()}}
   *
   * @param drill the drill's name, not empty
   * @throws IllegalArgumentException when the name is empty
   */
  public Alert withDrill(String drill) {
    Require.nonNull("drill", drill);
    if (drill.isEmpty()) {
      throw Require.invalid("drill", "\"\"", "a drill name that is not empty");
    }
    return new Alert(this, Optional.of(drill));
  }

  /** Equal when every field is. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Alert)) {
      return false;
    }
    Alert a = (Alert) o;
    return kind == a.kind
        && service.equals(a.service)
        && sloId.equals(a.sloId)
        && groupKey.equals(a.groupKey)
        && target.equals(a.target)
        && severity.equals(a.severity)
        && tier.equals(a.tier)
        && state == a.state
        && at.equals(a.at)
        && longWindow.equals(a.longWindow)
        && shortWindow.equals(a.shortWindow)
        && budget.equals(a.budget)
        && episodeStart.equals(a.episodeStart)
        && episodeProjectedBudgetConsumed.equals(a.episodeProjectedBudgetConsumed)
        && timeToExhaustion.equals(a.timeToExhaustion)
        && runbook.equals(a.runbook)
        && owner.equals(a.owner)
        && links.equals(a.links)
        && changes.equals(a.changes)
        && changeLookback.equals(a.changeLookback)
        && suppressedBy.equals(a.suppressedBy)
        && drill.equals(a.drill);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        kind, service, sloId, groupKey, target, severity, tier, state, at, longWindow, shortWindow, budget, episodeStart,
        episodeProjectedBudgetConsumed, timeToExhaustion, runbook, owner, links, changes, changeLookback, suppressedBy, drill);
  }

  /**
   * A stable identity for deduplication in a notifier: {@code <slo>/<target> <tier>}, e.g. {@code
   * checkout-availability/events page 1h/5m > 14.4}, or {@code .../events no-data 30m}; for a group
   * of a grouped SLO, {@code checkout-availability[tenant-a]/events page 1h/5m > 14.4}.
   */
  public String id() {
    return slo()
        + "/"
        + target.name()
        + " "
        + tier.map(AlertTier::toString)
            .orElse(severity + " no-data " + DurationFormat.format(longWindow.length()));
  }

  /** Whether no change was recorded in the long window or the lookback before it. */
  public boolean noCorrelatedChange() {
    return changes.isEmpty();
  }

  /**
   * {@value #NO_CORRELATED_CHANGE} — said explicitly, since a burn with no change behind it is
   * worth a security look — or the count and the newest change.
   */
  public String changeSummary() {
    if (changes.isEmpty()) {
      return NO_CORRELATED_CHANGE;
    }
    return changes.size()
        + (changes.size() == 1 ? " change" : " changes")
        + " in the burn window or the "
        + DurationFormat.format(changeLookback)
        + " before it, newest: "
        + changes.get(0);
  }

  /**
   * One line for a notification title. A firing (or suppressed) alert reads, e.g., {@code [page]
   * checkout/checkout-availability events: burn 1000 over 1h, 1000 over 5m (> 14.4); this episode
   * spent 2.1% of the period's projected budget; the period so far consumed 130% of its budget
   * (4.3% of the period's projected budget); exhausted in 41m at this rate; no correlated change}.
   * A resolved alert says so first and gives the burn rates at resolve: {@code RESOLVED [page]
   * checkout/checkout-availability events: burn 9.8 over 1h, 0 over 5m at resolve (fired above
   * 14.4); this episode spent ...}; a suppressed alert that cleared without notifying starts with
   * {@code CLEARED}. A no-data alert reads {@code ...: no traffic for 30m; ...} while it fires and
   * {@code RESOLVED ...: traffic is back (fired after 30m without); ...} once it resolved. The SLO of
   * a group reads {@code checkout/checkout-availability[tenant-a] events: ...}.
   */
  public String summary() {
    boolean over = state == AlertState.RESOLVED || state == AlertState.INACTIVE;
    StringBuilder sb = new StringBuilder();
    if (over) {
      sb.append(state == AlertState.RESOLVED ? "RESOLVED " : "CLEARED ");
    }
    sb.append('[').append(severity).append("] ").append(service).append('/').append(slo()).append(' ').append(target.name());
    if (kind == Kind.NO_DATA) {
      sb.append(over ? ": traffic is back (fired after " : ": no traffic for ")
          .append(DurationFormat.format(longWindow.length()))
          .append(over ? " without)" : "");
    } else {
      sb.append(": burn ")
          .append(burn(longWindow))
          .append(" over ")
          .append(DurationFormat.format(longWindow.length()))
          .append(", ")
          .append(burn(shortWindow))
          .append(" over ")
          .append(DurationFormat.format(shortWindow.length()));
      if (over) {
        sb.append(state == AlertState.RESOLVED ? " at resolve" : " when it cleared");
      }
      tier.ifPresent(t -> sb.append(over ? " (fired above " : " (> ").append(num(t.factor())).append(')'));
      if (episodeProjectedBudgetConsumed.isPresent()) {
        sb.append("; this episode spent ")
            .append(pct(episodeProjectedBudgetConsumed.getAsDouble()))
            .append(" of the period's projected budget");
      }
    }
    if (budget.hasData()) {
      sb.append("; the period so far consumed ")
          .append(pct(budget.consumed().getAsDouble()))
          .append(" of its budget (")
          .append(pct(budget.projectedConsumed().getAsDouble()))
          .append(" of the period's projected budget)");
    }
    if (!over) {
      timeToExhaustion.ifPresent(
          d -> sb.append(d.isZero() ? "; budget exhausted" : "; exhausted in " + DurationFormat.format(round(d)) + " at this rate"));
    }
    if (state == AlertState.SUPPRESSED) {
      suppressedBy.ifPresent(s -> sb.append("; suppressed while ").append(s).append(" fires"));
    }
    if (kind == Kind.BURN_RATE) {
      sb.append("; ").append(changeSummary());
    }
    drill.ifPresent(d -> sb.append("; fire drill ").append(d));
    return sb.toString();
  }

  private String slo() {
    return sloLabel(sloId, groupKey);
  }

  /** {@code checkout-availability}, or {@code checkout-availability[tenant-a]} for a group. */
  static String sloLabel(String sloId, Optional<String> groupKey) {
    return groupKey.map(k -> sloId + "[" + k + "]").orElse(sloId);
  }

  private static Duration round(Duration d) {
    return d.compareTo(Duration.ofMinutes(1)) >= 0
        ? Duration.ofSeconds(d.getSeconds() - d.getSeconds() % 60)
        : Duration.ofSeconds(d.getSeconds());
  }

  private static String burn(Window w) {
    return w.burnRate().isPresent() ? num(w.burnRate().getAsDouble()) : "no data";
  }

  static String num(double v) {
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  static String pct(double fraction) {
    return String.format(Locale.ROOT, "%s%%", num(fraction * 100));
  }

  /** {@link #summary()}. */
  @Override
  public String toString() {
    return summary();
  }
}
