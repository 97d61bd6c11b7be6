package io.github.slo4j.cli;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.ErrorBudget;
import io.github.slo4j.Objective;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Json;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.AlertTiers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code slo4j budget}: the error budget of an objective over a period, the burn-rate table and the
 * alert tiers.
 */
final class BudgetCommand {
  static final String USAGE =
      "usage: slo4j budget --objective <percent> --period <duration> [--rate <n>/<s|m|h|d>]"
          + " [--tiers budget-share|scaled-windows] [--json]";

  private static final double[] BURN_RATES = {1, 2, 3, 6, 10, 14.4, 36, 100, 1000};

  private final Objective objective;
  private final Duration period;
  private final Double ratePerSecond;
  private final String rateText;
  private final String strategy;
  private final boolean json;
  /** Why some tiers are missing for this period, or null. */
  private String note;

  private BudgetCommand(
      Objective objective, Duration period, Double ratePerSecond, String rateText, String strategy, boolean json) {
    this.objective = objective;
    this.period = period;
    this.ratePerSecond = ratePerSecond;
    this.rateText = rateText;
    this.strategy = strategy;
    this.json = json;
  }

  static final String HELP =
      USAGE
          + "\n\n"
          + "Prints what an objective allows over a period: the error budget as a share of events and as\n"
          + "bad time, how fast each burn rate exhausts it, and the multi-window alert tiers with the error\n"
          + "ratio each fires above and how fast it detects a full outage.\n\n"
          + "  --objective   the share of good events, in percent: 99.9 allows 1 bad event in 1,000.\n"
          + "  --period      the compliance period: a duration from 1h to 400d in d, h and m, such as 30d,\n"
          + "                28d, 7d or 1d12h. Tiers whose long window is longer than the period are left out.\n"
          + "  --rate        the traffic, as events per second, minute, hour or day (100/s, 5000/m, 20/h):\n"
          + "                adds how many bad events the budget allows at that rate.\n"
          + "  --tiers       budget-share (the Workbook's 1h, 6h and 3d windows and Sloth's 1d; default) or\n"
          + "                scaled-windows (fixed factors 14, 7, 2, 1 with windows scaled to the period).\n"
          + "  --json        prints the same as JSON.\n\n"
          + "A burn rate is the error ratio divided by the error budget: at 1 the budget lasts exactly the\n"
          + "period, at 14.4 a 30-day budget is gone in 50 hours.";

