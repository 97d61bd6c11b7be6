/**
 * The record path: counting the events of an SLO on every request, closing intervals on a
 * wall-aligned ticker, and answering windows, snapshots and state from multi-resolution rings.
 *
 * <p>A {@link io.github.slo4j.recorder.SloRegistry} owns a set of {@link
 * io.github.slo4j.recorder.SloRecorder}s (one per SLO, or one per group key of a {@link
 * io.github.slo4j.recorder.GroupedSloRecorder}, with a hard cap) and the one ticker that closes
 * their base intervals. {@code record} does one atomic add into a striped, padded cumulative cell
 * ({@code Cells}): no clock read, no allocation, no lock, no throw. At each wall-clock multiple of
 * the base interval the ticker sums the cells and appends the cumulative totals to three tiers of
 * rings ({@code Rings}: 10 s for an hour, 2 min for a day, 1 h for the period), then calls the
 * {@link io.github.slo4j.recorder.TickListener}s. A window is the difference of two rows: two slot
 * reads, O(1). Reads come as {@link io.github.slo4j.WindowCounts} (the recorder is a {@link
 * io.github.slo4j.WindowReader}), as an immutable {@link io.github.slo4j.recorder.SloSnapshot} of
 * every standard window, or filled into a reusable {@link io.github.slo4j.recorder.SnapshotBuffer}.
 * {@link io.github.slo4j.recorder.SloState} is a recorder's history as bytes ({@code StateCodec},
 * {@code RingState}, {@code RecorderState}): exported, restored after a restart, merged across a
 * fleet. {@link io.github.slo4j.recorder.FilteredRecorder} keeps probes and bots out of the SLI.
 * Lookup by id, get-or-create, unregister and {@link io.github.slo4j.recorder.RegistryEvent}s (told
 * to {@link io.github.slo4j.recorder.RegistryListener}s) let a binder follow recorders it did not
 * create.
 *
 * <p><b>Threading.</b> Registries, recorders, grouped recorders and filtered recorders are
 * thread-safe; the record methods are lock-free and never throw. The ticker is the single writer
 * of the rings (under a {@code StampedLock}; readers read optimistically and never block it).
 * Tick listeners run after the tick lock is released, one at a time, behind the one callback guard.
 * A {@link io.github.slo4j.recorder.SnapshotBuffer} is not thread-safe: one per reading thread.
 * Snapshots and states are immutable.
 *
 * <p><b>Imports.</b> The model and {@code internal}; never the monitor, replay or the command line.
 * Alerting attaches to a registry as a {@link io.github.slo4j.WindowSource} and reads through
 * {@link io.github.slo4j.WindowReader}, so this package does not know it exists. Adapters plug in here: a Micrometer observation handler
 * calls {@code record}, a meter binder reads cumulative counts and snapshots.
 *
 * <p><b>Where to start reading:</b> {@link io.github.slo4j.recorder.SloRegistry} (the ticker and its
 * locks), then {@link io.github.slo4j.recorder.SloRecorder} (the boundary rule, calendar periods,
 * budgeting), then {@code Cells} and {@code Rings}, whose implementation notes give the ordering
 * arguments. docs/windows.md tells the same story for users.
 */
package io.github.slo4j.recorder;
