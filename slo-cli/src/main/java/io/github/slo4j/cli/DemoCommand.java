package io.github.slo4j.cli;

import io.github.slo4j.ChangeMarker;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Json;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.PolicyDecision;
import io.github.slo4j.monitor.Severity;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code slo4j demo}: the /checkout incident, built in. A day of healthy traffic, an upstream deploy
 * after which some checkouts take the slow path and the latency SLO burns at about 15x, the page
 * with its full payload, the rollback, the resolve, and what the budget policy decides.
 *
 * <p>Latencies follow a model, not a random sample, so the demo prints the same every time: most
 * requests are log-normal (median 119 ms, p99 about 240 ms), a background of 0.02 % time out (3 s), and
 * after the deploy 1.59 % take an upstream slow path (log-normal, median 1.55 s), which puts the p99
 * at 1.4 s and 1.49 % of requests over the 1 s threshold. Per-interval counts are the model's
 * fractions of 50 requests/s, rounded with a carried remainder so that no fraction is lost.
 */
final class DemoCommand {
  static final String USAGE = "usage: slo4j demo [--svg <file>] [--json]";

  static final String HELP =
      USAGE
          + "\n\n"
          + "Replays the /checkout incident: a healthy day, an upstream deploy that slows 1.6 % of checkouts,\n"
          + "the page that fires on the latency SLO's burn rate (with its runbook, owner, deep links and the\n"
          + "correlated deploy), the rollback and the resolve, and the budget policy's decisions.\n\n"
          + "  --svg    where to write the chart (default slo4j-demo.svg)\n"
          + "  --json   prints the timeline as JSON instead of text";