  static BudgetCommand parse(List<String> args) throws UsageException {
    Flags flags =
        new Flags()
            .value("--objective", "a percent such as 99.9")
            .value("--period", "a duration such as 30d, 28d or 7d")
            .value("--rate", "events per unit such as 100/s, 5000/m or 20/h")
            .value("--tiers", "budget-share or scaled-windows")
            .flag("--json")
            .parse(args);
    String objectiveText = flags.require("--objective");
    String periodText = flags.require("--period");
    Objective objective;
    try {
      objective = Objective.percent(objectiveText);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--objective: " + e.getMessage());
    }
    Duration period;
    try {
      period = DurationFormat.parse("period", periodText);
      // The same bounds as a rolling compliance period in the library: 1h to 400d, whole minutes.
      CompliancePeriod.rolling(period);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + e.getMessage());
    }
    Double rate = null;
    String rateText = flags.get("--rate").orElse(null);
    if (rateText != null) {
      rate = parseRate(rateText);
      if (rate * period.toSeconds() >= 0x1p63) { // Math.round would saturate at Long.MAX_VALUE
        throw new UsageException(
            "--rate: '" + rateText + "' (expected at most " + Long.MAX_VALUE + " events over the period)");
      }
    }
    String strategy = flags.get("--tiers").orElse("budget-share");
    if (!strategy.equals("budget-share") && !strategy.equals("scaled-windows")) {
      throw flags.invalid("--tiers", strategy);
    }
    return new BudgetCommand(objective, period, rate, rateText, strategy, flags.has("--json"));
  }

  private static double parseRate(String text) throws UsageException {
    int slash = text.indexOf('/');
    String bad = "--rate: '" + text + "' (expected events per unit such as 100/s, 5000/m or 20/h)";
    if (slash <= 0) {
      throw new UsageException(bad);
    }
    double per;
    switch (text.substring(slash + 1).trim()) {
      case "s":
        per = 1;
        break;
      case "m":
      case "min":
        per = 60;
        break;
      case "h":
        per = 3600;
        break;
      case "d":
        per = 86400;
        break;
      default:
        throw new UsageException(bad);
    }
    double n;
    try {
      n = Double.parseDouble(text.substring(0, slash).trim());
    } catch (NumberFormatException e) {
      throw new UsageException(bad);
    }
    if (!(n > 0) || Double.isInfinite(n)) {
      throw new UsageException(bad);
    }
    return n / per;
  }

  List<AlertTier> tiers() {
    TierChoice choice = TierChoice.of(strategy.equals("budget-share") ? AlertTiers.Strategy.BUDGET_SHARE : AlertTiers.Strategy.SCALED_WINDOWS, period);
    note = choice.note();
    return choice.tiers();
  }

  String run() {
    List<AlertTier> tiers = tiers();
    return json ? json(tiers) : text(tiers);
  }

  private Long totalEvents() {
    return ratePerSecond == null ? null : Math.round(ratePerSecond * period.toSeconds());
  }

  private String text(List<AlertTier> tiers) {
    StringBuilder sb = new StringBuilder();
    Duration budgetTime = ErrorBudget.budgetTime(objective, period);
    sb.append("SLO ").append(objective).append(" over ").append(DurationFormat.format(period)).append('\n');
    sb.append('\n');
    sb.append("Error budget\n");
    sb.append(String.format(Locale.ROOT, "  %-22s %s of events%n", "budget", pct(objective.errorBudget())));
    sb.append(
        String.format(
            Locale.ROOT,
            "  %-22s %s (%s minutes)%n",
            "bad time allowed",
            DurationFormat.format(budgetTime),
            num(budgetTime.toNanos() / 60e9)));
    Long total = totalEvents();
    if (total != null) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-22s %s of %,d events (at %s)%n",
              "bad events allowed",
              num(ErrorBudget.allowedBadEvents(objective, total)),
              total,
              rateText));
    }
    sb.append('\n');
    sb.append("Burn rate -> time to exhaust a full budget\n");
    sb.append(String.format(Locale.ROOT, "  %-8s %-13s %s%n", "burn", "error ratio", "exhausted in"));
    for (double burn : burnRates()) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-8s %-13s %s%n",
              num(burn),
              pct(errorRatio(burn)),
              DurationFormat.format(ErrorBudget.timeToExhaustion(burn, period).orElseThrow())));
    }
    sb.append('\n');
    sb.append("Alert tiers (").append(strategy).append(")\n");
    if (note != null) {
      sb.append("  ").append(note).append('\n');
    }
    if (tiers.isEmpty()) {
      return sb.toString();
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "severity",
          "long",
          "short",
          "factor",
          "error ratio >",
          "budget spent",
          "detects a full outage in"
        });
    for (AlertTier t : tiers) {
      Optional<Duration> detection = ErrorBudget.detectionTime(objective, 1.0, t.factor(), t.longWindow());
      rows.add(
          new String[] {
            t.severity().toString(),
            DurationFormat.format(t.longWindow()),
            DurationFormat.format(t.shortWindow()),
            num(t.factor()),
            t.canFire(objective) ? pct(t.errorRatioThreshold(objective)) : "never fires",
            pct(t.budgetShare(period)),
            detection.map(DurationFormat::format).orElse("never")
          });
    }
    // Columns are at least as wide as for the default tiers, wider when a value needs it
    // (scaled windows such as 4d6h51m, a long custom severity).
    int[] widths = {8, 6, 6, 7, 14, 14, 0};
    for (String[] row : rows) {
      for (int i = 0; i < widths.length - 1; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      sb.append(' ');
      for (int i = 0; i < row.length - 1; i++) {
        sb.append(' ').append(row[i]).append(" ".repeat(widths[i] - row[i].length()));
      }
      sb.append(' ').append(row[row.length - 1]).append(System.lineSeparator());
    }
    return sb.toString();
  }

  private String json(List<AlertTier> tiers) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("objective", objective.decimal().toPlainString());
    root.put("objectivePercent", objective.percent());
    root.put("period", DurationFormat.format(period));
    root.put("periodSeconds", period.toSeconds());
    Map<String, Object> budget = new LinkedHashMap<>();
    budget.put("ratio", objective.errorBudgetDecimal().toPlainString());
    Duration budgetTime = ErrorBudget.budgetTime(objective, period);
    budget.put("badTime", DurationFormat.format(budgetTime));
    budget.put("badMinutes", budgetTime.toNanos() / 60e9);
    Long total = totalEvents();
    if (total != null) {
      budget.put("rate", rateText);
      budget.put("totalEvents", total);
      budget.put("badEvents", ErrorBudget.allowedBadEvents(objective, total));
    }
    root.put("budget", budget);
    List<Object> burns = new ArrayList<>();
    for (double burn : burnRates()) {
      Map<String, Object> row = new LinkedHashMap<>();
      Duration exhausted = ErrorBudget.timeToExhaustion(burn, period).orElseThrow();
      row.put("burnRate", burn);
      row.put("errorRatio", errorRatio(burn));
      row.put("exhaustedIn", DurationFormat.format(exhausted));
      row.put("exhaustedInSeconds", exhausted.toNanos() / 1e9);
      burns.add(row);
    }
    root.put("burnRates", burns);
    Map<String, Object> alerting = new LinkedHashMap<>();
    alerting.put("strategy", strategy);
    if (note != null) {
      alerting.put("note", note);
    }
    List<Object> rows = new ArrayList<>();
    for (AlertTier t : tiers) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("severity", t.severity().name());
      row.put("longWindow", DurationFormat.format(t.longWindow()));
      row.put("shortWindow", DurationFormat.format(t.shortWindow()));
      row.put("factor", t.factor());
      row.put("canFire", t.canFire(objective));
      row.put("errorRatioThreshold", t.errorRatioThreshold(objective));
      row.put("budgetShare", t.budgetShare(period));
      row.put(
          "fullOutageDetectionSeconds",
          ErrorBudget.detectionTime(objective, 1.0, t.factor(), t.longWindow())
              .map(d -> (Object) (d.toNanos() / 1e9))
              .orElse(null));
      rows.add(row);
    }
    alerting.put("tiers", rows);
    root.put("alerting", alerting);
    return Json.writeIndented(root);
  }

  private List<Double> burnRates() {
    List<Double> out = new ArrayList<>();
    double max = objective.maxBurnRate();
    for (double b : BURN_RATES) {
      if (b <= max) {
        out.add(b);
      }
    }
    if (out.get(out.size() - 1) < max) {
      out.add(max);
    }
    return out;
  }

  private double errorRatio(double burn) {
    return ErrorBudget.errorRatio(objective, burn);
  }

  private static String num(double v) {
    return BigDecimal.valueOf(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  private static String pct(double fraction) {
    return num(fraction * 100) + "%";
  }
}
