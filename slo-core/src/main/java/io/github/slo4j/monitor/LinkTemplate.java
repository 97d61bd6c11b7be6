package io.github.slo4j.monitor;

import io.github.slo4j.internal.Require;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A URL template with {@code {placeholder}} slots, parsed and checked once at construction and
 * expanded for each alert. Values are percent-encoded (UTF-8, a space as {@code %20}), so an SLO id
 * or an ISO-8601 instant can go anywhere in a query string.
 *
 * <p>Immutable and thread-safe.
 */
final class LinkTemplate {
  /** The placeholders a template may use, in the order the docs list them. */
  public static final List<String> PLACEHOLDERS =
      List.of(
          "service", "slo", "target", "severity", "window",
          "start", "end", "startIso", "endIso", "startSeconds", "endSeconds", "startMicros", "endMicros");

  private final String name;
  private final String text;
  private final List<String> literals;
  private final List<String> slots;

  private LinkTemplate(String name, String text, List<String> literals, List<String> slots) {
    this.name = name;
    this.text = text;
    this.literals = literals;
    this.slots = slots;
  }

  /**
   * Parses {@code text}; the parameter is named {@code link template <name>} in messages.
   *
   * @throws IllegalArgumentException on an unknown placeholder, an unbalanced brace, or a template
   *     that does not expand to an absolute URI
   */
  public static LinkTemplate parse(String name, String text) {
    String param = "link template " + name;
    Require.nonNull(param, text);
    List<String> literals = new ArrayList<>();
    List<String> slots = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '}') {
        throw Require.invalid(param, "'" + text + "'", "a '{' before the '}' at index " + i);
      }
      if (c != '{') {
        literal.append(c);
        i++;
        continue;
      }
      int close = text.indexOf('}', i + 1);
      int nextOpen = text.indexOf('{', i + 1);
      if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
        throw Require.invalid(param, "'" + text + "'", "a '}' closing the '{' at index " + i);
      }
      String slot = text.substring(i + 1, close);
      if (!PLACEHOLDERS.contains(slot)) {
        throw Require.invalid(
            param,
            "'" + text + "'",
            "placeholders among {" + String.join("}, {", PLACEHOLDERS) + "}; {" + slot + "} is unknown");
      }
      literals.add(literal.toString());
      literal.setLength(0);
      slots.add(slot);
      i = close + 1;
    }
    literals.add(literal.toString());
    LinkTemplate t =
        new LinkTemplate(
            name, text, Collections.unmodifiableList(literals), Collections.unmodifiableList(slots));
    URI sample = t.expandOrNull(Map.of(), 0, 3_600_000);
    if (sample == null || !sample.isAbsolute()) {
      throw Require.invalid(param, "'" + text + "'", "an absolute URI such as https://... once expanded");
    }
    return t;
  }

  /** The link's name, e.g. {@code traces}. */
  public String name() {
    return name;
  }

  /** The template text. */
  public String text() {
    return text;
  }

  /**
   * Expands the template. {@code values} holds service, slo, target, severity and window; the time
   * placeholders come from the window's bounds.
   */
  public URI expand(Map<String, String> values, long startMillis, long endMillis) {
    URI uri = expandOrNull(values, startMillis, endMillis);
    if (uri == null) {
      // Cannot happen: values are percent-encoded and the template was checked at construction.
      throw new IllegalStateException("link template " + name + " expanded to an invalid URI");
    }
    return uri;
  }

  private URI expandOrNull(Map<String, String> values, long startMillis, long endMillis) {
    StringBuilder sb = new StringBuilder(text.length() + 64);
    for (int i = 0; i < slots.size(); i++) {
      sb.append(literals.get(i));
      sb.append(encode(value(slots.get(i), values, startMillis, endMillis)));
    }
    sb.append(literals.get(literals.size() - 1));
    try {
      return new URI(sb.toString());
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String value(String slot, Map<String, String> values, long start, long end) {
    switch (slot) {
      case "start":
        return Long.toString(start);
      case "end":
        return Long.toString(end);
      case "startIso":
        return Instant.ofEpochMilli(start).toString();
      case "endIso":
        return Instant.ofEpochMilli(end).toString();
      case "startSeconds":
        return Long.toString(Math.floorDiv(start, 1000));
      case "endSeconds":
        return Long.toString(Math.floorDiv(end + 999, 1000));
      case "startMicros":
        return Long.toString(start * 1000);
      case "endMicros":
        return Long.toString(end * 1000);
      default:
        return values.getOrDefault(slot, slot);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return name + "=" + text;
  }
}
