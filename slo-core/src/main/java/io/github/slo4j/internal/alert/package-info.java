/**
 * The machinery behind burn-rate alerting, error-budget policies and replay: exact threshold
 * comparisons, the per-SLO alert and policy state machines, link templates, and the exact
 * per-interval store that replay drives and property tests use as their reference model.
 *
 * <p>Not part of the public API: types here may change in any release. The public entry points are
 * {@link io.github.slo4j.SloMonitor}, {@link io.github.slo4j.AlertRules}, {@link
 * io.github.slo4j.BudgetPolicy} and {@link io.github.slo4j.Replay}.
 */
package io.github.slo4j.internal.alert;
