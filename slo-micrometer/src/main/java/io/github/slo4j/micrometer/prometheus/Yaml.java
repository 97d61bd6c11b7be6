package io.github.slo4j.micrometer.prometheus;

import java.util.List;
import java.util.Map;

/**
 * The little YAML a rule file needs, written by hand: indented lines, literal blocks for
 * expressions and single-quoted scalars for every label and annotation value (so that {@code :},
 * {@code #}, {@code {{ }}} and leading symbols never change their meaning). Not thread-safe.
 */
final class Yaml {
  private final StringBuilder sb = new StringBuilder();

  void line(int depth, String text) {
    sb.append("  ".repeat(depth)).append(text).append('\n');
  }

  /** {@code key: |} and one line each, indented one level deeper. */
  void block(int depth, String key, List<String> lines) {
    line(depth, key + ": |");
    for (String l : lines) {
      line(depth + 1, l);
    }
  }

  /** {@code key:} and {@code name: 'value'} lines; nothing when the map is empty. */
  void map(int depth, String key, Map<String, String> entries) {
    if (entries.isEmpty()) {
      return;
    }
    line(depth, key + ":");
    entries.forEach((k, v) -> line(depth + 1, k + ": " + quote(v)));
  }

  /** A single-quoted YAML scalar: {@code 'it''s'}; line breaks become spaces. */
  static String quote(String s) {
    return "'" + s.replace("'", "''").replace('\n', ' ').replace('\r', ' ') + "'";
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
