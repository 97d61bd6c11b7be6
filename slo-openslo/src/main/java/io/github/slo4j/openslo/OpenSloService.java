package io.github.slo4j.openslo;

/**
 * An OpenSLO {@code Service}: a named group of SLOs. slo4j keeps it as read; an SLO names its
 * service in {@code spec.service} whether or not a Service document declares it.
 *
 * @param name {@code metadata.name}
 * @param displayName {@code metadata.displayName}, empty when absent
 * @param description {@code spec.description}, empty when absent
 */
public record OpenSloService(String name, String displayName, String description) {}
