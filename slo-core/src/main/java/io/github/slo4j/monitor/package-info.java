/**
 * Alerting and error-budget policy: what an SLO's counts mean for the people who run the service,
 * evaluated at every closed interval through the {@link io.github.slo4j.WindowReader} seam only.
 *
 * <p>A {@link io.github.slo4j.monitor.SloMonitor} watches one SLO. At each evaluation boundary it
 * reads the long and short window of every {@link io.github.slo4j.monitor.AlertTier} of every
 * target and runs the alert state machines ({@code AlertEngine}): a tier's condition is that both
 * burn rates are strictly greater than its factor, decided exactly ({@code RatioThreshold}); it may
 * start firing only above the single-failure floor ({@link
 * io.github.slo4j.monitor.AlertRules#minEvents}), resolves only after its keep-firing time
 * (hysteresis), never changes state on no data, and joins the open incident of its severity, so one
 * incident is one notification and one resolve. The period's budget ({@link
 * io.github.slo4j.monitor.PeriodBudget}) and each episode's cost feed the payload, an {@link
 * io.github.slo4j.monitor.Alert} with its deep links ({@code LinkTemplate}) and the changes near the
 * burn, and the {@link io.github.slo4j.monitor.BudgetPolicy} clauses ({@code PolicyEngine}), which
 * yield {@link io.github.slo4j.monitor.PolicyDecision}s, the release gate's {@link
 * io.github.slo4j.monitor.ReleaseDecision} and the SLO's own {@link
 * io.github.slo4j.monitor.SloHealth}. Every {@link io.github.slo4j.monitor.AlertTransition} reaches
 * the {@link io.github.slo4j.monitor.AlertListener}s and every decision the {@link
 * io.github.slo4j.monitor.DecisionListener}s, through the one callback guard. A {@link
 * io.github.slo4j.monitor.RegistryMonitor} keeps one monitor per reader of a {@link
 * io.github.slo4j.WindowSource} (a registry: every SLO and every group) and evaluates them at its
 * ticks. {@link io.github.slo4j.monitor.AlertRules}, {@link io.github.slo4j.monitor.AlertTiers} and
 * {@link io.github.slo4j.monitor.Severity} are the configuration, checked when built.
 *
 * <p><b>Threading.</b> Rules, tiers, policies and payloads are immutable and thread-safe. A monitor
 * is thread-safe: its state is guarded by its lock, and its listeners run on the evaluating thread
 * (a registry's ticker, or replay's loop) after the lock is released, one delivery at a time. The engines inside it
 * are not thread-safe and need not be.
 *
 * <p><b>Imports.</b> The model and {@code internal}; <em>never</em> the recorder. A monitor reads
 * counts only through {@link io.github.slo4j.WindowReader} and takes its time from the reader and
 * the boundaries it is given, so a live recorder and replay's exact store are interchangeable beneath it: the
 * replayed month of a test and the production pager run the same code. Prometheus rules generated
 * from the same definitions and rules mirror these semantics for a fleet.
 *
 * <p><b>Where to start reading:</b> {@link io.github.slo4j.monitor.RegistryMonitor}, {@link
 * io.github.slo4j.monitor.SloMonitor}, then {@link
 * io.github.slo4j.monitor.AlertRules} and {@code AlertEngine} (the state machine), then {@link
 * io.github.slo4j.monitor.BudgetPolicy} and {@code PolicyEngine}. docs/alerting.md and
 * docs/policy.md explain the choices for users.
 */
package io.github.slo4j.monitor;
