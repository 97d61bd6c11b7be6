package io.github.slo4j.property;

import java.util.ArrayList;
import java.util.List;

/**
 * What a property's body draws its values through, one run at a time: each value is drawn from the
 * run's {@link Tape} and kept with its label, so that a failure can show the counterexample.
 */
public final class Draws {
  private final Tape tape;
  private final List<String> shown = new ArrayList<>();
  private final List<Object> values = new ArrayList<>();

  Draws(Tape tape) {
    this.tape = tape;
  }

  /** Draws a value from {@code gen}, shown as {@code label = value} if the property fails. */
  public <T> T draw(String label, Gen<T> gen) {
    T value = gen.draw(tape);
    shown.add(label + " = " + show(value));
    values.add(value);
    return value;
  }

  /**
   * Discards this run unless {@code condition} holds: a discarded run neither passes nor fails and
   * does not count as a try.
   */
  public void assume(boolean condition) {
    if (!condition) {
      throw new Property.Discard("an assumption did not hold");
    }
  }

  /** The drawn values, one {@code label = value} per line. */
  List<String> shown() {
    return List.copyOf(shown);
  }

  /** The drawn values, in order. */
  List<Object> values() {
    return java.util.Collections.unmodifiableList(new ArrayList<>(values));
  }

  /** Strings and chars quoted, with anything but printable ASCII escaped, so a message stays one readable line per value. */
  static String show(Object value) {
    if (value instanceof CharSequence || value instanceof Character) {
      String s = value.toString();
      StringBuilder sb = new StringBuilder("\"");
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          sb.append('\\').append(c);
        } else if (c >= 0x20 && c < 0x7f) {
          sb.append(c);
        } else {
          sb.append(String.format("\\u%04x", (int) c));
        }
      }
      return sb.append('"').toString();
    }
    if (value instanceof List<?> list) {
      List<String> parts = new ArrayList<>();
      list.forEach(v -> parts.add(show(v)));
      return "[" + String.join(", ", parts) + "]";
    }
    return String.valueOf(value);
  }
}
