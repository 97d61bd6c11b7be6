package io.github.slo4j.spring;

import java.time.Duration;
import org.springframework.util.unit.DataSize;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code slo4j.*} properties: the SLOs of the application, by id, and how they are tracked.
 * Every value is checked at start-up by the core's own checks; a bad one stops the application with
 * the property path in front of the core's message, e.g. {@code slo4j.slos.checkout.objective: 1.2
 * (expected 0 < ratio < 1; for a percent write 1.2%)}.
 *
 * <pre>{@code
 * slo4j:
 *   slos:
 *     checkout-availability:
 *       objective: 99.9%
 *       match: { uri: /checkout }
 * }</pre>
 *
 * @param enabled whether the starter configures anything (true)
 * @param baseInterval the registry's base interval, which is also the alert evaluation interval
 *     (10s)
 * @param manualTicks no ticker thread: the application (a test) calls SloRegistry.tick()
 *     (false)
 * @param recordStart whether the application's start is recorded as a deploy change marker
 *     (true)
 * @param tags tags added to every SLO meter (none)
 * @param slos the SLOs, by id (none)
 * @param alertmanager where alerts are delivered to Alertmanager (nowhere when absent)
 * @param webhook where alerts are posted as JSON (nowhere when absent)
 * @param state the file the SLOs' state is kept in across restarts (none when absent)
 */
