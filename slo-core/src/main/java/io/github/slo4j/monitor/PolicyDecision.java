package io.github.slo4j.monitor;

import io.github.slo4j.internal.Require;
import java.time.Instant;
import java.util.Locale;

/**
 * A decision an {@link BudgetPolicy error-budget policy} made about an SLO, naming the policy (id
 * and version) and the clause that produced it, so anyone can check it against the signed text.
 *
 * @param policyId the policy's id
 * @param policyVersion the policy's version
 * @param clause the clause's name: {@code freeze}, {@code postmortem}, {@code target-review}, or a
 *     step's name
 * @param kind what was decided
 * @param sloId the SLO the decision is about
 * @param target the SLO target it is about ({@code events} or a latency threshold)
 * @param at when it was decided (an evaluation boundary, or the time of a manual override)
 * @param message what it means, for humans: the clause's wording and the numbers behind it
 */
public record PolicyDecision(
    String policyId,
    String policyVersion,
    String clause,
    Kind kind,
    String sloId,
    String target,
    Instant at,
    String message) {

  /** What a policy decided. */
  public enum Kind {
    /** The period budget is exhausted: non-critical releases are frozen. */
    FREEZE,
    /** The budget recovered past the hysteresis margin: releases may ship again. */
    UNFREEZE,
    /** A person lifted a freeze while the budget was still exhausted. */
    FREEZE_OVERRIDDEN,
    /** One alert episode consumed at least the clause's share of the budget. */
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
    STEP_ON_TRACK
  }

  /** Validates the components. */
  public PolicyDecision {
    Require.nonNull("policyId", policyId);
    Require.nonNull("policyVersion", policyVersion);
    Require.nonNull("clause", clause);
    Require.nonNull("kind", kind);
    Require.nonNull("sloId", sloId);
    Require.nonNull("target", target);
    Require.nonNull("at", at);
    Require.nonNull("message", message);
  }

  /** Whether this decision is part of the enforcement history: a freeze, an unfreeze, an override. */
  public boolean enforcement() {
    return kind == Kind.FREEZE || kind == Kind.UNFREEZE || kind == Kind.FREEZE_OVERRIDDEN;
  }

  /** {@code 2026-01-08T00:10:10Z freeze (checkout-policy v3 freeze) checkout-availability/events: ...}. */
  @Override
  public String toString() {
    return at + " " + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + " (" + policyId + " " + policyVersion
        + " " + clause + ") " + sloId + "/" + target + ": " + message;
  }
}
