/**
 * The model and the math of slo4j: what an SLO is, and the arithmetic of its error budget. This is
 * the bottom layer; the recorder, the monitor and replay are built on it, and it knows none of them.
 *
 * <p>An {@link io.github.slo4j.SloDefinition} says what is measured (an {@link io.github.slo4j.Sli}:
 * good ÷ total events, or requests within latency thresholds), what is promised (an {@link
 * io.github.slo4j.Objective}, held as an exact decimal so that 99.9 % leaves a budget of exactly
 * 0.001, per {@link io.github.slo4j.Target}), over which {@link io.github.slo4j.CompliancePeriod}
 * (rolling, or a calendar week or month in a time zone) and how the budget is counted ({@link
 * io.github.slo4j.BudgetingMethod}). {@link io.github.slo4j.ErrorBudget} holds the formulas of the
 * Google SRE Workbook, chapter 5, as pure functions: allowed bad events, budget time, burn rate,
 * time to exhaustion, budget spent when an alert tier fires, detection time, and the burn-rate
 * factor of a tier for any period; {@link io.github.slo4j.BudgetStatus} is their answer for a pair
 * of counts.
 *
 * <p>Three seams connect the layers above without their knowing each other. {@link
 * io.github.slo4j.WindowReader} answers {@link io.github.slo4j.WindowCounts} for trailing windows:
 * the recorder implements it, replay's exact store implements it, and alerting reads only through
 * it, so a replayed month and a live service are judged by the same code. {@link
 * io.github.slo4j.TimeSource} is the one clock ({@link io.github.slo4j.ManualTimeSource} for tests
 * and replay). {@link io.github.slo4j.ChangeMarker}s kept in a {@link io.github.slo4j.ChangeLog} are
 * the deploys and flag flips that alerts list and a budget policy's release gate judges.
 *
 * <p>Rules that hold here and everywhere above. Bad input fails fast with an {@link
 * java.lang.IllegalArgumentException} whose message names the parameter, the value and what was
 * expected, e.g. {@code objective ratio: 99.9 (expected 0 < ratio < 1; for a percent use
 * Objective.percent("99.9"))}. No traffic is <em>no data</em>: an empty {@link
 * java.util.OptionalDouble} or {@code hasData() == false}, never NaN, 0 % or −1.
 *
 * <p><b>Threading.</b> The values (definitions, objectives, periods, targets, counts, statuses,
 * markers) are immutable and thread-safe; {@link io.github.slo4j.ChangeLog} and {@link
 * io.github.slo4j.ManualTimeSource} are thread-safe; implementations of {@link
 * io.github.slo4j.WindowReader} and {@link io.github.slo4j.TimeSource} must be.
 *
 * <p><b>Imports.</b> Only the {@code internal} helpers (argument checks, the duration format), the
 * JDK and slf4j. A type here may not name a type of the recorder, monitor, replay or command-line
 * packages, not even in a Javadoc link (ArchitectureTest checks it; docs/architecture.md says why).
 *
 * <p><b>Where to start reading:</b> {@link io.github.slo4j.SloDefinition}, then {@link
 * io.github.slo4j.ErrorBudget}, then {@link io.github.slo4j.WindowReader}.
 */
package io.github.slo4j;
