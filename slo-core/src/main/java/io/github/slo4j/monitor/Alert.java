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
 * @param kind burn rate or no data
 * @param service the SLO's service
 * @param sloId the SLO's id
 * @param target the target's name ({@code events}, or a latency threshold such as {@code le100ms})
 * @param severity the tier's severity ({@code page}, {@code ticket}, or a name of the user's own)
 * @param tier the tier; empty for a no-data alert
 * @param state the state after the transition this payload belongs to
 * @param at the evaluation boundary
 * @param longWindow the long window: its bounds, counts and burn rate
 * @param shortWindow the short window: its bounds, counts and burn rate
 * @param budgetConsumed the fraction of the period's budget consumed so far (above 1 when
 *     overspent); empty with no data in the period
 * @param episodeStart when the episode this alert belongs to started firing; empty for no data
 * @param episodeBudgetConsumed the fraction of the period's budget this episode consumed, counted
 *     from one long window before it first fired (the burn that made it fire); empty for no data
 * @param timeToExhaustion how long the remaining budget lasts at the short window's burn rate; zero
 *     when already spent, empty when nothing is burning or there is no data
 * @param runbook the runbook link, when there is one
 * @param owner the runbook's owner, when there is one
 * @param links deep links by name ({@code dashboard}, {@code traces}, {@code profiles}, {@code
 *     runbook}, ...), filled in with the long window's bounds
 * @param changes the changes recorded in the long window and the {@code changeLookback} before it,
 *     newest first; empty means no correlated change
 * @param changeLookback how far before the long window changes were looked for
 * @param suppressedBy the id of the alert that suppresses this one, when {@link #state()} is
 *     {@link AlertState#SUPPRESSED}: the page, for a ticket; the tier that notified the incident,
 *     for a tier of the same severity and target that joined it
 */
public record Alert(
    Kind kind,
    String service,
    String sloId,
    String target,
    Severity severity,
    Optional<AlertTier> tier,
    AlertState state,
    Instant at,
    Window longWindow,
    Window shortWindow,
    OptionalDouble budgetConsumed,
    Optional<Instant> episodeStart,
    OptionalDouble episodeBudgetConsumed,
    Optional<Duration> timeToExhaustion,
    Optional<URI> runbook,
    Optional<String> owner,
    Map<String, URI> links,
    List<ChangeMarker> changes,
    Duration changeLookback,
    Optional<String> suppressedBy) {

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

  /** Validates the components and copies the collections. */
  public Alert {
    Require.nonNull("kind", kind);
    Require.nonNull("service", service);
    Require.nonNull("sloId", sloId);
    Require.nonNull("target", target);
    Require.nonNull("severity", severity);
    Require.nonNull("tier", tier);
    Require.nonNull("state", state);
    Require.nonNull("at", at);
    Require.nonNull("longWindow", longWindow);
    Require.nonNull("shortWindow", shortWindow);
    Require.nonNull("budgetConsumed", budgetConsumed);
    Require.nonNull("episodeStart", episodeStart);
    Require.nonNull("episodeBudgetConsumed", episodeBudgetConsumed);
    Require.nonNull("timeToExhaustion", timeToExhaustion);
    Require.nonNull("runbook", runbook);
    Require.nonNull("owner", owner);
    links = Collections.unmodifiableMap(new LinkedHashMap<>(Require.nonNull("links", links)));
    changes = List.copyOf(Require.nonNull("changes", changes));
    Require.nonNull("changeLookback", changeLookback);
    Require.nonNull("suppressedBy", suppressedBy);
  }

  /**
   * A stable identity for deduplication in a notifier: {@code <slo>/<target> <tier>}, e.g. {@code
   * checkout-availability/events page 1h/5m > 14.4}, or {@code .../events no-data 30m}.
   */
  public String id() {
    return sloId
        + "/"
        + target
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
   * One line for a notification title, e.g. {@code [page] checkout/checkout-availability events:
   * burn 1000 over 1h, 1000 over 5m (> 14.4); this episode spent 2.1% of the budget, the period
   * 4.3%; exhausted in 41m at this rate; no correlated change}.
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append('[').append(severity).append("] ").append(service).append('/').append(sloId).append(' ').append(target);
    if (kind == Kind.NO_DATA) {
      sb.append(": no traffic for ").append(DurationFormat.format(longWindow.length()));
    } else {
      sb.append(": burn ")
          .append(burn(longWindow))
          .append(" over ")
          .append(DurationFormat.format(longWindow.length()))
          .append(", ")
          .append(burn(shortWindow))
          .append(" over ")
          .append(DurationFormat.format(shortWindow.length()));
      tier.ifPresent(t -> sb.append(" (> ").append(num(t.factor())).append(')'));
      if (episodeBudgetConsumed.isPresent()) {
        sb.append("; this episode spent ").append(pct(episodeBudgetConsumed.getAsDouble())).append(" of the budget");
      }
    }
    if (budgetConsumed.isPresent()) {
      sb.append(kind == Kind.NO_DATA ? "; " : ", ")
          .append("the period ")
          .append(pct(budgetConsumed.getAsDouble()));
    }
    timeToExhaustion.ifPresent(
        d -> sb.append(d.isZero() ? "; budget exhausted" : "; exhausted in " + DurationFormat.format(round(d)) + " at this rate"));
    if (state == AlertState.SUPPRESSED) {
      suppressedBy.ifPresent(s -> sb.append("; suppressed while ").append(s).append(" fires"));
    }
    if (kind == Kind.BURN_RATE) {
      sb.append("; ").append(changeSummary());
    }
    return sb.toString();
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
