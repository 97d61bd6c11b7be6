package io.github.slo4j.spring;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.micrometer.ObservationSelector;
import io.github.slo4j.micrometer.OutcomeClassifier;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.BudgetPolicy;
import io.github.slo4j.monitor.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.springframework.boot.convert.DurationStyle;

/**
 * The checked SLOs of {@code slo4j.slos}, in the order they were declared. Built once at start-up:
 * every value goes through the core's checks, and a refused one stops the application with the
 * property path in front of the core's message. Immutable.
 */
public final class SloSpecs {
  private static final String PREFIX = "slo4j.slos.";

  private final List<SloSpec> specs;

  private SloSpecs(List<SloSpec> specs) {
    this.specs = List.copyOf(specs);
  }

  /** The checked SLOs, in declaration order. */
  public List<SloSpec> all() {
    return specs;
  }

  /** The checked SLO {@code id}, if it was declared. */
  public Optional<SloSpec> find(String id) {
    return specs.stream().filter(s -> s.definition().id().equals(id)).findFirst();
  }

  /**
   * Checks and builds every SLO of {@code properties}.
   *
   * @param properties the bound properties
   * @param defaultService the service of an SLO that names none ({@code spring.application.name}),
   *     or null
   * @param baseInterval the registry's base interval, at which the rules are evaluated
   * @throws IllegalArgumentException naming the first refused property: {@code
   *     slo4j.slos.<id>.<property>: <value> (expected ...)}
   */
  public static SloSpecs of(Slo4jProperties properties, String defaultService, Duration baseInterval) {
    List<SloSpec> specs = new ArrayList<>();
    for (Map.Entry<String, Slo4jProperties.Slo> e : properties.slos().entrySet()) {
      specs.add(spec(e.getKey(), e.getValue(), defaultService, baseInterval));
    }
    return new SloSpecs(specs);
  }

  private static SloSpec spec(String id, Slo4jProperties.Slo slo, String defaultService, Duration baseInterval) {
    String at = PREFIX + id;
    SloDefinition.Builder b = checked(at, () -> SloDefinition.builder(id));
    String service = slo.service() != null ? slo.service() : defaultService;
    if (service == null) {
      throw new SloPropertyException(
          at + ".service: null (expected the service the SLO belongs to, or spring.application.name)");
    }
    checked(at + ".service", () -> b.service(service));
    if (slo.description() != null) {
      b.description(slo.description());
    }
    if (!slo.latency().isEmpty()) {
      if (slo.objective() != null) {
        throw new SloPropertyException(at + ".objective: " + slo.objective()
            + " (expected none with latency: each latency threshold has its own objective)");
      }
      List<LatencyThreshold> thresholds = new ArrayList<>();
      for (int i = 0; i < slo.latency().size(); i++) {
        Slo4jProperties.Threshold t = slo.latency().get(i);
        String tAt = at + ".latency[" + i + "]";
        if (t.threshold() == null) {
          throw new SloPropertyException(tAt + ".threshold: null (expected a latency such as 300ms)");
        }
        Objective o = objective(tAt + ".objective", t.objective());
        thresholds.add(checked(tAt + ".threshold", () -> LatencyThreshold.of(t.threshold(), o)));
      }
      b.sli(whole(at + ".latency", () -> Sli.latency(thresholds.get(0),
          thresholds.subList(1, thresholds.size()).toArray(new LatencyThreshold[0]))));
    } else {
      b.objective(objective(at + ".objective", slo.objective()));
    }
    b.period(period(at, slo.period(), slo.zone()));
    if (slo.owner() != null) {
      checked(at + ".owner", () -> b.owner(slo.owner()));
    }
    if (slo.runbook() != null) {
      checked(at + ".runbook", () -> b.runbook(uri(at + ".runbook", slo.runbook())));
    }
    slo.links().forEach((name, link) -> checked(at + ".links." + name, () -> b.link(name, uri(at + ".links." + name, link))));
    SloDefinition definition = whole(at, b::build);

    ObservationSelector selector = selector(at, slo);
    OutcomeClassifier classifier = OutcomeClassifier.http(badStatus(at + ".bad-status", slo.badStatus()));

    if (slo.groupBy() != null && slo.groupBy().isBlank()) {
      throw new SloPropertyException(at + ".group-by: '" + slo.groupBy() + "' (expected a low-cardinality key name such as uri)");
    }
    if (slo.groupBy() != null && (slo.maxGroups() < 1 || slo.maxGroups() > 10_000)) {
      throw new SloPropertyException(at + ".max-groups: " + slo.maxGroups() + " (expected 1 <= max-groups <= 10000)");
    }
    AlertRules rules = rules(at + ".alerts", definition, slo.alerts(), baseInterval);
    Optional<BudgetPolicy> policy = slo.policy() == null ? Optional.empty() : Optional.of(policy(at + ".policy", slo.policy()));
    return new SloSpec(definition, selector, classifier, slo.groupBy(), slo.maxGroups(), rules, policy);
  }

