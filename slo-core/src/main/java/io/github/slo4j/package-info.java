/**
 * SLO and error-budget math for the JVM: the model of a service level objective and the arithmetic
 * of its error budget.
 *
 * <p>An {@link io.github.slo4j.SloDefinition} says what is measured (an {@link
 * io.github.slo4j.Sli}: good ÷ total events, or requests within latency thresholds), what is
 * promised (an {@link io.github.slo4j.Objective}, held as an exact decimal so that 99.9 % leaves a
 * budget of exactly 0.001), over which {@link io.github.slo4j.CompliancePeriod} (rolling, or a
 * calendar week or month in a time zone) and how the budget is counted ({@link
 * io.github.slo4j.BudgetingMethod}). {@link io.github.slo4j.ErrorBudget} holds the formulas of the
 * Google SRE Workbook, chapter 5, as pure functions: allowed bad events, budget time, burn rate,
 * time to exhaustion, budget spent when an alert tier fires, detection time, and the burn-rate
 * factor of a tier for any period.
 *
 * <p>Two rules hold across the package. Bad input fails fast with an {@link
 * java.lang.IllegalArgumentException} whose message names the parameter, the value and what was
 * expected, e.g. {@code objective ratio: 99.9 (expected 0 < ratio < 1; for a percent use
 * Objective.percent("99.9"))}. And no traffic is <em>no data</em>: an empty {@link
 * java.util.OptionalDouble} or {@code hasData() == false}, never NaN, 0 % or −1.
 *
 * <p>Values are immutable and thread-safe. Time enters through one {@link
 * io.github.slo4j.TimeSource}; tests and replay use {@link io.github.slo4j.ManualTimeSource}.
 */
package io.github.slo4j;
