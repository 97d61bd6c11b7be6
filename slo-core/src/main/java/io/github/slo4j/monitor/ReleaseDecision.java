package io.github.slo4j.monitor;

import io.github.slo4j.ChangeMarker;
import io.github.slo4j.internal.Require;

/**
 * The release gate's answer to "may this change ship now?" ({@link SloMonitor#mayShip}), with the
 * reason: the freeze in force and the clause behind it, or why the change may go.
 *
 * @param change the change asked about
 * @param allowed whether it may ship
 * @param reason why, for humans and for the deploy log
 */
public record ReleaseDecision(ChangeMarker change, boolean allowed, String reason) {
  /** Validates the components. */
  public ReleaseDecision {
    Require.nonNull("change", change);
    Require.nonNull("reason", reason);
  }

  /** {@code allowed: ...} or {@code blocked: ...}. */
  @Override
  public String toString() {
    return (allowed ? "allowed: " : "blocked: ") + reason;
  }
}
