package io.github.slo4j.cli;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.LatencyThreshold;
import io.github.slo4j.Objective;
import io.github.slo4j.Sli;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.AlertTiers;
import io.github.slo4j.monitor.BudgetPolicy;
import java.time.Duration;
import java.time.Instant;

/**
 * An SLO, its alert rules and its budget policy from command-line flags: the part of {@code replay}
 * and {@code backtest} that says what is replayed.
 */
final class SloOptions {
  /** The policy every replay runs: freeze when exhausted, a postmortem at 20 % in one episode. */
  static final String POLICY = "freeze when the budget is exhausted; postmortem when one episode spends >= 20%";

  final SloDefinition slo;
  final Duration interval;
  final AlertTiers.Strategy strategy;

  private SloOptions(SloDefinition slo, Duration interval, AlertTiers.Strategy strategy) {
    this.slo = slo;
    this.interval = interval;
    this.strategy = strategy;
  }

  /** Declares the SLO flags on {@code flags}. */
  static Flags declare(Flags flags) {
    return flags
        .value("--objective", "a percent such as 99.9")
        .value("--period", "a duration such as 30d, 28d or 7d")
        .value("--latency", "a latency threshold such as 300ms or 1s: the SLO counts requests at or under it")
        .value("--id", "an SLO id such as checkout-availability")
        .value("--service", "a service name such as checkout")
        .value("--interval", "an evaluation interval such as 10s or 1m")
        .value("--tiers", "budget-share or scaled-windows");
  }

  /** Reads the SLO flags declared by {@link #declare}. */
  static SloOptions from(Flags flags) throws UsageException {
    Objective objective;
    try {
      objective = Objective.percent(flags.require("--objective"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--objective: " + e.getMessage());
    }
    Duration period = duration(flags, "--period", "30d");
    CompliancePeriod rolling;
    try {
      rolling = CompliancePeriod.rolling(period);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + e.getMessage());
    }
    Duration interval = duration(flags, "--interval", "10s");
    String tiers = flags.get("--tiers").orElse("budget-share");
    AlertTiers.Strategy strategy;
    if (tiers.equals("budget-share")) {
      strategy = AlertTiers.Strategy.BUDGET_SHARE;
    } else if (tiers.equals("scaled-windows")) {
      strategy = AlertTiers.Strategy.SCALED_WINDOWS;
    } else {
      throw flags.invalid("--tiers", tiers);
    }
    SloDefinition.Builder b;
    try {
      b = SloDefinition.builder(flags.get("--id").orElse("slo"))
          .service(flags.get("--service").orElse("service"))
          .period(rolling);
      if (flags.has("--latency")) {
        b.sli(Sli.latency(LatencyThreshold.of(duration(flags, "--latency", null), objective)));
      } else {
        b.objective(objective);
      }
      SloOptions options = new SloOptions(b.build(), interval, strategy);
      options.rules(); // the tiers must fit the period and the interval must divide them
      return options;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static Duration duration(Flags flags, String name, String fallback) throws UsageException {
    String text = flags.get(name).orElse(fallback);
    try {
      return DurationFormat.parse(name.substring(2), text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + e.getMessage());
    }
  }

  /** The rules of a replay: the strategy's tiers, evaluated every interval. */
  AlertRules rules() {
    return rules(strategy);
  }

  /**
   * The rules with {@code tiers}' tiers that fit the period ({@link TierChoice}).
   *
   * @throws IllegalArgumentException when no tier fits or the interval does not suit them
   */
  AlertRules rules(AlertTiers.Strategy tiers) {
    TierChoice choice = TierChoice.of(tiers, slo.period().nominalLength());
    if (choice.tiers().isEmpty()) {
      throw new IllegalArgumentException("--tiers: " + choice.note());
    }
    return AlertRules.builder(slo).tiers(choice.tiers()).evaluationInterval(interval).build();
  }

  /** The policy of a replay ({@link #POLICY}). */
  static BudgetPolicy policy(Instant approvedAt) {
    return BudgetPolicy.builder("slo4j-default", "1")
        .approvedBy("slo4j command line", approvedAt)
        .freezeWhenExhausted()
        .postmortemAt(0.20)
        .build();
  }
}
