package io.github.slo4j.cli;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A traffic file read into per-interval counts. Two shapes, in CSV (a header line names the
 * columns) or JSON lines (one flat object per line, the same names as keys):
 *
 * <ul>
 *   <li>counts: {@code timestamp,good,total} (or {@code timestamp,bad,total}), the events counted
 *       at that time;
 *   <li>events: {@code timestamp,outcome,latency}, one request each: outcome {@code good} or {@code
 *       bad} (also {@code ok}/{@code error}, {@code success}/{@code failure}), latency with a unit
 *       ({@code 230ms}, {@code 1.2s}) or as {@code latency_ms}.
 * </ul>
 *
 * <p>A timestamp is an ISO-8601 instant with an offset ({@code 2026-01-01T00:00:10Z}) or seconds
 * since the epoch. Rows need not be sorted. On a latency SLO an event is good for a threshold when it
 * succeeded within it; a counts row counts the same for every threshold. The first bad line stops the
 * read with its line and column.
 */
final class TrafficFile {
  /** A bad traffic file: the message starts with {@code file:line:column:}. */
  static final class BadFile extends Exception {
    private static final long serialVersionUID = 1L;

    BadFile(String message) {
      super(message);
    }
  }

  /** Per-interval counts of every target, from the interval of the earliest row. */
  static final class Series {
    final long startMillis;
    final long intervalMillis;
    final long[][] good;
    final long[][] total;
    final long rows;

    Series(long startMillis, long intervalMillis, long[][] good, long[][] total, long rows) {
      this.startMillis = startMillis;
      this.intervalMillis = intervalMillis;
      this.good = good;
      this.total = total;
      this.rows = rows;
    }

    int intervals() {
      return good[0].length;
    }

    Instant start() {
      return Instant.ofEpochMilli(startMillis);
    }
  }

  private static final List<String> COLUMNS =
      List.of("timestamp", "good", "bad", "total", "outcome", "latency", "latency_ms");

  private final String name;
  private final long[] thresholds;
  private long[] times = new long[1024];
  private long[] a = new long[1024];
  private long[] b = new long[1024];
  private int size;
  private boolean events;

  private TrafficFile(String name, SloDefinition slo) {
    this.name = name;
    List<Target> targets = slo.targets();
    thresholds = new long[targets.size()];
    for (int i = 0; i < thresholds.length; i++) {
      thresholds[i] = targets.get(i).latencyThreshold().map(Duration::toNanos).orElse(Long.MAX_VALUE);
    }
  }

