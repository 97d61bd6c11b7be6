/**
 * Replay and backtest: an SLO, its alert rules and its budget policy driven through a synthetic or
 * recorded traffic profile, one base interval at a time, by the real monitor. "Does a 15 % error
 * burst for 10 minutes page, and when does it resolve?" is answered in a test, before an incident.
 *
 * <p>{@link io.github.slo4j.replay.Replay} turns a {@link io.github.slo4j.replay.Replay.Traffic}
 * profile (phases of rate and error ratio, functions of time, or recorded points; integrated into
 * whole counts per interval by {@code TrafficSource}, never drifting by more than one event) into an
 * {@link io.github.slo4j.replay.IntervalStore}, an exact {@link io.github.slo4j.WindowReader} of
 * per-interval prefix sums (every window is two reads, exact in whole intervals), on a {@link
 * io.github.slo4j.ManualTimeSource}, and evaluates a {@link io.github.slo4j.monitor.SloMonitor} at
 * every boundary exactly as a registry's ticker would. The {@link io.github.slo4j.replay.Replay.Result}
 * is the timeline of alert transitions and policy decisions. A 30-day month at 10 s intervals
 * replays in a fraction of a second. The property tests use the store as their reference model.
 *
 * <p><b>Threading.</b> A replay builder is not thread-safe; each run is independent and
 * single-threaded. An {@code IntervalStore} has a single writer: appends and reads must happen on
 * one thread or be ordered by the caller.
 *
 * <p><b>Imports.</b> The model, the monitor and {@code internal}; not the recorder (the store
 * stands in for it through {@link io.github.slo4j.WindowReader}) and not the command line. The
 * canary gate and the reliability assertions to come build on this package.
 *
 * <p><b>Where to start reading:</b> {@link io.github.slo4j.replay.Replay}, then {@link
 * io.github.slo4j.replay.IntervalStore}.
 */
package io.github.slo4j.replay;
