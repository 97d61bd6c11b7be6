package io.github.slo4j.canary;

import io.github.slo4j.ChangeMarker;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import io.github.slo4j.monitor.ReleaseDecision;
import io.github.slo4j.monitor.SloMonitor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link CanaryGate}'s answer: the {@link Verdict}, and the reasons a release engineer pastes into
 * the incident channel — the headline (what decided, with the time, the volume and what is still
 * needed), then one line per metric with its counts, its statistics and what would decide it.
 * Immutable; the reasons are written when asked for.
 */
public final class CanaryReport {
  /** What decided the verdict. */
  enum Cause {
    CRITICAL_HARM(Verdict.ROLLBACK),
    BELOW_MINIMUM(Verdict.HOLD),
    NON_CRITICAL_HARM(Verdict.HOLD),
    MAXIMUM_REACHED(Verdict.PROMOTE),
    NO_HARM_SHOWN(Verdict.PROMOTE),
    NO_EVIDENCE_YET(Verdict.HOLD);

    final Verdict verdict;

    Cause(Verdict verdict) {
      this.verdict = verdict;
    }
  }

  private final CanaryGate gate;
  private final Cause cause;
  private final Duration elapsed;
  private final long volume;
  private final List<MetricResult> metrics;

  CanaryReport(CanaryGate gate, Cause cause, Duration elapsed, long volume, List<MetricResult> metrics) {
    this.gate = gate;
    this.cause = cause;
    this.elapsed = elapsed;
    this.volume = volume;
    this.metrics = metrics;
  }

  /** {@return what to do with the canary} */
  public Verdict verdict() {
    return cause.verdict;
  }

  /** {@return how long the canary had run} */
  public Duration elapsed() {
    return elapsed;
  }

  /** {@return the canary's volume: the largest canary total of its metrics} */
  public long volume() {
    return volume;
  }

  /** {@return each metric's result, in the gate's order} */
  public List<MetricResult> metrics() {
    return metrics;
  }

  /** {@return the metrics that show harm} */
  public List<MetricResult> harmed() {
    List<MetricResult> out = new ArrayList<>();
    for (MetricResult r : metrics) {
      if (r.harm()) {
        out.add(r);
      }
    }
    return out;
  }

  /** {@return the headline, then one line per metric} */
  public List<String> reasons() {
    List<String> out = new ArrayList<>();
    out.add(headline());
    for (MetricResult r : metrics) {
      out.add(r.toString());
    }
    return List.copyOf(out);
  }

  /**
   * {@return the verdict and what decided it, with the time, the volume and what is still needed:
   * {@code HOLD at 2m: minimum not reached (needs 3m and 880 more canary events)}}
   */
  public String headline() {
    String at = cause.verdict + " at " + DurationFormat.format(elapsed) + ", volume " + volume + ": ";
    switch (cause) {
      case CRITICAL_HARM:
        return at + "critical " + names(true) + " harm (false-rollback rate <= " + Format.number(gate.alpha()) + ")";
      case BELOW_MINIMUM: {
        List<String> needs = new ArrayList<>();
        if (elapsed.compareTo(gate.minDuration()) < 0) {
          needs.add(DurationFormat.format(gate.minDuration().minus(elapsed)) + " more");
        }
        if (volume < gate.minVolume()) {
          needs.add((gate.minVolume() - volume) + " more canary events");
        }
        return at + "minimum not reached (" + DurationFormat.format(gate.minDuration()) + ", "
            + gate.minVolume() + " events); needs " + String.join(" and ", needs);
      }
      case NON_CRITICAL_HARM:
        return at + "non-critical " + names(false) + " harm"
            + (maximumReached() ? "; the maximum is reached: a person decides" : "");
      case MAXIMUM_REACHED:
        return at + "maximum reached (" + DurationFormat.format(gate.maxDuration())
            + (gate.maxVolume() == Long.MAX_VALUE ? "" : " or " + gate.maxVolume() + " events")
            + ") without evidence of harm";
      case NO_HARM_SHOWN:
        return at + "every metric shows no harm";
      default:
        return at + "no evidence either way yet; promotes at " + DurationFormat.format(gate.maxDuration())
            + " (" + DurationFormat.format(gate.maxDuration().minus(elapsed)) + " more) unless harm shows";
    }
  }

  private boolean maximumReached() {
    return elapsed.compareTo(gate.maxDuration()) >= 0 || volume >= gate.maxVolume();
  }

  private String names(boolean critical) {
    List<String> names = new ArrayList<>();
    for (MetricResult r : metrics) {
      if (r.harm() && r.metric().critical() == critical) {
        names.add(r.metric().name());
      }
    }
    return (names.size() == 1 ? "metric " : "metrics ") + String.join(", ", names)
        + (names.size() == 1 ? " shows" : " show");
  }

  /**
   * The release gate of an error-budget policy with this canary's verdict in it: the change may
   * ship only when the monitor's gate lets it ({@link SloMonitor#mayShip}: a frozen budget still
   * blocks a routine change, whatever the canary shows) and the verdict is {@link Verdict#PROMOTE}.
   * The reason holds both.
   */
  public ReleaseDecision releaseDecision(SloMonitor monitor, ChangeMarker change) {
    Require.nonNull("monitor", monitor);
    Require.nonNull("change", change);
    ReleaseDecision budget = monitor.mayShip(change);
    if (!budget.allowed()) {
      return budget;
    }
    return new ReleaseDecision(change, cause.verdict == Verdict.PROMOTE,
        budget.reason() + "; canary " + headline());
  }

  /** The reasons, one a line. */
  @Override
  public String toString() {
    return String.join("\n", reasons());
  }
}