  private static ObservationSelector selector(String at, Slo4jProperties.Slo slo) {
    ObservationSelector s = checked(at + ".observation", () -> ObservationSelector.name(slo.observation()));
    for (Map.Entry<String, String> m : slo.match().entrySet()) {
      ObservationSelector current = s;
      s = checked(at + ".match." + m.getKey(), () -> current.keyValue(m.getKey(), m.getValue()));
    }
    for (Map.Entry<String, String> m : slo.exclude().entrySet()) {
      ObservationSelector current = s;
      s = checked(at + ".exclude." + m.getKey(), () -> current.exclude(m.getKey(), m.getValue()));
    }
    return s;
  }

  /**
   * A ratio ({@code 0.999}) or, with a trailing {@code %}, a percent ({@code 99.9%}), through the
   * core's {@link Objective} factories.
   */
  static Objective objective(String at, String text) {
    if (text == null) {
      throw new SloPropertyException(at + ": null (expected a ratio such as 0.999 or a percent such as 99.9%)");
    }
    String t = text.trim();
    if (t.endsWith("%")) {
      return checked(at, () -> Objective.percent(t));
    }
    try {
      return Objective.ratio(t);
    } catch (IllegalArgumentException e) {
      // the core's hint names its Java factory; in YAML a percent is written with %
      String hint = "for a percent use Objective.percent(\"" + t + "\")";
      String message = rest(e).replace(hint, "for a percent write " + t + "%");
      throw new SloPropertyException(at + ": " + message, e);
    }
  }

  private static CompliancePeriod period(String at, String period, String zone) {
    String p = period.trim();
    if (p.equals("month") || p.equals("week")) {
      ZoneId z;
      try {
        z = ZoneId.of(zone);
      } catch (DateTimeException e) {
        throw new SloPropertyException(at + ".zone: " + zone + " (expected a time zone such as UTC or Europe/Paris)", e);
      }
      return p.equals("month") ? CompliancePeriod.calendarMonth(z) : CompliancePeriod.calendarWeek(z);
    }
    Duration d;
    try {
      d = DurationStyle.detectAndParse(p);
    } catch (IllegalArgumentException e) {
      throw new SloPropertyException(at + ".period: " + period + " (expected a rolling length such as 30d, or month or week)", e);
    }
    return checked(at + ".period", () -> CompliancePeriod.rolling(d));
  }