@ConfigurationProperties("slo4j")
public record Slo4jProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("10s") Duration baseInterval,
    @DefaultValue("false") boolean manualTicks,
    @DefaultValue("true") boolean recordStart,
    Map<String, String> tags,
    Map<String, Slo> slos,
    Alertmanager alertmanager,
    Webhook webhook,
    State state) {

  /** Replaces absent maps with empty ones. */
  public Slo4jProperties {
    tags = tags == null ? Map.of() : tags;
    slos = slos == null ? Map.of() : slos;
  }

  /**
   * One SLO, fed by the observations it selects (by default every {@code http.server.requests}).
   *
   * @param service the service it belongs to ({@code spring.application.name} when absent)
   * @param description a human description
   * @param objective a ratio ({@code 0.999}) or a percent ({@code 99.9%}); required unless
   *     {@code latency} is given
   * @param period {@code 30d} (rolling, any whole number of minutes from 1h to 400d), {@code
   *     month} or {@code week} (calendar, in {@code zone}); {@code 30d} by default
   * @param zone the time zone of a calendar period ({@code UTC})
   * @param latency latency thresholds, each with its own objective: a latency SLI instead of
   *     availability
   * @param groupBy a low-cardinality key value (e.g. {@code uri}) to track the SLO per group of
   * @param maxGroups the most groups when grouped; beyond, the overflow group ({@code 100})
   * @param observation the observation name ({@code http.server.requests})
   * @param match key values an observation must have ({@code uri}, {@code method}, {@code status},
   *     {@code outcome}, {@code exception}, or any low-cardinality key)
   * @param exclude key values that leave an observation out (bots, probes)
   * @param badStatus the HTTP statuses that count as bad, as codes ({@code 429}) or classes
   *     ({@code 5xx}); an observation with an error is always bad ({@code [5xx]})
   * @param owner the owning team
   * @param runbook the runbook's absolute URI
   * @param links named absolute links of the SLO (dashboards, design documents)
   * @param alerts the alert rules (the Workbook defaults when absent)
   * @param policy the error-budget policy (none when absent)
   */
  public record Slo(
      String service,
      String description,
      String objective,
      @DefaultValue("30d") String period,
      @DefaultValue("UTC") String zone,
      List<Threshold> latency,
      String groupBy,
      @DefaultValue("100") int maxGroups,
      @DefaultValue("http.server.requests") String observation,
      Map<String, String> match,
      Map<String, String> exclude,
      @DefaultValue("5xx") List<String> badStatus,
      String owner,
      String runbook,
      Map<String, String> links,
      Alerts alerts,
      Policy policy) {

    /** Replaces absent collections with empty ones. */
    public Slo {
      latency = latency == null ? List.of() : latency;
      match = match == null ? Map.of() : match;
      exclude = exclude == null ? Map.of() : exclude;
      badStatus = badStatus == null ? List.of("5xx") : badStatus;
      links = links == null ? Map.of() : links;
    }
  }

  /**
   * A latency threshold.
   *
   * @param threshold the latency, e.g. {@code 300ms}
   * @param objective the share of events at most that slow, as a ratio or a percent
   */
  public record Threshold(Duration threshold, String objective) {}

  /**
   * The alert rules of an SLO; what is absent keeps the core's default.
   *
   * @param tiers the multi-window tiers (the Workbook's for the period when absent)
   * @param minEvents the fewest events a long window needs before its tier may fire ({@code 100})
   * @param minBadEvents the fewest bad events before a tier may fire ({@code 0})
   * @param noDataAfter the silence after which a no-data ticket fires, or {@code 0} for none
   *     ({@code 30m})
   * @param links deep-link templates by name ({@code {service}}, {@code {slo}}, {@code {window}},
   *     {@code {start}}, {@code {end}}, …, as {@code AlertRules.Builder.link} takes them)
   */
  public record Alerts(
      List<Tier> tiers, Long minEvents, Long minBadEvents, Duration noDataAfter, Map<String, String> links) {

    /** Replaces absent collections with empty ones. */
    public Alerts {
      tiers = tiers == null ? List.of() : tiers;
      links = links == null ? Map.of() : links;
    }
  }

  /**
   * One alert tier.
   *
   * @param severity {@code page}, {@code ticket} or a name of your own
   * @param longWindow the long window, e.g. {@code 1h}
   * @param shortWindow the short window (1/12 of the long one when absent)
   * @param factor the burn-rate factor both windows must exceed
   */
  public record Tier(String severity, Duration longWindow, Duration shortWindow, double factor) {}

  /**
   * An error-budget policy.
   *
   * @param id the policy's id
   * @param version the version of the signed text
   * @param approvedBy who approved it
   * @param approvedAt when, as an ISO-8601 instant ({@code 2026-01-05T09:00:00Z})
   * @param freezeWhenExhausted freeze non-critical releases while the budget is exhausted
   * @param unfreezeAbove the share of the budget that must be back to unfreeze ({@code 0.05})
   * @param postmortemAt the share of the budget one incident must burn to require a postmortem
   * @param reviewTarget the horizon over which the target is reviewed (none when absent)
   */
  public record Policy(
      String id,
      @DefaultValue("1") String version,
      String approvedBy,
      String approvedAt,
      @DefaultValue("false") boolean freezeWhenExhausted,
      @DefaultValue("0.05") double unfreezeAbove,
      Double postmortemAt,
      Duration reviewTarget) {}

  /**
   * Delivery of every alert of the monitor to Prometheus Alertmanager (API v2), by an {@code
   * AlertmanagerNotifier}.
   *
   * @param url the Alertmanager, e.g. {@code http://alertmanager:9093}; delivery is on when set
   * @param resendInterval how often a firing alert is posted again ({@code 1m}, at least {@code 1s})
   * @param labels labels added to every alert, e.g. {@code env: prod} (none)
   * @param queueCapacity the most alerts waiting for delivery; beyond, dropped and counted ({@code
   *     1024})
   */
  public record Alertmanager(
      String url,
      @DefaultValue("1m") Duration resendInterval,
      Map<String, String> labels,
      @DefaultValue("1024") int queueCapacity) {

    /** Replaces an absent map with an empty one. */
    public Alertmanager {
      labels = labels == null ? Map.of() : labels;
    }
  }

  /**
   * Delivery of every alert of the monitor as a JSON post, by a {@code WebhookNotifier}.
   *
   * @param url the receiver, an absolute http or https URI; delivery is on when set
   * @param headers headers added to every post, e.g. {@code Authorization} (none)
   * @param queueCapacity the most alerts waiting for delivery; beyond, dropped and counted ({@code
   *     1024})
   */
  public record Webhook(String url, Map<String, String> headers, @DefaultValue("1024") int queueCapacity) {

    /** Replaces an absent map with an empty one. */
    public Webhook {
      headers = headers == null ? Map.of() : headers;
    }
  }

  /**
   * The file the state of every SLO is saved to and restored from at start-up, by a {@code
   * StateFile}.
   *
   * @param file the file; its directory is created when missing; kept across restarts when set
   * @param interval how often it is saved, at least the base interval ({@code 5m})
   * @param maxSize the largest file written or read, at least 1KB ({@code 64MB})
   */
  public record State(String file, @DefaultValue("5m") Duration interval, @DefaultValue("64MB") DataSize maxSize) {}
}
