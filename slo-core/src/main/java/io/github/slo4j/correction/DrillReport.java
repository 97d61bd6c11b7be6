package io.github.slo4j.correction;

import io.github.slo4j.Target;
import io.github.slo4j.internal.Require;
import io.github.slo4j.monitor.AlertTier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link FireDrill} showed for one target.
 *
 * @param drill the drill
 * @param target the target
 * @param tiers one line per alert tier of the target
 */
public record DrillReport(FireDrill drill, Target target, List<Tier> tiers) {

  /** Validates and copies the components. */
  public DrillReport {
    Require.nonNull("drill", drill);
    Require.nonNull("target", target);
    tiers = List.copyOf(tiers);
  }

  /**
   * One tier's result.
   *
   * @param tier the tier
   * @param timeToFire from the drill's start to the tier's first firing; empty when it did not fire
   * @param timeToResolve from the drill's start to its resolution; empty when it did not resolve
   * @param predicted the detection time the Workbook's formula predicts for the drill's error
   *     ratio ({@code factor × (1 − objective) × longWindow ÷ errorRatio}); empty when the ratio
   *     cannot reach the tier's threshold
   */
  public record Tier(AlertTier tier, Optional<Duration> timeToFire, Optional<Duration> timeToResolve, Optional<Duration> predicted) {
    /** Validates the components. */
    public Tier {
      Require.nonNull("tier", tier);
      Require.nonNull("timeToFire", timeToFire);
      Require.nonNull("timeToResolve", timeToResolve);
      Require.nonNull("predicted", predicted);
    }
  }
}
