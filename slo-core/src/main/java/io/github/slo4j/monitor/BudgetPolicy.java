package io.github.slo4j.monitor;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An error-budget policy: the contract, signed by someone with the authority to enforce it, that
 * turns an SLO's budget into decisions. Each {@link Clause} yields {@link PolicyDecision}s that
 * name the policy (id and version) and the clause.
 *
 * <ul>
 *   <li>{@link Freeze}: freeze non-critical releases while the period budget is exhausted; unfreeze
 *       once more than a margin of it is back (hysteresis, so a budget hovering at zero does not
 *       flap). Reliability and security changes are exempt.
 *   <li>{@link Postmortem}: a postmortem is required when one alert episode spent 20 % or more
 *       of the period's projected budget.
 *   <li>{@link TargetReview}: review the target when the long-window burn averaged over a horizon
 *       sits above 1.5 (too tight) or below 0.3 (too loose).
 *   <li>{@link Step}: slo-generator-style steps — a window, a burn-rate threshold, a message when
 *       breached and one when on track — with an optional short window, the multi-window step that
 *       tool's users ask for.
 * </ul>
 *
 * <pre>{@code
 * BudgetPolicy policy = BudgetPolicy.builder("checkout-budget-policy", "3")
 *     .approvedBy("Dana Ruiz, VP Engineering", Instant.parse("2026-01-05T09:00:00Z"))
 *     .freezeWhenExhausted()
 *     .postmortemAt(0.20)
 *     .reviewTarget(Duration.ofDays(30))
 *     .build();
 * }</pre>
 *
 * <p>A policy is not tied to one SLO: a {@link SloMonitor} applies it to its SLO and checks at
 * construction that its windows fit the SLO's period. Immutable and thread-safe.
 */
public final class BudgetPolicy {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private final String id;
  private final String version;
  private final String approvedBy;
  private final Instant approvedAt;
  private final List<Clause> clauses;

  private BudgetPolicy(Builder b) {
    this.id = b.id;
    this.version = b.version;
    this.approvedBy = b.approvedBy;
    this.approvedAt = b.approvedAt;
    this.clauses = Collections.unmodifiableList(new ArrayList<>(b.clauses));
  }

  /**
   * A builder for the policy {@code id} at {@code version}.
   *
   * @param id letters, digits, {@code . _ : -}, starting with a letter or digit
   * @param version the version of the signed text, e.g. {@code "3"} or {@code "2026-01"}
   */
  public static Builder builder(String id, String version) {
    return new Builder(name("policy id", id), name("policy version", version));
  }

  private static String name(String param, String value) {
    Require.nonNull(param, value);
    if (!NAME.matcher(value).matches()) {
      throw Require.invalid(param, "'" + value + "'", "1 to 128 letters, digits or . _ : - starting with a letter or digit");
    }
    return value;
  }

  /** The policy's id. */
  public String id() {
    return id;
  }

  /** The version of the signed text. */
  public String version() {
    return version;
  }

  /** Who approved it. */
  public String approvedBy() {
    return approvedBy;
  }

  /** When it was approved. */
  public Instant approvedAt() {
    return approvedAt;
  }

  /** The clauses, in the order they were added. */
  public List<Clause> clauses() {
    return clauses;
  }

  /** The freeze clause, if the policy has one. */
  public Optional<Freeze> freeze() {
    return clauses.stream().filter(Freeze.class::isInstance).map(Freeze.class::cast).findFirst();
  }

  /** {@code checkout-budget-policy v3 approved by Dana Ruiz at 2026-01-05T09:00:00Z: [freeze, ...]}. */
  @Override
  public String toString() {
    List<String> names = new ArrayList<>();
    clauses.forEach(c -> names.add(c.name()));
    return id + " v" + version + " approved by " + approvedBy + " at " + approvedAt + ": " + names;
  }

  /** One clause of a policy. */
  public sealed interface Clause permits Freeze, Postmortem, TargetReview, Step {
    /** The clause's name, quoted in its decisions. */
    String name();
  }

  /**
   * Freeze non-critical releases while the period budget is exhausted (100 % or more of the
   * period's projected budget spent, see {@link PeriodBudget#projectedConsumed()}); unfreeze once
   * more than {@code unfreezeAbove} of it remains.
   *
   * @param unfreezeAbove the hysteresis margin, {@code 0 <= margin < 1}: 0.05 unfreezes once more
   *     than 5 % of the budget is back
   */
  public record Freeze(double unfreezeAbove) implements Clause {
    /** Validates the margin. */
    public Freeze {
      if (!(unfreezeAbove >= 0 && unfreezeAbove < 1)) {
        throw Require.invalid("unfreeze margin", unfreezeAbove, "0 <= margin < 1");
      }
    }

    /** {@code freeze}. */
    @Override
    public String name() {
      return "freeze";
    }
  }

  /**
   * Require a postmortem when one alert episode spent at least {@code budgetShare} of the
   * period's projected budget.
   *
   * @param budgetShare {@code 0 < share <= 1}; 0.2 in the SRE Workbook's example policy
   */
  public record Postmortem(double budgetShare) implements Clause {
    /** Validates the share. */
    public Postmortem {
      if (!(budgetShare > 0 && budgetShare <= 1)) {
        throw Require.invalid("postmortem budget share", budgetShare, "0 < share <= 1");
      }
    }

    /** {@code postmortem}. */
    @Override
    public String name() {
      return "postmortem";
    }
  }

