package io.github.slo4j.monitor;

import io.github.slo4j.CompliancePeriod;
import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.WindowReader;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The {@link PeriodBudget} of every target of one SLO as of the last evaluation, kept as figures in
 * arrays so that an evaluation that changes nothing allocates nothing: the {@code PeriodBudget}
 * values are made only when an alert payload, a decision or {@link SloMonitor#health()} asks for
 * one, and kept until the next {@link #read}.
 *
 * <p>Not thread-safe: the owning monitor serializes calls.
 */
final class PeriodBudgets {
  private final WindowReader reader;
  private final Target[] targets;
  /** Each target's objective. */
  private final Objective[] objectives;
  private final CompliancePeriod period;
  /** A rolling period's length in milliseconds; 0 for a calendar period. */
  private final long rollingMillis;
  private final long[] good;
  private final long[] total;
  private final long[] covered;
  private final long[] length;
  private final PeriodBudget[] made;
  private final long[] scratch = new long[4];
  /** The calendar period of the last read, [start, end) in epoch milliseconds. */
  private long periodStart = Long.MAX_VALUE;
  private long periodEnd = Long.MIN_VALUE;
  private boolean read;

  PeriodBudgets(WindowReader reader) {
    this.reader = reader;
    SloDefinition slo = reader.definition();
    this.targets = slo.targets().toArray(new Target[0]);
    int n = targets.length;
    this.objectives = new Objective[n];
    for (int t = 0; t < n; t++) {
      objectives[t] = targets[t].objective();
    }
    this.period = slo.period();
    this.rollingMillis = period instanceof CompliancePeriod.Rolling ? period.nominalLength().toMillis() : 0;
    this.good = new long[n];
    this.total = new long[n];
    this.covered = new long[n];
    this.length = new long[n];
    this.made = new PeriodBudget[n];
  }

  /**
   * Reads every target's budget as of the boundary {@code nowMillis}, the reader's asOf, as {@link
   * PeriodBudget#read} does.
   */
  void read(long nowMillis) {
    long periodMillis;
    if (rollingMillis > 0) {
      periodMillis = rollingMillis;
    } else {
      long last = nowMillis - 1;
      if (last < periodStart || last >= periodEnd) {
        Instant at = Instant.ofEpochMilli(last);
        periodStart = period.startAt(at).toEpochMilli();
        periodEnd = periodStart + period.lengthAt(at).toMillis();
      }
      periodMillis = periodEnd - periodStart;
    }
    for (int t = 0; t < good.length; t++) {
      reader.periodWindow(targets[t], scratch);
      good[t] = scratch[0];
      total[t] = scratch[1];
      covered[t] = scratch[2];
      length[t] = periodMillis;
      made[t] = null;
    }
    read = true;
  }

  /** Whether {@link #read} ran at least once. */
  boolean wasRead() {
    return read;
  }

  /** {@link PeriodBudget#hasData()} of target {@code t}. */
  boolean hasData(int t) {
    return total[t] > 0 && covered[t] > 0;
  }

  /** {@link PeriodBudget#projectedShareAtLeast} of target {@code t}; {@code x} is {@code fraction}'s double. */
  boolean shareAtLeast(int t, long badEvents, BigDecimal fraction, double x) {
    return PeriodBudget.shareAtLeast(
        objectives[t], badEvents, total[t], covered[t], length[t], fraction, x);
  }

  /** Bad events of target {@code t} in the period so far. */
  long bad(int t) {
    return total[t] - good[t];
  }

  /** The budget of target {@code t}, made on first use after each {@link #read}. */
  PeriodBudget get(int t) {
    PeriodBudget b = made[t];
    if (b == null) {
      b = PeriodBudget.of(objectives[t], good[t], total[t], covered[t], length[t]);
      made[t] = b;
    }
    return b;
  }
}
