package io.github.slo4j.notify;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Json;
import io.github.slo4j.internal.Require;
import io.github.slo4j.monitor.Alert;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTransition;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Delivers alerts to Prometheus Alertmanager through its API v2 ({@code POST /api/v2/alerts}), so
 * that an in-process alert reaches the routing a team already has (PagerDuty, Slack, e-mail) with
 * its grouping, silences and inhibition. Thread-safe; see {@link Notifier} for the delivery
 * guarantees.
 *
 * <pre>{@code
 * AlertmanagerNotifier alertmanager =
 *     AlertmanagerNotifier.builder(URI.create("http://alertmanager:9093"))
 *         .label("env", "prod")
 *         .build();
 * RegistryMonitor.builder().listener(alertmanager).attach(registry);
 * }</pre>
 *
 * <p><b>What is sent.</b> A transition to {@link AlertState#FIRING} sends the alert firing; a
 * firing alert that stops firing (resolves) sends it with {@code endsAt} set to the boundary at
 * which it resolved. Suppression transitions are not sent (slo4j already made one incident one
 * page). Each alert carries:
 *
 * <ul>
 *   <li>labels (what routing, grouping, silences and inhibition match on): {@code alertname} ({@value
 *       #BURN_RATE} or {@value #NO_DATA}), {@code service}, {@code slo} (the SLO id), {@code group}
 *       (a grouped SLO's group key, when there is one), {@code target} ({@code events} or a latency
 *       threshold such as {@code le300ms}), {@code severity} ({@code page}, {@code ticket}, ...),
 *       {@code window} ({@code 1h/5m}, or {@code no-data 30m}), {@code owner} (the runbook's owner,
 *       when there is one), then the builder's {@linkplain Builder#label(String, String) labels},
 *       then {@code drill} (the {@linkplain Alert#drill() fire drill}'s name, for an alert raised
 *       during a drill; it replaces a builder label of that name, so routing can trust it);
 *   <li>annotations (what a receiver's template shows): {@code summary} ({@link Alert#summary()}),
 *       {@code runbook_url}, {@code link_<name>} for each deep link, {@code long_window_burn_rate}
 *       and {@code short_window_burn_rate}, {@code budget_consumed} and {@code
 *       projected_budget_consumed} of the period, {@code episode_budget_consumed}, {@code
 *       time_to_exhaustion} and {@code changes} ({@link Alert#changeSummary()}); a figure without
 *       events reads {@code no data};
 *   <li>{@code startsAt}: when the episode started firing; {@code endsAt}: for a firing alert, four
 *       resend intervals after the post (as Prometheus does), so that Alertmanager resolves the
 *       alerts of a process that died instead of paging forever; for a resolved one, the boundary at
 *       which it resolved; {@code generatorURL}: the first deep link, when there is one.
 * </ul>
 *
 * <p><b>Re-sent while firing.</b> Alertmanager forgets an alert whose {@code endsAt} passed, so a
 * firing alert is posted again every {@linkplain Builder#resendInterval(Duration) resend interval}
 * (1 min by default, as Prometheus' {@code --rules.alert.resend-delay}) until it resolves. This is
 * also how an alert fired while Alertmanager was down, or restarted without its storage, reaches it
 * once it is back: the latest state of every alert is retried with backoff and re-sent.
 */
public final class AlertmanagerNotifier implements Notifier {
  /** The {@code alertname} of a burn-rate alert. */
  public static final String BURN_RATE = "SloErrorBudgetBurn";

  /** The {@code alertname} of a no-data alert. */
  public static final String NO_DATA = "SloNoData";

  /** The labels slo4j sets; the builder's labels may not use these names. */
  static final Set<String> OWN_LABELS = Set.of("alertname", "service", "slo", "group", "target", "severity", "window", "owner");

  /** Alertmanager's label names (Prometheus data model). */
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** The most alerts in one post. */
  static final int MAX_BATCH = 64;

  private final URI endpoint;
  private final Map<String, String> labels;
  private final Duration resendInterval;
  private final Delivery<Notice> delivery;

  /** One alert to send: firing, or resolved. */
  record Notice(Alert alert, boolean firing) {}

  private AlertmanagerNotifier(Builder b) {
    this.endpoint = b.endpoint;
    this.labels = Map.copyOf(b.labels);
    this.resendInterval = b.resendInterval;
    DeliverySettings<?> settings = new Builder(b.endpoint);
    b.copyTo(settings);
    this.delivery =
        new Delivery<>(
            "alertmanager",
            settings,
            endpoint,
            MAX_BATCH,
            resendInterval,
            this::encode,
            n -> n.alert().id() + " at " + n.alert().at());
  }

  /**
   * A builder for the Alertmanager at {@code alertmanager}, e.g. {@code http://alertmanager:9093}
   * (alerts are posted to {@code <alertmanager>/api/v2/alerts}).
   *
   * @param alertmanager an absolute {@code http} or {@code https} URI
   * @return the builder
   */
  public static Builder builder(URI alertmanager) {
    Require.nonNull("alertmanager", alertmanager);
    String scheme = alertmanager.getScheme();
    if (!alertmanager.isAbsolute() || !("http".equals(scheme) || "https".equals(scheme)) || alertmanager.getHost() == null) {
      throw Require.invalid("alertmanager", alertmanager, "an absolute http or https URI");
    }
    String base = alertmanager.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return new Builder(URI.create(base + "/api/v2/alerts"));
  }

  /** Queues the transition when it starts or ends firing; never waits. */
  @Override
  public void onTransition(AlertTransition transition) {
    boolean firing = transition.to() == AlertState.FIRING;
    boolean resolved = transition.from() == AlertState.FIRING && !firing;
    if (firing || resolved) {
      delivery.offer(transition.alert().id(), new Notice(transition.alert(), firing), firing);
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

  /** {@code AlertmanagerNotifier[http://alertmanager:9093/api/v2/alerts, resend every 1m]}. */
  @Override
  public String toString() {
    return "AlertmanagerNotifier[" + endpoint + ", resend every " + DurationFormat.format(resendInterval) + "]";
  }

  private String encode(List<Notice> batch, long wallMillis) {
    List<Object> alerts = new ArrayList<>(batch.size());
    for (Notice n : batch) {
      alerts.add(alert(n, wallMillis));
    }
    return Json.write(alerts);
  }

  /** One alert of the API's {@code postableAlerts}. */
  private Map<String, Object> alert(Notice n, long wallMillis) {
    Alert a = n.alert();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("labels", labels(a));
    m.put("annotations", annotations(a));
    Instant starts = a.episodeStart().orElse(a.at());
    m.put("startsAt", starts.toString());
    Instant ends;
    if (n.firing()) {
      // Prometheus sets a firing alert's endsAt to 4 resend delays ahead (rules/alerting.go)
      Instant now = Instant.ofEpochMilli(wallMillis);
      ends = (now.isAfter(a.at()) ? now : a.at()).plus(resendInterval.multipliedBy(4));
    } else {
      ends = a.at();
    }
    m.put("endsAt", ends.toString());
    if (!a.links().isEmpty()) {
      m.put("generatorURL", a.links().values().iterator().next().toString());
    }
    return m;
  }

  Map<String, String> labels(Alert a) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("alertname", a.kind() == Alert.Kind.NO_DATA ? NO_DATA : BURN_RATE);
    m.put("service", a.service());
    m.put("slo", a.sloId());
    a.groupKey().ifPresent(g -> m.put("group", g));
    m.put("target", a.target().name());
    m.put("severity", a.severity().name());
    m.put(
        "window",
        a.tier()
            .map(t -> DurationFormat.format(t.longWindow()) + "/" + DurationFormat.format(t.shortWindow()))
            .orElse("no-data " + DurationFormat.format(a.longWindow().length())));
    a.owner().ifPresent(o -> m.put("owner", o));
    m.putAll(labels);
    a.drill().ifPresent(d -> {
      m.remove("drill");
      m.put("drill", d);
    });
    return m;
  }

  private static Map<String, String> annotations(Alert a) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("summary", a.summary());
    a.runbook().ifPresent(r -> m.put("runbook_url", r.toString()));
    a.links().forEach((name, uri) -> m.put("link_" + annotationName(name), uri.toString()));
    m.put("long_window", DurationFormat.format(a.longWindow().length()));
    m.put("long_window_burn_rate", Texts.num(a.longWindow().burnRate()));
    m.put("short_window", DurationFormat.format(a.shortWindow().length()));
    m.put("short_window_burn_rate", Texts.num(a.shortWindow().burnRate()));
    m.put("budget_consumed", Texts.pct(a.budgetConsumed()));
    m.put("projected_budget_consumed", Texts.pct(a.projectedBudgetConsumed()));
    m.put("episode_budget_consumed", Texts.pct(a.episodeProjectedBudgetConsumed()));
    a.timeToExhaustion().ifPresent(d -> m.put("time_to_exhaustion", DurationFormat.format(d)));
    m.put("changes", a.changeSummary());
    return m;
  }

  /** A link's name as an annotation name: characters Alertmanager refuses become {@code _}. */
  static String annotationName(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      sb.append(ok ? c : '_');
    }
    return sb.toString();
  }

  /** Builds an {@link AlertmanagerNotifier}. Not thread-safe. */
  public static final class Builder extends DeliverySettings<Builder> {
    private final URI endpoint;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private Duration resendInterval = Duration.ofMinutes(1);

    private Builder(URI endpoint) {
      this.endpoint = endpoint;
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Adds a label to every alert, e.g. {@code env=prod} or {@code cluster=eu-1}, for routing and
     * inhibition.
     *
     * @param name a label name ({@code [a-zA-Z_][a-zA-Z0-9_]*}) other than those slo4j sets
     * @param value its value, not empty
     * @return this builder
     */
    public Builder label(String name, String value) {
      Require.nonNull("name", name);
      Require.nonNull("value", value);
      if (!LABEL_NAME.matcher(name).matches()) {
        throw Require.invalid("name", "\"" + name + "\"", "a label name matching [a-zA-Z_][a-zA-Z0-9_]*");
      }
      if (OWN_LABELS.contains(name)) {
        throw Require.invalid("name", name, "a label slo4j does not set itself (it sets " + String.join(", ", sorted(OWN_LABELS)) + ")");
      }
      if (value.isEmpty()) {
        throw Require.invalid("value", "\"\"", "a label value that is not empty (Alertmanager drops empty labels)");
      }
      labels.put(name, value);
      return this;
    }

    /**
     * How often a firing alert is posted again: 1 min by default, as Prometheus. Alertmanager
     * resolves a firing alert four resend intervals after its last post, so this also bounds how
     * long the alerts of a process that died keep firing.
     *
     * @param interval a duration of at least 1 s
     * @return this builder
     */
    public Builder resendInterval(Duration interval) {
      Require.positive("interval", interval);
      if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw Require.invalid("interval", DurationFormat.format(interval), ">= 1s");
      }
      this.resendInterval = interval;
      return this;
    }

    /** {@return a notifier with its delivery thread started; close it on shutdown} */
    public AlertmanagerNotifier build() {
      return new AlertmanagerNotifier(this);
    }

    private static List<String> sorted(Set<String> s) {
      List<String> l = new ArrayList<>(s);
      l.sort(null);
      return l;
    }
  }
}
