package io.github.slo4j.openslo;

import io.github.slo4j.monitor.AlertTier;
import java.util.List;

/**
 * An OpenSLO {@code AlertPolicy} with its one burn-rate {@code AlertCondition}, read into an slo4j
 * {@link AlertTier}: the condition's {@code severity}, {@code lookbackWindow} as the long window,
 * {@code alertAfter} as the short window (1/12 of the long window when absent or {@code 0m}) and
 * {@code threshold} as the factor, firing when both windows burn faster (op {@code gt}).
 *
 * <p>OpenSLO's {@code alertAfter} says the condition must hold for that long before it alerts;
 * slo4j reads it as the Workbook's short window, which must also burn faster than the threshold.
 * The two agree for a burn that is steady over {@code alertAfter} and differ for one that spikes
 * inside it.
 *
 * @param name {@code metadata.name}
 * @param displayName {@code metadata.displayName}, empty when absent
 * @param description {@code spec.description}, empty when absent
 * @param alertWhenBreaching whether the tier is one of the SLO's alert tiers ({@code true} when
 *     absent); a policy that alerts on no data only sets it {@code false}
 * @param alertWhenResolved whether the host should notify when the tier resolves (slo4j reports
 *     every resolve; a notifier may drop them), {@code false} when absent
 * @param alertWhenNoData whether the SLO's no-data alert is on: after the condition's lookback
 *     window without traffic, at the condition's severity ({@code false} when absent; with several
 *     such policies, the shortest lookback)
 * @param conditionName the condition's {@code metadata.name}
 * @param tier the tier read from the condition
 * @param notificationTargets where notifications go, kept for the host's notifier
 */
public record OpenSloAlertPolicy(
    String name,
    String displayName,
    String description,
    boolean alertWhenBreaching,
    boolean alertWhenResolved,
    boolean alertWhenNoData,
    String conditionName,
    AlertTier tier,
    List<OpenSloNotificationTarget> notificationTargets) {

  /**
   * Copies the list of targets.
   *
   * @param name {@code metadata.name}
   * @param displayName {@code metadata.displayName}, empty when absent
   * @param description {@code spec.description}, empty when absent
   * @param alertWhenBreaching whether the tier is one of the SLO's alert tiers
   * @param alertWhenResolved whether the host should notify when the tier resolves
   * @param alertWhenNoData whether the SLO's no-data alert is on
   * @param conditionName the condition's {@code metadata.name}
   * @param tier the tier read from the condition
   * @param notificationTargets where notifications go
   */
  public OpenSloAlertPolicy {
    notificationTargets = List.copyOf(notificationTargets);
  }
}
