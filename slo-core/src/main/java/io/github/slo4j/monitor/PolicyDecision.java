package io.github.slo4j.monitor;

import io.github.slo4j.Target;
import io.github.slo4j.internal.Require;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A decision an {@link BudgetPolicy error-budget policy} made about an SLO, naming the policy (id
 * and version) and the clause that produced it, so anyone can check it against the signed text.
 *
 * <p>Immutable; only the monitor creates one, so a decision may gain fields without breaking
 * callers. Equal when every field is.
 */
public final class PolicyDecision {
  private final String policyId;
  private final String policyVersion;
  private final String clause;
  private final Kind kind;
  private final String sloId;
  private final Optional<String> groupKey;
  private final Target target;
  private final Instant at;
  private final String message;
  private final Optional<Correction> correction;

  /** What a policy decided. */
  public enum Kind {
    /** The period budget is exhausted: non-critical releases are frozen. */
    FREEZE,
    /** The budget recovered past the hysteresis margin: releases may ship again. */
    UNFREEZE,
    /** A person lifted a freeze while the budget was still exhausted. */
    FREEZE_OVERRIDDEN,
    /** One alert episode spent at least the clause's share of the period's projected budget. */
    POSTMORTEM_REQUIRED,
    /** The long-window burn averaged over the review horizon is above the clause's upper bound. */
    TARGET_TOO_TIGHT,
    /** The long-window burn averaged over the review horizon is below the clause's lower bound. */
    TARGET_TOO_LOOSE,
    /** A target under review is calibrated again. */
    TARGET_CALIBRATED,
    /** A step's burn-rate threshold is exceeded. */
    STEP_BREACHED,
    /** A breached step is back on track. */
    STEP_ON_TRACK,
    /**
     * A budget correction was applied to the SLO's counts (clause {@code correction}): {@link
     * #correction()} says which, by whom and why, with the budget corrected and uncorrected.
     */
    CORRECTION_APPLIED
  }

  /**
   * A budget correction as the policy's enforcement history records it: the correction, and the
   * period budget of the decision's target with and without the corrections applied so far, side by
   * side, as of the decision.
   *
   * @param applied the correction: id, reason, author, windows, the resolution applied
   * @param corrected the period budget alerting and the policy see, every correction excluded
   * @param uncorrected the period budget as recorded
   */
  public record Correction(CorrectionLog.Entry applied, PeriodBudget corrected, PeriodBudget uncorrected) {
    /** Validates the components. */
    public Correction {
      Require.nonNull("applied", applied);
      Require.nonNull("corrected", corrected);
      Require.nonNull("uncorrected", uncorrected);
    }
  }

  PolicyDecision(
      String policyId, String policyVersion, String clause, Kind kind, String sloId, Optional<String> groupKey,
      Target target, Instant at, String message) {
    this(policyId, policyVersion, clause, kind, sloId, groupKey, target, at, message, Optional.empty());
  }

  PolicyDecision(
      String policyId, String policyVersion, String clause, Kind kind, String sloId, Optional<String> groupKey,
      Target target, Instant at, String message, Optional<Correction> correction) {
    this.correction = Require.nonNull("correction", correction);
    this.policyId = Require.nonNull("policyId", policyId);
    this.policyVersion = Require.nonNull("policyVersion", policyVersion);
    this.clause = Require.nonNull("clause", clause);
    this.kind = Require.nonNull("kind", kind);
    this.sloId = Require.nonNull("sloId", sloId);
    this.groupKey = Require.nonNull("groupKey", groupKey);
    this.target = Require.nonNull("target", target);
    this.at = Require.nonNull("at", at);
    this.message = Require.nonNull("message", message);
  }

  /** {@return the policy's id} */
  public String policyId() {
    return policyId;
  }

  /** {@return the policy's version} */
  public String policyVersion() {
    return policyVersion;
  }

  /**
   * {@return the clause's name: {@code freeze}, {@code postmortem}, {@code target-review}, a
   * step's name, or {@code correction} for a budget correction}
   */
  public String clause() {
    return clause;
  }

  /** {@return what was decided} */
  public Kind kind() {
    return kind;
  }

  /** {@return the SLO the decision is about} */
  public String sloId() {
    return sloId;
  }

  /**
   * {@return the group key, when the SLO is grouped (by tenant, endpoint...): the decision is about
   * that group's budget only}
   */
  public Optional<String> groupKey() {
    return groupKey;
  }

  /**
   * {@return the target it is about: one of the SLO's {@link
   * io.github.slo4j.SloDefinition#targets()}, named {@code events} or after a latency threshold}
   */
  public Target target() {
    return target;
  }

  /** {@return when it was decided (an evaluation boundary, or the time of a manual override)} */
  public Instant at() {
    return at;
  }

  /** {@return what it means, for humans: the clause's wording and the numbers behind it} */
  public String message() {
    return message;
  }

  /** {@return the correction, for a {@link Kind#CORRECTION_APPLIED} decision; else empty} */
  public Optional<Correction> correction() {
    return correction;
  }

  /** Equal when every field is. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PolicyDecision)) {
      return false;
    }
    PolicyDecision d = (PolicyDecision) o;
    return policyId.equals(d.policyId)
        && policyVersion.equals(d.policyVersion)
        && clause.equals(d.clause)
        && kind == d.kind
        && sloId.equals(d.sloId)
        && groupKey.equals(d.groupKey)
        && target.equals(d.target)
        && at.equals(d.at)
        && message.equals(d.message)
        && correction.equals(d.correction);
  }

  @Override
  public int hashCode() {
    return Objects.hash(policyId, policyVersion, clause, kind, sloId, groupKey, target, at, message, correction);
  }

  /**
   * Whether this decision is part of the enforcement history: a freeze, an unfreeze, an override, a
   * budget correction.
   */
  public boolean enforcement() {
    return kind == Kind.FREEZE || kind == Kind.UNFREEZE || kind == Kind.FREEZE_OVERRIDDEN
        || kind == Kind.CORRECTION_APPLIED;
  }

  /**
   * {@code 2026-01-08T00:10:10Z freeze (checkout-policy v3 freeze) checkout-availability/events: ...};
   * for a group of a grouped SLO, {@code ... checkout-availability[tenant-a]/events: ...}.
   */
  @Override
  public String toString() {
    return at + " " + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + " (" + policyId + " " + policyVersion
        + " " + clause + ") " + Alert.sloLabel(sloId, groupKey) + "/" + target.name() + ": "
        + message;
  }
}
