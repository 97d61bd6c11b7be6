package io.github.slo4j.monitor;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Meta-signals of one SLO — is the SLO itself healthy? — as of its monitor's last evaluation: does
 * it have data, is it burning above 1x now, how much budget remains, is a freeze in force and
 * since when was the last one, is its target calibrated, and what is wrong with how its policy is
 * applied. {@link #summarize(Collection)} rolls many into one report for a registry.
 *
 * @param service the SLO's service
 * @param sloId the SLO's id
 * @param at the evaluation boundary this describes
 * @param hasData whether any target saw events in {@code burnWindow}
 * @param burnRate the highest burn rate of the SLO's targets over {@code burnWindow}; empty with no
 *     data
 * @param burnWindow the window "now" means: the shortest long window of the SLO's tiers (1 h by
 *     default)
 * @param budgetRemaining the lowest remaining fraction of the period budget among targets with
 *     data; negative when overspent; empty with no data
 * @param frozen whether a release freeze is in force
 * @param sinceLastFreeze how long since the last freeze began; empty when there never was one
 * @param calibration the target-review verdict (the worst of the targets); empty without a review
 *     clause or before the review horizon is covered
 * @param activeAlerts alerts firing or suppressed
 * @param problems what is wrong with how the SLO is governed, e.g. {@code budget exhausted with no
 *     freeze in force}; empty when nothing is
 */
public record SloHealth(
    String service,
    String sloId,
    Instant at,
    boolean hasData,
    OptionalDouble burnRate,
    Duration burnWindow,
    OptionalDouble budgetRemaining,
    boolean frozen,
    Optional<Duration> sinceLastFreeze,
    Optional<Calibration> calibration,
    int activeAlerts,
    List<String> problems) {

  /** Validates the components and copies the problems. */
  public SloHealth {
    Require.nonNull("service", service);
    Require.nonNull("sloId", sloId);
    Require.nonNull("at", at);
    Require.nonNull("burnRate", burnRate);
    Require.positive("burnWindow", burnWindow);
    Require.nonNull("budgetRemaining", budgetRemaining);
    Require.nonNull("sinceLastFreeze", sinceLastFreeze);
    Require.nonNull("calibration", calibration);
    problems = List.copyOf(Require.nonNull("problems", problems));
  }

  /** Whether the SLO burns its budget faster than it lasts the period (burn rate above 1) now. */
  public boolean burning() {
    return burnRate.isPresent() && burnRate.getAsDouble() > 1;
  }

  /** Whether nothing is wrong with how the SLO is governed. */
  public boolean healthy() {
    return problems.isEmpty();
  }

  /**
   * Rolls the health of several SLOs (a registry's) into one report.
   *
   * @throws IllegalArgumentException when the collection or an element is null
   */
  public static Summary summarize(Collection<SloHealth> slos) {
    Require.nonNull("slos", slos);
    List<String> noData = new ArrayList<>();
    List<String> burning = new ArrayList<>();
    List<String> frozen = new ArrayList<>();
    List<String> tight = new ArrayList<>();
    List<String> loose = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    double sum = 0;
    int withBudget = 0;
    for (SloHealth h : slos) {
      Require.nonNull("slo health", h);
      if (!h.hasData()) {
        noData.add(h.sloId());
      }
      if (h.burning()) {
        burning.add(h.sloId());
      }
      if (h.frozen()) {
        frozen.add(h.sloId());
      }
      if (h.calibration().equals(Optional.of(Calibration.TOO_TIGHT))) {
        tight.add(h.sloId());
      }
      if (h.calibration().equals(Optional.of(Calibration.TOO_LOOSE))) {
        loose.add(h.sloId());
      }
      if (!h.healthy()) {
        problems.add(h.sloId());
      }
      if (h.budgetRemaining().isPresent()) {
        sum += h.budgetRemaining().getAsDouble();
        withBudget++;
      }
    }
    return new Summary(
        List.copyOf(slos),
        noData,
        burning,
        withBudget == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / withBudget),
        frozen,
        tight,
        loose,
        problems);
  }

  /**
   * The health of several SLOs at once.
   *
   * @param slos every SLO's health
   * @param noData ids of SLOs with no data now
   * @param burning ids of SLOs burning above 1x now
   * @param averageBudgetRemaining the mean remaining budget of the SLOs with data; empty when none
   *     has data
   * @param frozen ids of SLOs under a release freeze
   * @param tooTight ids of SLOs whose target review says too tight
   * @param tooLoose ids of SLOs whose target review says too loose
   * @param withProblems ids of SLOs with governance problems
   */
  public record Summary(
      List<SloHealth> slos,
      List<String> noData,
      List<String> burning,
      OptionalDouble averageBudgetRemaining,
      List<String> frozen,
      List<String> tooTight,
      List<String> tooLoose,
      List<String> withProblems) {
    /** Validates the components and copies the lists. */
    public Summary {
      slos = List.copyOf(Require.nonNull("slos", slos));
      noData = List.copyOf(Require.nonNull("noData", noData));
      burning = List.copyOf(Require.nonNull("burning", burning));
      Require.nonNull("averageBudgetRemaining", averageBudgetRemaining);
      frozen = List.copyOf(Require.nonNull("frozen", frozen));
      tooTight = List.copyOf(Require.nonNull("tooTight", tooTight));
      tooLoose = List.copyOf(Require.nonNull("tooLoose", tooLoose));
      withProblems = List.copyOf(Require.nonNull("withProblems", withProblems));
    }
  }

  /** {@code checkout/checkout-availability at ...: burn 0.4 over 1h, 62% of the budget left, ...}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(service + "/" + sloId + " at " + at + ": ");
    sb.append(hasData ? "burn " + Alert.num(burnRate.getAsDouble()) + " over " + DurationFormat.format(burnWindow) : "no data");
    budgetRemaining.ifPresent(r -> sb.append(", ").append(Alert.pct(r)).append(" of the budget left"));
    if (frozen) {
      sb.append(", frozen");
    }
    calibration.ifPresent(c -> sb.append(", target ").append(c.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
    problems.forEach(p -> sb.append("; ").append(p));
    return sb.toString();
  }
}
