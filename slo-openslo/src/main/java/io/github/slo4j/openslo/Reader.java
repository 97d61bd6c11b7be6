package io.github.slo4j.openslo;

import io.github.slo4j.BudgetingMethod;
import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.Severity;
import java.math.BigDecimal;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/** Reads OpenSLO v1 documents; one reader per read (not thread-safe). */
final class Reader {
  static final String API_VERSION = "openslo/v1";
  static final String ANNOTATION_PREFIX = "slo4j.github.io/";
  static final String OWNER = ANNOTATION_PREFIX + "owner";
  static final String RUNBOOK = ANNOTATION_PREFIX + "runbook";
  static final String LINKS = ANNOTATION_PREFIX + "links";
  private static final List<String> KINDS =
      List.of("SLO", "SLI", "AlertPolicy", "AlertCondition", "AlertNotificationTarget", "Service", "DataSource");
  private static final Pattern SHORTHAND = Pattern.compile("([1-9][0-9]*)([mhdwMQY])");
  private static final Pattern WHOLE_MINUTES = Pattern.compile("[1-9][0-9]*");
  private static final DateTimeFormatter START_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private static final String[] METADATA = {"name", "displayName", "labels", "annotations"};
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private final List<Field> documents = new ArrayList<>();
  private final Map<String, Map<String, Field>> byKind = new LinkedHashMap<>();

