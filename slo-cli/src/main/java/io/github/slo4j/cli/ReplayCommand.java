package io.github.slo4j.cli;

import io.github.slo4j.ChangeMarker;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code slo4j replay}: a traffic file through the alert tiers and the budget policy on a manual
 * clock; prints the alert timeline, the policy decisions and a summary per tier, and draws the chart.
 */
final class ReplayCommand {
  static final String USAGE =
      "usage: slo4j replay --traffic <file> (--slo <openslo.yaml> | --objective <percent> [--period <duration>] [--latency <duration>])\n"
          + "                    [--id <slo>] [--service <name>] [--interval <duration>] [--tiers budget-share|scaled-windows]\n"
          + "                    [--deploy <time>=<name>@<version>]... [--svg <file>] [--json]";

  static final String HELP =
      USAGE
          + "\n\n"
          + "Replays recorded traffic through the SLO's alert tiers and error-budget policy, one evaluation per\n"
          + "interval, exactly as the in-process ticker would, and prints when each alert fired and resolved.\n\n"
          + "  --traffic     CSV with a header, or JSON lines; counts (timestamp,good,total or timestamp,bad,total)\n"
          + "                or one request per row (timestamp,outcome,latency). A timestamp is an ISO-8601 instant\n"
          + "                such as 2026-01-01T00:00:10Z or seconds since the epoch; a latency has a unit: 230ms, 1.2s.\n"
          + "  --slo         an OpenSLO v1 file (or a directory of them): the SLO, its objective, period and\n"
          + "                budgeting method, and its alert policies as the tiers; --id picks one of several.\n"
          + "  --objective   the share of good events, in percent: 99.9 allows 1 bad event in 1,000.\n"
          + "  --period      the compliance period the budget is spent over (default 30d). Durations take\n"
          + "                d, h, m, s and ms, combined: 30d, 1h30m, 250ms.\n"
          + "  --latency     makes a latency SLO: a request is good when it succeeded within this threshold.\n"
          + "  --interval    how often alerts are evaluated, and the resolution of the replay (default 10s).\n"
          + "  --tiers       budget-share (the Workbook's 1h, 6h and 3d windows and Sloth's 1d; default) or\n"
          + "                scaled-windows (fixed factors 14, 7, 2, 1 with windows scaled to the period).\n"
          + "  --deploy      a change marker, e.g. 2026-01-02T10:00:00Z=payments-api@2.8.0; alerts name the\n"
          + "                changes near their burn. May be repeated.\n"
          + "  --svg         writes a chart: budget remaining, the burn rate of each tier's long window with\n"
          + "                its threshold, firing intervals and change markers.\n"
          + "  --json        prints the timeline as JSON.\n\n"
          + "A burn rate is the error ratio divided by the error budget: at 1 the budget lasts exactly the\n"
          + "period, at 14.4 a 30-day budget is gone in 50 hours. Exit status: 0, or 2 for a bad argument or\n"
          + "file (reported with its line and column; nothing is written then).";

  private ReplayCommand() {}

  static Flags flags() {
    return SloOptions.declare(new Flags())
        .value("--traffic", "a traffic file (CSV or JSON lines)")
        .repeatable("--deploy", "<time>=<name>@<version>, e.g. 2026-01-02T10:00:00Z=payments-api@2.8.0")
        .value("--svg", "a file to write the chart to")
        .flag("--json");
  }

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    Flags flags = flags().parse(args);
    SloOptions options = SloOptions.from(flags);
    Path traffic = Path.of(flags.require("--traffic"));
    List<ChangeMarker> changes = deploys(flags);
    TrafficFile.Series series;
    try {
      series = TrafficFile.read(traffic, options.slo, options.interval);
    } catch (TrafficFile.BadFile e) {
      err.println("slo4j: " + e.getMessage());
      return 2;
    }
    Simulation.Outcome o =
        new Simulation(options.slo, options.rules(), SloOptions.policy(series.start()), changes).run(series, err);
    Timeline timeline = new Timeline(options.slo, series, o, SloOptions.POLICY);
    String text;
    if (flags.has("--json")) {
      Map<String, Object> json = timeline.json();
      json.put("wallTimeMillis", o.wallNanos / 1e6);
      text = Json.writeIndented(json);
    } else {
      text = header(options, traffic, series, o) + "\n" + timeline.text()
          + String.format(Locale.ROOT, "Replayed %,d intervals in %d ms.%n", o.intervals, o.wallNanos / 1_000_000);
    }
    if (flags.has("--svg")) {
      write(Path.of(flags.get("--svg").get()), Chart.svg(options.slo, o));
    }
    out.print(text);
    return 0;
  }

  private static String header(SloOptions options, Path traffic, TrafficFile.Series s, Simulation.Outcome o) {
    StringBuilder sb = new StringBuilder();
    sb.append("Replay of ").append(options.slo.service()).append('/').append(options.slo.id()).append(": ")
        .append(options.slo.targets().get(0)).append(" over ")
        .append(DurationFormat.format(options.slo.period().nominalLength())).append('\n');
    sb.append(String.format(Locale.ROOT, "  traffic  %s: %,d rows, %s .. %s (%,d intervals of %s)%n",
        traffic.getFileName(), s.rows, o.start, o.end, o.intervals, DurationFormat.format(o.interval)));
    List<String> tiers = new ArrayList<>();
    o.tiers.forEach(t -> tiers.add(t.toString()));
    sb.append("  tiers    ").append(options.rulesName()).append(": ")
        .append(String.join(", ", tiers)).append('\n');
    String note = options.declared.isPresent() ? null : TierChoice.of(options.strategy, options.slo.period().nominalLength()).note();
    if (note != null) {
      sb.append("           ").append(note).append('\n');
    }
    return sb.toString();
  }

  static List<ChangeMarker> deploys(Flags flags) throws UsageException {
    List<ChangeMarker> out = new ArrayList<>();
    for (String d : flags.all("--deploy")) {
      int eq = d.indexOf('=');
      int at = d.lastIndexOf('@');
      if (eq <= 0 || at <= eq + 1 || at == d.length() - 1) {
        throw flags.invalid("--deploy", d);
      }
      Instant when;
      try {
        when = OffsetDateTime.parse(d.substring(0, eq)).toInstant();
      } catch (DateTimeParseException e) {
        throw flags.invalid("--deploy", d);
      }
      out.add(ChangeMarker.deploy(d.substring(eq + 1, at), d.substring(at + 1), when));
    }
    return out;
  }

  /** Writes {@code content} whole or not at all: a temporary file beside it, then a move. */
  static void write(Path file, String content) throws UsageException {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      try {
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UsageException(file + ": cannot write (" + e.getMessage() + ")");
    }
  }
}
