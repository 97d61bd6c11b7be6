package io.github.slo4j.monitor;

import io.github.slo4j.internal.Require;
import java.util.regex.Pattern;

/**
 * How urgently an alert tier wants a human: {@link #PAGE} (now, whatever the hour) or {@link
 * #TICKET} (in working hours), or a name of the user's own.
 *
 * @param name lowercase letters, digits, {@code _} or {@code -}, starting with a letter
 */
public record Severity(String name) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

  /** Wake someone up. */
  public static final Severity PAGE = new Severity("page");

  /** Look at it in working hours. */
  public static final Severity TICKET = new Severity("ticket");

  /**
   * Validates the name.
   *
   * @param name lowercase letters, digits, {@code _} or {@code -}, starting with a letter
   */
  public Severity {
    Require.nonNull("severity", name);
    if (!NAME.matcher(name).matches()) {
      throw Require.invalid(
          "severity", "'" + name + "'", "1 to 32 lowercase letters, digits, _ or -, starting with a letter");
    }
  }

  /**
   * A severity by name; {@code "page"} and {@code "ticket"} give values equal to the constants.
   *
   * @param name lowercase letters, digits, {@code _} or {@code -}, starting with a letter
   * @return the severity
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
