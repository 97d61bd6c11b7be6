package io.github.slo4j.spring;

import io.github.slo4j.ChangeMarker;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.WindowReader;
import io.github.slo4j.monitor.Alert;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.PeriodBudget;
import io.github.slo4j.monitor.PolicyDecision;
import io.github.slo4j.monitor.ReleaseDecision;
import io.github.slo4j.monitor.SloHealth;
import io.github.slo4j.monitor.SloMonitor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * Renders SLO state as plain maps and lists for the actuator's JSON. No NaN and no null: a value
 * that does not exist (a ratio without events) is left out, and {@code hasData} says why.
 */
final class SloViews {
  private SloViews() {}

  /** One SLO (or one group of a grouped SLO) as of its monitor's last evaluation. */
  static Map<String, Object> slo(SloMonitor monitor, WindowReader reader) {
    SloDefinition d = monitor.definition();
    SloHealth health = monitor.health();
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", d.id());
    monitor.groupKey().ifPresent(g -> v.put("group", g));
    v.put("service", d.service());
    v.put("sli", d.sli().toString());
    v.put("objective", d.objective().percent() + "%");
    v.put("period", period(d.period()));
    d.owner().ifPresent(o -> v.put("owner", o));
    d.runbook().ifPresent(r -> v.put("runbook", r.toString()));
    v.put("asOf", health.at().toString());
    v.put("hasData", health.hasData());
    put(v, "burnRate", health.burnRate());
    v.put("burnWindow", duration(health.burnWindow()));
    put(v, "budgetRemaining", health.budgetRemaining());
    List<Object> targets = new ArrayList<>();
    for (Target t : d.targets()) {
      targets.add(target(monitor, reader, t));
    }
    v.put("targets", targets);
    List<Object> alerts = new ArrayList<>();
    for (Alert a : monitor.activeAlerts()) {
      alerts.add(alert(a));
    }
    v.put("activeAlerts", alerts);
    v.put("frozen", monitor.frozen());
    monitor.policy().ifPresent(p -> v.put("policy", p.id() + " v" + p.version()));
    List<Object> decisions = new ArrayList<>();
    for (PolicyDecision p : monitor.enforcementHistory()) {
      decisions.add(decision(p));
    }
    v.put("decisions", decisions);
    v.put("problems", health.problems());
    return v;
  }

  private static Map<String, Object> target(SloMonitor monitor, WindowReader reader, Target t) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("target", t.name());
    v.put("objective", t.objective().percent() + "%");
    t.latencyThreshold().ifPresent(l -> v.put("threshold", duration(l)));
    TreeSet<Duration> windows = new TreeSet<>();
    for (AlertTier tier : monitor.rules().tiers(t)) {
      windows.add(tier.shortWindow());
      windows.add(tier.longWindow());
    }
    List<Object> ws = new ArrayList<>();
    for (Duration w : windows) {
      WindowCounts c = reader.window(t, w);
      Map<String, Object> wv = new LinkedHashMap<>();
      wv.put("window", duration(w));
      wv.put("good", c.good());
      wv.put("bad", c.bad());
      wv.put("total", c.total());
      wv.put("covered", duration(c.covered()));
      put(wv, "errorRatio", c.errorRatio());
      put(wv, "burnRate", c.burnRate(t.objective()));
      ws.add(wv);
    }
    v.put("windows", ws);
    PeriodBudget b = monitor.health().budgets().get(t.name());
    if (b != null) {
      Map<String, Object> bv = new LinkedHashMap<>();
      bv.put("good", b.good());
      bv.put("bad", b.bad());
      bv.put("total", b.total());
      bv.put("covered", duration(b.covered()));
      put(bv, "consumed", b.consumed());
      put(bv, "remaining", b.remaining());
      put(bv, "projectedRemaining", b.projectedRemaining());
      v.put("budget", bv);
    }
    return v;
  }

  static Map<String, Object> alert(Alert a) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", a.id());
    v.put("severity", a.severity().name());
    v.put("target", a.target().name());
    v.put("state", a.state().name().toLowerCase(java.util.Locale.ROOT));
    v.put("at", a.at().toString());
    v.put("summary", a.summary());
    a.runbook().ifPresent(r -> v.put("runbook", r.toString()));
    a.owner().ifPresent(o -> v.put("owner", o));
    Map<String, String> links = new LinkedHashMap<>();
    a.links().forEach((k, u) -> links.put(k, u.toString()));
    v.put("links", links);
    List<String> changes = new ArrayList<>();
    a.changes().forEach(c -> changes.add(c.toString()));
    v.put("changes", changes);
    return v;
  }

  static Map<String, Object> decision(PolicyDecision p) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
    v.put("policy", p.policyId() + " v" + p.policyVersion());
    v.put("clause", p.clause());
    v.put("target", p.target().name());
    v.put("at", p.at().toString());
    v.put("message", p.message());
    return v;
  }

  static Map<String, Object> change(ChangeMarker c) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("kind", c.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    v.put("name", c.name());
    v.put("version", c.version());
    v.put("at", c.at().toString());
    v.put("category", c.category().name().toLowerCase(java.util.Locale.ROOT));
    return v;
  }

  /** The release gate over every SLO: allowed when every SLO allows the change. */
  static Map<String, Object> gate(ChangeMarker change, List<ReleaseDecision> decisions) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("change", change.toString());
    boolean allowed = decisions.stream().allMatch(ReleaseDecision::allowed);
    v.put("allowed", allowed);
    List<String> reasons = new ArrayList<>();
    decisions.stream().filter(d -> !d.allowed()).forEach(d -> reasons.add(d.reason()));
    decisions.stream().filter(ReleaseDecision::allowed).forEach(d -> reasons.add(d.reason()));
    if (decisions.isEmpty()) {
      reasons.add("no SLO is tracked");
    }
    v.put("reasons", reasons);
    return v;
  }

  /** The summary of {@code health} that info and health show. */
  static Map<String, Object> summary(List<SloHealth> health) {
    SloHealth.Summary s = SloHealth.summarize(health);
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("slos", health.size());
    v.put("burning", s.burning());
    v.put("frozen", s.frozen());
    v.put("noData", s.noData());
    put(v, "averageBudgetRemaining", s.averageBudgetRemaining());
    return v;
  }

  private static void put(Map<String, Object> v, String key, OptionalDouble value) {
    if (value.isPresent()) {
      v.put(key, value.getAsDouble());
    }
  }

  static String period(CompliancePeriod p) {
    return p instanceof CompliancePeriod.Rolling r ? duration(r.length()) : p.toString();
  }

  /** {@code 5m}, {@code 1h}, {@code 30d}, {@code 1h30m}, {@code 10s}, {@code 250ms}. */
  static String duration(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long days = d.toDays();
    Duration rest = d.minusDays(days);
    if (days > 0) {
      sb.append(days).append('d');
    }
    if (rest.toHoursPart() > 0) {
      sb.append(rest.toHoursPart()).append('h');
    }
    if (rest.toMinutesPart() > 0) {
      sb.append(rest.toMinutesPart()).append('m');
    }
    if (rest.toSecondsPart() > 0) {
      sb.append(rest.toSecondsPart()).append('s');
    }
    if (rest.toMillisPart() > 0) {
      sb.append(rest.toMillisPart()).append("ms");
    }
    return sb.length() == 0 ? d.toString() : sb.toString();
  }
}
