package io.github.slo4j.cli;

import io.github.slo4j.ErrorBudget;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.PeriodBudget;
import io.github.slo4j.monitor.PolicyDecision;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code replay} prints: the alert timeline with detection delays, the policy decisions and a
 * summary per tier, as text or as JSON.
 */
final class Timeline {
  private final SloDefinition slo;
  private final TrafficFile.Series series;
  private final Simulation.Outcome o;
  private final String policy;

  Timeline(SloDefinition slo, TrafficFile.Series series, Simulation.Outcome o, String policy) {
    this.slo = slo;
    this.series = series;
    this.o = o;
    this.policy = policy;
  }

  /**
   * How long after the first bad stretch the incident fired. A single 10 s interval cannot tell a
   * burn of 1 from noise (one bad request in 200 is a burn of 5 at 99.9 %), so intervals are taken in
   * stretches long enough to expect {@value #EXPECTED_BAD} bad events at the tier's threshold; the
   * first stretch (since the last resolve of the same alert, within the tier's long window) whose
   * burn rate is above the tier's factor, on a walk back from the fire that stops where the burn
   * since then falls to the factor, is where the incident started. Empty for an alert without a tier
   * (no data) or when no stretch was that bad.
   */
  Optional<Delay> detectionDelay(Simulation.Incident inc) {
    if (inc.tier == null) {
      return Optional.empty();
    }
    int t = targetIndex(inc.target);
    Target target = slo.targets().get(t);
    long iv = series.intervalMillis;
    int firedAt = (int) Math.min(series.intervals(), (inc.fired.toEpochMilli() - series.startMillis) / iv); // exclusive
    int from = Math.max(0, firedAt - (int) (inc.tier.longWindow().toMillis() / iv));
    for (Simulation.Incident earlier : o.incidents) {
      if (earlier != inc && earlier.target.equals(inc.target) && earlier.severity.equals(inc.severity)
          && earlier.resolved != null && !earlier.resolved.isAfter(inc.fired)) {
        from = Math.max(from, (int) ((earlier.resolved.toEpochMilli() - series.startMillis) / iv));
      }
    }
    long events = 0;
    for (int k = from; k < firedAt; k++) {
      events += series.total[t][k];
    }
    if (events == 0) {
      return Optional.empty();
    }
    double threshold = inc.tier.factor() * target.objective().errorBudget();
    double perInterval = (double) events / (firedAt - from);
    int stretch = (int) Math.max(1, Math.ceil(EXPECTED_BAD / (threshold * perInterval)));
    // Walk back from the fire, stretch by stretch, while the burn from there to the fire stays above
    // the factor: the earliest bad stretch on that walk is where this burn began. (A step from clean
    // to a burn B fires a tier when the burn since the step exceeds its factor; walking back past the
    // step dilutes it below the factor soon after.)
    Delay found = null;
    long good = 0;
    long total = 0;
    for (int end = firedAt; end > from; end -= stretch) {
      int k = Math.max(from, end - stretch);
      long g = 0;
      long n = 0;
      for (int j = k; j < end; j++) {
        g += series.good[t][j];
        n += series.total[t][j];
      }
      good += g;
      total += n;
      if (total > 0 && burn(target, good, total) <= inc.tier.factor()) {
        break;
      }
      if (n > 0 && burn(target, g, n) > inc.tier.factor()) {
        found = new Delay(Duration.ofMillis(inc.fired.toEpochMilli() - (series.startMillis + k * iv)),
            Duration.ofMillis(stretch * iv));
      }
    }
    return Optional.ofNullable(found);
  }

  private static double burn(Target target, long good, long total) {
    return ErrorBudget.burnRate(target.objective(), (double) (total - good) / total);
  }

  /** Bad events a stretch should expect at the tier's threshold, so that noise rarely passes it. */
  static final int EXPECTED_BAD = 10;

  /** A detection delay and the length of the stretches it was measured in. */
  record Delay(Duration delay, Duration resolution) {
    @Override
    public String toString() {
      return DurationFormat.format(delay) + " after the first " + DurationFormat.format(resolution)
          + " stretch above the tier's factor";
    }
  }

  private int targetIndex(String name) {
    List<Target> targets = slo.targets();
    for (int i = 0; i < targets.size(); i++) {
      if (targets.get(i).name().equals(name)) {
        return i;
      }
    }
    return 0;
  }

