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
import io.github.slo4j.openslo.OpenSlo;
import io.github.slo4j.openslo.OpenSloDocuments;
import io.github.slo4j.openslo.OpenSloException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
  /** The alert rules an OpenSLO file declares for the SLO (its alert policies), if any. */
  final Optional<AlertRules> declared;

  private SloOptions(SloDefinition slo, Duration interval, AlertTiers.Strategy strategy, Optional<AlertRules> declared) {
    this.slo = slo;
    this.interval = interval;
    this.strategy = strategy;
    this.declared = declared;
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
        .value("--tiers", "budget-share or scaled-windows")
        .value("--slo", "an OpenSLO v1 file or directory, instead of --objective, --latency and --period");
  }

  /** Reads the SLO flags declared by {@link #declare}. */
  static SloOptions from(Flags flags) throws UsageException {
    if (flags.has("--slo")) {
      return fromOpenSlo(flags);
    }
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
      SloOptions options = new SloOptions(b.build(), interval, strategy, Optional.empty());
      options.rules(); // the tiers must fit the period and the interval must divide them
      return options;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /**
   * The SLO of an OpenSLO file ({@code --id} chooses when it defines several), with the alert rules
   * of its alert policies when it has any, evaluated at their interval.
   */
  private static SloOptions fromOpenSlo(Flags flags) throws UsageException {
    for (String name : List.of("--objective", "--latency", "--period", "--service", "--interval")) {
      if (flags.has(name)) {
        throw new UsageException(name + ": not with --slo (expected the OpenSLO file to say it)");
      }
    }
    Path path = Path.of(flags.get("--slo").get());
    OpenSloDocuments documents;
    try {
      documents = OpenSlo.read(path);
    } catch (NoSuchFileException e) {
      throw new UsageException("--slo: " + path + ": no such file");
    } catch (IOException e) {
      throw new UsageException("--slo: " + path + ": " + e.getMessage());
    } catch (OpenSloException e) {
      throw new UsageException(e.getMessage());
    }
    List<String> ids = new ArrayList<>();
    documents.definitions().forEach(d -> ids.add(d.id()));
    if (ids.isEmpty()) {
      throw new UsageException("--slo: " + path + ": no SLO (expected a document of kind SLO)");
    }
    String id = flags.get("--id").orElse(null);
    if (id == null && ids.size() > 1) {
      throw new UsageException("--id: missing (expected one of " + ids + ": " + path + " defines several SLOs)");
    }
    if (id != null && !ids.contains(id)) {
      throw new UsageException("--id: '" + id + "' (expected one of " + ids + ")");
    }
    SloDefinition slo = documents.definition(id == null ? ids.get(0) : id).orElseThrow();
    Optional<AlertRules> declared = documents.rules(slo.id());
    String tiers = flags.get("--tiers").orElse("budget-share");
    if (!tiers.equals("budget-share") && !tiers.equals("scaled-windows")) {
      throw flags.invalid("--tiers", tiers);
    }
    AlertTiers.Strategy strategy = tiers.equals("budget-share") ? AlertTiers.Strategy.BUDGET_SHARE : AlertTiers.Strategy.SCALED_WINDOWS;
    Duration interval = declared.map(AlertRules::evaluationInterval).orElse(Duration.ofSeconds(10));
    return new SloOptions(slo, interval, strategy, declared);
  }

  private static Duration duration(Flags flags, String name, String fallback) throws UsageException {
    String text = flags.get(name).orElse(fallback);
    try {
      return DurationFormat.parse(name.substring(2), text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + e.getMessage());
    }
  }

  /**
   * The rules of a replay: those an OpenSLO file declares, else the strategy's tiers, evaluated
   * every interval.
   */
  AlertRules rules() {
    return declared.orElseGet(() -> rules(strategy));
  }

  /** What {@link #rules()} are, for the header of a replay. */
  String rulesName() {
    return declared.isPresent() ? "the OpenSLO alert policies" : strategy.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
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
