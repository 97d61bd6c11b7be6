/**
 * The in-process canary gate: promote, hold or roll back a canary from the canary and a baseline
 * observed over the same interval.
 *
 * <p>A {@link io.github.slo4j.canary.CanaryGate} holds {@link io.github.slo4j.canary.CanaryMetric}s
 * (error rate, business success, latency above a threshold, saturation, dependency pressure, the
 * canary's own burn rate), each reduced to bad events of a total per arm. An {@link
 * io.github.slo4j.canary.CanaryObservation} gives the arms' counts — from two recorders or any
 * {@link io.github.slo4j.WindowReader}, from counts, from HdrHistogram latency histograms or gauge
 * samples — and the gate answers with a {@link io.github.slo4j.canary.CanaryReport}: a {@link
 * io.github.slo4j.canary.Verdict} and the reasons, with the counts, the statistics and what is
 * still needed. The test on the counts is anytime-valid, so the gate can be polled every few
 * seconds without raising its false-rollback rate above α; Fisher's exact p-value is reported
 * beside it. {@link io.github.slo4j.canary.KayentaJudge} scores metric samples the way Kayenta
 * does, for teams migrating from it; its known weaknesses are documented there.
 */
package io.github.slo4j.canary;
