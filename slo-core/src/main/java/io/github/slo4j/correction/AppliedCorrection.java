package io.github.slo4j.correction;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import io.github.slo4j.monitor.CorrectionLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A correction as a {@link CorrectedReader} applied it: the auditable decision, with the reason and
 * the author of the correction, when it was applied, and how.
 *
 * @param correction the correction
 * @param appliedAt the reader's last closed boundary when it was applied
 * @param retroactiveResolution the slot size at which the part already recorded was excluded;
 *     empty when none of its windows had been recorded (a correction scheduled ahead)
 * @param scheduled whether a window of it lies ahead, to be excluded as intervals close
 */
public record AppliedCorrection(
    BudgetCorrection correction, Instant appliedAt, Optional<Duration> retroactiveResolution, boolean scheduled)
    implements CorrectionLog.Entry {

  /** Validates the components. */
  public AppliedCorrection {
    Require.nonNull("correction", correction);
    Require.nonNull("appliedAt", appliedAt);
    Require.nonNull("retroactiveResolution", retroactiveResolution);
  }

  /** {@return the correction's id} */
  @Override
  public String correctionId() {
    return correction.id();
  }

  /** {@return why its events do not count} */
  @Override
  public String reason() {
    return correction.reason();
  }

  /** {@return who declared it} */
  @Override
  public String author() {
    return correction.author();
  }

  /** {@return when it was declared} */
  @Override
  public Instant declaredAt() {
    return correction.declaredAt();
  }

  /** {@return its windows: {@link BudgetCorrection#schedule()}} */
  @Override
  public String windows() {
    return correction.schedule();
  }

  /**
   * The audit line: {@code 2026-02-01T00:00:00Z correction cdn-outage by bob ("CDN provider
   * outage"), declared 2026-01-31T12:00:00Z: retroactive at 10s}.
   */
  @Override
  public String toString() {
    String how = retroactiveResolution.map(r -> "retroactive at " + DurationFormat.format(r)).orElse("");
    if (scheduled) {
      how = how.isEmpty() ? "scheduled" : how + ", scheduled";
    }
    if (how.isEmpty()) {
      how = "no window within the period";
    }
    return appliedAt + " correction " + correction.id() + " by " + correction.author() + " (\"" + correction.reason()
        + "\"), declared " + correction.declaredAt() + ": " + how;
  }
}
