package io.github.slo4j.openslo;

import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.AlertRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Everything read from a set of OpenSLO v1 documents (files, directories, multi-document streams),
 * with references between them resolved: SLOs with their definitions and alert rules, and the
 * services, alert policies, notification targets and data sources declared on their own.
 *
 * <p>Immutable.
 */
public final class OpenSloDocuments {
  private final List<OpenSloSlo> slos;
  private final List<OpenSloService> services;
  private final List<OpenSloAlertPolicy> alertPolicies;
  private final List<OpenSloNotificationTarget> notificationTargets;
  private final List<OpenSloDataSource> dataSources;

  OpenSloDocuments(
      List<OpenSloSlo> slos,
      List<OpenSloService> services,
      List<OpenSloAlertPolicy> alertPolicies,
      List<OpenSloNotificationTarget> notificationTargets,
      List<OpenSloDataSource> dataSources) {
    this.slos = List.copyOf(slos);
    this.services = List.copyOf(services);
    this.alertPolicies = List.copyOf(alertPolicies);
    this.notificationTargets = List.copyOf(notificationTargets);
    this.dataSources = List.copyOf(dataSources);
  }

  /** {@return the SLO documents, in the order read} */
  public List<OpenSloSlo> slos() {
    return slos;
  }

  /** {@return every slo4j definition of every SLO, in order} */
  public List<SloDefinition> definitions() {
    List<SloDefinition> out = new ArrayList<>();
    slos.forEach(s -> out.addAll(s.definitions()));
    return Collections.unmodifiableList(out);
  }

  /**
   * The definition {@code id}.
   *
   * @param id a definition's id
   * @return the definition, or empty when none has that id
   */
  public Optional<SloDefinition> definition(String id) {
    return definitions().stream().filter(d -> d.id().equals(id)).findFirst();
  }

  /**
   * The alert rules of the definition {@code id}.
   *
   * @param id a definition's id
   * @return its rules, or empty when no definition has that id
   */
  public Optional<AlertRules> rules(String id) {
    for (OpenSloSlo s : slos) {
      Optional<AlertRules> r = s.rules(id);
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  /** {@return the {@code Service} documents} */
  public List<OpenSloService> services() {
    return services;
  }

  /** {@return the {@code AlertPolicy} documents declared on their own (not inline in an SLO)} */
  public List<OpenSloAlertPolicy> alertPolicies() {
    return alertPolicies;
  }

  /** {@return the {@code AlertNotificationTarget} documents declared on their own} */
  public List<OpenSloNotificationTarget> notificationTargets() {
    return notificationTargets;
  }

  /** {@return the {@code DataSource} documents, kept as metadata} */
  public List<OpenSloDataSource> dataSources() {
    return dataSources;
  }

  /** {@code OpenSloDocuments[slos=[...], services=[...]]}. */
  @Override
  public String toString() {
    return "OpenSloDocuments[slos=" + slos + ", services=" + services + "]";
  }
}