  /**
   * Review the target when the burn rate over {@code window}, sampled hourly and averaged over
   * {@code horizon}, sits above {@code tooTightAbove} or below {@code tooLooseBelow}. No verdict is
   * given until the samples span the horizon.
   *
   * @param window the long window whose burn is sampled; empty for the SLO's period
   * @param horizon how long the average runs, at least 1 hour
   * @param tooTightAbove the average burn above which the target is too tight (1.5)
   * @param tooLooseBelow the average burn below which it is too loose (0.3)
   */
  public record TargetReview(
      Optional<Duration> window, Duration horizon, double tooTightAbove, double tooLooseBelow)
      implements Clause {
    /** Validates the components. */
    public TargetReview {
      Require.nonNull("review window", window);
      window.ifPresent(w -> Require.positive("review window", w));
      Require.positive("review horizon", horizon);
      if (horizon.compareTo(Duration.ofHours(1)) < 0) {
        throw Require.invalid("review horizon", DurationFormat.format(horizon), ">= 1h (burn is sampled hourly)");
      }
      Require.finitePositive("too-tight bound", tooTightAbove);
      Require.finiteNonNegative("too-loose bound", tooLooseBelow);
      if (tooLooseBelow >= tooTightAbove) {
        throw Require.invalid("too-loose bound", tooLooseBelow, "< the too-tight bound (" + tooTightAbove + ")");
      }
    }

    /** {@code target-review}. */
    @Override
    public String name() {
      return "target-review";
    }
  }

  /**
   * An slo-generator-style step: breached when the burn rate over {@code window} (and over {@code
   * shortWindow}, when given) is strictly greater than {@code burnRate}. A window with no data or
   * fewer events than the alert rules' minimum is invalid, as in slo-generator, and leaves the
   * step as it was.
   *
   * @param name the step's name, unique in the policy
   * @param window the window
   * @param shortWindow an optional short window that must also exceed the threshold
   * @param burnRate the threshold, {@code > 0}
   * @param whenBreached the message of the decision when the step becomes breached
   * @param whenOnTrack the message of the decision when it is back on track
   */
  public record Step(
      String name,
      Duration window,
      Optional<Duration> shortWindow,
      double burnRate,
      String whenBreached,
      String whenOnTrack)
      implements Clause {
    /** Validates the components. */
    public Step {
      BudgetPolicy.name("step name", name);
      Require.positive("step window", window);
      Require.nonNull("step short window", shortWindow);
      shortWindow.ifPresent(
          s -> {
            Require.positive("step short window", s);
            if (s.compareTo(window) >= 0) {
              throw Require.invalid(
                  "step short window", DurationFormat.format(s), "< the step window (" + DurationFormat.format(window) + ")");
            }
          });
      Require.finitePositive("step burn rate", burnRate);
      Require.nonNull("whenBreached", whenBreached);
      Require.nonNull("whenOnTrack", whenOnTrack);
    }
  }

  /** Builds a validated {@link BudgetPolicy}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final String version;
    private String approvedBy;
    private Instant approvedAt;
    private final List<Clause> clauses = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    private Builder(String id, String version) {
      this.id = id;
      this.version = version;
    }

    /** Who approved the policy, and when (required: a signed policy is a contract). */
    public Builder approvedBy(String who, Instant when) {
      Require.nonNull("approvedBy", who);
      if (who.isBlank()) {
        throw Require.invalid("approvedBy", "''", "the name of who approved the policy");
      }
      this.approvedBy = who;
      this.approvedAt = Require.nonNull("approvedAt", when);
      return this;
    }

    /** Freeze while exhausted; unfreeze once more than 5 % of the budget is back. */
    public Builder freezeWhenExhausted() {
      return freezeWhenExhausted(0.05);
    }

    /** Freeze while exhausted; unfreeze once more than {@code unfreezeAbove} of the budget is back. */
    public Builder freezeWhenExhausted(double unfreezeAbove) {
      return add(new Freeze(unfreezeAbove));
    }

    /** Require a postmortem when one alert episode consumes at least {@code budgetShare} (0.2). */
    public Builder postmortemAt(double budgetShare) {
      return add(new Postmortem(budgetShare));
    }

    /** Review the target from the period-long burn averaged over {@code horizon}, bounds 1.5 and 0.3. */
    public Builder reviewTarget(Duration horizon) {
      return add(new TargetReview(Optional.empty(), horizon, 1.5, 0.3));
    }

    /** Review the target from the burn over {@code window} averaged over {@code horizon}. */
    public Builder reviewTarget(Duration window, Duration horizon, double tooTightAbove, double tooLooseBelow) {
      return add(new TargetReview(Optional.of(Require.positive("review window", window)), horizon, tooTightAbove, tooLooseBelow));
    }

    /** A single-window step. */
    public Builder step(String name, Duration window, double burnRate, String whenBreached, String whenOnTrack) {
      return add(new Step(name, window, Optional.empty(), burnRate, whenBreached, whenOnTrack));
    }

    /** A multi-window step: both windows must exceed {@code burnRate}. */
    public Builder step(
        String name, Duration window, Duration shortWindow, double burnRate, String whenBreached, String whenOnTrack) {
      return add(
          new Step(name, window, Optional.of(Require.positive("step short window", shortWindow)), burnRate, whenBreached, whenOnTrack));
    }

    /** Adds a clause. */
    public Builder add(Clause clause) {
      Require.nonNull("clause", clause);
      if (!names.add(clause.name())) {
        throw Require.invalid("clause", "'" + clause.name() + "'", "a clause name not already in the policy");
      }
      clauses.add(clause);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException when nobody approved the policy or it has no clause
     */
    public BudgetPolicy build() {
      if (approvedBy == null) {
        throw Require.invalid(
            "approvedBy", "null", "who approved the policy and when: approvedBy(name, instant); a signed policy is a contract");
      }
      if (clauses.isEmpty()) {
        throw Require.invalid("clauses", "[]", "at least one clause");
      }
      return new BudgetPolicy(this);
    }
  }
}
