package io.github.slo4j.spring;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.micrometer.ObservationSelector;
import io.github.slo4j.micrometer.OutcomeClassifier;
import io.github.slo4j.monitor.AlertRules;
import io.github.slo4j.monitor.BudgetPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * One SLO of {@code slo4j.slos}, checked: its definition, what feeds it, its alert rules and its
 * policy. Immutable.
 *
 * @param definition the SLO
 * @param selector the observations that feed it
 * @param classifier how an observation is judged
 * @param groupBy the key value it is grouped by, or null when not grouped
 * @param maxGroups the most groups when grouped
 * @param rules its alert rules, evaluated at the registry's base interval
 * @param policy its error-budget policy, if any
 */
public record SloSpec(
    SloDefinition definition,
    ObservationSelector selector,
    OutcomeClassifier classifier,
    String groupBy,
    int maxGroups,
    AlertRules rules,
    Optional<BudgetPolicy> policy) {

  /** Checks that the parts are present. */
  public SloSpec {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(classifier, "classifier");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(policy, "policy");
  }

  /** Whether the SLO is tracked per group of {@link #groupBy()}. */
  public boolean grouped() {
    return groupBy != null;
  }
}