  String text() {
    StringBuilder sb = new StringBuilder();
    sb.append("Alert timeline (times from the start, ").append(o.start).append(")\n");
    if (o.transitions.isEmpty()) {
      sb.append("  no alert fired\n");
    }
    for (AlertTransition t : o.transitions) {
      if (!t.notifies()) {
        continue;
      }
      sb.append("  ").append(pad(offset(t.at()), 12)).append(' ').append(t.to() == AlertState.FIRING ? "FIRING " : "")
          .append(t.alert().summary()).append('\n');
      if (t.to() == AlertState.FIRING) {
        for (Simulation.Incident inc : o.incidents) {
          if (inc.fired.equals(t.at()) && inc.target.equals(t.alert().target().name())
              && inc.severity.equals(t.alert().severity().toString())) {
            detectionDelay(inc).ifPresent(d -> sb.append("  ").append(pad("", 13)).append("detected ").append(d).append('\n'));
          }
        }
      }
    }
    sb.append('\n').append("Policy decisions (").append(policy).append(")\n");
    if (o.decisions.isEmpty()) {
      sb.append("  none\n");
    }
    for (PolicyDecision d : o.decisions) {
      sb.append("  ").append(pad(offset(d.at()), 12)).append(' ').append(d.clause()).append(' ')
          .append(d.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')).append(": ").append(d.message()).append('\n');
    }
    sb.append('\n').append("Summary per tier\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"tier", "fired", "firing time", "notifications per incident"});
    for (Map.Entry<String, List<Simulation.Incident>> e : byTier().entrySet()) {
      List<Simulation.Incident> list = e.getValue();
      Duration firing = Duration.ZERO;
      int notes = 0;
      for (Simulation.Incident inc : list) {
        firing = firing.plus(inc.firing(o.end));
        notes += inc.notifications;
      }
      rows.add(new String[] {
        e.getKey(), Integer.toString(list.size()), DurationFormat.format(firing),
        list.isEmpty() ? "-" : num((double) notes / list.size())
      });
    }
    table(sb, rows);
    sb.append('\n').append("Budget at the end: ").append(budgetAtEnd()).append('\n');
    return sb.toString();
  }

  String budgetAtEnd() {
    if (!o.budgetAtEnd.hasData()) {
      return "no data";
    }
    PeriodBudget b = o.budgetAtEnd;
    String s = pct(b.projectedRemaining().getAsDouble()) + " of the period's budget remaining";
    if (b.covered().compareTo(b.period()) < 0) {
      s += " (projected: " + DurationFormat.format(b.covered()) + " of data, " + pct(b.consumed().getAsDouble())
          + " of the budget for that time spent)";
    }
    return s;
  }

  /** Incidents by the tier that fired them, every tier listed (no data alerts under their own row). */
  Map<String, List<Simulation.Incident>> byTier() {
    Map<String, List<Simulation.Incident>> out = new LinkedHashMap<>();
    for (AlertTier tier : o.tiers) {
      out.put(tier.toString(), new ArrayList<>());
    }
    for (Simulation.Incident inc : o.incidents) {
      String key = inc.tier == null ? inc.severity + " no-data" : inc.tier.toString();
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(inc);
    }
    return out;
  }

  Map<String, Object> json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("slo", slo.id());
    root.put("service", slo.service());
    root.put("start", o.start.toString());
    root.put("end", o.end.toString());
    root.put("intervals", o.intervals);
    root.put("intervalSeconds", o.interval.toMillis() / 1000.0);
    List<Object> transitions = new ArrayList<>();
    for (AlertTransition t : o.transitions) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", t.at().toString());
      m.put("alert", t.alert().id());
      m.put("severity", t.alert().severity().toString());
      m.put("from", t.from().name().toLowerCase(Locale.ROOT));
      m.put("to", t.to().name().toLowerCase(Locale.ROOT));
      m.put("notifies", t.notifies());
      t.alert().longWindow().burnRate().ifPresent(b -> m.put("longWindowBurnRate", b));
      t.alert().shortWindow().burnRate().ifPresent(b -> m.put("shortWindowBurnRate", b));
      t.alert().budgetConsumed().ifPresent(b -> m.put("budgetConsumed", b));
      m.put("summary", t.alert().summary());
      transitions.add(m);
    }
    root.put("transitions", transitions);
    List<Object> incidents = new ArrayList<>();
    for (Simulation.Incident inc : o.incidents) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("target", inc.target);
      m.put("severity", inc.severity);
      m.put("tier", inc.tier == null ? "no-data" : inc.tier.toString());
      m.put("fired", inc.fired.toString());
      m.put("resolved", inc.resolved == null ? null : inc.resolved.toString());
      m.put("firingSeconds", inc.firing(o.end).toMillis() / 1000.0);
      m.put("notifications", inc.notifications);
      detectionDelay(inc).ifPresent(d -> {
        m.put("detectionDelaySeconds", d.delay().toMillis() / 1000.0);
        m.put("detectionResolutionSeconds", d.resolution().toMillis() / 1000.0);
      });
      inc.budgetConsumedAtFire.ifPresent(b -> m.put("budgetConsumedAtFire", b));
      inc.episodeSpent.ifPresent(b -> m.put("episodeBudgetSpent", b));
      incidents.add(m);
    }
    root.put("incidents", incidents);
    List<Object> decisions = new ArrayList<>();
    for (PolicyDecision d : o.decisions) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", d.at().toString());
      m.put("clause", d.clause());
      m.put("kind", d.kind().name().toLowerCase(Locale.ROOT));
      m.put("message", d.message());
      decisions.add(m);
    }
    root.put("decisions", decisions);
    Map<String, Object> budget = new LinkedHashMap<>();
    budget.put("hasData", o.budgetAtEnd.hasData());
    o.budgetAtEnd.remaining().ifPresent(v -> budget.put("remaining", v));
    o.budgetAtEnd.consumed().ifPresent(v -> budget.put("consumed", v));
    root.put("budgetAtEnd", budget);
    return root;
  }

  private String offset(Instant at) {
    return "+" + DurationFormat.format(Duration.between(o.start, at));
  }

  static void table(StringBuilder sb, List<String[]> rows) {
    int cols = rows.get(0).length;
    int[] widths = new int[cols];
    for (String[] row : rows) {
      for (int i = 0; i < cols; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      sb.append(' ');
      for (int i = 0; i < cols; i++) {
        sb.append(' ').append(i == cols - 1 ? row[i] : pad(row[i], widths[i]));
      }
      sb.append('\n');
    }
  }

  static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  static String num(double v) {
    return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }

  static String pct(double fraction) {
    return num(fraction * 100) + "%";
  }

}