  static Series read(Path file, SloDefinition slo, Duration interval) throws BadFile, UsageException {
    TrafficFile t = new TrafficFile(file.getFileName().toString(), slo);
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      t.parse(in);
    } catch (NoSuchFileException e) {
      throw new UsageException("--traffic: " + file + ": no such file");
    } catch (IOException e) {
      throw new UsageException("--traffic: " + file + ": " + e.getMessage());
    }
    return t.series(interval.toMillis());
  }

  /** Reads from {@code in}; {@code name} stands for the file in messages. */
  static Series read(String name, BufferedReader in, SloDefinition slo, Duration interval) throws BadFile, IOException {
    TrafficFile t = new TrafficFile(name, slo);
    t.parse(in);
    return t.series(interval.toMillis());
  }

  private void parse(BufferedReader in) throws BadFile, IOException {
    String line;
    int number = 0;
    List<String> header = null;
    Boolean json = null;
    while ((line = in.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (json == null) {
        json = line.stripLeading().startsWith("{");
        if (!json) {
          header = csvHeader(line, number);
          continue;
        }
      }
      Map<String, Field> fields = json ? JsonLine.parse(line, number, name) : csvRow(header, line, number);
      if (json) {
        for (Map.Entry<String, Field> e : fields.entrySet()) {
          if (!COLUMNS.contains(e.getKey())) {
            throw new BadFile(name + ":" + number + ":" + e.getValue().nameColumn() + ": key '" + e.getKey()
                + "' (expected " + String.join(", ", COLUMNS) + ")");
          }
        }
      }
      row(fields, number, json);
    }
    if (size == 0) {
      throw new BadFile(name + ":" + Math.max(number, 1) + ":1: no traffic (expected at least one row after the header)");
    }
  }

  /** A value, where it starts and where its name starts (1-based columns). */
  record Field(String text, int column, int nameColumn) {}

  private List<String> csvHeader(String line, int number) throws BadFile {
    List<String> names = new ArrayList<>();
    int col = 1;
    for (String cell : line.split(",", -1)) {
      String n = cell.trim().toLowerCase(Locale.ROOT);
      if (!COLUMNS.contains(n)) {
        throw new BadFile(name + ":" + number + ":" + col + ": header: '" + cell.trim()
            + "' (expected timestamp,good,total or timestamp,outcome,latency)");
      }
      names.add(n);
      col += cell.length() + 1;
    }
    return names;
  }

  private Map<String, Field> csvRow(List<String> header, String line, int number) throws BadFile {
    String[] cells = line.split(",", -1);
    if (cells.length != header.size()) {
      throw new BadFile(name + ":" + number + ":1: " + cells.length + " fields (expected " + header.size()
          + " as in the header: " + String.join(",", header) + ")");
    }
    Map<String, Field> out = new LinkedHashMap<>();
    int col = 1;
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i];
      int lead = c.length() - c.stripLeading().length();
      out.put(header.get(i), new Field(c.trim(), col + lead, col + lead));
      col += c.length() + 1;
    }
    return out;
  }

  private void row(Map<String, Field> f, int line, boolean json) throws BadFile {
    Field ts = required(f, "timestamp", line);
    long at = timestamp(ts, line);
    boolean counts = f.containsKey("total") || f.containsKey("good") || f.containsKey("bad");
    if (size > 0 && counts == events) {
      throw error(line, ts.column(), "row", counts ? "counts" : "an event", events ? "an event, as the rows before" : "counts, as the rows before");
    }
    events = !counts;
    ensure();
    times[size] = at;
    if (counts) {
      Field total = required(f, "total", line);
      long t = count("total", total, line);
      long good;
      if (f.containsKey("good")) {
        Field g = f.get("good");
        good = count("good", g, line);
        if (good > t) {
          throw error(line, g.column(), "good", g.text(), "at most total (" + t + ")");
        }
      } else {
        Field bad = required(f, "bad", line);
        long n = count("bad", bad, line);
        if (n > t) {
          throw error(line, bad.column(), "bad", bad.text(), "at most total (" + t + ")");
        }
        good = t - n;
      }
      a[size] = good;
      b[size] = t;
    } else {
      Field o = required(f, "outcome", line);
      a[size] = outcome(o, line) ? 1 : 0;
      Field lat = f.get("latency");
      Field ms = f.get("latency_ms");
      if (lat == null && ms == null) {
        if (thresholds[0] != Long.MAX_VALUE) {
          throw new BadFile(name + ":" + line + ":1: latency: missing (expected a latency or latency_ms "
              + (json ? "key" : "column") + " for a latency SLO)");
        }
        b[size] = 0;
      } else {
        b[size] = lat != null ? latency(lat, line) : millis(ms, line);
      }
    }
    size++;
  }

  private void ensure() {
    if (size == times.length) {
      int n = size * 2;
      times = Arrays.copyOf(times, n);
      a = Arrays.copyOf(a, n);
      b = Arrays.copyOf(b, n);
    }
  }

  private Field required(Map<String, Field> f, String key, int line) throws BadFile {
    Field v = f.get(key);
    if (v == null) {
      throw new BadFile(name + ":" + line + ":1: " + key + ": missing (expected a value)");
    }
    return v;
  }

  private BadFile error(int line, int column, String field, String value, String expected) {
    return new BadFile(name + ":" + line + ":" + column + ": " + field + ": '" + value + "' (expected " + expected + ")");
  }

  private long timestamp(Field f, int line) throws BadFile {
    String s = f.text();
    try {
      if (!s.isEmpty() && (Character.isDigit(s.charAt(0))) && s.indexOf('-') < 0) {
        double seconds = Double.parseDouble(s);
        if (seconds >= 0 && seconds < 1e11) {
          return Math.round(seconds * 1000);
        }
      } else {
        return OffsetDateTime.parse(s).toInstant().toEpochMilli();
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      // reported below
    }
    throw error(line, f.column(), "timestamp", s, "an ISO-8601 instant such as 2026-01-01T00:00:10Z, or epoch seconds");
  }

  private long count(String field, Field f, int line) throws BadFile {
    try {
      long v = Long.parseLong(f.text());
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(line, f.column(), field, f.text(), "a count: a whole number >= 0");
  }

  private boolean outcome(Field f, int line) throws BadFile {
    switch (f.text().toLowerCase(Locale.ROOT)) {
      case "good":
      case "ok":
      case "success":
      case "true":
        return true;
      case "bad":
      case "error":
      case "failure":
      case "false":
        return false;
      default:
        throw error(line, f.column(), "outcome", f.text(), "good or bad (ok/error, success/failure)");
    }
  }

  private long latency(Field f, int line) throws BadFile {
    String s = f.text();
    int i = 0;
    while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
      i++;
    }
    double scale;
    switch (s.substring(i)) {
      case "ns":
        scale = 1;
        break;
      case "us":
        scale = 1e3;
        break;
      case "ms":
      case "":
        scale = 1e6;
        break;
      case "s":
        scale = 1e9;
        break;
      default:
        scale = -1;
    }
    try {
      double v = Double.parseDouble(s.substring(0, i));
      if (scale > 0 && v >= 0 && v * scale < 0x1p62) {
        return Math.round(v * scale);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(line, f.column(), "latency", s, "a duration such as 230ms or 1.2s");
  }

  private long millis(Field f, int line) throws BadFile {
    try {
      double v = Double.parseDouble(f.text());
      if (v >= 0 && v < 1e12) {
        return Math.round(v * 1e6);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(line, f.column(), "latency_ms", f.text(), "milliseconds >= 0 such as 230");
  }

  private Series series(long iv) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < size; i++) {
      min = Math.min(min, times[i]);
      max = Math.max(max, times[i]);
    }
    long start = Math.floorDiv(min, iv) * iv;
    int n = (int) Math.min(Integer.MAX_VALUE - 8, (max - start) / iv + 1);
    int targets = thresholds.length;
    long[][] good = new long[targets][n];
    long[][] total = new long[targets][n];
    for (int i = 0; i < size; i++) {
      int k = (int) ((times[i] - start) / iv);
      for (int t = 0; t < targets; t++) {
        if (events) {
          total[t][k]++;
          if (a[i] == 1 && b[i] <= thresholds[t]) {
            good[t][k]++;
          }
        } else {
          total[t][k] += b[i];
          good[t][k] += a[i];
        }
      }
    }
    return new Series(start, iv, good, total, size);
  }
}
