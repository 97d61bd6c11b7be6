package io.github.slo4j.recorder;

import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import java.time.Duration;
import java.util.List;

/**
 * What every recorder of one SLO definition holds alike, built once and shared: the latency
 * thresholds, the standard windows and the rings' tiers. The groups of a grouped SLO all use their
 * definition's shape, so a quiet group pays only for its own counts (issue 10). Immutable: nothing
 * writes into its arrays after construction.
 */
final class RecorderShape {
  final SloDefinition definition;
  final long baseMillis;
  /** The latency thresholds in nanoseconds, in target order (none for an events SLI). */
  final long[] thresholdNanos;
  /** The standard windows ({@link SloRecorder#standardWindows(io.github.slo4j.CompliancePeriod)}). */
  final List<Duration> standardWindows;
  /** The rings' tiers, and as their ready windows the standard windows in milliseconds. */
  final Rings.Shape rings;

  RecorderShape(SloDefinition definition, long baseMillis) {
    this.definition = definition;
    this.baseMillis = baseMillis;
    int targets = definition.targets().size();
    this.thresholdNanos = new long[definition.sli() instanceof Sli.Latency ? targets : 0];
    for (int i = 0; i < thresholdNanos.length; i++) {
      thresholdNanos[i] = definition.targets().get(i).latencyThreshold().orElseThrow().toNanos();
    }
    this.standardWindows = SloRecorder.standardWindows(definition.period());
    // a loop, not a stream: no lambda bootstrap between JVM start and the first record (issue 10)
    long[] windowMillis = new long[standardWindows.size()];
    for (int i = 0; i < windowMillis.length; i++) {
      windowMillis[i] = standardWindows.get(i).toMillis();
    }
    this.rings =
        new Rings.Shape(
            baseMillis,
            new long[] {baseMillis, Duration.ofMinutes(2).toMillis(), Duration.ofHours(1).toMillis()},
            new long[] {
              Duration.ofHours(1).toMillis(),
              Duration.ofDays(1).toMillis(),
              definition.period().maxLength().plusDays(1).toMillis()
            },
            windowMillis);
  }
}
