package io.github.slo4j.openslo;

import io.github.slo4j.BudgetingMethod;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTier;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.StreamDataWriter;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Writes slo4j definitions as OpenSLO v1 documents. Stateless. */
final class Writer {
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  /** The date a written calendar window starts from: a Monday, the first of a month. */
  private static final LocalDate EPOCH = LocalDate.of(2024, 1, 1);

  private Writer() {}

  /** One SLO's documents: the definitions of one OpenSLO SLO (one, or one per objective). */
  static Node slo(OpenSloSlo slo) {
    List<SloDefinition> defs = slo.definitions();
    SloDefinition first = defs.get(0);
    Map<String, Node> metadata = new LinkedHashMap<>();
    metadata.put("name", str(slo.name()));
    if (!slo.displayName().isEmpty()) {
      metadata.put("displayName", str(slo.displayName()));
    }
    if (!slo.labels().isEmpty()) {
      Map<String, Node> labels = new LinkedHashMap<>();
      slo.labels().forEach((k, v) -> labels.put(k, v.size() == 1 ? str(v.get(0)) : seq(v.stream().map(Writer::str).toList())));
      metadata.put("labels", map(labels));
    }
    // slo4j's own annotations from the definition, in the place they were read (or at the end)
    Map<String, String> own = new LinkedHashMap<>();
    first.owner().ifPresent(o -> own.put(Reader.OWNER, o));
    first.runbook().ifPresent(r -> own.put(Reader.RUNBOOK, r.toString()));
    if (!first.links().isEmpty()) {
      own.put(Reader.LINKS, json(first.links()));
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    slo.annotations().forEach((k, v) -> {
      if (!k.startsWith(Reader.ANNOTATION_PREFIX)) {
        annotations.put(k, v);
      } else if (own.containsKey(k)) {
        annotations.put(k, own.get(k));
      }
    });
    annotations.putAll(own);
    if (!annotations.isEmpty()) {
      Map<String, Node> a = new LinkedHashMap<>();
      annotations.forEach((k, v) -> a.put(k, str(v)));
      metadata.put("annotations", map(a));
    }

    Map<String, Node> spec = new LinkedHashMap<>();
    if (!first.description().isEmpty()) {
      spec.put("description", str(first.description()));
    }
    spec.put("service", str(first.service()));
    spec.put("indicator", indicator(slo.indicator()));
    spec.put("timeWindow", seq(List.of(timeWindow(first.period(), slo.startTime))));
    spec.put("budgetingMethod", str(budgetingName(first.budgeting())));
    List<Node> objectives = new ArrayList<>();
    if (first.sli() instanceof Sli.Latency) {
      List<LatencyThreshold> ts = ((Sli.Latency) first.sli()).thresholds();
      for (int i = 0; i < ts.size(); i++) {
        OpenSloSlo.ObjectiveForm form = form(slo, i, "lte");
        Map<String, Node> o = objectiveHead(form);
        o.put("op", str(form.op()));
        o.put("value", num(new BigDecimal(ts.get(i).threshold().toNanos() / 1000).divide(THOUSAND).stripTrailingZeros().toPlainString()));
        objective(o, ts.get(i).objective(), form.percent(), first.budgeting());
        objectives.add(map(o));
      }
    } else {
      for (int i = 0; i < defs.size(); i++) {
        OpenSloSlo.ObjectiveForm form = form(slo, i, "");
        Map<String, Node> o = objectiveHead(form);
        if (!form.op().isEmpty()) {
          o.put("op", str(form.op()));
        }
        objective(o, defs.get(i).objective(), form.percent(), defs.get(i).budgeting());
        objectives.add(map(o));
      }
    }
    spec.put("objectives", seq(objectives));
    if (!slo.alertPolicies().isEmpty()) {
      List<Node> policies = new ArrayList<>();
      slo.alertPolicies().forEach(p -> policies.add(policy(p)));
      spec.put("alertPolicies", seq(policies));
    }
    Map<String, Node> doc = new LinkedHashMap<>();
    doc.put("apiVersion", str(Reader.API_VERSION));
    doc.put("kind", str("SLO"));
    doc.put("metadata", map(metadata));
    doc.put("spec", map(spec));
    return map(doc);
  }

  static Node service(OpenSloService s) {
    Map<String, Node> metadata = new LinkedHashMap<>();
    metadata.put("name", str(s.name()));
    if (!s.displayName().isEmpty()) {
      metadata.put("displayName", str(s.displayName()));
    }
    Map<String, Node> doc = new LinkedHashMap<>();
    doc.put("apiVersion", str(Reader.API_VERSION));
    doc.put("kind", str("Service"));
    doc.put("metadata", map(metadata));
    doc.put("spec", map(s.description().isEmpty() ? Map.of() : Map.of("description", str(s.description()))));
    return map(doc);
  }

  /** The model of a definition written on its own: generated names, tiers from its rules. */
  static OpenSloSlo model(SloDefinition d, AlertRules rules) {
    List<OpenSloAlertPolicy> policies = new ArrayList<>();
    if (rules != null) {
      if (!rules.definition().id().equals(d.id())) {
        throw new IllegalArgumentException(
            "rules: rules of " + rules.definition().id() + " (expected the rules of " + d.id() + ")");
      }
      List<AlertTier> tiers = rules.tiers(d.targets().get(0));
      for (int i = 1; i < d.targets().size(); i++) {
        if (!rules.tiers(d.targets().get(i)).equals(tiers)) {
          throw new IllegalArgumentException(
              "rules: different tiers per target (expected the same tiers for every target: an OpenSLO alert policy"
                  + " applies to every objective of its SLO)");
        }
      }
      for (AlertTier t : tiers) {
        String name = d.id() + "-" + t.severity() + "-" + shorthand("long window", t.longWindow());
        policies.add(new OpenSloAlertPolicy(name, "", "", true, true, false, name, t, List.of()));
      }
      Optional<Duration> noData = rules.noDataAfter();
      if (noData.isPresent()) {
        // a policy that alerts on no data only: its condition's lookback is the silence
        String name = d.id() + "-no-data";
        shorthand("no-data silence", noData.get());
        AlertTier t = AlertTier.of(rules.noDataSeverity(), noData.get(), 1);
        policies.add(new OpenSloAlertPolicy(name, "", "", false, true, true, name, t, List.of()));
      }
    }
    List<OpenSloSlo.ObjectiveForm> forms = new ArrayList<>();
    d.targets().forEach(t -> forms.add(new OpenSloSlo.ObjectiveForm("", d.sli() instanceof Sli.Latency ? "lte" : "", false)));
    OpenSloIndicator indicator = new OpenSloIndicator(
        d.id(), "", "", d.sli() instanceof Sli.Latency ? "thresholdMetric" : "ratioMetric", Map.of(), null);
    return new OpenSloSlo(
        d.id(), "", "slo4j", indicator, List.of(d), rules == null ? List.of() : List.of(rules), policies,
        Map.of(), Map.of(), null, forms);
  }

  static String dump(List<Node> documents) {
    DumpSettings settings = DumpSettings.builder()
        .setDefaultFlowStyle(FlowStyle.BLOCK)
        .setExplicitStart(true)
        .setIndent(2)
        .setIndicatorIndent(2)
        .setIndentWithIndicator(true)
        .setWidth(200)
        .setSchema(new org.snakeyaml.engine.v2.schema.CoreSchema()) // quotes what the reader's schema would not read as text
        .build();
    Dump dump = new Dump(settings);
    StringOut out = new StringOut();
    for (Node n : documents) {
      dump.dumpNode(n, out);
    }
    return out.toString();
  }

  private static final class StringOut extends StringWriter implements StreamDataWriter {
    @Override
    public void flush() {
      // nothing buffered
    }
  }

  private static OpenSloSlo.ObjectiveForm form(OpenSloSlo slo, int i, String op) {
    return i < slo.objectiveForms.size() ? slo.objectiveForms.get(i) : new OpenSloSlo.ObjectiveForm("", op, false);
  }

  private static Map<String, Node> objectiveHead(OpenSloSlo.ObjectiveForm form) {
    Map<String, Node> o = new LinkedHashMap<>();
    if (!form.displayName().isEmpty()) {
      o.put("displayName", str(form.displayName()));
    }
    return o;
  }

  private static void objective(Map<String, Node> o, Objective objective, boolean percent, BudgetingMethod budgeting) {
    if (percent) {
      o.put("targetPercent", num(objective.percent()));
    } else {
      o.put("target", num(objective.decimal().toPlainString()));
    }
    if (budgeting instanceof BudgetingMethod.Timeslices) {
      BudgetingMethod.Timeslices t = (BudgetingMethod.Timeslices) budgeting;
      o.put("timeSliceTarget", num(t.sliceObjective().decimal().toPlainString()));
      o.put("timeSliceWindow", str(shorthand("time slice", t.slice())));
    } else if (budgeting instanceof BudgetingMethod.RatioTimeslices) {
      o.put("timeSliceWindow", str(shorthand("time slice", ((BudgetingMethod.RatioTimeslices) budgeting).slice())));
    }
  }

  private static String budgetingName(BudgetingMethod b) {
    if (b instanceof BudgetingMethod.Timeslices) {
      return "Timeslices";
    }
    return b instanceof BudgetingMethod.RatioTimeslices ? "RatioTimeslices" : "Occurrences";
  }

  private static Node indicator(OpenSloIndicator indicator) {
    Map<String, Node> metadata = new LinkedHashMap<>();
    metadata.put("name", str(indicator.name()));
    if (!indicator.displayName().isEmpty()) {
      metadata.put("displayName", str(indicator.displayName()));
    }
    Map<String, Node> spec = new LinkedHashMap<>();
    if (!indicator.description().isEmpty()) {
      spec.put("description", str(indicator.description()));
    }
    Node metric = indicator.metricNode;
    if (metric == null && indicator.metric().equals("ratioMetric")) {
      // written from slo4j: the events the service records in-process, named by the SLO
      Map<String, Node> ratio = new LinkedHashMap<>();
      ratio.put("counter", bool(true));
      ratio.put("good", source(indicator.name(), "good"));
      ratio.put("total", source(indicator.name(), "total"));
      metric = map(ratio);
    } else if (metric == null) {
      metric = source(indicator.name(), "latency");
    }
    spec.put(indicator.metric(), metric);
    Map<String, Node> out = new LinkedHashMap<>();
    out.put("metadata", map(metadata));
    out.put("spec", map(spec));
    return map(out);
  }

  private static Node source(String slo, String count) {
    Map<String, Node> spec = new LinkedHashMap<>();
    spec.put("slo", str(slo));
    spec.put("count", str(count));
    Map<String, Node> source = new LinkedHashMap<>();
    source.put("type", str("slo4j"));
    source.put("spec", map(spec));
    return map(Map.of("metricSource", map(source)));
  }

  private static Node timeWindow(CompliancePeriod period, String startTime) {
    Map<String, Node> w = new LinkedHashMap<>();
    if (period instanceof CompliancePeriod.Rolling) {
      w.put("duration", str(shorthand("period", period.nominalLength())));
      w.put("isRolling", bool(true));
      return map(w);
    }
    CompliancePeriod.Calendar c = (CompliancePeriod.Calendar) period;
    boolean week = c.unit() == CompliancePeriod.Calendar.Unit.WEEK;
    w.put("duration", str(week ? "1w" : "1M"));
    w.put("isRolling", bool(false));
    String start = startTime;
    if (start == null || (week && !startDay(start).equals(c.firstDayOfWeek()))) {
      LocalDate day = week ? EPOCH.with(TemporalAdjusters.nextOrSame(c.firstDayOfWeek())) : EPOCH;
      start = day + " 00:00:00";
    }
    Map<String, Node> cal = new LinkedHashMap<>();
    cal.put("startTime", str(start));
    cal.put("timeZone", str(c.zone().getId()));
    w.put("calendar", map(cal));
    return map(w);
  }

  private static DayOfWeek startDay(String startTime) {
    return LocalDate.parse(startTime.substring(0, 10)).getDayOfWeek();
  }

  private static Node policy(OpenSloAlertPolicy p) {
    AlertTier t = p.tier();
    Map<String, Node> condition = new LinkedHashMap<>();
    condition.put("kind", str("burnrate"));
    condition.put("op", str("gt"));
    condition.put("threshold", num(BigDecimal.valueOf(t.factor()).stripTrailingZeros().toPlainString()));
    condition.put("lookbackWindow", str(shorthand("long window", t.longWindow())));
    // alertAfter is the short window; absent, it is 1/12 of the lookback, which OpenSLO may not
    // be able to write (2m30s for 30m)
    if (t.shortWindow().toNanos() % Duration.ofMinutes(1).toNanos() == 0
        || !t.equals(AlertTier.of(t.severity(), t.longWindow(), t.factor()))) {
      condition.put("alertAfter", str(shorthand("short window", t.shortWindow())));
    }
    Map<String, Node> conditionSpec = new LinkedHashMap<>();
    conditionSpec.put("severity", str(t.severity().name()));
    conditionSpec.put("condition", map(condition));
    Map<String, Node> conditionDoc = new LinkedHashMap<>();
    conditionDoc.put("kind", str("AlertCondition"));
    conditionDoc.put("metadata", map(Map.of("name", str(p.conditionName()))));
    conditionDoc.put("spec", map(conditionSpec));

    Map<String, Node> spec = new LinkedHashMap<>();
    if (!p.description().isEmpty()) {
      spec.put("description", str(p.description()));
    }
    spec.put("alertWhenBreaching", bool(p.alertWhenBreaching()));
    spec.put("alertWhenResolved", bool(p.alertWhenResolved()));
    spec.put("alertWhenNoData", bool(p.alertWhenNoData()));
    spec.put("conditions", seq(List.of(map(conditionDoc))));
    List<Node> targets = new ArrayList<>();
    for (OpenSloNotificationTarget n : p.notificationTargets()) {
      Map<String, Node> nm = new LinkedHashMap<>();
      nm.put("name", str(n.name()));
      if (!n.displayName().isEmpty()) {
        nm.put("displayName", str(n.displayName()));
      }
      Map<String, Node> ns = new LinkedHashMap<>();
      if (!n.description().isEmpty()) {
        ns.put("description", str(n.description()));
      }
      ns.put("target", str(n.target()));
      Map<String, Node> nd = new LinkedHashMap<>();
      nd.put("kind", str("AlertNotificationTarget"));
      nd.put("metadata", map(nm));
      nd.put("spec", map(ns));
      targets.add(map(nd));
    }
    spec.put("notificationTargets", seq(targets));
    Map<String, Node> metadata = new LinkedHashMap<>();
    metadata.put("name", str(p.name()));
    if (!p.displayName().isEmpty()) {
      metadata.put("displayName", str(p.displayName()));
    }
    Map<String, Node> doc = new LinkedHashMap<>();
    doc.put("kind", str("AlertPolicy"));
    doc.put("metadata", map(metadata));
    doc.put("spec", map(spec));
    return map(doc);
  }

  /**
   * A duration in OpenSLO's shorthand, in the largest of minutes, hours and days that holds it
   * exactly; OpenSLO has no seconds, so a duration that is not a whole number of minutes is refused.
   */
  static String shorthand(String name, Duration d) {
    if (d.isNegative() || d.isZero() || d.toNanos() % Duration.ofMinutes(1).toNanos() != 0) {
      throw new IllegalArgumentException(
          name + ": " + format(d)
              + " (expected a whole number of minutes: OpenSLO durations are written in m, h, d or w)");
    }
    long minutes = d.toMinutes();
    if (minutes % (24 * 60) == 0) {
      return minutes / (24 * 60) + "d";
    }
    return minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
  }

  private static String format(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  private static String json(Map<String, URI> links) {
    StringBuilder sb = new StringBuilder("{");
    links.forEach((k, v) -> sb.append(sb.length() == 1 ? "" : ", ").append(quote(k)).append(": ").append(quote(v.toString())));
    return sb.append('}').toString();
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /**
   * A text, plain when it is plainly safe and double-quoted otherwise. The emitter's own choice is
   * not trusted: snakeyaml-engine 3.2 writes {@code "1:\nx"} as a plain scalar that no parser
   * reads back (found by OpenSloRoundTripTest).
   */
  private static Node str(String s) {
    boolean plain = PLAIN.matcher(s).matches() && !s.contains(": ") && !s.contains(" #") && !s.endsWith(" ") && !s.endsWith(":");
    return new ScalarNode(Tag.STR, s, plain ? ScalarStyle.PLAIN : ScalarStyle.DOUBLE_QUOTED);
  }

  private static final java.util.regex.Pattern PLAIN =
      java.util.regex.Pattern.compile("[A-Za-z0-9_./(][A-Za-z0-9 _./()@=?&%+,;~:#'-]*");

  private static Node num(String s) {
    return new ScalarNode(s.contains(".") ? Tag.FLOAT : Tag.INT, s, ScalarStyle.PLAIN);
  }

  private static Node bool(boolean b) {
    return new ScalarNode(Tag.BOOL, Boolean.toString(b), ScalarStyle.PLAIN);
  }

  private static Node seq(List<Node> items) {
    return new SequenceNode(Tag.SEQ, items, FlowStyle.BLOCK);
  }

  private static Node map(Map<String, Node> entries) {
    List<NodeTuple> tuples = new ArrayList<>();
    entries.forEach((k, v) -> tuples.add(new NodeTuple(str(k), v)));
    return new MappingNode(Tag.MAP, tuples, FlowStyle.BLOCK);
  }
}
