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

  /** The tag naming the group of a grouped SLO: its {@linkplain io.github.slo4j.recorder.SloRecorder#groupKey() key}. */
  public static final String TAG_GROUP = "group";

  /** The tag naming the window of a windowed gauge, as the rule files write it: {@code 5m}, {@code 1h}. */
  public static final String TAG_WINDOW = "window";

  /** The tag naming an alert's severity: {@code page}, {@code ticket}. */
  public static final String TAG_SEVERITY = "severity";

  /** The {@value #TAG_WINDOW} of a meter over the compliance period so far: {@code period}. */
  public static final String PERIOD_WINDOW = "period";

  /** The gauge of a target's burn rate over one alert window: {@code slo.burn.rate}. */
  public static final String BURN_RATE = "slo.burn.rate";

  /** The gauge of a target's remaining error budget over the period, {@code 1 − consumed}: {@code slo.error.budget.remaining}. */
  public static final String ERROR_BUDGET_REMAINING = "slo.error.budget.remaining";

  /** The gauge of a target's SLI over the period so far, good ÷ all: {@code slo.sli}. */
  public static final String SLI = "slo.sli";

  /** The gauge, 1 or 0, of whether an alert of a severity is active: {@code slo.alert.active}. */
  public static final String ALERT_ACTIVE = "slo.alert.active";

  /** The gauge, 1 or 0, of whether a window has events, so that no gauge reads as healthy without data: {@code slo.data.present}. */
  public static final String DATA_PRESENT = "slo.data.present";
}