  /** Composes every document of {@code text}, named {@code file} in messages. */
  void add(String file, String text) {
    // the YAML 1.2 core schema: True, TRUE, 1e3, .5 and 0x1F read as Kubernetes-style tools read them
    LoadSettings settings = LoadSettings.builder().setLabel(file).setSchema(new CoreSchema()).build();
    try {
      // the composer of the exported packages (api.lowlevel.Compose wraps the same, unexported)
      Composer composer = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)));
      while (composer.hasNext()) {
        documents.add(new Field(file, "", composer.next()));
      }
    } catch (MarkedYamlEngineException e) {
      Mark m = e.getProblemMark().orElse(null);
      throw new OpenSloException(
          file,
          m == null ? 0 : m.getLine() + 1,
          m == null ? 0 : m.getColumn() + 1,
          "yaml",
          e.getProblem() + " (expected well-formed YAML)");
    } catch (YamlEngineException e) {
      throw new OpenSloException(file, 0, 0, "yaml", e.getMessage() + " (expected well-formed YAML)");
    }
  }

  OpenSloDocuments read() {
    for (Field doc : documents) {
      doc.only("apiVersion", "kind", "metadata", "spec");
      doc.require("metadata", "a mapping with a name").only(METADATA);
      String version = doc.require("apiVersion", API_VERSION).text();
      if (!version.equals(API_VERSION)) {
        throw doc.require("apiVersion", API_VERSION).invalid(API_VERSION);
      }
      Field kindField = doc.require("kind", "one of " + KINDS);
      String kind = kindField.text();
      if (!KINDS.contains(kind)) {
        throw kindField.invalid("one of " + KINDS);
      }
      Field nameField = doc.require("metadata", "a mapping with a name").require("name", "a name");
      String name = nameField.text();
      Field previous = byKind.computeIfAbsent(kind, k -> new LinkedHashMap<>()).putIfAbsent(name, doc);
      if (previous != null) {
        throw nameField.invalid("a name not used by another " + kind + " (also at " + where(previous) + ")");
      }
    }
    List<OpenSloService> services = new ArrayList<>();
    for (Field f : docs("Service")) {
      Field spec = f.get("spec").orElse(null);
      services.add(new OpenSloService(name(f), displayName(f), spec == null ? "" : optionalText(spec, "description")));
    }
    List<OpenSloDataSource> dataSources = new ArrayList<>();
    for (Field f : docs("DataSource")) {
      Field spec = f.require("spec", "a mapping with a type");
      dataSources.add(
          new OpenSloDataSource(
              name(f), displayName(f), spec.require("type", "a data source type").text(), optionalText(spec, "description")));
    }
    List<OpenSloNotificationTarget> targets = new ArrayList<>();
    docs("AlertNotificationTarget").forEach(f -> targets.add(notificationTarget(f)));
    docs("AlertCondition").forEach(this::condition); // checked even when no policy uses it
    docs("SLI").forEach(f -> indicator(f));
    List<OpenSloAlertPolicy> policies = new ArrayList<>();
    docs("AlertPolicy").forEach(f -> policies.add(policy(f)));
    List<OpenSloSlo> slos = new ArrayList<>();
    for (Field f : docs("SLO")) {
      slos.add(slo(f));
    }
    return new OpenSloDocuments(slos, services, policies, targets, dataSources);
  }

  private List<Field> docs(String kind) {
    return new ArrayList<>(byKind.getOrDefault(kind, Map.of()).values());
  }

  private static String where(Field f) {
    return f.file + ":" + f.node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  private static String name(Field doc) {
    return doc.require("metadata", "a mapping with a name").require("name", "a name").text();
  }

  private static String displayName(Field doc) {
    return optionalText(doc.require("metadata", "a mapping with a name"), "displayName");
  }

  private static String optionalText(Field map, String key) {
    return map.get(key).map(Field::text).orElse("");
  }

  /** Runs a call into slo-core, locating its refusal at {@code at}: {@code file:l:c: field: value (expected ...)}. */
  private static <T> T located(Field at, Supplier<T> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException e) {
      if (e instanceof OpenSloException) {
        throw e;
      }
      String m = String.valueOf(e.getMessage());
      int colon = m.indexOf(": ");
      throw at.error(colon < 0 ? m : m.substring(colon + 2));
    }
  }

  // ---- SLO ----

  private OpenSloSlo slo(Field doc) {
    Field metadata = doc.require("metadata", "a mapping with a name");
    Field nameField = metadata.require("name", "a name");
    String name = nameField.text();
    located(nameField, () -> SloDefinition.builder(name));
    Map<String, String> annotations = annotations(metadata);
    Field spec = doc.require("spec", "the SLO's spec").only(
        "description", "service", "indicator", "indicatorRef", "timeWindow", "budgetingMethod", "objectives", "alertPolicies");
    Field serviceField = spec.require("service", "the name of the service the SLO belongs to");
    String service = serviceField.text();
    String description = optionalText(spec, "description");

    Optional<Field> inline = spec.get("indicator");
    Optional<Field> ref = spec.get("indicatorRef");
    OpenSloIndicator indicator;
    if (inline.isPresent() && ref.isPresent()) {
      throw ref.get().invalid("indicator or indicatorRef, not both");
    } else if (inline.isPresent()) {
      indicator = indicator(inline.get());
    } else if (ref.isPresent()) {
      Field sli = byKind.getOrDefault("SLI", Map.of()).get(ref.get().text());
      if (sli == null) {
        throw ref.get().invalid("the name of an SLI in the documents read: " + byKind.getOrDefault("SLI", Map.of()).keySet());
      }
      indicator = indicator(sli);
    } else {
      throw spec.error(spec.child("indicator"), "missing (expected indicator or indicatorRef)");
    }
    boolean threshold = indicator.metric().equals("thresholdMetric");

    List<Field> windows = spec.require("timeWindow", "exactly one time window").list();
    if (windows.size() != 1) {
      throw spec.require("timeWindow", "").error(windows.size() + " time windows (expected exactly one)");
    }
    Field window = windows.get(0).only("duration", "isRolling", "calendar");
    CompliancePeriod period = period(window);
    String startTime = window.get("calendar").flatMap(c -> c.get("startTime")).map(Field::text).orElse(null);

    Field methodField = spec.require("budgetingMethod", "Occurrences, Timeslices or RatioTimeslices");
    String method = methodField.text();
    if (!List.of("Occurrences", "Timeslices", "RatioTimeslices").contains(method)) {
      throw methodField.invalid("Occurrences, Timeslices or RatioTimeslices");
    }
    Field objectivesField = spec.require("objectives", "at least one objective");
    List<Field> objectives = objectivesField.list();
    if (objectives.isEmpty()) {
      throw objectivesField.invalid("at least one objective");
    }
    List<OpenSloSlo.ObjectiveForm> forms = new ArrayList<>();
    List<Objective> targets = new ArrayList<>();
    List<BudgetingMethod> budgets = new ArrayList<>();
    List<LatencyThreshold> thresholds = new ArrayList<>();
    for (Field o : objectives) {
      o.only("displayName", "op", "value", "target", "targetPercent", "timeSliceTarget", "timeSliceWindow", "indicator",
          "indicatorRef", "compositeWeight");
      for (String composite : List.of("indicator", "indicatorRef", "compositeWeight")) {
        if (o.get(composite).isPresent()) {
          throw o.get(composite).get().invalid("no " + composite + " in an objective: composite SLOs are not read");
        }
      }
      boolean percent = o.get("targetPercent").isPresent();
      Objective objective = target(o);
      BudgetingMethod budgeting = budgeting(o, method);
      String op = optionalText(o, "op");
      if (threshold) {
        thresholds.add(threshold(o, objective));
        if (!budgets.isEmpty() && !budgets.get(0).equals(budgeting)) {
          throw o.error(
              "timeSliceTarget and timeSliceWindow differ from spec.objectives[0] (expected the same for every"
                  + " objective of a thresholdMetric SLO: slo4j budgets the thresholds of one SLO alike)");
        }
      } else if (!op.isEmpty() && !List.of("lt", "lte", "gt", "gte").contains(op)) {
        throw o.get("op").get().invalid("lte, gte, lt or gt");
      } else if (o.get("value").isPresent()) {
        throw o.get("value").get().invalid("no value with a ratioMetric: value is a thresholdMetric's threshold");
      }
      targets.add(objective);
      budgets.add(budgeting);
      forms.add(new OpenSloSlo.ObjectiveForm(optionalText(o, "displayName"), op, percent));
    }

    List<SloDefinition> definitions = new ArrayList<>();
    if (threshold) {
      LatencyThreshold first = thresholds.get(0);
      LatencyThreshold[] more = thresholds.subList(1, thresholds.size()).toArray(new LatencyThreshold[0]);
      Sli sli = located(objectivesField, () -> Sli.latency(first, more));
      definitions.add(definition(name, service, serviceField, description, sli, null, period, window, budgets.get(0), annotations, metadata));
    } else {
      for (int i = 0; i < targets.size(); i++) {
        String id = targets.size() == 1 ? name : name + "." + i;
        definitions.add(
            definition(id, service, serviceField, description, Sli.events(), targets.get(i), period, window, budgets.get(i), annotations, metadata));
      }
    }

    List<OpenSloAlertPolicy> policies = new ArrayList<>();
    Optional<Field> policiesField = spec.get("alertPolicies");
    if (policiesField.isPresent()) {
      for (Field p : policiesField.get().list()) {
        Optional<Field> policyRef = p.get("alertPolicyRef");
        if (policyRef.isPresent()) {
          p.only("alertPolicyRef");
          Field referenced = byKind.getOrDefault("AlertPolicy", Map.of()).get(policyRef.get().text());
          if (referenced == null) {
            throw policyRef.get().invalid(
                "the name of an AlertPolicy in the documents read: " + byKind.getOrDefault("AlertPolicy", Map.of()).keySet());
          }
          policies.add(policy(referenced));
        } else {
          policies.add(policy(p));
        }
      }
    }
    List<AlertRules> rules = new ArrayList<>();
    for (SloDefinition d : definitions) {
      rules.add(rules(d, policies, policiesField.orElse(spec)));
    }
    String source = where(doc);
    return new OpenSloSlo(
        name, optionalText(metadata, "displayName"), source, indicator, definitions, rules, policies,
        labels(metadata), annotations, startTime, forms);
  }

  private static SloDefinition definition(
      String id,
      String service,
      Field serviceField,
      String description,
      Sli sli,
      Objective objective,
      CompliancePeriod period,
      Field window,
      BudgetingMethod budgeting,
      Map<String, String> annotations,
      Field metadata) {
    SloDefinition.Builder b = SloDefinition.builder(id);
    located(serviceField, () -> b.service(service));
    b.description(description).sli(sli).period(period).budgeting(budgeting);
    if (objective != null) {
      b.objective(objective);
    }
    Field at = metadata.get("annotations").orElse(metadata);
    if (annotations.containsKey(OWNER)) {
      located(at, () -> b.owner(annotations.get(OWNER)));
    }
    if (annotations.containsKey(RUNBOOK)) {
      located(at, () -> b.runbook(uri(at, RUNBOOK, annotations.get(RUNBOOK))));
    }
    if (annotations.containsKey(LINKS)) {
      Reader links = new Reader();
      links.add(at.file + " (" + LINKS + ")", annotations.get(LINKS));
      if (links.documents.size() != 1) {
        throw at.error(at.child(LINKS), annotations.get(LINKS) + " (expected a JSON object of link names to URIs)");
      }
      links.documents.get(0).map().forEach((name, value) -> located(at, () -> b.link(name, uri(at, LINKS, value.text()))));
    }
    return located(window, b::build);
  }

  private static URI uri(Field at, String key, String text) {
    try {
      return new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw at.error(at.child(key), text + " (expected a URI)");
    }
  }

  private static Map<String, String> annotations(Field metadata) {
    Map<String, String> out = new LinkedHashMap<>();
    metadata.get("annotations").ifPresent(a -> a.map().forEach((k, v) -> out.put(k, v.text())));
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, List<String>> labels(Field metadata) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    metadata.get("labels").ifPresent(a -> a.map().forEach((k, v) -> {
      List<String> values = new ArrayList<>();
      if (v.isNull()) {
        // a label without a value
      } else if (v.node instanceof org.snakeyaml.engine.v2.nodes.SequenceNode) {
        v.list().forEach(x -> values.add(x.text()));
      } else {
        values.add(v.text());
      }
      out.put(k, List.copyOf(values));
    }));
    return Collections.unmodifiableMap(out);
  }

  private static Objective target(Field o) {
    Optional<Field> target = o.get("target");
    Optional<Field> percent = o.get("targetPercent");
    if (target.isPresent() && percent.isPresent()) {
      throw percent.get().invalid("target or targetPercent, not both");
    }
    if (target.isPresent()) {
      BigDecimal t = target.get().decimal();
      if (t.signum() <= 0 || t.compareTo(BigDecimal.ONE) >= 0) {
        throw target.get().invalid("0 < target < 1");
      }
      return located(target.get(), () -> Objective.ratio(t.toPlainString()));
    }
    if (percent.isPresent()) {
      BigDecimal p = percent.get().decimal();
      if (p.signum() <= 0 || p.compareTo(HUNDRED) >= 0) {
        throw percent.get().invalid("0 < targetPercent < 100");
      }
      return located(percent.get(), () -> Objective.ratio(p.movePointLeft(2).toPlainString()));
    }
    throw o.error(o.child("target"), "missing (expected target or targetPercent)");
  }

  private static BudgetingMethod budgeting(Field o, String method) {
    Optional<Field> sliceTarget = o.get("timeSliceTarget");
    Optional<Field> sliceWindow = o.get("timeSliceWindow");
    switch (method) {
      case "Occurrences":
        for (Optional<Field> f : List.of(sliceTarget, sliceWindow)) {
          if (f.isPresent()) {
            throw f.get().invalid("none with budgetingMethod Occurrences");
          }
        }
        return BudgetingMethod.occurrences();
      case "RatioTimeslices":
        if (sliceTarget.isPresent()) {
          throw sliceTarget.get().invalid("none with budgetingMethod RatioTimeslices");
        }
        return BudgetingMethod.ratioTimeslices(slice(o));
      default:
        Field t = o.require("timeSliceTarget", "0 < timeSliceTarget < 1 with budgetingMethod Timeslices");
        BigDecimal v = t.decimal();
        if (v.signum() <= 0 || v.compareTo(BigDecimal.ONE) >= 0) {
          throw t.invalid(
              "0 < timeSliceTarget < 1"
                  + (v.compareTo(BigDecimal.ONE) == 0 ? "; a slice objective of 1 leaves a slice no error budget" : ""));
        }
        Duration slice = slice(o);
        return located(t, () -> BudgetingMethod.timeslices(slice, Objective.ratio(v.toPlainString())));
    }
  }

  private static Duration slice(Field o) {
    Field w = o.require("timeSliceWindow", "a time slice such as 1m or 5m");
    String text = w.text();
    Duration d;
    if (WHOLE_MINUTES.matcher(text).matches()) {
      d = Duration.ofMinutes(Long.parseLong(text)); // a bare number counts minutes (OpenSLO v1)
    } else {
      d = fixed(w, "a time slice such as 1m or 5m (or a number of minutes)");
    }
    located(w, () -> BudgetingMethod.ratioTimeslices(d)); // the slice bounds, located here
    return d;
  }

  private static LatencyThreshold threshold(Field o, Objective objective) {
    Field op = o.require("op", "lt or lte for a thresholdMetric");
    if (!List.of("lt", "lte").contains(op.text())) {
      throw op.invalid("lt or lte: slo4j's threshold SLI is a latency, good when at most the value");
    }
    Field value = o.require("value", "a latency in milliseconds");
    BigDecimal ms = value.decimal();
    BigDecimal micros = ms.multiply(THOUSAND);
    if (ms.signum() <= 0 || micros.stripTrailingZeros().scale() > 0) {
      throw value.invalid("a latency in milliseconds, > 0, a whole number of microseconds");
    }
    Duration d;
    try {
      d = Duration.ofNanos(micros.longValueExact() * 1000);
    } catch (ArithmeticException e) {
      throw value.invalid("a latency in milliseconds that fits in a long of nanoseconds");
    }
    return located(value, () -> LatencyThreshold.of(d, objective));
  }

  /** A duration of fixed length: m, h, d or w. */
  static Duration fixed(Field f, String expectation) {
    Matcher m = SHORTHAND.matcher(f.text());
    if (!m.matches() || "MQY".contains(m.group(2))) {
      throw f.invalid(expectation);
    }
    return fixedLength(Long.parseLong(m.group(1)), m.group(2).charAt(0), f);
  }

  private static Duration fixedLength(long n, char unit, Field f) {
    try {
      switch (unit) {
        case 'm':
          return Duration.ofMinutes(n);
        case 'h':
          return Duration.ofHours(n);
        case 'd':
          return Duration.ofDays(n);
        default:
          return Duration.ofDays(Math.multiplyExact(n, 7));
      }
    } catch (ArithmeticException e) {
      throw f.invalid("a duration that fits in a long");
    }
  }

  private static CompliancePeriod period(Field window) {
    Field duration = window.require("duration", "a duration such as 30d, 4w or 1M");
    Optional<Field> calendar = window.get("calendar");
    Optional<Field> rollingField = window.get("isRolling");
    boolean rolling = rollingField.isPresent() ? rollingField.get().bool() : calendar.isEmpty();
    if (rolling) {
      if (calendar.isPresent()) {
        throw calendar.get().invalid("no calendar for a rolling time window (isRolling: true)");
      }
      Duration d = fixed(duration, "a rolling window in minutes, hours, days or weeks such as 28d or 4w;"
          + " months, quarters and years have no fixed length");
      return located(duration, () -> CompliancePeriod.rolling(d));
    }
    Field cal = calendar.orElseThrow(() -> window.error(window.child("calendar"), "missing (expected a calendar with"
        + " startTime and timeZone when isRolling is false)")).only("startTime", "timeZone");
    Field zoneField = cal.require("timeZone", "an IANA time zone such as America/New_York");
    ZoneId zone;
    try {
      zone = ZoneId.of(zoneField.text());
    } catch (DateTimeException e) {
      throw zoneField.invalid("an IANA time zone such as America/New_York");
    }
    Field startField = cal.require("startTime", "a date and time such as 2022-01-01 00:00:00");
    LocalDateTime start;
    try {
      start = LocalDateTime.parse(startField.text(), START_TIME);
    } catch (DateTimeParseException e) {
      throw startField.invalid("a date and time such as 2022-01-01 00:00:00");
    }
    switch (duration.text()) {
      case "1w":
        return CompliancePeriod.calendarWeek(zone, start.getDayOfWeek());
      case "1M":
        return CompliancePeriod.calendarMonth(zone);
      default:
        throw duration.invalid(
            "1w or 1M for a calendar window (slo4j's calendar periods are a week or a month)"
                + (duration.text().equals("1m") ? "; 1m is one minute, a month is 1M" : ""));
    }
  }

  // ---- SLI ----

  private static OpenSloIndicator indicator(Field sli) {
    sli.only("apiVersion", "kind", "metadata", "spec");
    Field metadata = sli.require("metadata", "a mapping with a name").only(METADATA);
    String name = metadata.require("name", "a name").text();
    Field spec = sli.require("spec", "ratioMetric or thresholdMetric").only("description", "ratioMetric", "thresholdMetric");
    Optional<Field> ratio = spec.get("ratioMetric");
    Optional<Field> threshold = spec.get("thresholdMetric");
    if (ratio.isPresent() == threshold.isPresent()) {
      throw ratio.isPresent()
          ? threshold.get().invalid("ratioMetric or thresholdMetric, not both")
          : spec.error(spec.child("ratioMetric"), "missing (expected ratioMetric or thresholdMetric)");
    }
    Field metric = ratio.orElseGet(threshold::get);
    if (ratio.isPresent()) {
      Map<String, Field> parts = metric.map();
      boolean raw = parts.containsKey("raw");
      boolean goodOrBad = parts.containsKey("good") || parts.containsKey("bad");
      if (parts.containsKey("good") && parts.containsKey("bad")) {
        throw parts.get("bad").invalid("good or bad, not both");
      }
      if (raw == goodOrBad || (goodOrBad && !parts.containsKey("total"))) {
        throw metric.invalid("good and total, bad and total, or raw with rawType");
      }
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> queries = (Map<String, Object>) metric.plain();
    return new OpenSloIndicator(
        name, optionalText(metadata, "displayName"), optionalText(spec, "description"),
        ratio.isPresent() ? "ratioMetric" : "thresholdMetric", queries, metric.node);
  }

  // ---- alerting ----

  private static OpenSloNotificationTarget notificationTarget(Field doc) {
    doc.only("apiVersion", "kind", "metadata", "spec");
    doc.require("metadata", "a mapping with a name").only(METADATA);
    Field spec = doc.require("spec", "a mapping with a target").only("description", "target");
    return new OpenSloNotificationTarget(
        name(doc), displayName(doc), spec.require("target", "where notifications go, e.g. slack").text(),
        optionalText(spec, "description"));
  }

  /** The condition's name and tier. */
  private record Condition(String name, AlertTier tier) {}

  private Condition condition(Field doc) {
    doc.only("apiVersion", "kind", "metadata", "spec");
    doc.require("metadata", "a mapping with a name").only(METADATA);
    Field spec = doc.require("spec", "a severity and a condition").only("description", "severity", "condition");
    Field severityField = spec.require("severity", "a severity such as page or ticket");
    Severity severity = located(severityField, () -> Severity.of(severityField.text()));
    Field c = spec.require("condition", "a burnrate condition").only("kind", "op", "threshold", "lookbackWindow", "alertAfter");
    Optional<Field> kind = c.get("kind");
    if (kind.isPresent() && !kind.get().text().equals("burnrate")) {
      throw kind.get().invalid("burnrate");
    }
    Field op = c.require("op", "gt");
    if (!op.text().equals("gt")) {
      throw op.invalid("gt: slo4j fires when the burn rate is strictly greater than the threshold");
    }
    Field thresholdField = c.require("threshold", "a burn rate > 0");
    BigDecimal threshold = thresholdField.decimal();
    if (threshold.signum() <= 0) {
      throw thresholdField.invalid("a burn rate > 0");
    }
    Field lookback = c.require("lookbackWindow", "a window such as 1h");
    Duration longWindow = fixed(lookback, "a window in minutes, hours, days or weeks such as 1h");
    Optional<Field> after = c.get("alertAfter");
    Duration shortWindow = null;
    if (after.isPresent() && !after.get().text().matches("0+[mhdwMQY]?")) {
      shortWindow = fixed(after.get(), "a duration in minutes, hours, days or weeks such as 5m");
      if (shortWindow.compareTo(longWindow) >= 0) {
        throw after.get().invalid(
            "alertAfter < lookbackWindow (" + lookback.text() + "): slo4j reads it as the tier's short window");
      }
    }
    Duration s = shortWindow;
    double factor = threshold.doubleValue();
    AlertTier tier =
        located(thresholdField, () -> s == null ? AlertTier.of(severity, longWindow, factor) : new AlertTier(severity, longWindow, s, factor));
    return new Condition(name(doc), tier);
  }

  private OpenSloAlertPolicy policy(Field doc) {
    doc.only("apiVersion", "kind", "metadata", "spec");
    doc.require("metadata", "a mapping with a name").only(METADATA);
    Field spec = doc.require("spec", "conditions and notificationTargets").only(
        "description", "alertWhenNoData", "alertWhenResolved", "alertWhenBreaching", "conditions", "notificationTargets");
    Field conditionsField = spec.require("conditions", "exactly one condition");
    List<Field> conditions = conditionsField.list();
    if (conditions.size() != 1) {
      throw conditionsField.error(conditions.size() + " conditions (expected exactly one, as OpenSLO v1 allows)");
    }
    Field item = conditions.get(0);
    Optional<Field> ref = item.get("conditionRef");
    Condition condition;
    if (ref.isPresent()) {
      item.only("conditionRef");
      Field referenced = byKind.getOrDefault("AlertCondition", Map.of()).get(ref.get().text());
      if (referenced == null) {
        throw ref.get().invalid(
            "the name of an AlertCondition in the documents read: " + byKind.getOrDefault("AlertCondition", Map.of()).keySet());
      }
      condition = condition(referenced);
    } else {
      condition = condition(item);
    }
    List<OpenSloNotificationTarget> targets = new ArrayList<>();
    for (Field t : spec.get("notificationTargets").map(Field::list).orElse(List.of())) {
      Optional<Field> targetRef = t.get("targetRef");
      if (targetRef.isPresent()) {
        t.only("targetRef");
        Field referenced = byKind.getOrDefault("AlertNotificationTarget", Map.of()).get(targetRef.get().text());
        if (referenced == null) {
          throw targetRef.get().invalid(
              "the name of an AlertNotificationTarget in the documents read: "
                  + byKind.getOrDefault("AlertNotificationTarget", Map.of()).keySet());
        }
        targets.add(notificationTarget(referenced));
      } else {
        targets.add(notificationTarget(t));
      }
    }
    return new OpenSloAlertPolicy(
        name(doc), displayName(doc), optionalText(spec, "description"),
        flag(spec, "alertWhenBreaching", true), flag(spec, "alertWhenResolved", false), flag(spec, "alertWhenNoData", false),
        condition.name(), condition.tier(), targets);
  }

  private static boolean flag(Field spec, String key, boolean absent) {
    return spec.get(key).map(Field::bool).orElse(absent);
  }

  /**
   * The rules of {@code d}: a tier per policy that alerts when breaching (slo4j's default tiers
   * when none does), and the no-data alert of the policy with the shortest lookback among those
   * that alert on no data (none when no policy does).
   */
  private static AlertRules rules(SloDefinition d, List<OpenSloAlertPolicy> policies, Field at) {
    if (policies.isEmpty()) {
      return located(at, () -> AlertRules.defaults(d));
    }
    List<AlertTier> tiers = new ArrayList<>();
    OpenSloAlertPolicy noData = null;
    for (OpenSloAlertPolicy p : policies) {
      if (p.alertWhenBreaching()) {
        tiers.add(p.tier());
      }
      if (p.alertWhenNoData() && (noData == null || p.tier().longWindow().compareTo(noData.tier().longWindow()) < 0)) {
        noData = p;
      }
    }
    AlertRules.Builder b = AlertRules.builder(d);
    if (!tiers.isEmpty()) {
      located(at, () -> b.tiers(tiers));
    }
    if (noData == null) {
      b.withoutNoDataAlert();
    } else {
      OpenSloAlertPolicy n = noData;
      located(at, () -> b.noDataAfter(n.tier().longWindow(), n.tier().severity()));
    }
    return located(at, b::build);
  }
}
