package io.github.slo4j.correction;

import io.github.slo4j.internal.Require;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * A recurrence rule: the subset of RFC 5545 {@code RRULE} (section 3.3.10) that maintenance
 * windows use, as Datadog's SLO corrections accept it: {@code FREQ=DAILY}, {@code WEEKLY} or {@code
 * MONTHLY}, with {@code INTERVAL}, {@code BYDAY} (plain weekdays {@code MO..SU}, no ordinals),
 * {@code BYMONTHDAY} ({@code 1..31} or {@code -31..-1}, counted from the month's end), and {@code
 * COUNT} or {@code UNTIL}. Weeks start on Monday (the RFC's default {@code WKST=MO}); a date a
 * month does not have (the 31st of April) is skipped, as the RFC says.
 *
 * <p>Immutable.
 */
public final class Recurrence {
  /** The frequencies of the subset. */
  public enum Frequency {
    /** Every {@code INTERVAL} days. */
    DAILY,
    /** Every {@code INTERVAL} weeks. */
    WEEKLY,
    /** Every {@code INTERVAL} months. */
    MONTHLY
  }

  private static final DateTimeFormatter UNTIL_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
  private static final DateTimeFormatter UNTIL_DATE = DateTimeFormatter.BASIC_ISO_DATE;

  private final String text;
  private final Frequency frequency;
  private final int interval;
  private final Set<DayOfWeek> byDay;
  private final TreeSet<Integer> byMonthDay;
  private final Integer count;
  private final Instant until;

  private Recurrence(
      String text, Frequency frequency, int interval, Set<DayOfWeek> byDay, TreeSet<Integer> byMonthDay,
      Integer count, Instant until) {
    this.text = text;
    this.frequency = frequency;
    this.interval = interval;
    this.byDay = byDay;
    this.byMonthDay = byMonthDay;
    this.count = count;
    this.until = until;
  }

  /**
   * Parses a rule such as {@code FREQ=WEEKLY;BYDAY=SU} (an optional {@code RRULE:} prefix is
   * accepted). {@code UNTIL} is a UTC date-time ({@code 20261231T235959Z}) or a date ({@code
   * 20261231}, the end of that day in UTC).
   *
   * @throws IllegalArgumentException naming the part that is not in the subset
   */
  public static Recurrence parse(String rule) {
    Require.nonNull("rrule", rule);
    String body = rule.startsWith("RRULE:") ? rule.substring("RRULE:".length()) : rule;
    Frequency freq = null;
    int interval = 1;
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    TreeSet<Integer> monthDays = new TreeSet<>();
    Integer count = null;
    Instant until = null;
    for (String part : body.split(";", -1)) {
      int eq = part.indexOf('=');
      String key = eq < 0 ? part : part.substring(0, eq);
      String value = eq < 0 ? "" : part.substring(eq + 1);
      switch (key) {
        case "FREQ":
          try {
            freq = Frequency.valueOf(value);
          } catch (IllegalArgumentException e) {
            throw Require.invalid("FREQ", quote(value), "DAILY, WEEKLY or MONTHLY");
          }
          break;
        case "INTERVAL":
          interval = positive("INTERVAL", value);
          break;
        case "COUNT":
          count = positive("COUNT", value);
          break;
        case "UNTIL":
          until = until(value);
          break;
        case "BYDAY":
          for (String d : value.split(",", -1)) {
            days.add(day(d));
          }
          break;
        case "BYMONTHDAY":
          for (String d : value.split(",", -1)) {
            int n;
            try {
              n = Integer.parseInt(d);
            } catch (NumberFormatException e) {
              throw Require.invalid("BYMONTHDAY", quote(d), "1..31 or -31..-1");
            }
            if (n == 0 || n > 31 || n < -31) {
              throw Require.invalid("BYMONTHDAY", n, "1..31 or -31..-1");
            }
            monthDays.add(n);
          }
          break;
        default:
          throw Require.invalid(
              "rrule part", quote(part), "FREQ, INTERVAL, BYDAY, BYMONTHDAY, COUNT or UNTIL");
      }
    }
    if (freq == null) {
      throw Require.invalid("rrule", quote(rule), "a FREQ part");
    }
    if (count != null && until != null) {
      throw Require.invalid("rrule", quote(rule), "COUNT or UNTIL, not both");
    }
    return new Recurrence(body, freq, interval, days, monthDays, count, until);
  }

  private static String quote(String s) {
    return '"' + s + '"';
  }

  private static int positive(String name, String value) {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw Require.invalid(name, quote(value), "a positive integer");
    }
    if (n <= 0) {
      throw Require.invalid(name, n, "a positive integer");
    }
    return n;
  }

  private static Instant until(String value) {
    try {
      if (value.length() == 8) {
        return LocalDate.parse(value, UNTIL_DATE).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
      }
      return LocalDateTime.parse(value, UNTIL_TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw Require.invalid("UNTIL", quote(value), "a UTC date-time such as 20261231T235959Z or a date such as 20261231");
    }
  }

  private static DayOfWeek day(String d) {
    switch (d) {
      case "MO": return DayOfWeek.MONDAY;
      case "TU": return DayOfWeek.TUESDAY;
      case "WE": return DayOfWeek.WEDNESDAY;
      case "TH": return DayOfWeek.THURSDAY;
      case "FR": return DayOfWeek.FRIDAY;
      case "SA": return DayOfWeek.SATURDAY;
      case "SU": return DayOfWeek.SUNDAY;
      default: throw Require.invalid("BYDAY", quote(d), "two-letter weekdays MO, TU, WE, TH, FR, SA or SU without an ordinal");
    }
  }

  /** The frequency. */
  public Frequency frequency() {
    return frequency;
  }

  /** The interval between two periods of the frequency (1 when not given). */
  public int interval() {
    return interval;
  }

  /** The maximum number of occurrences, when {@code COUNT} is given. */
  public OptionalInt count() {
    return count == null ? OptionalInt.empty() : OptionalInt.of(count);
  }

  /** The last instant an occurrence may start at, when {@code UNTIL} is given. */
  public Optional<Instant> until() {
    return Optional.ofNullable(until);
  }

  /**
   * The local start dates of the occurrences whose local date-time {@code first} starts the series,
   * in order, up to and excluding the first date after {@code lastDate}; the caller applies {@code
   * COUNT} and {@code UNTIL} on the instants.
   */
  List<LocalDate> dates(LocalDate first, LocalDate lastDate) {
    List<LocalDate> out = new ArrayList<>();
    switch (frequency) {
      case DAILY:
        for (LocalDate d = first; !d.isAfter(lastDate); d = d.plusDays(interval)) {
          if (matchesDay(d) && matchesMonthDay(d)) {
            out.add(d);
          }
        }
        break;
      case WEEKLY:
        Set<DayOfWeek> days = byDay.isEmpty() ? EnumSet.of(first.getDayOfWeek()) : byDay;
        for (LocalDate monday = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            !monday.isAfter(lastDate);
            monday = monday.plusWeeks(interval)) {
          for (DayOfWeek w : days) { // EnumSet iterates Monday first
            LocalDate d = monday.plusDays(w.getValue() - 1L);
            if (!d.isBefore(first) && !d.isAfter(lastDate) && matchesMonthDay(d)) {
              out.add(d);
            }
          }
        }
        break;
      default:
        for (YearMonth m = YearMonth.from(first); !m.atDay(1).isAfter(lastDate); m = m.plusMonths(interval)) {
          TreeSet<LocalDate> inMonth = new TreeSet<>();
          if (byMonthDay.isEmpty() && byDay.isEmpty()) {
            if (first.getDayOfMonth() <= m.lengthOfMonth()) {
              inMonth.add(m.atDay(first.getDayOfMonth()));
            }
          } else {
            for (int day = 1; day <= m.lengthOfMonth(); day++) {
              LocalDate d = m.atDay(day);
              if (matchesDay(d) && matchesMonthDay(d)) {
                inMonth.add(d);
              }
            }
          }
          for (LocalDate d : inMonth) {
            if (!d.isBefore(first) && !d.isAfter(lastDate)) {
              out.add(d);
            }
          }
        }
        break;
    }
    return out;
  }

  private boolean matchesDay(LocalDate d) {
    return byDay.isEmpty() || byDay.contains(d.getDayOfWeek());
  }

  private boolean matchesMonthDay(LocalDate d) {
    if (byMonthDay.isEmpty()) {
      return true;
    }
    int length = d.lengthOfMonth();
    int day = d.getDayOfMonth();
    return byMonthDay.contains(day) || byMonthDay.contains(day - length - 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Recurrence && ((Recurrence) o).text.equals(text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text);
  }

  /** The rule as given, without an {@code RRULE:} prefix. */
  @Override
  public String toString() {
    return text;
  }
}
