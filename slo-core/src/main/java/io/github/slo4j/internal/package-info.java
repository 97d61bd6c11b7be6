/**
 * Helpers shared by the slo4j packages and modules, below every layer: argument checks with one
 * message shape, {@code name: value (expected ...)} ({@link io.github.slo4j.internal.Require}); the
 * compact duration format of messages, the command line, the docs and rule names, {@code 1h30m}
 * ({@link io.github.slo4j.internal.DurationFormat}); and the one guard every user callback runs
 * behind ({@link io.github.slo4j.internal.Callbacks}: tick, alert and decision listeners, record
 * filters; whatever they throw is counted and logged once with the SLO id and the time, and the
 * caller goes on). Machinery that grows to several types gets a sub-package of its own, in the
 * same layer (the statistics behind the canary gate and the reliability assertions: {@code
 * internal.stats}).
 *
 * <p><b>Imports.</b> The JDK and slf4j only: nothing of slo4j outside {@code internal}, so any
 * layer may use it without a cycle. <b>Threading.</b> {@code Require} and {@code DurationFormat} are
 * stateless; {@code Callbacks} is thread-safe.
 *
 * <p>Not part of the public API: not exported by the module, not in the Javadoc jar. It is public
 * only so that the other slo4j packages can use it, and it may change in any release.
 * Implementation classes that serve one package's API stay package-private beside it, not here.
 */
package io.github.slo4j.internal;
