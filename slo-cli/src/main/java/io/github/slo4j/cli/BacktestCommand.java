package io.github.slo4j.cli;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Json;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.AlertTiers;
import io.github.slo4j.monitor.Severity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code slo4j backtest}: one traffic file against several alert configurations side by side, scored
 * against labelled incidents when given: "would this policy have paged last Tuesday, and how often
 * would it have woken us for nothing?"
 */
final class BacktestCommand {
  static final String USAGE =
      "usage: slo4j backtest --traffic <file> --objective <percent> [--incidents <file>] [--custom <tiers>]\n"
          + "                      [--period <duration>] [--latency <duration>] [--interval <duration>] [--json]";

  static final String HELP =
      USAGE
          + "\n\n"
          + "Replays the same traffic through the budget-share tiers, the scaled-window tiers and, with\n"
          + "--custom, a set of your own, and compares what each would have done: alert episodes, notifications\n"
          + "per episode, time spent firing, and against labelled incidents their precision, recall,\n"
          + "detection time and reset time.\n\n"
          + "  --traffic     as for replay: CSV or JSON lines, counts or one request per row.\n"
          + "  --incidents   CSV with a header start,end[,name]: the intervals that really were incidents\n"
          + "                (ISO-8601 instants). An alert episode that overlaps one is a true positive.\n"
          + "  --custom      tiers as severity:long/short:factor, comma-separated, e.g.\n"
          + "                page:1h/5m:14.4,page:6h/30m:6,ticket:3d/6h:1\n"
          + "  --slo, --objective, --period, --latency, --interval, --id, --service: as for replay; the alert\n"
          + "                policies of an OpenSLO file are compared as a configuration of their own.\n\n"
          + "Precision is the share of alert episodes that overlap a labelled incident; recall the share of\n"
          + "incidents that some episode overlaps; detection time runs from an incident's start to the first\n"
          + "alert during it, reset time from its end to the resolve of that alert.";

  private BacktestCommand() {}

