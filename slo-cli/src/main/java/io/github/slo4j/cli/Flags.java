package io.github.slo4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flags of one command: {@code --name value}, {@code --name=value}, repeatable flags and
 * switches, each declared with what it expects so that every message can say it ({@code --period:
 * missing value (expected a duration such as 30d, 28d or 7d)}).
 */
final class Flags {
  private final Map<String, String> expectations = new LinkedHashMap<>();
  private final List<String> switches = new ArrayList<>();
  private final List<String> repeatable = new ArrayList<>();
  private final Map<String, List<String>> values = new LinkedHashMap<>();

  /** A flag that takes a value; {@code expectation} completes "(expected ...)". */
  Flags value(String name, String expectation) {
    expectations.put(name, expectation);
    return this;
  }

  /** A flag that takes a value and may be given several times. */
  Flags repeatable(String name, String expectation) {
    repeatable.add(name);
    return value(name, expectation);
  }

  /** A flag without a value, such as {@code --json}. */
  Flags flag(String name) {
    switches.add(name);
    return this;
  }

  Flags parse(List<String> args) throws UsageException {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (switches.contains(a)) {
        values.computeIfAbsent(a, k -> new ArrayList<>()).add("true");
        continue;
      }
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      if (!expectations.containsKey(name)) {
        throw new UsageException(a + ": unknown argument (expected " + known() + ")");
      }
      if (value == null) {
        // "--objective --period 30d": the next flag is not a value (no valid value starts with --).
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
          throw new UsageException(name + ": missing value (expected " + expectations.get(name) + ")");
        }
        value = args.get(++i);
      }
      List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
      if (!list.isEmpty() && !repeatable.contains(name)) {
        throw new UsageException(name + ": given twice (expected it once)");
      }
      list.add(value);
    }
    return this;
  }

  private String known() {
    List<String> names = new ArrayList<>(expectations.keySet());
    names.addAll(switches);
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  Optional<String> get(String name) {
    List<String> list = values.get(name);
    return list == null ? Optional.empty() : Optional.of(list.get(0));
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  String require(String name) throws UsageException {
    Optional<String> v = get(name);
    if (v.isEmpty()) {
      throw new UsageException(name + ": missing (expected " + expectations.get(name) + ")");
    }
    return v.get();
  }

  String expectation(String name) {
    return expectations.get(name);
  }

  /** {@code --name: 'value' (expected ...)}. */
  UsageException invalid(String name, String value) {
    return new UsageException(name + ": '" + value + "' (expected " + expectations.get(name) + ")");
  }
}
