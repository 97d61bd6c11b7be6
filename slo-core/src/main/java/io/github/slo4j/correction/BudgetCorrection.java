package io.github.slo4j.correction;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A budget correction: a time window, one-off or recurring, whose events count neither toward the
 * SLI nor toward the error budget, declared by a person for a reason. A maintenance window is
 * declared ahead (scheduled); the window of a third party's outage or a load test is declared after
 * the fact (retroactive): which one it is follows from when it is {@linkplain CorrectedReader#apply
 * applied}, not from the correction.
 *
 * <pre>{@code
 * BudgetCorrection maintenance = BudgetCorrection.builder("sunday-maintenance")
 *     .recurring(ZonedDateTime.of(2026, 1, 4, 22, 0, 0, 0, ZoneId.of("Europe/Berlin")),
 *         Duration.ofHours(4), "FREQ=WEEKLY;BYDAY=SU")
 *     .reason("weekly database maintenance")
 *     .author("alice@example.com")
 *     .declaredAt(Instant.parse("2026-01-01T09:00:00Z"))
 *     .build();
 * }</pre>
 *
 * <p>Immutable.
 */
public final class BudgetCorrection {
  private final String id;
  private final Instant start;
  private final Instant end;
  private final ZonedDateTime firstStart;
  private final Duration duration;
  private final Recurrence recurrence;
  private final String reason;
  private final String author;
  private final Instant declaredAt;
  private final boolean excludedFromAlerting;
  /** A drill's correction: it excludes the events the drill injected, not whole intervals. */
  private final boolean synthetic;

  private BudgetCorrection(Builder b) {
    this.synthetic = b.synthetic;
    this.excludedFromAlerting = b.excludedFromAlerting;
    this.id = b.id;
    this.start = b.start;
    this.end = b.end;
    this.firstStart = b.firstStart;
    this.duration = b.duration;
    this.recurrence = b.recurrence;
    this.reason = b.reason;
    this.author = b.author;
    this.declaredAt = b.declaredAt;
  }

  /** A builder of the correction named {@code id} (unique among the corrections of one reader). */
  public static Builder builder(String id) {
    return new Builder(nonBlank("id", id));
  }

  private static String nonBlank(String name, String value) {
    Require.nonNull(name, value);
    if (value.isBlank()) {
      throw Require.invalid(name, '"' + value + '"', "a non-blank " + name);
    }
    return value;
  }

  /** The correction's name. */
  public String id() {
    return id;
  }

  /** Why its events do not count. */
  public String reason() {
    return reason;
  }

  /** Who declared it. */
  public String author() {
    return author;
  }

  /** When it was declared. */
  public Instant declaredAt() {
    return declaredAt;
  }

  /**
   * Whether alerting ignores the window's events too (the default: a maintenance window neither
   * burns nor pages), or only the budget does ({@link Builder#budgetOnly()}: a fire drill's events
   * must page but not spend the budget).
   */
  public boolean excludedFromAlerting() {
    return excludedFromAlerting;
  }

  /** Whether this is a fire drill's correction, which excludes only the events the drill injected. */
  public boolean drill() {
    return synthetic;
  }

  /** The rule of a recurring correction; empty for a one-off window. */
  public Optional<Recurrence> recurrence() {
    return Optional.ofNullable(recurrence);
  }

  /** The length of each window (of the one window of a one-off correction). */
  public Duration duration() {
    return recurrence == null ? Duration.between(start, end) : duration;
  }

  /** The start of the first window. */
  public Instant firstStart() {
    return recurrence == null ? start : firstStart.toInstant();
  }

  /** The zoned start of the first window of a recurring correction; null for a one-off one. */
  ZonedDateTime firstStartZoned() {
    return firstStart;
  }

  /** The zone whose local time a recurring correction's windows keep; empty for a one-off one. */
  public Optional<ZoneId> zone() {
    return recurrence == null ? Optional.empty() : Optional.of(firstStart.getZone());
  }

  /**
   * The windows, {@code [start, end)} in epoch milliseconds, that overlap {@code [fromMillis,
   * toMillis)}, in time order.
   */
  public List<long[]> windows(long fromMillis, long toMillis) {
    List<long[]> out = new ArrayList<>();
    if (recurrence == null) {
      long s = start.toEpochMilli();
      long e = end.toEpochMilli();
      if (s < toMillis && e > fromMillis) {
        out.add(new long[] {s, e});
      }
      return out;
    }
    ZoneId zone = firstStart.getZone();
    long length = duration.toMillis();
    // a window that overlaps toMillis starts on a local date at most one day after it
    LocalDate last = Instant.ofEpochMilli(toMillis).atZone(zone).toLocalDate().plusDays(1);
    int n = 0;
    long until = recurrence.until().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
    int count = recurrence.count().orElse(Integer.MAX_VALUE);
    for (LocalDate d : recurrence.dates(firstStart.toLocalDate(), last)) {
      long s = ZonedDateTime.of(d, firstStart.toLocalTime(), zone).toInstant().toEpochMilli();
      if (s < firstStart.toInstant().toEpochMilli()) {
        continue; // a DST gap cannot move an occurrence before the series' start
      }
      if (n++ >= count || s > until || s >= toMillis) {
        break;
      }
      if (s + length > fromMillis) {
        out.add(new long[] {s, s + length});
      }
    }
    return out;
  }

