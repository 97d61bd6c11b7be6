package io.github.slo4j.cli;

import io.github.slo4j.ErrorBudget;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.monitor.AlertTier;
import io.github.slo4j.monitor.AlertTiers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert tiers of a strategy for a period, including periods shorter than the default windows:
 * the budget-share tiers that fit (a long window no longer than the period), each with its factor
 * from its budget share; scaled windows that round to nothing leave no tier. The note says what was
 * left out and why, or is null.
 */
record TierChoice(List<AlertTier> tiers, String note) {
  static TierChoice of(AlertTiers.Strategy strategy, Duration period) {
    if (strategy == AlertTiers.Strategy.SCALED_WINDOWS) {
      try {
        return new TierChoice(AlertTiers.scaledWindows(period), null);
      } catch (IllegalArgumentException e) {
        return new TierChoice(List.of(), "none: " + e.getMessage());
      }
    }
    List<AlertTier> out = new ArrayList<>();
    List<String> left = new ArrayList<>();
    Duration month = Duration.ofDays(30);
    for (AlertTier w : AlertTiers.workbook()) {
      if (w.longWindow().compareTo(period) <= 0) {
        double share = w.budgetShare(month);
        out.add(new AlertTier(w.severity(), w.longWindow(), w.shortWindow(),
            ErrorBudget.burnRateFactor(share, w.longWindow(), period)));
      } else {
        left.add(DurationFormat.format(w.longWindow()) + "/" + DurationFormat.format(w.shortWindow()));
      }
    }
    String note = left.isEmpty() ? null
        : String.join(" and ", left) + " left out: longer than the " + DurationFormat.format(period) + " period";
    return new TierChoice(out, note);
  }
}
