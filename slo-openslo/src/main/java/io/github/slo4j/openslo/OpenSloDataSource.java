package io.github.slo4j.openslo;

/**
 * An OpenSLO {@code DataSource}, kept as metadata: slo4j records events in-process and never
 * queries a data source. Its {@code connectionDetails} are not kept, since they usually hold
 * credentials.
 *
 * @param name {@code metadata.name}
 * @param displayName {@code metadata.displayName}, empty when absent
 * @param type {@code spec.type}, e.g. {@code Prometheus}
 * @param description {@code spec.description}, empty when absent
 */
public record OpenSloDataSource(String name, String displayName, String type, String description) {}