  /**
   * Its windows, for humans: {@code [2026-01-15T10:00:00Z, 2026-01-15T11:30:00Z)} for a one-off
   * correction, {@code FREQ=WEEKLY;BYDAY=SU from 2026-01-04T22:00+01:00[Europe/Berlin] for 4h} for a
   * recurring one.
   */
  public String schedule() {
    return recurrence == null
        ? "[" + start + ", " + end + ")"
        : recurrence + " from " + firstStart + " for " + DurationFormat.format(duration);
  }

  /** Whether the instant {@code millis} lies in one of the windows. */
  public boolean covers(long millis) {
    return !windows(millis, millis + 1).isEmpty();
  }

  /** Equal when every field is: the same window or rule, reason, author, declaration and scope. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BudgetCorrection)) {
      return false;
    }
    BudgetCorrection c = (BudgetCorrection) o;
    return id.equals(c.id) && Objects.equals(start, c.start) && Objects.equals(end, c.end)
        && Objects.equals(firstStart, c.firstStart) && Objects.equals(duration, c.duration)
        && Objects.equals(recurrence, c.recurrence) && reason.equals(c.reason) && author.equals(c.author)
        && declaredAt.equals(c.declaredAt) && excludedFromAlerting == c.excludedFromAlerting && synthetic == c.synthetic;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, start, end, firstStart, duration, recurrence, reason, author, declaredAt);
  }

  /**
   * {@code BudgetCorrection[sunday-maintenance: FREQ=WEEKLY;BYDAY=SU from 2026-01-04T22:00+01:00[Europe/Berlin]
   * for 4h, "weekly database maintenance" by alice@example.com]}.
   */
  @Override
  public String toString() {
    return "BudgetCorrection[" + id + ": " + schedule() + ", \"" + reason + "\" by " + author + "]";
  }

  /** Builds a {@link BudgetCorrection}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private Instant start;
    private Instant end;
    private ZonedDateTime firstStart;
    private Duration duration;
    private Recurrence recurrence;
    private String reason;
    private String author;
    private Instant declaredAt;
    private boolean excludedFromAlerting = true;
    private boolean synthetic;

    private Builder(String id) {
      this.id = id;
    }

    /** A one-off window {@code [start, end)}. */
    public Builder window(Instant start, Instant end) {
      Require.nonNull("start", start);
      Require.nonNull("end", end);
      if (!end.isAfter(start)) {
        throw Require.invalid("end", end, "an instant after start (" + start + ")");
      }
      this.start = start;
      this.end = end;
      this.recurrence = null;
      return this;
    }

    /**
     * Recurring windows of {@code duration}, the first starting at {@code firstStart} (whose zone
     * and local time every later occurrence keeps, across daylight-saving changes), on the days
     * {@code rrule} ({@link Recurrence#parse}) selects.
     */
    public Builder recurring(ZonedDateTime firstStart, Duration duration, String rrule) {
      this.firstStart = Require.nonNull("firstStart", firstStart);
      this.duration = Require.positive("duration", duration);
      this.recurrence = Recurrence.parse(rrule);
      this.start = null;
      this.end = null;
      return this;
    }

    /**
     * Excludes the window's events from the budget only: alerting evaluates them as real traffic,
     * and alerts in the window are not suppressed (a fire drill's correction).
     */
    public Builder budgetOnly() {
      this.excludedFromAlerting = false;
      return this;
    }

    /** Marks a drill's correction ({@link FireDrill#correction()}). */
    Builder synthetic() {
      this.synthetic = true;
      return this;
    }

    /** Why the events do not count: required, not blank. */
    public Builder reason(String reason) {
      this.reason = nonBlank("reason", reason);
      return this;
    }

    /** Who declares the correction: required, not blank. */
    public Builder author(String author) {
      this.author = nonBlank("author", author);
      return this;
    }

    /** When the correction was declared: required. */
    public Builder declaredAt(Instant declaredAt) {
      this.declaredAt = Require.nonNull("declaredAt", declaredAt);
      return this;
    }

    /**
     * The correction.
     *
     * @throws IllegalStateException when the window, the reason, the author or the declaration
     *     time is missing
     */
    public BudgetCorrection build() {
      if (start == null && recurrence == null) {
        throw new IllegalStateException("correction " + id + ": no window (expected window(...) or recurring(...))");
      }
      if (reason == null) {
        throw new IllegalStateException("correction " + id + ": no reason (expected reason(...))");
      }
      if (author == null) {
        throw new IllegalStateException("correction " + id + ": no author (expected author(...))");
      }
      if (declaredAt == null) {
        throw new IllegalStateException("correction " + id + ": no declaration time (expected declaredAt(...))");
      }
      return new BudgetCorrection(this);
    }
  }
}
