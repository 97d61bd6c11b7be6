/**
 * Prometheus rules generated from slo4j SLO definitions ({@link
 * io.github.slo4j.micrometer.prometheus.PrometheusRules}): where one instance's view is not enough,
 * Prometheus computes the fleet's error ratios, burn rates and multi-window alerts from the
 * {@code slo_events_total} counters the instances publish, with the windows, factors, guards and
 * annotations of the in-process monitor. The rules depend on slo-core's public API only, not on
 * Micrometer; the package sits in slo-micrometer beside the meter names it reads ({@link
 * io.github.slo4j.micrometer.SloMeterNames}), under the module's own package prefix.
 */
package io.github.slo4j.micrometer.prometheus;
