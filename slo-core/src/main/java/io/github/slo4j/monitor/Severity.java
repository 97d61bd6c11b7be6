package io.github.slo4j.monitor;

import io.github.slo4j.internal.Require;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How urgently an alert tier wants a human: {@link #PAGE} (now, whatever the hour) or {@link
 * #TICKET} (in working hours), or a name of the user's own.
 *
 * <p>Names are case-insensitive and held in one canonical form, lowercase: {@code
 * Severity.of("Page")}, {@code Severity.of("PAGE")} and {@link #PAGE} are equal, and all print
 * {@code page}.
 *
 * @param name the canonical (lowercase) name: ASCII letters, digits, {@code _} or {@code -},
 *     starting with a letter
 */
public record Severity(String name) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");

  /** Wake someone up. */
  public static final Severity PAGE = new Severity("page");

  /** Look at it in working hours. */
  public static final Severity TICKET = new Severity("ticket");

  /**
   * Validates the name and stores it lowercase.
   *
   * @param name 1 to 32 ASCII letters (of any case), digits, {@code _} or {@code -}, starting with
   *     a letter
   */
  public Severity {
    Require.nonNull("severity", name);
    if (!NAME.matcher(name).matches()) {
      throw Require.invalid(
          "severity", "'" + name + "'", "1 to 32 letters, digits, _ or -, starting with a letter");
    }
    name = name.toLowerCase(Locale.ROOT);
  }

  /**
   * A severity by name, case-insensitively: {@code "page"}, {@code "Page"} and {@code "PAGE"} give
   * a value equal to {@link #PAGE}.
   *
   * @param name 1 to 32 ASCII letters (of any case), digits, {@code _} or {@code -}, starting with
   *     a letter
   * @return the severity, named in lowercase
   * @throws IllegalArgumentException when the name is null or not such a name
   */
  public static Severity of(String name) {
    return new Severity(name);
  }

  /** The name. */
  @Override
  public String toString() {
    return name;
  }
}
