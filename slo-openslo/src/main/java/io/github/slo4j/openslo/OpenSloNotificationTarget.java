package io.github.slo4j.openslo;

/**
 * An OpenSLO {@code AlertNotificationTarget}: where an alert policy's notifications go ({@code
 * email}, {@code slack}, a web hook). slo4j keeps it as read for the host's notifier to route by;
 * it delivers nothing by itself.
 *
 * @param name {@code metadata.name}
 * @param displayName {@code metadata.displayName}, empty when absent
 * @param target {@code spec.target}, e.g. {@code slack}
 * @param description {@code spec.description}, empty when absent
 */
public record OpenSloNotificationTarget(String name, String displayName, String target, String description) {}
