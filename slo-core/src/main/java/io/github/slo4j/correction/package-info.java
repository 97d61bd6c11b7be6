/**
 * Budget corrections: maintenance windows declared ahead (one-off or recurring, an RFC 5545 RRULE
 * subset) and exclusions declared after the fact, whose events count neither toward the SLI nor
 * toward the error budget. A {@link io.github.slo4j.correction.CorrectedReader} decorates any
 * window reader, so the monitor alerts and budgets on corrected counts, while the uncorrected
 * figures stay beside them; each correction is an auditable decision with a reason and an author,
 * and alerts held back during a window are reported as suppressed.
 */
package io.github.slo4j.correction;
