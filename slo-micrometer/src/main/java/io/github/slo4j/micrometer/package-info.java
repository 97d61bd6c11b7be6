/**
 * slo4j for Micrometer: SLOs fed from what a service already measures, and published as meters.
 *
 * <ul>
 *   <li><b>Push</b>: {@link io.github.slo4j.micrometer.SloObservationHandler}, a plain observation
 *       handler that, when an observation stops, matches it against each SLO's {@link
 *       io.github.slo4j.micrometer.ObservationSelector}, judges it with an {@link
 *       io.github.slo4j.micrometer.OutcomeClassifier} and records it (per group key for a grouped
 *       SLO), timing it on slo4j's own clock.
 *   <li><b>Pull</b>: {@link io.github.slo4j.micrometer.SloMeterSource} reads existing counters and
 *       timers ({@link io.github.slo4j.micrometer.MeterQuery}) at each tick and records their
 *       increases, as Prometheus' {@code increase()} does; {@link
 *       io.github.slo4j.micrometer.MicrometerTime} makes the meter registry's {@code Clock} slo4j's
 *       one time source.
 *   <li><b>Publish</b>: {@link io.github.slo4j.micrometer.SloMeterBinder} publishes every SLO of a
 *       registry (and each group as it is created) as function-based meters named by {@link
 *       io.github.slo4j.micrometer.SloMeterNames}: cumulative events by outcome, burn rates per alert
 *       window, the budget left, the SLI, active alerts and an explicit data-present meter, so no
 *       dashboard reads NaN as healthy.
 *   <li><b>The fleet</b>: {@code io.github.slo4j.micrometer.prometheus.PrometheusRules} writes the
 *       Prometheus recording and alerting rules for the same definitions, over the published
 *       {@code slo_events_total} counters.
 * </ul>
 */
package io.github.slo4j.micrometer;
