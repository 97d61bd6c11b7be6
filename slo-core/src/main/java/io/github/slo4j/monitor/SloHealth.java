package io.github.slo4j.monitor;

import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Meta-signals of one SLO — is the SLO itself healthy? — as of its monitor's last evaluation: does
 * it have data, is it burning above 1x now, how much budget remains, is a freeze in force and
 * since when was the last one, is its target calibrated, and what is wrong with how its policy is
 * applied. {@link #summarize(Collection)} rolls many into one report for a registry.
 *
 * <p>The budget figures are the {@link PeriodBudget}s of the SLO's targets, the same values alert
 * payloads and {@link PeriodBudget#of(io.github.slo4j.WindowReader, io.github.slo4j.Target)}
 * report: {@link #budgetRemaining()} is {@code 1 − consumed} of the events seen so far, {@link
 * #projectedBudgetRemaining()} what is left of the period's projected budget (see {@link
 * PeriodBudget} for the two).
 *
 * <p>Immutable; only the monitor creates one, so it may gain figures without breaking callers.
 */
public final class SloHealth {
  private final String service;
  private final String sloId;
  private final Instant at;
  private final OptionalDouble burnRate;
  private final Duration burnWindow;
  private final Map<String, PeriodBudget> budgets;
  private final boolean frozen;
  private final Optional<Duration> sinceLastFreeze;
  private final Optional<Calibration> calibration;
  private final int activeAlerts;
  private final List<String> problems;

  private SloHealth(Builder b) {
    this.service = Require.nonNull("service", b.service);
    this.sloId = Require.nonNull("sloId", b.sloId);
    this.at = Require.nonNull("at", b.at);
    this.burnRate = Require.nonNull("burnRate", b.burnRate);
    this.burnWindow = Require.positive("burnWindow", b.burnWindow);
    this.budgets = Collections.unmodifiableMap(new LinkedHashMap<>(b.budgets));
    this.frozen = b.frozen;
    this.sinceLastFreeze = Require.nonNull("sinceLastFreeze", b.sinceLastFreeze);
    this.calibration = Require.nonNull("calibration", b.calibration);
    this.activeAlerts = b.activeAlerts;
    this.problems = List.copyOf(Require.nonNull("problems", b.problems));
  }

  /** A builder; the monitor (and tests beside it) use it. */
  static Builder builder(String service, String sloId, Instant at, Duration burnWindow) {
    return new Builder(service, sloId, at, burnWindow);
  }

  /** Builds a {@link SloHealth}; package-private so the payload can grow. */
  static final class Builder {
    private final String service;
    private final String sloId;
    private final Instant at;
    private final Duration burnWindow;
    private OptionalDouble burnRate = OptionalDouble.empty();
    private final Map<String, PeriodBudget> budgets = new LinkedHashMap<>();
    private boolean frozen;
    private Optional<Duration> sinceLastFreeze = Optional.empty();
    private Optional<Calibration> calibration = Optional.empty();
    private int activeAlerts;
    private List<String> problems = List.of();

    private Builder(String service, String sloId, Instant at, Duration burnWindow) {
      this.service = service;
      this.sloId = sloId;
      this.at = at;
      this.burnWindow = burnWindow;
    }

    Builder burnRate(OptionalDouble burnRate) {
      this.burnRate = burnRate;
      return this;
    }

    Builder budget(String target, PeriodBudget budget) {
      budgets.put(Require.nonNull("target", target), Require.nonNull("budget", budget));
      return this;
    }

    Builder frozen(boolean frozen) {
      this.frozen = frozen;
      return this;
    }

    Builder sinceLastFreeze(Optional<Duration> sinceLastFreeze) {
      this.sinceLastFreeze = sinceLastFreeze;
      return this;
    }

    Builder calibration(Optional<Calibration> calibration) {
      this.calibration = calibration;
      return this;
    }

    Builder activeAlerts(int activeAlerts) {
      this.activeAlerts = activeAlerts;
      return this;
    }

    Builder problems(List<String> problems) {
      this.problems = problems;
      return this;
    }

    SloHealth build() {
      return new SloHealth(this);
    }
  }

  /** {@return the SLO's service} */
  public String service() {
    return service;
  }

  /** {@return the SLO's id} */
  public String sloId() {
    return sloId;
  }

  /** {@return the evaluation boundary this describes} */
  public Instant at() {
    return at;
  }

  /** {@return whether any target saw events in {@link #burnWindow()}} */
  public boolean hasData() {
    return burnRate.isPresent();
  }

  /** {@return the highest burn rate of the SLO's targets over {@link #burnWindow()}; empty with no data} */
  public OptionalDouble burnRate() {
    return burnRate;
  }

  /**
   * {@return the window "now" means: the shortest long window of the SLO's tiers (1 h by default)}
   */
  public Duration burnWindow() {
    return burnWindow;
  }

  /**
   * {@return the period budget of each target by target name ({@code events}, {@code le100ms}), in
   * the SLO's order; empty before the first evaluation}
   */
  public Map<String, PeriodBudget> budgets() {
    return budgets;
  }

  /**
   * {@return the lowest {@link PeriodBudget#remaining()} among targets with data — {@code 1 −
   * consumed} of the events seen so far; negative when overspent, empty with no data}
   */
  public OptionalDouble budgetRemaining() {
    return lowest(PeriodBudget::remaining);
  }

  /**
   * {@return the lowest {@link PeriodBudget#projectedRemaining()} among targets with data — what is
   * left of the period's projected budget; negative when overspent, empty with no data}
   */
  public OptionalDouble projectedBudgetRemaining() {
    return lowest(PeriodBudget::projectedRemaining);
  }

  private OptionalDouble lowest(Function<PeriodBudget, OptionalDouble> figure) {
    OptionalDouble low = OptionalDouble.empty();
    for (PeriodBudget b : budgets.values()) {
      OptionalDouble r = figure.apply(b);
      if (r.isPresent() && (low.isEmpty() || r.getAsDouble() < low.getAsDouble())) {
        low = r;
      }
    }
    return low;
  }

  /** {@return whether a release freeze is in force} */
  public boolean frozen() {
    return frozen;
  }

  /** {@return how long since the last freeze began; empty when there never was one} */
  public Optional<Duration> sinceLastFreeze() {
    return sinceLastFreeze;
  }

  /**
   * {@return the target-review verdict (the worst of the targets); empty without a review clause
   * or before the review horizon is covered}
   */
  public Optional<Calibration> calibration() {
    return calibration;
  }

  /** {@return the number of alerts firing or suppressed} */
  public int activeAlerts() {
    return activeAlerts;
  }

  /**
   * {@return what is wrong with how the SLO is governed, e.g. {@code budget exhausted with no
   * freeze in force}; empty when nothing is}
   */
  public List<String> problems() {
    return problems;
  }

  /** {@return whether the SLO burns its budget faster than it lasts the period (burn rate above 1) now} */
  public boolean burning() {
    return burnRate.isPresent() && burnRate.getAsDouble() > 1;
  }

  /** {@return whether nothing is wrong with how the SLO is governed} */
  public boolean healthy() {
    return problems.isEmpty();
  }

  /**
   * Rolls the health of several SLOs (a registry's) into one report.
   *
   * @param slos the health of each SLO
   * @return the report
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
    double projectedSum = 0;
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
        projectedSum += h.projectedBudgetRemaining().getAsDouble();
        withBudget++;
      }
    }
    return new Summary(
        List.copyOf(slos),
        noData,
        burning,
        withBudget == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / withBudget),
        withBudget == 0 ? OptionalDouble.empty() : OptionalDouble.of(projectedSum / withBudget),
        frozen,
        tight,
        loose,
        problems);
  }

  /**
   * The health of several SLOs at once. Immutable; {@link SloHealth#summarize(Collection)} creates
   * one, so the report may gain figures without breaking callers.
   */
  public static final class Summary {
    private final List<SloHealth> slos;
    private final List<String> noData;
    private final List<String> burning;
    private final OptionalDouble averageBudgetRemaining;
    private final OptionalDouble averageProjectedBudgetRemaining;
    private final List<String> frozen;
    private final List<String> tooTight;
    private final List<String> tooLoose;
    private final List<String> withProblems;

    private Summary(
        List<SloHealth> slos,
        List<String> noData,
        List<String> burning,
        OptionalDouble averageBudgetRemaining,
        OptionalDouble averageProjectedBudgetRemaining,
        List<String> frozen,
        List<String> tooTight,
        List<String> tooLoose,
        List<String> withProblems) {
      this.slos = slos;
      this.noData = List.copyOf(noData);
      this.burning = List.copyOf(burning);
      this.averageBudgetRemaining = averageBudgetRemaining;
      this.averageProjectedBudgetRemaining = averageProjectedBudgetRemaining;
      this.frozen = List.copyOf(frozen);
      this.tooTight = List.copyOf(tooTight);
      this.tooLoose = List.copyOf(tooLoose);
      this.withProblems = List.copyOf(withProblems);
    }

    /** {@return every SLO's health} */
    public List<SloHealth> slos() {
      return slos;
    }

    /** {@return ids of SLOs with no data now} */
    public List<String> noData() {
      return noData;
    }

    /** {@return ids of SLOs burning above 1x now} */
    public List<String> burning() {
      return burning;
    }

    /**
     * {@return the mean {@link SloHealth#budgetRemaining()} of the SLOs with data; empty when none
     * has data}
     */
    public OptionalDouble averageBudgetRemaining() {
      return averageBudgetRemaining;
    }

    /**
     * {@return the mean {@link SloHealth#projectedBudgetRemaining()} of the SLOs with data; empty
     * when none has data}
     */
    public OptionalDouble averageProjectedBudgetRemaining() {
      return averageProjectedBudgetRemaining;
    }

    /** {@return ids of SLOs under a release freeze} */
    public List<String> frozen() {
      return frozen;
    }

    /** {@return ids of SLOs whose target review says too tight} */
    public List<String> tooTight() {
      return tooTight;
    }

    /** {@return ids of SLOs whose target review says too loose} */
    public List<String> tooLoose() {
      return tooLoose;
    }

    /** {@return ids of SLOs with governance problems} */
    public List<String> withProblems() {
      return withProblems;
    }

    /** Equal when every figure is. */
    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Summary)) {
        return false;
      }
      Summary m = (Summary) o;
      return slos.equals(m.slos)
          && averageBudgetRemaining.equals(m.averageBudgetRemaining)
          && averageProjectedBudgetRemaining.equals(m.averageProjectedBudgetRemaining);
    }

    @Override
    public int hashCode() {
      return Objects.hash(slos, averageBudgetRemaining, averageProjectedBudgetRemaining);
    }

    /** {@code 3 SLOs: 1 with no data, 1 burning, 1 frozen, 1 too tight, 1 too loose, 1 with problems}. */
    @Override
    public String toString() {
      return slos.size() + " SLOs: " + noData.size() + " with no data, " + burning.size() + " burning, "
          + frozen.size() + " frozen, " + tooTight.size() + " too tight, " + tooLoose.size() + " too loose, "
          + withProblems.size() + " with problems";
    }
  }

  /** Equal when every figure is. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SloHealth)) {
      return false;
    }
    SloHealth h = (SloHealth) o;
    return service.equals(h.service)
        && sloId.equals(h.sloId)
        && at.equals(h.at)
        && burnRate.equals(h.burnRate)
        && burnWindow.equals(h.burnWindow)
        && budgets.equals(h.budgets)
        && frozen == h.frozen
        && sinceLastFreeze.equals(h.sinceLastFreeze)
        && calibration.equals(h.calibration)
        && activeAlerts == h.activeAlerts
        && problems.equals(h.problems);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        service, sloId, at, burnRate, burnWindow, budgets, frozen, sinceLastFreeze, calibration, activeAlerts, problems);
  }

  /**
   * {@code checkout/checkout-availability at ...: burn 0.4 over 1h, 62% of the budget left (98% of
   * the period's projected budget left), frozen, ...}; {@code budget overspent by 40%} when less
   * than nothing is left.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(service + "/" + sloId + " at " + at + ": ");
    sb.append(hasData() ? "burn " + Alert.num(burnRate.getAsDouble()) + " over " + DurationFormat.format(burnWindow) : "no data");
    OptionalDouble left = budgetRemaining();
    if (left.isPresent()) {
      double r = left.getAsDouble();
      sb.append(r < 0 ? ", budget overspent by " + Alert.pct(-r) : ", " + Alert.pct(r) + " of the budget left")
          .append(" (")
          .append(Alert.pct(projectedBudgetRemaining().getAsDouble()))
          .append(" of the period's projected budget left)");
    }
    if (frozen) {
      sb.append(", frozen");
    }
    calibration.ifPresent(c -> sb.append(", target ").append(c.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    problems.forEach(p -> sb.append("; ").append(p));
    return sb.toString();
  }
}
