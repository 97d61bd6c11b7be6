package io.github.slo4j.openslo;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.Target;
import io.github.slo4j.monitor.AlertRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Every field of a definition and of its rules that OpenSLO can carry, as one text, so that two
 * definitions (which have no equals) compare field by field, and a failing comparison shows the
 * field that differs.
 */
final class Canonical {
  private Canonical() {}

  static String of(SloDefinition d) {
    return String.join(
        "\n",
        "id=" + d.id(),
        "service=" + d.service(),
        "description=" + d.description(),
        "sli=" + d.sli(),
        "targets=" + d.targets(),
        "period=" + d.period() + " " + d.period().getClass().getSimpleName() + " " + d.period().hashCode(),
        "budgeting=" + d.budgeting() + " " + d.budgeting().hashCode(),
        "owner=" + d.owner(),
        "runbook=" + d.runbook(),
        "links=" + d.links());
  }

  static String of(SloDefinition d, AlertRules r) {
    List<String> tiers = new ArrayList<>();
    for (Target t : d.targets()) {
      tiers.add(t.name() + ":" + r.tiers(t));
    }
    return of(d) + "\nrules.definition=" + r.definition().id() + "\ntiers=" + tiers + "\nnoData=" + r.noDataAfter()
        + (r.noDataAfter().isPresent() ? " " + r.noDataSeverity() : "");
  }

  static String of(OpenSloDocuments docs) {
    StringBuilder sb = new StringBuilder();
    for (OpenSloSlo s : docs.slos()) {
      sb.append("slo ").append(s.name()).append(" '").append(s.displayName()).append("' ").append(s.indicator())
          .append(' ').append(s.indicator().displayName()).append(' ').append(s.indicator().queries())
          .append(' ').append(s.labels()).append(' ').append(s.annotations()).append(' ').append(s.alertPolicies())
          .append('\n');
      for (int i = 0; i < s.definitions().size(); i++) {
        sb.append(of(s.definitions().get(i), s.rules().get(i))).append('\n');
      }
    }
    return sb.append("services=").append(docs.services()).toString();
  }
}
