package io.github.slo4j.internal;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the compact durations used by the command line, the docs and Prometheus rule
 * names: {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h30m}, {@code 30d}, {@code 1w}. Sub-millisecond
 * parts are written {@code us} and {@code ns}, so every duration that {@link #format(Duration)}
 * prints, {@link #parse(String, String)} reads back to the same value.
 *
 * <p>Not part of the public API.
 */
public final class DurationFormat {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|us|ns|s|m|h|d|w)");
  private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|us|ns|s|m|h|d|w))+");

  private DurationFormat() {}

  /**
   * Parses {@code text} as a sum of {@code <number><unit>} parts.
   *
   * @throws IllegalArgumentException naming {@code name} when the text is not a positive duration
   *     in those units, or is too long to count in a {@code long} of nanoseconds (about 292 years)
   */
  public static Duration parse(String name, String text) {
    Require.nonNull(name, text);
    String trimmed = text.trim();
    if (!WHOLE.matcher(trimmed).matches()) {
      throw Require.invalid(
          name, "'" + text + "'", "a duration such as 10s, 5m, 1h30m, 30d or 1w (units ms, s, m, h, d, w)");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(trimmed);
    try {
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        total = total.plus(unit(m.group(2)).multipliedBy(n));
      }
      total.toNanos(); // callers count in nanoseconds: refuse what they cannot
    } catch (ArithmeticException | NumberFormatException e) {
      throw Require.invalid(name, "'" + text + "'", "a duration that fits in a long of nanoseconds");
    }
    if (total.isZero()) {
      throw Require.invalid(name, "'" + text + "'", "a duration > 0");
    }
    return total;
  }

  private static Duration unit(String unit) {
    switch (unit) {
      case "ns":
        return Duration.ofNanos(1);
      case "us":
        return Duration.ofNanos(1_000);
      case "ms":
        return Duration.ofMillis(1);
      case "s":
        return Duration.ofSeconds(1);
      case "m":
        return Duration.ofMinutes(1);
      case "h":
        return Duration.ofHours(1);
      case "d":
        return Duration.ofDays(1);
      case "w":
        return Duration.ofDays(7);
      default:
        throw new AssertionError(unit);
    }
  }

  /**
   * Prints {@code d} in the largest units that represent it exactly, e.g. {@code 30d}, {@code 1h},
   * {@code 43m12s}, {@code 51s840ms}, {@code 537ms600us}, {@code 1us500ns}. Weeks are printed as
   * days.
   */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    StringBuilder sb = new StringBuilder();
    long days = d.toDays();
    Duration rest = d.minusDays(days);
    if (days > 0) {
      sb.append(days).append('d');
    }
    long hours = rest.toHours();
    rest = rest.minusHours(hours);
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    long minutes = rest.toMinutes();
    rest = rest.minusMinutes(minutes);
    if (minutes > 0) {
      sb.append(minutes).append('m');
    }
    long seconds = rest.getSeconds();
    if (seconds > 0) {
      sb.append(seconds).append('s');
    }
    int nanos = rest.getNano();
    append(sb, nanos / 1_000_000, "ms");
    append(sb, nanos / 1_000 % 1_000, "us");
    append(sb, nanos % 1_000, "ns");
    return sb.toString();
  }

  private static void append(StringBuilder sb, long amount, String unit) {
    if (amount > 0) {
      sb.append(amount).append(unit);
    }
  }
}
