package io.github.slo4j.openslo;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One OpenSLO {@code SLO} document read into slo4j: its {@linkplain #definitions() definitions}
 * with their {@linkplain #rules() alert rules}, and what OpenSLO says that slo4j keeps as metadata
 * (display names, labels, annotations, the indicator's queries, the notification targets).
 *
 * <p>A {@code thresholdMetric} SLO is one definition with a latency SLI, one threshold per
 * objective. A {@code ratioMetric} SLO with one objective is one definition named as the SLO; with
 * several objectives it is one definition per objective, named {@code <name>.<index>} ({@code
 * service-availability.0}, {@code service-availability.1}), since an slo4j events SLI has one
 * objective.
 *
 * <p>Immutable.
 */
public final class OpenSloSlo {
  private final String name;
  private final String displayName;
  private final String source;
  private final OpenSloIndicator indicator;
  private final List<SloDefinition> definitions;
  private final List<AlertRules> rules;
  private final List<OpenSloAlertPolicy> alertPolicies;
  private final Map<String, List<String>> labels;
  private final Map<String, String> annotations;
  // what only writing back needs
  final String startTime;
  final List<ObjectiveForm> objectiveForms;

  /** How one objective was written: its display name, its op and target or targetPercent. */
  record ObjectiveForm(String displayName, String op, boolean percent) {}

  OpenSloSlo(
      String name,
      String displayName,
      String source,
      OpenSloIndicator indicator,
      List<SloDefinition> definitions,
      List<AlertRules> rules,
      List<OpenSloAlertPolicy> alertPolicies,
      Map<String, List<String>> labels,
      Map<String, String> annotations,
      String startTime,
      List<ObjectiveForm> objectiveForms) {
    this.name = name;
    this.displayName = displayName;
    this.source = source;
    this.indicator = indicator;
    this.definitions = List.copyOf(definitions);
    this.rules = List.copyOf(rules);
    this.alertPolicies = List.copyOf(alertPolicies);
    this.labels = labels;
    this.annotations = annotations;
    this.startTime = startTime;
    this.objectiveForms = List.copyOf(objectiveForms);
  }

  /** {@return the SLO's {@code metadata.name}} */
  public String name() {
    return name;
  }

  /** {@return the SLO's {@code metadata.displayName}, empty when absent} */
  public String displayName() {
    return displayName;
  }

  /** {@return where the document starts, {@code file:line}} */
  public String source() {
    return source;
  }

  /** {@return the indicator; its queries are metadata, never run} */
  public OpenSloIndicator indicator() {
    return indicator;
  }

  /** {@return the slo4j definitions: one, or one per objective of a ratio SLO (see above)} */
  public List<SloDefinition> definitions() {
    return definitions;
  }

  /**
   * {@return the alert rules of each definition, in the same order} The tiers come from the SLO's
   * alert policies; an SLO without alert policies gets slo4j's default rules.
   */
  public List<AlertRules> rules() {
    return rules;
  }

  /**
   * The alert rules of the definition {@code id}.
   *
   * @param id a definition's id
   * @return its rules, or empty when this SLO has no definition of that id
   */
  public Optional<AlertRules> rules(String id) {
    for (int i = 0; i < definitions.size(); i++) {
      if (definitions.get(i).id().equals(id)) {
        return Optional.of(rules.get(i));
      }
    }
    return Optional.empty();
  }

  /** {@return the alert policies, inline or referenced, in the document's order} */
  public List<OpenSloAlertPolicy> alertPolicies() {
    return alertPolicies;
  }

  /** {@return {@code metadata.labels}, each value a list (OpenSLO allows a text or a list)} */
  public Map<String, List<String>> labels() {
    return labels;
  }

  /** {@return {@code metadata.annotations}, including slo4j's own ({@code slo4j.github.io/...})} */
  public Map<String, String> annotations() {
    return annotations;
  }

  /** {@code search-slo (web-shop/search-slo: le500ms 99% over rolling 14d)}. */
  @Override
  public String toString() {
    return name + " " + definitions;
  }
}
