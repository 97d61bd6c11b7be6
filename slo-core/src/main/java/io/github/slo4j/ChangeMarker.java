package io.github.slo4j;

import io.github.slo4j.internal.Require;
import java.time.Instant;

/**
 * A change to a service — a deploy, a configuration flip, a feature flag — with a name, a version
 * and the instant it took effect. Alerts list the changes recorded near a burn (the last step of
 * the on-call's diagnosis funnel), and the release gate of an error-budget policy ({@code
 * SloMonitor.mayShip} in the monitor package) asks whether a proposed change may ship.
 *
 * <pre>{@code
 * changes.record(ChangeMarker.deploy("checkout", "1.42.0", Instant.now()));
 * monitor.mayShip(ChangeMarker.deploy("checkout", "1.42.1", Instant.now()).withCategory(Category.SECURITY));
 * }</pre>
 *
 * @param kind what changed
 * @param name what was changed: a service, a configuration key, a flag name; not blank
 * @param version the version or value it changed to; not blank ({@code "on"}, {@code "1.42.0"})
 * @param at when the change took effect
 * @param category {@link Category#ROUTINE} unless the change is a reliability or security fix,
 *     which a release freeze exempts
 */
public record ChangeMarker(Kind kind, String name, String version, Instant at, Category category) {

  /** What kind of change. */
  public enum Kind {
    /** A new build rolled out. */
    DEPLOY,
    /** A configuration value changed. */
    CONFIG,
    /** A feature flag flipped. */
    FEATURE_FLAG,
    /** Anything else: an infrastructure or dependency change, a data migration. */
    OTHER
  }

  /** Why a change is made; decides whether a release freeze lets it through. */
  public enum Category {
    /** Feature work and everything else; blocked by a freeze. */
    ROUTINE,
    /** A fix for the reliability problem that is spending the budget; exempt from a freeze. */
    RELIABILITY,
    /** A security fix; exempt from a freeze. */
    SECURITY
  }

  /** Validates the components. */
  public ChangeMarker {
    Require.nonNull("kind", kind);
    nonBlank("change name", name);
    nonBlank("change version", version);
    Require.nonNull("at", at);
    Require.nonNull("category", category);
  }

  private static void nonBlank(String param, String value) {
    Require.nonNull(param, value);
    if (value.isBlank()) {
      throw Require.invalid(param, "''", "a non-blank text");
    }
  }

  /** A routine deploy of {@code name} at {@code version}. */
  public static ChangeMarker deploy(String name, String version, Instant at) {
    return new ChangeMarker(Kind.DEPLOY, name, version, at, Category.ROUTINE);
  }

  /** A routine configuration change of {@code key} to {@code value}. */
  public static ChangeMarker config(String key, String value, Instant at) {
    return new ChangeMarker(Kind.CONFIG, key, value, at, Category.ROUTINE);
  }

  /** A routine feature-flag flip of {@code flag} to {@code state}. */
  public static ChangeMarker featureFlag(String flag, String state, Instant at) {
    return new ChangeMarker(Kind.FEATURE_FLAG, flag, state, at, Category.ROUTINE);
  }

  /** This change with another category. */
  public ChangeMarker withCategory(Category category) {
    return new ChangeMarker(kind, name, version, at, category);
  }

  /** Whether a release freeze exempts this change (a reliability or security fix). */
  public boolean critical() {
    return category != Category.ROUTINE;
  }

  /** {@code deploy checkout 1.42.0 at 2026-01-01T10:00:00Z}, with the category when not routine. */
  @Override
  public String toString() {
    String s = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " " + name + " " + version + " at " + at;
    return category == Category.ROUTINE ? s : s + " (" + category.name().toLowerCase(java.util.Locale.ROOT) + ")";
  }
}
