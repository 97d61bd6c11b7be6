package io.github.slo4j.notify;

import io.github.slo4j.ChangeMarker;
import io.github.slo4j.internal.Json;
import io.github.slo4j.internal.Require;
import io.github.slo4j.monitor.Alert;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.PeriodBudget;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Posts each alert transition that notifies ({@link AlertTransition#notifies()}: an alert starts
 * firing, or a firing alert resolves) as one JSON document with the alert's full content to a URL
 * of the user's (a chat bridge, an incident tool, a function). Thread-safe; see {@link Notifier} for
 * the delivery guarantees. While the receiver is down the latest transition of each alert is kept
 * and retried: an alert that fired and resolved meanwhile arrives as resolved.
 *
 * <pre>{@code
 * WebhookNotifier webhook = WebhookNotifier.builder(URI.create("https://hooks.example.com/slo"))
 *     .header("Authorization", "Bearer " + token)
 *     .build();
 * }</pre>
 *
 * <p><b>The payload</b> ({@code Content-Type: application/json}), field by field. Times are ISO-8601
 * instants ({@code 2026-07-01T10:00:00Z}), durations ISO-8601 durations ({@code PT1H}); a field
 * that has no value (no events, no runbook, a no-data alert's tier) is {@code null}, never NaN or 0.
 *
 * <ul>
 *   <li>{@code version}: {@code 1}, raised when a field changes meaning (new fields may appear in the
 *       same version);
 *   <li>{@code status}: {@code firing} or {@code resolved};
 *   <li>{@code from}, {@code to}: the states of the transition ({@code inactive}, {@code firing},
 *       {@code suppressed}, {@code resolved}); {@code at}: its boundary;
 *   <li>{@code id}: {@link Alert#id()}, stable for one alert across its transitions (deduplicate
 *       on it); {@code summary}: {@link Alert#summary()}, one line for a title;
 *   <li>{@code kind}: {@code burn_rate} or {@code no_data}; {@code service}; {@code slo}: the SLO
 *       id; {@code group}: a grouped SLO's group key, or {@code null}; {@code target}: {@code events}
 *       or a latency threshold's name; {@code objective}: the target's objective as a fraction
 *       ({@code 0.999}); {@code severity};
 *   <li>{@code tier}: {@code {severity, longWindow, shortWindow, factor}}, or {@code null} for no data;
 *   <li>{@code longWindow}, {@code shortWindow}: {@code {length, start, end, bad, total, covered,
 *       burnRate}}, the counts and burn rate of each window ({@code burnRate} {@code null} without
 *       events);
 *   <li>{@code budget}: the period's budget at the evaluation: {@code {period, covered, good, bad,
 *       total, consumed, remaining, projectedConsumed, projectedRemaining}}, fractions of the
 *       budget ({@code 1.3} is 130 %), {@code null} with no data in the period;
 *   <li>{@code episodeStart}, {@code episodeProjectedBudgetConsumed}: when this episode started
 *       firing and the share of the period's projected budget it spent; {@code timeToExhaustion}:
 *       how long the budget lasts at the short window's rate;
 *   <li>{@code runbook}, {@code owner}; {@code links}: the deep links by name, in the SLO's order;
 *   <li>{@code changes}: the changes near the burn, newest first, each {@code {kind, name, version,
 *       at, category}}; {@code changeLookback}; {@code changeSummary}: {@link Alert#changeSummary()};
 *   <li>{@code suppressedBy}: the id of the alert that suppresses this one, or {@code null};
 *   <li>{@code drill}: the name of the {@linkplain Alert#drill() fire drill} during which the alert
 *       was raised, or {@code null} for real traffic.
 * </ul>
 */
public final class WebhookNotifier implements Notifier {
  /** The payload's version. */
  public static final int VERSION = 1;

  private final URI url;
  private final Delivery<AlertTransition> delivery;

  private WebhookNotifier(Builder b) {
    this.url = b.url;
    DeliverySettings<?> settings = new Builder(b.url);
    b.copyTo(settings);
    this.delivery =
        new Delivery<>(
            "webhook",
            settings,
            url,
            1,
            null,
            (batch, wallMillis) -> Json.write(payload(batch.get(0))),
            t -> t.alert().id() + " at " + t.at());
  }

  /**
   * A builder for the receiver at {@code url}.
   *
   * @param url an absolute {@code http} or {@code https} URI
   * @return the builder
   */
  public static Builder builder(URI url) {
    Require.nonNull("url", url);
    String scheme = url.getScheme();
    if (!url.isAbsolute() || !("http".equals(scheme) || "https".equals(scheme)) || url.getHost() == null) {
      throw Require.invalid("url", url, "an absolute http or https URI");
    }
    return new Builder(url);
  }

  /** Queues the transition when it {@linkplain AlertTransition#notifies() notifies}; never waits. */
  @Override
  public void onTransition(AlertTransition transition) {
    if (transition.notifies()) {
      delivery.offer(transition.alert().id(), transition, false);
    }
  }

  @Override
  public long sent() {
    return delivery.sent();
  }

  @Override
  public long failed() {
    return delivery.failed();
  }

  @Override
  public long retried() {
    return delivery.retried();
  }

  @Override
  public long dropped() {
    return delivery.dropped();
  }

  @Override
  public int pending() {
    return delivery.pending();
  }

  @Override
  public void close() {
    delivery.close();
  }

  /** {@code WebhookNotifier[https://hooks.example.com/slo]}. */
  @Override
  public String toString() {
    return "WebhookNotifier[" + url + "]";
  }

  /** The documented payload of one transition. */
  static Map<String, Object> payload(AlertTransition t) {
    Alert a = t.alert();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", VERSION);
    m.put("status", t.to() == AlertState.FIRING ? "firing" : "resolved");
    m.put("from", name(t.from()));
    m.put("to", name(t.to()));
    m.put("at", t.at().toString());
    m.put("id", a.id());
    m.put("summary", a.summary());
    m.put("kind", name(a.kind()));
    m.put("service", a.service());
    m.put("slo", a.sloId());
    m.put("group", a.groupKey().orElse(null));
    m.put("target", a.target().name());
    m.put("objective", a.target().objective().ratio());
    m.put("severity", a.severity().name());
    m.put(
        "tier",
        a.tier()
            .map(
                tier -> {
                  Map<String, Object> x = new LinkedHashMap<>();
                  x.put("severity", tier.severity().name());
                  x.put("longWindow", tier.longWindow().toString());
                  x.put("shortWindow", tier.shortWindow().toString());
                  x.put("factor", tier.factor());
                  return (Object) x;
                })
            .orElse(null));
    m.put("longWindow", window(a.longWindow()));
    m.put("shortWindow", window(a.shortWindow()));
    m.put("budget", budget(a.budget()));
    m.put("episodeStart", a.episodeStart().map(Instant::toString).orElse(null));
    m.put("episodeProjectedBudgetConsumed", number(a.episodeProjectedBudgetConsumed()));
    m.put("timeToExhaustion", a.timeToExhaustion().map(Duration::toString).orElse(null));
    m.put("runbook", a.runbook().map(URI::toString).orElse(null));
    m.put("owner", a.owner().orElse(null));
    Map<String, Object> links = new LinkedHashMap<>();
    a.links().forEach((k, v) -> links.put(k, v.toString()));
    m.put("links", links);
    List<Object> changes = new ArrayList<>();
    for (ChangeMarker c : a.changes()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("kind", name(c.kind()));
      x.put("name", c.name());
      x.put("version", c.version());
      x.put("at", c.at().toString());
      x.put("category", name(c.category()));
      changes.add(x);
    }
    m.put("changes", changes);
    m.put("changeLookback", a.changeLookback().toString());
    m.put("changeSummary", a.changeSummary());
    m.put("suppressedBy", a.suppressedBy().orElse(null));
    m.put("drill", a.drill().orElse(null));
    return m;
  }

  private static Map<String, Object> window(Alert.Window w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("length", w.length().toString());
    m.put("start", w.start().toString());
    m.put("end", w.end().toString());
    m.put("bad", w.bad());
    m.put("total", w.total());
    m.put("covered", w.covered().toString());
    m.put("burnRate", number(w.burnRate()));
    return m;
  }

  private static Map<String, Object> budget(PeriodBudget b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("period", b.period().toString());
    m.put("covered", b.covered().toString());
    m.put("good", b.good());
    m.put("bad", b.bad());
    m.put("total", b.total());
    m.put("consumed", number(b.consumed()));
    m.put("remaining", number(b.remaining()));
    m.put("projectedConsumed", number(b.projectedConsumed()));
    m.put("projectedRemaining", number(b.projectedRemaining()));
    return m;
  }

  private static Double number(OptionalDouble v) {
    return v.isPresent() && Double.isFinite(v.getAsDouble()) ? v.getAsDouble() : null;
  }

  private static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** Builds a {@link WebhookNotifier}. Not thread-safe. */
  public static final class Builder extends DeliverySettings<Builder> {
    private final URI url;

    private Builder(URI url) {
      this.url = url;
    }

    @Override
    Builder self() {
      return this;
    }

    /** {@return a notifier with its delivery thread started; close it on shutdown} */
    public WebhookNotifier build() {
      return new WebhookNotifier(this);
    }
  }
}
