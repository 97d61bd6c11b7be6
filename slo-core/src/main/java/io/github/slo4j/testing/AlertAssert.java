package io.github.slo4j.testing;

import static io.github.slo4j.testing.Verdicts.count;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.replay.Replay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Assertions on alerting itself: an SLO's {@link AlertRules} driven through a traffic profile by
 * {@link Replay} (the real monitor on an exact store), then "this incident pages within 5 minutes"
 * ({@link #pagesWithin}) or "this traffic never pages" ({@link #neverPages}). Replay is exact and
 * deterministic, so these verdicts have no confidence level and are never inconclusive: a failure
 * prints the SLO, its tiers, what was replayed, the first alert of the severity asked about and the
 * timeline of transitions. Made by {@link Reliability#assertThatAlerting}; an immutable value, each
 * terminal assertion replays afresh.
 */
public final class AlertAssert {
  /** The most timeline lines a message prints. */
  private static final int TIMELINE_LINES = 8;

  private final AlertRules rules;
  private final Replay.Traffic traffic;
  private final Duration incidentAt;
  private final Duration duration;

  private AlertAssert(AlertRules rules, Replay.Traffic traffic, Duration incidentAt, Duration duration) {
    this.rules = rules;
    this.traffic = traffic;
    this.incidentAt = incidentAt;
    this.duration = duration;
  }

  static AlertAssert of(AlertRules rules, Replay.Traffic traffic) {
    return new AlertAssert(Require.nonNull("rules", rules), Require.nonNull("traffic", traffic), Duration.ZERO, null);
  }

  /**
   * When the incident starts, as time elapsed since the replay's start (zero by default): {@link
   * #pagesWithin} counts from here, and a page before it is a failure (a false page).
   */
  public AlertAssert incidentAt(Duration elapsed) {
    Require.nonNull("incidentAt", elapsed);
    if (elapsed.isNegative()) {
      throw Require.invalid("incidentAt", DurationFormat.format(elapsed), ">= 0, time elapsed since the replay's start");
    }
    return new AlertAssert(rules, traffic, elapsed, duration);
  }

  /**
   * How long to replay. By default {@link #neverPages} replays the traffic's own length (endless
   * traffic needs a duration) and {@link #pagesWithin} replays up to the incident plus the time
   * allowed.
   */
  public AlertAssert duration(Duration duration) {
    return new AlertAssert(rules, traffic, incidentAt, Require.positive("duration", duration));
  }

  /** Asserts that a {@link Severity#PAGE} alert fires at most {@code within} after the incident starts, and none before. */
  public AlertAssert pagesWithin(Duration within) {
    return firesWithin(Severity.PAGE, within);
  }

  /** Asserts that no {@link Severity#PAGE} alert fires during the replay. */
  public AlertAssert neverPages() {
    return neverFires(Severity.PAGE);
  }

  /**
   * Asserts that an alert of {@code severity} fires at most {@code within} after the incident
   * starts, and none before it.
   *
   * @throws ReliabilityAssertionError when none fires in time, or one fires before the incident
   */
  public AlertAssert firesWithin(Severity severity, Duration within) {
    Require.nonNull("severity", severity);
    Require.positive("within", within);
    Replay.Result r = replay(duration != null ? duration : incidentAt.plus(within));
    Instant incident = r.start().plus(incidentAt);
    Instant deadline = incident.plus(within);
    AlertTransition first = firstFiring(r, severity);
    String claim = "fires a " + severity + " alert within " + DurationFormat.format(within) + " of the incident at +"
        + DurationFormat.format(incidentAt);
    if (first == null) {
      throw new ReliabilityAssertionError(
          message(claim, r, "first " + severity + ": none by +" + DurationFormat.format(Duration.between(r.start(), r.end()))));
    }
    if (first.at().isBefore(incident)) {
      throw new ReliabilityAssertionError(
          message(claim, r, "first " + severity + ": " + describe(r, first,
              DurationFormat.format(Duration.between(first.at(), incident)) + " before the incident")));
    }
    if (first.at().isAfter(deadline)) {
      throw new ReliabilityAssertionError(
          message(claim, r, "first " + severity + ": " + describe(r, first,
              DurationFormat.format(Duration.between(incident, first.at())) + " after the incident, "
                  + DurationFormat.format(Duration.between(deadline, first.at())) + " late")));
    }
    return this;
  }

  /**
   * Asserts that no alert of {@code severity} fires during the replay.
   *
   * @throws ReliabilityAssertionError when one fires
   */
  public AlertAssert neverFires(Severity severity) {
    Require.nonNull("severity", severity);
    Replay.Result r = replay(duration);
    AlertTransition first = firstFiring(r, severity);
    if (first != null) {
      long fired = r.transitions(severity).stream().filter(t -> t.to() == AlertState.FIRING).count();
      throw new ReliabilityAssertionError(
          message("never fires a " + severity + " alert", r,
              "first " + severity + ": " + describe(r, first, count(fired) + (fired == 1 ? " firing" : " firings") + " in all")));
    }
    return this;
  }

  private Replay.Result replay(Duration length) {
    Replay.Builder b = Replay.of(rules.definition()).rules(rules).traffic(traffic);
    if (length != null) {
      b.duration(length);
    }
    return b.run();
  }

  private static AlertTransition firstFiring(Replay.Result r, Severity severity) {
    for (AlertTransition t : r.transitions(severity)) {
      if (t.to() == AlertState.FIRING) {
        return t;
      }
    }
    return null;
  }

  /** {@code +1d1m (1m after the incident, 10s late): [page] checkout/...}: when, how it relates, the payload. */
  private static String describe(Replay.Result r, AlertTransition t, String relation) {
    return "+" + DurationFormat.format(Duration.between(r.start(), t.at())) + " (" + relation + "): " + t.alert().summary();
  }

  private String message(String claim, Replay.Result r, String finding) {
    SloDefinition slo = rules.definition();
    StringBuilder sb = new StringBuilder("alerting VIOLATED: ").append(claim);
    sb.append("\n  SLO: ").append(slo);
    for (Target t : slo.targets()) {
      List<String> tiers = new ArrayList<>();
      for (AlertTier tier : rules.tiers(t)) {
        tiers.add(tier.toString());
      }
      sb.append("\n  tiers of ").append(t.name()).append(": ").append(tiers.isEmpty() ? "none" : String.join(", ", tiers));
    }
    sb.append("\n  replayed: ").append(DurationFormat.format(Duration.between(r.start(), r.end()))).append(" from ")
        .append(r.start()).append(" (").append(count(r.intervals())).append(" intervals of ")
        .append(DurationFormat.format(rules.evaluationInterval())).append(')');
    sb.append("\n  ").append(finding);
    List<String> timeline = r.timeline();
    sb.append("\n  timeline:").append(timeline.isEmpty() ? " no alert transition" : "");
    for (int i = 0; i < Math.min(TIMELINE_LINES, timeline.size()); i++) {
      sb.append("\n    ").append(timeline.get(i));
    }
    if (timeline.size() > TIMELINE_LINES) {
      sb.append("\n    ... ").append(count(timeline.size() - TIMELINE_LINES)).append(" more");
    }
    return sb.toString();
  }
}