  private static URI uri(String at, String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new SloPropertyException(at + ": " + text + " (expected an absolute URI such as https://...)", e);
    }
  }

  /** {@code 5xx}, {@code 4xx}, … as a class; {@code 429} as a code. */
  static IntPredicate badStatus(String at, List<String> statuses) {
    if (statuses.isEmpty()) {
      throw new SloPropertyException(at + ": [] (expected at least one status or class such as 5xx)");
    }
    IntPredicate bad = s -> false;
    for (String raw : statuses) {
      String s = raw.trim().toLowerCase(java.util.Locale.ROOT);
      IntPredicate one;
      if (s.matches("[1-5]xx")) {
        int hundreds = s.charAt(0) - '0';
        one = code -> code / 100 == hundreds;
      } else if (s.matches("[1-5][0-9][0-9]")) {
        int code = Integer.parseInt(s);
        one = c -> c == code;
      } else {
        throw new SloPropertyException(at + ": " + raw + " (expected a status code such as 429 or a class such as 5xx)");
      }
      bad = bad.or(one);
    }
    return bad;
  }

  private static AlertRules rules(String at, SloDefinition slo, Slo4jProperties.Alerts alerts, Duration interval) {
    AlertRules.Builder b = AlertRules.builder(slo).evaluationInterval(interval);
    if (alerts != null) {
      if (!alerts.tiers().isEmpty()) {
        List<AlertTier> tiers = new ArrayList<>();
        for (int i = 0; i < alerts.tiers().size(); i++) {
          Slo4jProperties.Tier t = alerts.tiers().get(i);
          String tAt = at + ".tiers[" + i + "]";
          if (t.severity() == null) {
            throw new SloPropertyException(tAt + ".severity: null (expected page, ticket or a name of your own)");
          }
          if (t.longWindow() == null) {
            throw new SloPropertyException(tAt + ".long-window: null (expected a window such as 1h)");
          }
          Severity severity = checked(tAt + ".severity", () -> Severity.of(t.severity()));
          tiers.add(whole(tAt, () -> t.shortWindow() == null
              ? AlertTier.of(severity, t.longWindow(), t.factor())
              : new AlertTier(severity, t.longWindow(), t.shortWindow(), t.factor())));
        }
        whole(at + ".tiers", () -> b.tiers(tiers));
      }
      if (alerts.minEvents() != null) {
        checked(at + ".min-events", () -> b.minEvents(alerts.minEvents()));
      }
      if (alerts.minBadEvents() != null) {
        checked(at + ".min-bad-events", () -> b.minBadEvents(alerts.minBadEvents()));
      }
      if (alerts.noDataAfter() != null) {
        if (alerts.noDataAfter().isZero()) {
          b.withoutNoDataAlert();
        } else {
          checked(at + ".no-data-after", () -> b.noDataAfter(alerts.noDataAfter(), Severity.TICKET));
        }
      }
      alerts.links().forEach((name, template) -> checked(at + ".links." + name, () -> b.link(name, template)));
    }
    return whole(at, b::build);
  }

  private static BudgetPolicy policy(String at, Slo4jProperties.Policy p) {
    if (p.id() == null) {
      throw new SloPropertyException(at + ".id: null (expected the policy's id)");
    }
    BudgetPolicy.Builder b = checked(at + ".id", () -> BudgetPolicy.builder(p.id(), p.version()));
    if (p.approvedBy() == null || p.approvedAt() == null) {
      throw new SloPropertyException(at + ".approved-by: " + p.approvedBy()
          + " (expected who approved the policy, with approved-at, when: a signed policy is a contract)");
    }
    Instant when;
    try {
      when = Instant.parse(p.approvedAt());
    } catch (DateTimeParseException e) {
      throw new SloPropertyException(at + ".approved-at: " + p.approvedAt() + " (expected an instant such as 2026-01-05T09:00:00Z)", e);
    }
    checked(at + ".approved-by", () -> b.approvedBy(p.approvedBy(), when));
    if (p.freezeWhenExhausted()) {
      checked(at + ".unfreeze-above", () -> b.freezeWhenExhausted(p.unfreezeAbove()));
    }
    if (p.postmortemAt() != null) {
      checked(at + ".postmortem-at", () -> b.postmortemAt(p.postmortemAt()));
    }
    if (p.reviewTarget() != null) {
      checked(at + ".review-target", () -> b.reviewTarget(p.reviewTarget()));
    }
    return whole(at, b::build);
  }

  /** Runs a core check of several values; a refusal is thrown again after {@code at}, whole. */
  private static <T> T whole(String at, Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new SloPropertyException(at + ": " + e.getMessage(), e);
    }
  }

  /** Runs a core check; a refusal is thrown again with {@code at} in place of the core's parameter name. */
  private static <T> T checked(String at, Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new SloPropertyException(at + ": " + rest(e), e);
    }
  }

  /** The core's message without its leading parameter name: {@code 1.2 (expected ...)}. */
  private static String rest(RuntimeException e) {
    String m = String.valueOf(e.getMessage());
    int i = m.indexOf(": ");
    return i < 0 ? m : m.substring(i + 2);
  }

  /** {@code SloSpecs[checkout-availability, checkout-latency]}. */
  @Override
  public String toString() {
    return "SloSpecs" + specs.stream().map(s -> s.definition().id()).toList();
  }
}
