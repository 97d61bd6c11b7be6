package io.github.slo4j.correction;

import io.github.slo4j.ErrorBudget;
import io.github.slo4j.Target;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.AlertTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fire drill (a game day): synthetic bad events injected into an SLO for a duration at an error
 * ratio, to check that the alert fires as fast as the SRE Workbook's formula predicts. Alerting
 * evaluates the drill's events as real traffic; its {@linkplain #correction() correction} (reason
 * {@code fire drill <id>}, budget only) keeps them out of the error budget. Start it on a {@link
 * CorrectedReader} ({@link CorrectedReader#start(FireDrill)}: two drills cannot overlap), add
 * the bad events {@link CorrectedReader#inject} returns to each interval it covers, and read
 * {@link #report} from the transitions.
 *
 * <p>Immutable.
 */
public final class FireDrill {
  private final String id;
  private final Instant start;
  private final Duration duration;
  private final double errorRatio;
  private final String author;

  private FireDrill(String id, Instant start, Duration duration, double errorRatio, String author) {
    this.id = id;
    this.start = start;
    this.duration = duration;
    this.errorRatio = errorRatio;
    this.author = author;
  }

  /**
   * A drill named {@code id}, started by {@code author} at {@code start} for {@code duration}, that
   * makes {@code errorRatio} of an interval's events bad (with clean real traffic).
   *
   * @throws IllegalArgumentException when the error ratio is not in (0, 1) or the duration not positive
   */
  public static FireDrill of(String id, Instant start, Duration duration, double errorRatio, String author) {
    Require.nonNull("id", id);
    Require.nonNull("start", start);
    Require.positive("duration", duration);
    if (!(errorRatio > 0 && errorRatio < 1)) {
      throw Require.invalid("errorRatio", errorRatio, "0 < errorRatio < 1");
    }
    Require.nonNull("author", author);
    return new FireDrill(id, start, duration, errorRatio, author);
  }

  /** The drill's name. */
  public String id() {
    return id;
  }

  /** {@return when the drill starts} */
  public Instant start() {
    return start;
  }

  /** {@return how long the drill injects events} */
  public Duration duration() {
    return duration;
  }

  /** The error ratio the drill's events give an interval of clean traffic. */
  public double errorRatio() {
    return errorRatio;
  }

  long startMillis() {
    return start.toEpochMilli();
  }

  long endMillis() {
    return start.toEpochMilli() + duration.toMillis();
  }

  /**
   * The budget-only correction that keeps the drill's events out of the budget: reason {@code fire
   * drill <id>}, by the drill's author, declared at its start. It excludes exactly the events
   * injected through {@link CorrectedReader#inject}, not the real traffic of its window.
   */
  public BudgetCorrection correction() {
    return BudgetCorrection.builder("drill-" + id).window(start, start.plus(duration)).budgetOnly().synthetic()
        .reason("fire drill " + id).author(author).declaredAt(start).build();
  }

  /**
   * The synthetic bad events to add to the interval starting at {@code intervalStartMillis} with
   * {@code realTotal} real events: {@code realTotal × r ÷ (1 − r)}, rounded, so that the drill's
   * events are the fraction {@code r} of the interval's; 0 outside the drill.
   */
  public long syntheticBad(long intervalStartMillis, long realTotal) {
    if (intervalStartMillis < startMillis() || intervalStartMillis >= endMillis()) {
      return 0;
    }
    return Math.round(realTotal * errorRatio / (1 - errorRatio));
  }

  /**
   * What the drill showed for {@code target}: per tier of {@code rules}, the time from the drill's
   * start to the first firing and to the resolution after it, in {@code transitions} (a tier that a
   * faster one suppresses never fires), next to the detection time the Workbook predicts for the
   * drill's error ratio ({@link ErrorBudget#detectionTime}).
   */
  public DrillReport report(Target target, AlertRules rules, List<AlertTransition> transitions) {
    Require.nonNull("target", target);
    List<DrillReport.Tier> tiers = new ArrayList<>();
    for (AlertTier tier : rules.tiers(target)) {
      Optional<Duration> fired = Optional.empty();
      Optional<Duration> resolved = Optional.empty();
      for (AlertTransition t : transitions) {
        if (!t.alert().target().equals(target) || !t.alert().tier().equals(Optional.of(tier)) || t.at().isBefore(start)) {
          continue;
        }
        if (fired.isEmpty() && t.to() == AlertState.FIRING) {
          fired = Optional.of(Duration.between(start, t.at()));
        } else if (fired.isPresent() && resolved.isEmpty() && t.to() == AlertState.RESOLVED) {
          resolved = Optional.of(Duration.between(start, t.at()));
        }
      }
      tiers.add(new DrillReport.Tier(tier, fired, resolved,
          ErrorBudget.detectionTime(target.objective(), errorRatio, tier.factor(), tier.longWindow())));
    }
    return new DrillReport(this, target, tiers);
  }

  /** {@code FireDrill[game-day-1: 2026-01-10T14:00:00Z for 30m at 0.2 by alice]}. */
  @Override
  public String toString() {
    return "FireDrill[" + id + ": " + start + " for " + DurationFormat.format(duration) + " at " + errorRatio + " by "
        + author + "]";
  }
}
