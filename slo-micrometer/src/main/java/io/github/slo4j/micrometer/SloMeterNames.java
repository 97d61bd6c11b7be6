package io.github.slo4j.micrometer;

/**
 * The one convention for the meters slo4j publishes, shared by the Micrometer binder and the
 * Prometheus rules generated from the same SLOs ({@link
 * io.github.slo4j.micrometer.prometheus.PrometheusRules}): a cumulative counter {@value #EVENTS}
 * per SLO target and outcome, tagged {@value #TAG_SLO}, {@value #TAG_SERVICE}, {@value #TAG_TARGET}
 * and {@value #TAG_OUTCOME} ({@value #GOOD} or {@value #BAD}). Prometheus exposes it as {@value
 * #PROMETHEUS_EVENTS}: Micrometer's Prometheus naming turns dots into underscores and gives a counter
 * the {@code _total} suffix.
 *
 * <p>Both outcomes of every target are published from the start (at zero), so that an error ratio
 * over a window is defined as soon as the target has traffic, and an instance that stops reporting
 * is told apart from one without errors.
 */
public final class SloMeterNames {
  private SloMeterNames() {}

  /** The counter of events of an SLO target: {@code slo.events}. */
  public static final String EVENTS = "slo.events";

  /** The name Prometheus gives {@link #EVENTS}: {@code slo_events_total}. */
  public static final String PROMETHEUS_EVENTS = "slo_events_total";

  /** The tag naming the SLO: its {@linkplain io.github.slo4j.SloDefinition#id() id}. */
  public static final String TAG_SLO = "slo";

  /** The tag naming the SLO's {@linkplain io.github.slo4j.SloDefinition#service() service}. */
  public static final String TAG_SERVICE = "service";

  /**
   * The tag naming the {@linkplain io.github.slo4j.Target target}: {@code events}, or a latency
   * threshold such as {@code le100ms}.
   */
  public static final String TAG_TARGET = "target";

  /** The tag telling good events from bad ones: {@value #GOOD} or {@value #BAD}. */
  public static final String TAG_OUTCOME = "outcome";

  /** The outcome of an event that met the target. */
  public static final String GOOD = "good";

  /** The outcome of an event that did not meet the target. */
  public static final String BAD = "bad";
}
