package io.github.slo4j.monitor;

import io.github.slo4j.WindowReader;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A reader whose counts exclude the events of budget corrections and that keeps the log of the
 * corrections applied: the {@code CorrectedReader} of the correction package is one. A monitor with a
 * {@link BudgetPolicy} built over such a reader puts every correction into the policy's enforcement
 * history ({@link PolicyDecision.Kind#CORRECTION_APPLIED}, with corrected and uncorrected budget
 * figures side by side), delivered to the {@link DecisionListener}s as every decision, and reads the
 * meta-signal "budget exhausted with no freeze" from the {@linkplain #raw() uncorrected} counts as
 * well, so a correction cannot hide an exhausted budget.
 *
 * <p>Implementations are thread-safe.
 */
public interface CorrectionLog extends WindowReader {

  /** {@return the reader this one corrects: the counts as recorded} */
  WindowReader raw();

  /** {@return how many corrections were applied so far; never decreases} */
  int appliedCount();

  /**
   * {@return the correction applied {@code index}-th, oldest first}
   *
   * @param index from 0 to {@link #appliedCount()} (exclusive)
   */
  Entry applied(int index);

  /** One applied correction, as the audit trail keeps it. */
  interface Entry {
    /** {@return the correction's id} */
    String correctionId();

    /** {@return why its events do not count} */
    String reason();

    /** {@return who declared it} */
    String author();

    /** {@return when it was declared} */
    Instant declaredAt();

    /** {@return when it was applied: the reader's last closed boundary then} */
    Instant appliedAt();

    /**
     * {@return its window or windows: {@code [2026-01-15T10:00:00Z, 2026-01-15T11:30:00Z)}, or a
     * recurrence such as {@code FREQ=WEEKLY;BYDAY=SU from 2026-01-04T22:00+01:00[Europe/Berlin] for 4h}}
     */
    String windows();

    /**
     * {@return the slot size at which the part already recorded was excluded; empty when none of it
     * had been recorded}
     */
    Optional<Duration> retroactiveResolution();

    /** {@return whether a window of it lies ahead, excluded as intervals close} */
    boolean scheduled();
  }
}