  static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  static final int PER_SECOND = 50;
  static final Duration THRESHOLD = Duration.ofSeconds(1);
  static final ChangeMarker DEPLOY = ChangeMarker.deploy("payments-api", "2.8.0", START.plus(Duration.ofDays(1)));
  static final ChangeMarker ROLLBACK =
      ChangeMarker.deploy("payments-api", "2.7.3 (rollback)", START.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(80)));

  /** A stretch of constant traffic: the latency model of its requests. */
  record Phase(String name, Duration length, double medianMs, double slowShare) {
    static final double SIGMA = 0.298; // ln 2 / z(0.99): the p99 is twice the median
    static final double SLOW_MEDIAN_MS = 1547;
    static final double SLOW_SIGMA = 0.3;
    static final double TIMEOUTS = 0.0002;

    /** The share of requests slower than {@code ms}. */
    double over(double ms) {
      double fast = 1 - slowShare - TIMEOUTS;
      return fast * upperTail(ms, medianMs, SIGMA) + slowShare * upperTail(ms, SLOW_MEDIAN_MS, SLOW_SIGMA) + TIMEOUTS;
    }

    /** The latency that {@code q} of the requests are faster than, by bisection on {@link #over}. */
    double quantileMs(double q) {
      double lo = 0;
      double hi = 3000;
      for (int i = 0; i < 60; i++) {
        double mid = (lo + hi) / 2;
        if (over(mid) > 1 - q) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      return (lo + hi) / 2;
    }
  }

  static final List<Phase> PHASES =
      List.of(
          new Phase("healthy", Duration.ofDays(1), 119, 0),
          new Phase("after payments-api 2.8.0", Duration.ofMinutes(80), 119, 0.01585),
          new Phase("after the rollback", Duration.ofHours(6), 117, 0));

  private DemoCommand() {}

  static SloDefinition slo() {
    return SloDefinition.builder("checkout-latency")
        .service("shop")
        .description("99.9 % of /checkout requests complete within 1 s")
        .sli(Sli.latency(LatencyThreshold.of(THRESHOLD, Objective.percent("99.9"))))
        .period(CompliancePeriod.rolling(Duration.ofDays(30)))
        .owner("team-checkout")
        .runbook(URI.create("https://runbooks.example.com/shop/checkout-latency"))
        .build();
  }

  static AlertRules rules(SloDefinition slo) {
    String window = "from={start}&to={end}";
    return AlertRules.builder(slo)
        .link("dashboard", "https://grafana.example.com/d/red-shop?var-service={service}&" + window)
        .link("traces", "https://tempo.example.com/search?service={service}&minDuration=1s&start={startSeconds}&end={endSeconds}")
        .link("profiles", "https://pyroscope.example.com/explore?query={service}&" + window)
        .link("logs", "https://loki.example.com/explore?service={service}&level=error&" + window)
        .build();
  }

  /** The demo's counts, every interval of 10 s, from the phases' models. */
  static TrafficFile.Series traffic() {
    long iv = 10_000;
    int n = 0;
    for (Phase p : PHASES) {
      n += (int) (p.length().toMillis() / iv);
    }
    long[][] good = new long[1][n];
    long[][] total = new long[1][n];
    int i = 0;
    double carry = 0;
    long perInterval = PER_SECOND * iv / 1000;
    for (Phase p : PHASES) {
      double bad = perInterval * p.over(THRESHOLD.toMillis());
      for (long k = 0; k < p.length().toMillis() / iv; k++, i++) {
        carry += bad;
        long whole = (long) Math.floor(carry);
        carry -= whole;
        total[0][i] = perInterval;
        good[0][i] = perInterval - whole;
      }
    }
    return new TrafficFile.Series(START.toEpochMilli(), iv, good, total, n);
  }

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    Flags flags = new Flags().value("--svg", "a file to write the chart to").flag("--json").parse(args);
    SloDefinition slo = slo();
    TrafficFile.Series series = traffic();
    Simulation.Outcome o =
        new Simulation(slo, rules(slo), SloOptions.policy(START), List.of(DEPLOY, ROLLBACK)).run(series, err);
    Timeline timeline = new Timeline(slo, series, o, SloOptions.POLICY);
    Path svg = Path.of(flags.get("--svg").orElse("slo4j-demo.svg"));
    String text;
    if (flags.has("--json")) {
      Map<String, Object> json = timeline.json();
      json.put("chart", svg.toString());
      text = Json.writeIndented(json);
    } else {
      text = text(slo, o, timeline, svg);
    }
    ReplayCommand.write(svg, Chart.svg(slo, o));
    out.print(text);
    return 0;
  }

  private static String text(SloDefinition slo, Simulation.Outcome o, Timeline timeline, Path svg) {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("MMM d HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder();
    sb.append("The /checkout incident, replayed: ").append(DurationFormat.format(Duration.between(o.start, o.end)))
        .append(" of traffic at ").append(PER_SECOND).append(" requests/s in ")
        .append(o.wallNanos / 1_000_000).append(" ms\n\n");
    sb.append("SLO ").append(slo.service()).append('/').append(slo.id()).append(": ")
        .append(slo.description()).append(", over 30 days (owner ").append(slo.owner().orElseThrow()).append(")\n\n");
    sb.append("Traffic\n");
    Instant at = o.start;
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"from (UTC)", "phase", "p99", "over 1s", "burn rate"});
    for (Phase p : PHASES) {
      double over = p.over(THRESHOLD.toMillis());
      rows.add(new String[] {
        f.format(at), p.name(), Math.round(p.quantileMs(0.99)) + "ms",
        Timeline.pct(over), Timeline.num(over / 0.001)
      });
      at = at.plus(p.length());
    }
    Timeline.table(sb, rows);
    sb.append('\n').append("What the on-call sees\n");
    for (AlertTransition t : o.transitions) {
      if (!t.notifies()) {
        continue;
      }
      sb.append("  ").append(f.format(t.at())).append("  ").append(t.to() == AlertState.FIRING ? "FIRING " : "")
          .append(t.alert().summary()).append('\n');
      if (t.to() == AlertState.FIRING) {
        t.alert().runbook().ifPresent(r -> sb.append("      runbook    ").append(r)
            .append(t.alert().owner().map(w -> " (owner " + w + ")").orElse("")).append('\n'));
        t.alert().links().forEach((name, uri) -> {
          if (!name.equals("runbook")) {
            sb.append("      ").append(Timeline.pad(name, 10)).append(' ').append(uri).append('\n');
          }
        });
        t.alert().changes().forEach(c -> sb.append("      change     ").append(c).append('\n'));
        for (Simulation.Incident inc : o.incidents) {
          if (inc.fired.equals(t.at())) {
            timeline.detectionDelay(inc).ifPresent(d -> sb.append("      detected   ").append(DurationFormat.format(d.delay()))
                .append(" after the burn started (the Workbook predicts ")
                .append(DurationFormat.format(predicted(inc))).append(" for this burn rate)\n"));
          }
        }
      }
    }
    sb.append('\n').append("What the budget policy decides (").append(SloOptions.POLICY).append(")\n");
    for (PolicyDecision d : o.decisions) {
      sb.append("  ").append(f.format(d.at())).append("  ").append(d.clause()).append(": ").append(d.message()).append('\n');
    }
    boolean postmortem = o.decisions.stream().anyMatch(d -> d.clause().equals("postmortem"));
    if (!postmortem) {
      for (Simulation.Incident inc : o.incidents) {
        if (inc.severity.equals(Severity.PAGE.toString()) && inc.episodeSpent.isPresent()) {
          sb.append("  no postmortem required: the episode spent ").append(Timeline.pct(inc.episodeSpent.getAsDouble()))
              .append(" of the 30-day budget, under the policy's 20 %\n");
        }
      }
    }
    if (!o.monitor.frozen()) {
      sb.append("  releases not frozen: ").append(timeline.budgetAtEnd()).append('\n');
    }
    sb.append('\n').append("Chart: ").append(svg).append('\n');
    return sb.toString();
  }

  /** The Workbook's detection time for the incident's burn: window × factor / burn rate. */
  private static Duration predicted(Simulation.Incident inc) {
    double burn = PHASES.get(1).over(THRESHOLD.toMillis()) / 0.001;
    return Duration.ofSeconds(Math.round(inc.tier.longWindow().toSeconds() * inc.tier.factor() / burn));
  }

  /**
   * P(X > x) for a log-normal X with this median and sigma: the normal upper tail at {@code ln(x /
   * median) / sigma}, from the complementary error function of Abramowitz and Stegun 7.1.26
   * (absolute error below 1.5e-7, enough for a demo's traffic model).
   */
  static double upperTail(double x, double median, double sigma) {
    if (x <= 0) {
      return 1;
    }
    double z = Math.log(x / median) / sigma;
    return 0.5 * erfc(z / Math.sqrt(2));
  }

  private static double erfc(double x) {
    double t = 1 / (1 + 0.3275911 * Math.abs(x));
    double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    double r = poly * Math.exp(-x * x);
    return x >= 0 ? r : 2 - r;
  }
}
