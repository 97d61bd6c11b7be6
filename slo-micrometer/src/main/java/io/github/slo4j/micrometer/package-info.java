/**
 * slo4j for Micrometer: the names under which SLO events are published as meters ({@link
 * io.github.slo4j.micrometer.SloMeterNames}), so that the in-process recorder, the published
 * counters and the Prometheus rules generated from the same SLO definitions all speak of the same
 * series.
 */
package io.github.slo4j.micrometer;
