package io.github.slo4j.micrometer.prometheus;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.correction.BudgetCorrection;
import io.github.slo4j.correction.Recurrence;
import io.github.slo4j.micrometer.SloMeterNames;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.Severity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A Prometheus rule file generated from slo4j SLO definitions and their {@link AlertRules}, so that
 * Prometheus computes the fleet-wide view with the same windows, factors, guards and annotations
 * as each process does in-process.
 *
 * <pre>{@code
 * String yaml = PrometheusRules.builder()
 *     .add(slo, rules)
 *     .naming(PrometheusRules.Naming.SLOTH)      // dashboards made for Sloth keep working
 *     .build()
 *     .yaml();                                   // promtool check rules accepts it
 * }</pre>
 *
 * <p>For every SLO one rule group (evaluated in order, so the alerts read this evaluation's ratios)
 * holds, per target:
 *
 * <ul>
 *   <li>one recording rule per window (every tier's long and short window, and the period) for the
 *       error ratio {@code bad ÷ total} over that window, summed across instances from the {@value
 *       SloMeterNames#PROMETHEUS_EVENTS} counters ({@link SloMeterNames}); a window without events
 *       has no sample (no data), never NaN;
 *   <li>metadata: objective, error budget, period in days, current burn rate (the shortest
 *       window's), period burn rate, period budget remaining, and an info series;
 *   <li>one alert per tier, {@value #BURN_ALERT}, firing when both windows' ratios are strictly
 *       above {@code factor × (1 − objective)}, written as an exact decimal, and the long window
 *       holds at least {@link AlertRules#minEvents(Target, AlertTier)} events (and the minimum bad
 *       events), kept firing for {@link AlertRules#keepFiringFor(AlertTier)} ({@code keep_firing_for},
 *       Prometheus 2.42 and later), with the severity, runbook, owner and deep links as annotations.
 * </ul>
 *
 * <p>and one {@value #NO_DATA_ALERT} alert for the SLO when its rules have a no-data alert.
 *
 * <p>What PromQL cannot express, and how the generated rules differ from the in-process monitor:
 * (1) a window the data covers only in part is judged on the data there is, where the monitor
 * projects it to the whole window; (2) the event guards hold a firing alert too (the monitor only
 * checks them before firing); (3) a window without events makes the condition false (the alert
 * resolves after {@code keep_firing_for}), where the monitor keeps its state; (4) suppression (page
 * over ticket) and one notification per incident are Alertmanager's: {@code inhibit_rules} and
 * {@code group_by} over the SLO labels and the severity; (5) a calendar period is a rolling window
 * of its nominal length; (6) the period figures count occurrences whatever the budgeting method;
 * (7) the no-data alert needs traffic within the last period, where the monitor remembers traffic
 * since it started.
 *
 * <p><b>Budget corrections.</b> The scheduled corrections {@linkplain Builder#correction added} for
 * an SLO (those {@linkplain BudgetCorrection#excludedFromAlerting() excluded from alerting}) become
 * one {@value #CORRECTION_ACTIVE_SUFFIX} recording rule each ({@code slo4j:correction:active}, or
 * {@code slo:correction:active} in Sloth's naming), labelled with the SLO and {@code correction}, with
 * a sample of 1 while a window is open and none otherwise, built from {@code time()} alone: a
 * one-off window is {@code vector(time()) >= start < end}; a daily or weekly rule in a zone of a
 * fixed offset (UTC) repeats every {@code 7 × INTERVAL} days, so each of its occurrences in the first
 * such period is {@code ((vector(time()) - first) >= 0) % period < duration}; a rule with {@code
 * COUNT} or {@code UNTIL} of at most {@value #MAX_LISTED} windows is the list of its one-off windows.
 * A burn-rate alert is then {@code unless} a correction was active within its short window (so the
 * window's bad events, which Prometheus's counters still hold, cannot page once it closes either),
 * and the no-data alert {@code unless} one is active now. What PromQL cannot express is written as a
 * YAML comment in the group instead, saying why: a zone with daylight-saving changes (PromQL's time
 * functions are UTC and have no zone rules), a monthly rule (months differ in length), and a finite
 * rule of more windows. The ratio and budget rules are not corrected: the counters hold the
 * window's events, and only the in-process {@code CorrectedReader} excludes them.
 *
 * <p>Immutable and thread-safe; the YAML is written without a YAML library.
 */
public final class PrometheusRules {
  /** The name of the burn-rate alerts, one per tier, told apart by their window labels. */
  public static final String BURN_ALERT = "SloErrorBudgetBurn";

  /** The name of the no-data alert. */
  public static final String NO_DATA_ALERT = "SloNoData";

  /** The name of the recording rule of open correction windows, after the naming's prefix. */
  public static final String CORRECTION_ACTIVE_SUFFIX = "correction:active";

  /** The most windows of a finite recurrence listed one by one. */
  static final int MAX_LISTED = 64;
  /** The most occurrences of a daily or weekly rule in one repeating period. */
  private static final int MAX_RESIDUES = 31;

  /** The names and labels of the generated series. */
  public enum Naming {
    /**
     * slo4j's own: {@code slo4j:error_ratio:rate<window>}, {@code slo4j:objective:ratio}, ...; labels
     * {@code service}, {@code slo}, {@code target} (the counters' tags), {@code window}, {@code
     * severity}.
     */
    SLO4J,
    /**
     * Sloth's (v0.16), so that dashboards made for Sloth keep working: {@code
     * slo:sli_error:ratio_rate<window>}, {@code slo:objective:ratio}, {@code slo:error_budget:ratio},
     * {@code slo:time_period:days}, {@code slo:current_burn_rate:ratio}, {@code
     * slo:period_burn_rate:ratio}, {@code slo:period_error_budget_remaining:ratio}, {@code
     * sloth_slo_info}; labels {@code sloth_id} ({@code <service>-<slo>}), {@code sloth_service},
     * {@code sloth_slo} (the SLO id, with {@code -<target>} for an SLO of several targets), {@code
     * sloth_window}, {@code sloth_severity}.
     */
    SLOTH;

    String prefix() {
      return this == SLO4J ? "slo4j:" : "slo:";
    }

    String ratio(Duration window) {
      return (this == SLO4J ? "slo4j:error_ratio:rate" : "slo:sli_error:ratio_rate") + PromDuration.format(window);
    }

    String meta(String name) {
      return prefix() + name;
    }

    String info() {
      return this == SLO4J ? "slo4j_slo_info" : "sloth_slo_info";
    }

    String windowLabel() {
      return this == SLO4J ? "window" : "sloth_window";
    }

    String severityLabel() {
      return this == SLO4J ? "severity" : "sloth_severity";
    }

    String aggregation() {
      return this == SLO4J
          ? "sum by (" + SloMeterNames.TAG_SERVICE + ", " + SloMeterNames.TAG_SLO + ", " + SloMeterNames.TAG_TARGET + ") "
          : "sum ";
    }

    /** The labels that name one target of {@code slo} in this naming. */
    Map<String, String> labels(SloDefinition slo, Target target) {
      Map<String, String> m = new LinkedHashMap<>();
      if (this == SLO4J) {
        m.put(SloMeterNames.TAG_SERVICE, slo.service());
        m.put(SloMeterNames.TAG_SLO, slo.id());
        m.put(SloMeterNames.TAG_TARGET, target.name());
      } else {
        String name = slo.targets().size() == 1 ? slo.id() : slo.id() + "-" + target.name();
        m.put("sloth_id", slo.service() + "-" + name);
        m.put("sloth_service", slo.service());
        m.put("sloth_slo", name);
      }
      return m;
    }

    /** The labels that name {@code slo} as a whole (its no-data alert). */
    Map<String, String> labels(SloDefinition slo) {
      Map<String, String> m = new LinkedHashMap<>();
      if (this == SLO4J) {
        m.put(SloMeterNames.TAG_SERVICE, slo.service());
        m.put(SloMeterNames.TAG_SLO, slo.id());
      } else {
        m.put("sloth_id", slo.service() + "-" + slo.id());
        m.put("sloth_service", slo.service());
        m.put("sloth_slo", slo.id());
      }
      return m;
    }
  }

  private final List<AlertRules> slos;
  private final Naming naming;
  private final Duration evaluationInterval;
  /** Per SLO (by position in {@link #slos}), its scheduled corrections. */
  private final List<List<BudgetCorrection>> corrections;

  private PrometheusRules(
      List<AlertRules> slos, Naming naming, Duration evaluationInterval, List<List<BudgetCorrection>> corrections) {
    this.slos = slos;
    this.naming = naming;
    this.evaluationInterval = evaluationInterval;
    this.corrections = corrections;
  }

  /** A builder: no SLO yet, {@link Naming#SLO4J}, each SLO's groups evaluated at its rules' interval. */
  public static Builder builder() {
    return new Builder();
  }

  /** The naming of the generated series. */
  public Naming naming() {
    return naming;
  }

  /** The rules of each SLO, in the order they were added. */
  public List<AlertRules> rules() {
    return slos;
  }

  /**
   * The interval at which the group of {@code rules} is evaluated: the one set on the builder, else
   * the rules' own {@linkplain AlertRules#evaluationInterval() evaluation interval}.
   */
  public Duration evaluationInterval(AlertRules rules) {
    Objects.requireNonNull(rules, "rules");
    return evaluationInterval != null ? evaluationInterval : rules.evaluationInterval();
  }

  /** The rule file: a {@code groups:} document that {@code promtool check rules} accepts. */
  public String yaml() {
    Yaml y = new Yaml();
    y.line(0, "# Generated by slo4j from its SLO definitions; regenerate rather than edit.");
    y.line(0, "groups:");
    for (AlertRules rules : slos) {
      group(y, rules);
    }
    return y.toString();
  }

  /** {@code PrometheusRules[SLO4J: checkout-availability, ...]}. */
  @Override
  public String toString() {
    List<String> ids = new ArrayList<>();
    slos.forEach(r -> ids.add(r.definition().id()));
    return "PrometheusRules[" + naming + ": " + String.join(", ", ids) + "]";
  }

  /** The scheduled corrections of the SLO of {@code rules}, in the order they were added. */
  public List<BudgetCorrection> corrections(AlertRules rules) {
    int i = slos.indexOf(rules);
    return i < 0 ? List.of() : corrections.get(i);
  }

  private void group(Yaml y, AlertRules rules) {
    SloDefinition slo = rules.definition();
    y.line(1, "- name: " + Yaml.quote("slo4j-" + slo.service() + "-" + slo.id()));
    y.line(2, "interval: " + PromDuration.format(evaluationInterval(rules)));
    y.line(2, "rules:");
    for (Target target : slo.targets()) {
      ratios(y, rules, target);
      metadata(y, rules, target);
    }
    boolean corrected = correctionRules(y, rules);
    for (Target target : slo.targets()) {
      for (AlertTier tier : rules.tiers(target)) {
        burnAlert(y, rules, target, tier, corrected);
      }
    }
    rules.noDataAfter().ifPresent(silence -> noDataAlert(y, rules, silence, corrected));
  }

  /**
   * One {@code correction:active} rule per scheduled correction PromQL can express, a comment for
   * each it cannot; whether there was a rule.
   */
  private boolean correctionRules(Yaml y, AlertRules rules) {
    SloDefinition slo = rules.definition();
    boolean any = false;
    for (BudgetCorrection c : corrections(rules)) {
      if (!c.excludedFromAlerting()) {
        continue;
      }
      List<String> expr = new ArrayList<>();
      String why = activeWhen(c, expr);
      if (why != null) {
        String comment = "correction " + c.id() + " (" + c.schedule() + ") is not expressed: " + why;
        y.line(3, "# " + comment.replace('\n', ' ').replace('\r', ' ')); // a comment is one line
        continue;
      }
      Map<String, String> labels = naming.labels(slo);
      labels.put("correction", c.id());
      record(y, naming.meta(CORRECTION_ACTIVE_SUFFIX), expr, labels);
      any = true;
    }
    return any;
  }

  /**
   * Fills {@code expr} with the PromQL that has a sample of 1 while a window of {@code c} is open;
   * returns null, or why PromQL cannot express it.
   */
  static String activeWhen(BudgetCorrection c, List<String> expr) {
    List<String> terms = new ArrayList<>();
    Optional<Recurrence> rule = c.recurrence();
    if (rule.isEmpty()) {
      long s = c.firstStart().toEpochMilli();
      terms.add(window(s, s + c.duration().toMillis()));
    } else {
      Recurrence r = rule.get();
      if (!c.zone().orElseThrow().getRules().isFixedOffset()) {
        return "its zone " + c.zone().get() + " has daylight-saving changes, and PromQL's time functions know"
            + " only UTC; declare it in UTC or a fixed offset to have it expressed";
      }
      long first = c.firstStart().toEpochMilli();
      long length = c.duration().toMillis();
      if (r.count().isPresent() || r.until().isPresent()) {
        if (r.count().orElse(0) > MAX_LISTED) {
          return "it has more than " + MAX_LISTED + " windows to list";
        }
        // COUNT: an occurrence at least every INTERVAL years whatever the frequency
        long horizon = r.until().map(u -> u.toEpochMilli() + length)
            .orElse(first + Duration.ofDays(366L * r.interval() * (r.count().getAsInt() + 1)).toMillis());
        List<long[]> ws = c.windows(first, horizon);
        if (ws.size() > MAX_LISTED) {
          return "it has more than " + MAX_LISTED + " windows to list";
        }
        ws.forEach(w -> terms.add(window(w[0], w[1])));
      } else if (r.frequency() == Recurrence.Frequency.MONTHLY) {
        return "a monthly rule does not repeat in a fixed number of seconds";
      } else {
        long period = Duration.ofDays(7L * r.interval()).toMillis();
        if (length >= period) {
          return "its windows last as long as the rule's period";
        }
        List<long[]> ws = c.windows(first, first + period);
        if (ws.size() > MAX_RESIDUES) {
          return "it has more than " + MAX_RESIDUES + " windows in " + PromDuration.format(Duration.ofMillis(period));
        }
        for (long[] w : ws) {
          terms.add("((vector(time()) - " + seconds(w[0]) + ") >= 0) % " + seconds(period) + " < " + seconds(length));
        }
      }
    }
    if (terms.isEmpty()) {
      return "it has no window";
    }
    expr.add("(");
    for (int i = 0; i < terms.size(); i++) {
      expr.add("  " + (i > 0 ? "or " : "") + "(" + terms.get(i) + ")");
    }
    expr.add(") * 0 + 1");
    return null;
  }

  /** {@code vector(time()) >= start < end}, in seconds. */
  private static String window(long startMillis, long endMillis) {
    return "vector(time()) >= " + seconds(startMillis) + " < " + seconds(endMillis);
  }

  /** Milliseconds as exact decimal seconds. */
  private static String seconds(long millis) {
    return decimal(BigDecimal.valueOf(millis, 3));
  }

  /** {@code <prefix>correction:active{<the SLO's labels>}}. */
  private String active(SloDefinition slo) {
    return naming.meta(CORRECTION_ACTIVE_SUFFIX) + matchers(naming.labels(slo));
  }

  /** Every window the target's rules read: the tiers' windows and the period, shortest first. */
  private static TreeSet<Duration> windows(AlertRules rules, Target target) {
    TreeSet<Duration> windows = new TreeSet<>();
    for (AlertTier t : rules.tiers(target)) {
      windows.add(t.longWindow());
      windows.add(t.shortWindow());
    }
    windows.add(rules.definition().period().nominalLength());
    return windows;
  }

  private void ratios(Yaml y, AlertRules rules, Target target) {
    SloDefinition slo = rules.definition();
    String all = selector(slo, target, null);
    String bad = selector(slo, target, SloMeterNames.BAD);
    for (Duration w : windows(rules, target)) {
      String range = "[" + PromDuration.format(w) + "]";
      Map<String, String> labels = naming.labels(slo, target);
      labels.put(naming.windowLabel(), PromDuration.format(w));
      record(
          y,
          naming.ratio(w),
          List.of(
              naming.aggregation() + "(increase(" + bad + range + "))",
              "/",
              "(" + naming.aggregation() + "(increase(" + all + range + ")) > 0)"),
          labels);
    }
  }

  private void metadata(Yaml y, AlertRules rules, Target target) {
    SloDefinition slo = rules.definition();
    Map<String, String> labels = naming.labels(slo, target);
    String budget = decimal(target.objective().errorBudgetDecimal());
    Duration period = slo.period().nominalLength();
    String days = decimal(BigDecimal.valueOf(period.toMillis()).divide(BigDecimal.valueOf(Duration.ofDays(1).toMillis())));
    String own = matchers(labels);
    String noWindow = "max without (" + naming.windowLabel() + ") ";
    record(y, naming.meta("objective:ratio"), List.of("vector(" + decimal(target.objective().decimal()) + ")"), labels);
    record(y, naming.meta("error_budget:ratio"), List.of("vector(" + budget + ")"), labels);
    record(y, naming.meta("time_period:days"), List.of("vector(" + days + ")"), labels);
    record(
        y,
        naming.meta("current_burn_rate:ratio"),
        List.of(noWindow + "(" + naming.ratio(windows(rules, target).first()) + own + ") / " + budget),
        labels);
    record(
        y,
        naming.meta("period_burn_rate:ratio"),
        List.of(noWindow + "(" + naming.ratio(period) + own + ") / " + budget),
        labels);
    record(
        y,
        naming.meta("period_error_budget_remaining:ratio"),
        List.of("1 - " + naming.meta("period_burn_rate:ratio") + own),
        labels);
    Map<String, String> info = new LinkedHashMap<>(labels);
    info.put(naming == Naming.SLO4J ? "objective" : "sloth_objective", target.objective().percent());
    if (naming == Naming.SLOTH) {
      info.put("sloth_mode", "slo4j");
    }
    record(y, naming.info(), List.of("vector(1)"), info);
  }

  private void burnAlert(Yaml y, AlertRules rules, Target target, AlertTier tier, boolean corrected) {
    SloDefinition slo = rules.definition();
    String own = matchers(naming.labels(slo, target));
    String threshold = decimal(BigDecimal.valueOf(tier.factor()).multiply(target.objective().errorBudgetDecimal()));
    String noWindow = "max without (" + naming.windowLabel() + ") ";
    String longRange = "[" + PromDuration.format(tier.longWindow()) + "]";
    List<String> expr = new ArrayList<>();
    expr.add(noWindow + "(" + naming.ratio(tier.longWindow()) + own + " > " + threshold + ")");
    expr.add("and on ()");
    expr.add(noWindow + "(" + naming.ratio(tier.shortWindow()) + own + " > " + threshold + ")");
    expr.add("and on ()");
    expr.add("sum(increase(" + selector(slo, target, null) + longRange + ")) >= " + rules.minEvents(target, tier));
    if (rules.minBadEvents() > 0) {
      expr.add("and on ()");
      expr.add("sum(increase(" + selector(slo, target, SloMeterNames.BAD) + longRange + ")) >= " + rules.minBadEvents());
    }
    if (corrected) {
      expr.add("unless on ()");
      expr.add("max_over_time(" + active(slo) + "[" + PromDuration.format(tier.shortWindow()) + "])");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(naming.severityLabel(), tier.severity().name());
    labels.put("long_window", PromDuration.format(tier.longWindow()));
    labels.put("short_window", PromDuration.format(tier.shortWindow()));
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(
        "summary",
        "[" + tier.severity() + "] " + slo.service() + "/" + slo.id() + " " + target.name() + ": burn rate above "
            + factor(tier.factor()) + " over " + PromDuration.format(tier.longWindow()) + " and "
            + PromDuration.format(tier.shortWindow()));
    links(annotations, rules, target, tier.severity(), tier.longWindow());
    Duration keep = rules.keepFiringFor(tier);
    alert(y, BURN_ALERT, expr, keep.isZero() ? null : keep, labels, annotations);
  }

  private void noDataAlert(Yaml y, AlertRules rules, Duration silence, boolean corrected) {
    SloDefinition slo = rules.definition();
    String all = selectorOfSlo(slo);
    String s = "[" + PromDuration.format(silence) + "]";
    String p = "[" + PromDuration.format(slo.period().nominalLength()) + "]";
    List<String> expr = new ArrayList<>(List.of(
        "(",
        "  sum(increase(" + all + s + ")) == 0",
        "  or on ()",
        "  sum(absent_over_time(" + all + s + "))",
        ")",
        "and on ()",
        "sum(increase(" + all + p + ")) > 0"));
    if (corrected) {
      expr.add("unless on ()");
      expr.add(active(slo));
    }
    Map<String, String> labels = new LinkedHashMap<>(naming.labels(slo));
    labels.put(naming.severityLabel(), rules.noDataSeverity().name());
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(
        "summary",
        "[" + rules.noDataSeverity() + "] " + slo.service() + "/" + slo.id() + ": no traffic for "
            + PromDuration.format(silence));
    links(annotations, rules, slo.targets().get(0), rules.noDataSeverity(), silence);
    alert(y, NO_DATA_ALERT, expr, null, labels, annotations);
  }

  /** The runbook, its owner and the deep links, filled in as the monitor fills them in. */
  private static void links(
      Map<String, String> annotations, AlertRules rules, Target target, Severity severity, Duration window) {
    SloDefinition slo = rules.definition();
    Map<String, String> values = Map.of(
        "service", slo.service(),
        "slo", slo.id(),
        "target", target.name(),
        "severity", severity.name(),
        "window", PromDuration.format(window));
    Optional<String> runbook = rules.runbook(severity);
    runbook.ifPresent(r -> annotations.put("runbook_url", LinkExpansion.expand(r, values, window)));
    rules.owner(severity).ifPresent(o -> annotations.put("owner", o));
    rules.linkTemplates().forEach((name, text) -> {
      if (!name.equals("runbook")) {
        annotations.put(name, LinkExpansion.expand(text, values, window));
      }
    });
  }

  private static void record(Yaml y, String name, List<String> expr, Map<String, String> labels) {
    y.line(3, "- record: " + name);
    y.block(4, "expr", expr);
    y.map(4, "labels", labels);
  }

  private static void alert(
      Yaml y, String name, List<String> expr, Duration keep, Map<String, String> labels, Map<String, String> annotations) {
    y.line(3, "- alert: " + name);
    y.block(4, "expr", expr);
    if (keep != null) {
      y.line(4, "keep_firing_for: " + PromDuration.format(keep));
    }
    y.map(4, "labels", labels);
    y.map(4, "annotations", annotations);
  }

  /** {@code slo_events_total{service="s",slo="id",target="t"[,outcome="bad"]}}. */
  private static String selector(SloDefinition slo, Target target, String outcome) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(SloMeterNames.TAG_SERVICE, slo.service());
    m.put(SloMeterNames.TAG_SLO, slo.id());
    m.put(SloMeterNames.TAG_TARGET, target.name());
    if (outcome != null) {
      m.put(SloMeterNames.TAG_OUTCOME, outcome);
    }
    return SloMeterNames.PROMETHEUS_EVENTS + matchers(m);
  }

  private static String selectorOfSlo(SloDefinition slo) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(SloMeterNames.TAG_SERVICE, slo.service());
    m.put(SloMeterNames.TAG_SLO, slo.id());
    return SloMeterNames.PROMETHEUS_EVENTS + matchers(m);
  }

  /** {@code {a="x",b="y"}}, values escaped as PromQL strings. */
  static String matchers(Map<String, String> labels) {
    StringBuilder sb = new StringBuilder("{");
    labels.forEach((k, v) -> {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(k).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    });
    return sb.append('}').toString();
  }

  /** An exact decimal without exponent or trailing zeros: {@code 0.0144}. */
  static String decimal(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  private static String factor(double f) {
    return decimal(BigDecimal.valueOf(f));
  }

  /** Builds {@link PrometheusRules}. Not thread-safe; build once, share the result. */
  public static final class Builder {
    private final List<AlertRules> slos = new ArrayList<>();
    private final List<List<BudgetCorrection>> corrections = new ArrayList<>();
    private Naming naming = Naming.SLO4J;
    private Duration evaluationInterval;

    private Builder() {}

    /**
     * Adds an SLO and the rules it alerts with.
     *
     * @throws IllegalArgumentException when {@code rules} are not rules of {@code slo}, or an SLO of
     *     the same service and id was added before
     */
    public Builder add(SloDefinition slo, AlertRules rules) {
      Objects.requireNonNull(slo, "slo");
      Objects.requireNonNull(rules, "rules");
      if (rules.definition() != slo) {
        throw new IllegalArgumentException(
            "rules: the rules of " + rules.definition().id() + " (expected rules built for SLO " + slo.id() + ")");
      }
      for (AlertRules r : slos) {
        if (r.definition().id().equals(slo.id()) && r.definition().service().equals(slo.service())) {
          throw new IllegalArgumentException(
              "slo: " + slo.service() + "/" + slo.id() + " (expected each SLO once; it was added before)");
        }
      }
      slos.add(rules);
      corrections.add(new ArrayList<>());
      return this;
    }

    /**
     * Adds a scheduled correction of {@code slo}: its windows become a {@value
     * PrometheusRules#CORRECTION_ACTIVE_SUFFIX} rule and the SLO's alerts are {@code unless} it is active, where
     * PromQL can express it (see {@link PrometheusRules}); a YAML comment says why not otherwise. A
     * {@linkplain BudgetCorrection.Builder#budgetOnly() budget-only} correction (a fire drill's) suppresses
     * nothing and is left out.
     *
     * @throws IllegalArgumentException when {@code slo} was not added, or a correction of the same
     *     id was added for it
     */
    public Builder correction(SloDefinition slo, BudgetCorrection correction) {
      Objects.requireNonNull(slo, "slo");
      Objects.requireNonNull(correction, "correction");
      for (int i = 0; i < slos.size(); i++) {
        if (slos.get(i).definition() == slo) {
          for (BudgetCorrection c : corrections.get(i)) {
            if (c.id().equals(correction.id())) {
              throw new IllegalArgumentException(
                  "correction: " + correction.id() + " (expected each correction of " + slo.id() + " once; it was added before)");
            }
          }
          corrections.get(i).add(correction);
          return this;
        }
      }
      throw new IllegalArgumentException(
          "slo: " + slo.service() + "/" + slo.id() + " (expected an SLO added before its corrections: add(slo, rules))");
    }

    /** Adds the SLO of {@code rules}: {@code add(rules.definition(), rules)}. */
    public Builder add(AlertRules rules) {
      Objects.requireNonNull(rules, "rules");
      return add(rules.definition(), rules);
    }

    /** The naming of the generated series ({@link Naming#SLO4J} by default). */
    public Builder naming(Naming naming) {
      this.naming = Objects.requireNonNull(naming, "naming");
      return this;
    }

    /**
     * The interval of every rule group, instead of each SLO's {@linkplain
     * AlertRules#evaluationInterval() rules' evaluation interval}: a whole number of seconds, at
     * least 1 s. Alerts fire and resolve at evaluations, so an interval longer than the rules' own
     * delays them by up to one interval.
     */
    public Builder evaluationInterval(Duration interval) {
      Objects.requireNonNull(interval, "evaluation interval");
      if (interval.isNegative() || interval.isZero() || interval.toNanos() % 1_000_000_000L != 0) {
        throw new IllegalArgumentException(
            "evaluation interval: " + PromDuration.describe(interval) + " (expected a whole number of seconds, at least 1s)");
      }
      this.evaluationInterval = interval;
      return this;
    }

    /**
     * The rules.
     *
     * @throws IllegalStateException when no SLO was added
     */
    public PrometheusRules build() {
      if (slos.isEmpty()) {
        throw new IllegalStateException("slos: none (expected at least one SLO; add(slo, rules))");
      }
      List<List<BudgetCorrection>> cs = new ArrayList<>();
      corrections.forEach(c -> cs.add(List.copyOf(c)));
      return new PrometheusRules(List.copyOf(slos), naming, evaluationInterval, List.copyOf(cs));
    }
  }
}