  /** A labelled incident: when it really was one. */
  record Incident(Instant start, Instant end, String name) {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    Flags flags =
        SloOptions.declare(new Flags())
            .value("--traffic", "a traffic file (CSV or JSON lines)")
            .value("--incidents", "a CSV file with a header start,end[,name]")
            .value("--custom", "tiers as severity:long/short:factor, comma-separated, e.g. page:1h/5m:14.4,ticket:3d/6h:1")
            .flag("--json")
            .parse(args);
    if (flags.has("--tiers")) {
      throw new UsageException("--tiers: a backtest runs every strategy (expected --custom for a set of your own)");
    }
    SloOptions options = SloOptions.from(flags);
    Map<String, AlertRules> configs = new LinkedHashMap<>();
    for (AlertTiers.Strategy s : AlertTiers.Strategy.values()) {
      try {
        configs.put(s.name().toLowerCase(Locale.ROOT).replace('_', '-'), options.rules(s));
      } catch (IllegalArgumentException e) {
        err.println("slo4j: " + s.name().toLowerCase(Locale.ROOT).replace('_', '-') + " left out: " + e.getMessage());
      }
    }
    options.declared.ifPresent(r -> configs.put("openslo", r));
    if (flags.has("--custom")) {
      configs.put("custom", custom(flags, options));
    }
    List<Incident> labelled;
    TrafficFile.Series series;
    try {
      labelled = flags.has("--incidents") ? incidents(Path.of(flags.get("--incidents").get())) : List.of();
      series = TrafficFile.read(Path.of(flags.require("--traffic")), options.slo, options.interval);
    } catch (TrafficFile.BadFile e) {
      err.println("slo4j: " + e.getMessage());
      return 2;
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map.Entry<String, AlertRules> c : configs.entrySet()) {
      Simulation.Outcome o =
          new Simulation(options.slo, c.getValue(), SloOptions.policy(series.start()), List.of()).run(series, err);
      for (Severity severity : List.of(Severity.PAGE, Severity.TICKET)) {
        rows.add(score(c.getKey(), c.getValue(), severity, o, labelled));
      }
    }
    if (flags.has("--json")) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("slo", options.slo.id());
      root.put("labelledIncidents", labelled.size());
      root.put("configurations", rows);
      out.print(Json.writeIndented(root));
    } else {
      out.print(text(options, series, labelled, rows));
    }
    return 0;
  }

  static Map<String, Object> score(
      String name, AlertRules rules, Severity severity, Simulation.Outcome o, List<Incident> labelled) {
    List<Simulation.Incident> episodes = new ArrayList<>();
    for (Simulation.Incident e : o.incidents) {
      if (e.severity.equals(severity.toString()) && e.tier != null) {
        episodes.add(e);
      }
    }
    int notifications = 0;
    Duration firing = Duration.ZERO;
    int truePositives = 0;
    for (Simulation.Incident e : episodes) {
      notifications += e.notifications;
      firing = firing.plus(e.firing(o.end));
      for (Incident l : labelled) {
        if (overlaps(e, l, o.end)) {
          truePositives++;
          break;
        }
      }
    }
    int detected = 0;
    List<Duration> detection = new ArrayList<>();
    List<Duration> reset = new ArrayList<>();
    for (Incident l : labelled) {
      for (Simulation.Incident e : episodes) {
        if (overlaps(e, l, o.end)) {
          detected++;
          detection.add(Duration.between(l.start(), e.fired).isNegative() ? Duration.ZERO : Duration.between(l.start(), e.fired));
          if (e.resolved != null) {
            reset.add(Duration.between(l.end(), e.resolved).isNegative() ? Duration.ZERO : Duration.between(l.end(), e.resolved));
          }
          break;
        }
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("configuration", name);
    m.put("severity", severity.toString());
    List<String> tiers = new ArrayList<>();
    for (AlertTier t : rules.tiers(rules.definition().targets().get(0))) {
      if (t.severity().equals(severity)) {
        tiers.add(t.toString());
      }
    }
    m.put("tiers", tiers);
    m.put("episodes", episodes.size());
    m.put("notificationsPerEpisode", episodes.isEmpty() ? null : (double) notifications / episodes.size());
    m.put("firingSeconds", firing.toMillis() / 1000.0);
    if (!labelled.isEmpty()) {
      m.put("falseEpisodes", episodes.size() - truePositives);
      m.put("precision", episodes.isEmpty() ? null : (double) truePositives / episodes.size());
      m.put("recall", (double) detected / labelled.size());
      m.put("medianDetectionSeconds", median(detection));
      m.put("medianResetSeconds", median(reset));
    }
    return m;
  }

  private static boolean overlaps(Simulation.Incident e, Incident l, Instant end) {
    Instant resolved = e.resolved == null ? end : e.resolved;
    return e.fired.isBefore(l.end()) && resolved.isAfter(l.start());
  }

  private static Double median(List<Duration> list) {
    if (list.isEmpty()) {
      return null;
    }
    List<Duration> sorted = new ArrayList<>(list);
    sorted.sort(null);
    int n = sorted.size();
    long ms = n % 2 == 1 ? sorted.get(n / 2).toMillis() : (sorted.get(n / 2 - 1).toMillis() + sorted.get(n / 2).toMillis()) / 2;
    return ms / 1000.0;
  }

  private static String text(SloOptions options, TrafficFile.Series series, List<Incident> labelled, List<Map<String, Object>> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("Backtest of ").append(options.slo.service()).append('/').append(options.slo.id()).append(": ")
        .append(options.slo.targets().get(0)).append(", ")
        .append(String.format(Locale.ROOT, "%,d intervals of %s from %s", series.intervals(),
            DurationFormat.format(Duration.ofMillis(series.intervalMillis)), series.start()))
        .append('\n');
    sb.append(labelled.isEmpty()
        ? "No labelled incidents (--incidents): precision and recall are not scored.\n\n"
        : labelled.size() + " labelled incident" + (labelled.size() == 1 ? "" : "s") + ".\n\n");
    List<String[]> table = new ArrayList<>();
    table.add(labelled.isEmpty()
        ? new String[] {"configuration", "severity", "episodes", "notifications/episode", "firing", "tiers"}
        : new String[] {"configuration", "severity", "episodes", "false", "precision", "recall", "detection", "reset",
          "notifications/episode", "firing", "tiers"});
    for (Map<String, Object> r : rows) {
      List<String> cells = new ArrayList<>();
      cells.add((String) r.get("configuration"));
      cells.add((String) r.get("severity"));
      cells.add(r.get("episodes").toString());
      if (!labelled.isEmpty()) {
        cells.add(r.get("falseEpisodes").toString());
        cells.add(ratio(r.get("precision")));
        cells.add(ratio(r.get("recall")));
        cells.add(seconds(r.get("medianDetectionSeconds")));
        cells.add(seconds(r.get("medianResetSeconds")));
      }
      Object n = r.get("notificationsPerEpisode");
      cells.add(n == null ? "-" : Timeline.num((Double) n));
      cells.add(DurationFormat.format(Duration.ofMillis(Math.round((Double) r.get("firingSeconds") * 1000))));
      @SuppressWarnings("unchecked")
      List<String> tiers = (List<String>) r.get("tiers");
      cells.add(String.join(", ", tiers));
      table.add(cells.toArray(new String[0]));
    }
    Timeline.table(sb, table);
    if (!labelled.isEmpty()) {
      sb.append("\ndetection and reset are medians over the incidents detected\n");
    }
    return sb.toString();
  }

  private static String ratio(Object v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.2f", (Double) v);
  }

  private static String seconds(Object v) {
    return v == null ? "-" : DurationFormat.format(Duration.ofMillis(Math.round((Double) v * 1000)));
  }

  static AlertRules custom(Flags flags, SloOptions options) throws UsageException {
    String spec = flags.get("--custom").get();
    List<AlertTier> tiers = new ArrayList<>();
    for (String item : spec.split(",", -1)) {
      String[] parts = item.trim().split(":", -1);
      String[] windows = parts.length == 3 ? parts[1].split("/", -1) : new String[0];
      if (windows.length != 2) {
        throw new UsageException("--custom: '" + item.trim() + "' (expected severity:long/short:factor such as page:1h/5m:14.4)");
      }
      try {
        tiers.add(new AlertTier(Severity.of(parts[0]), DurationFormat.parse("long window", windows[0]),
            DurationFormat.parse("short window", windows[1]), Double.parseDouble(parts[2])));
      } catch (NumberFormatException e) {
        throw new UsageException("--custom: factor: '" + parts[2] + "' (expected a number such as 14.4)");
      } catch (IllegalArgumentException e) {
        throw new UsageException("--custom: " + e.getMessage());
      }
    }
    try {
      return AlertRules.builder(options.slo).tiers(tiers).evaluationInterval(options.interval).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException("--custom: " + e.getMessage());
    }
  }

  static List<Incident> incidents(Path file) throws TrafficFile.BadFile, UsageException {
    String name = file.getFileName().toString();
    List<Incident> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      boolean header = true;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (header) {
          if (cells.length < 2 || !cells[0].trim().equals("start") || !cells[1].trim().equals("end")) {
            throw new TrafficFile.BadFile(name + ":" + number + ":1: header: '" + line.trim() + "' (expected start,end[,name])");
          }
          header = false;
          continue;
        }
        Instant start = instant(name, number, 1, cells[0]);
        int endColumn = cells[0].length() + 2;
        Instant end = cells.length > 1 ? instant(name, number, endColumn, cells[1]) : null;
        if (end == null || !end.isAfter(start)) {
          throw new TrafficFile.BadFile(name + ":" + number + ":" + endColumn + ": end: '"
              + (cells.length > 1 ? cells[1].trim() : "") + "' (expected an instant after the start)");
        }
        out.add(new Incident(start, end, cells.length > 2 ? cells[2].trim() : "incident " + (out.size() + 1)));
      }
    } catch (NoSuchFileException e) {
      throw new UsageException("--incidents: " + file + ": no such file");
    } catch (IOException e) {
      throw new UsageException("--incidents: " + file + ": " + e.getMessage());
    }
    return out;
  }

  private static Instant instant(String name, int line, int column, String text) throws TrafficFile.BadFile {
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new TrafficFile.BadFile(name + ":" + line + ":" + column + ": '" + text.trim()
          + "' (expected an ISO-8601 instant such as 2026-01-01T00:00:10Z)");
    }
  }
}
