package io.github.slo4j.micrometer.prometheus;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Turns an slo4j link template ({@code https://grafana.example.com/d/red?var-service={service}&from={start}&to={end}})
 * into a Prometheus annotation template that yields the link the in-process monitor puts into its
 * alert: the SLO's placeholders are filled in now, percent-encoded as the monitor encodes them; the
 * time placeholders become Go template actions that Prometheus evaluates when the alert's condition
 * holds, the window ending at the evaluation time ({@code end}) and starting one window earlier.
 * The templates the core accepts have balanced braces and never two opening braces in a row, so their
 * text never reads as a Go template action.
 */
final class LinkExpansion {
  private LinkExpansion() {}

  static String expand(String template, Map<String, String> values, Duration window) {
    String w = BigDecimal.valueOf(window.toMillis(), 3).stripTrailingZeros().toPlainString();
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      int close = c == '{' ? template.indexOf('}', i) : -1;
      if (close < 0) {
        sb.append(c);
        i++;
        continue;
      }
      String slot = template.substring(i + 1, close);
      sb.append(slot(slot, values, w));
      i = close + 1;
    }
    return sb.toString();
  }

  private static String slot(String slot, Map<String, String> values, String w) {
    switch (slot) {
      case "start":
        return number("(time() - " + w + ") * 1000", "");
      case "end":
        return number("time() * 1000", "");
      case "startMicros":
        return number("(time() - " + w + ") * 1000", "000");
      case "endMicros":
        return number("time() * 1000", "000");
      case "startSeconds":
        return number("floor(vector(time() - " + w + "))", "");
      case "endSeconds":
        return number("ceil(vector(time()))", "");
      case "startIso":
        return iso("time() - " + w);
      case "endIso":
        return iso("time()");
      default:
        String v = values.get(slot);
        if (v == null) {
          throw new IllegalArgumentException("link template: {" + slot + "} (expected a placeholder slo4j knows)");
        }
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    }
  }

  /** The value of a PromQL expression as a whole number, then {@code suffix}. */
  private static String number(String promql, String suffix) {
    return "{{ with query \"" + promql + "\" }}{{ . | first | value | printf \"%.0f\" }}" + suffix + "{{ end }}";
  }

  /** An ISO-8601 UTC instant, percent-encoded ({@code 2026-01-01T00%3A00%3A00Z}), as Java's {@code Instant} prints it. */
  private static String iso(String promql) {
    return "{{ with query \"" + promql + "\" }}{{ ((. | first | value) | toTime).Format \"2006-01-02T15:04:05.999Z07:00\" | urlquery }}{{ end }}";
  }
}
