package io.github.slo4j.spring;

import io.github.slo4j.ChangeLog;
import io.github.slo4j.ChangeMarker;
import io.github.slo4j.WindowReader;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.monitor.ReleaseDecision;
import io.github.slo4j.monitor.SloMonitor;
import io.github.slo4j.recorder.SloRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code slo} actuator endpoint.
 *
 * <ul>
 *   <li>{@code GET /actuator/slo}: the release gate (may a change ship now? the answer and every
 *       SLO's reason; ask about a change with {@code ?version=1.4.2&category=security}), every SLO
 *       and group with its windows, burn rates, budget, active alerts and policy decisions, and
 *       the change markers recorded;
 *   <li>{@code GET /actuator/slo/{id}}: one SLO (with its groups, when grouped);
 *   <li>{@code POST /actuator/slo} with {@code {"version": "1.4.2"}} (and optionally {@code kind}
 *       {@code deploy|config|feature-flag|other}, {@code name}, {@code category} {@code
 *       routine|reliability|security}): records a change marker, which alerts list when they burn
 *       near it.
 * </ul>
 *
 * Thread-safe.
 */
@Endpoint(id = "slo")
public class SloEndpoint {
  private final SloRegistry registry;
  private final RegistryMonitor monitor;
  private final ChangeLog changes;
  private final String application;

  /**
   * The endpoint of {@code registry}.
   *
   * @param registry the SLO registry
   * @param monitor its monitor
   * @param changes the change log the monitor correlates alerts with
   * @param application the application's name: the default name of a change
   */
  public SloEndpoint(SloRegistry registry, RegistryMonitor monitor, ChangeLog changes, String application) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.monitor = Objects.requireNonNull(monitor, "monitor");
    this.changes = Objects.requireNonNull(changes, "changes");
    this.application = Objects.requireNonNull(application, "application");
  }

  /**
   * The release gate, every SLO and the change markers.
   *
   * @param version the version of the change asked about ({@code next} when absent)
   * @param category {@code routine} (absent), {@code reliability} or {@code security}: a freeze lets
   *     the last two through
   * @return the report
   */
  @ReadOperation
  public Map<String, Object> slos(@Nullable String version, @Nullable String category) {
    ChangeMarker change = new ChangeMarker(
        ChangeMarker.Kind.DEPLOY, application, version == null ? "next" : version, now(), category(category));
    List<ReleaseDecision> decisions = new ArrayList<>();
    List<Object> slos = new ArrayList<>();
    Map<String, WindowReader> readers = readers();
    for (SloMonitor m : monitor.monitors()) {
      decisions.add(m.mayShip(change));
      WindowReader r = readers.get(key(m));
      if (r != null) {
        slos.add(SloViews.slo(m, r));
      }
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("releaseGate", SloViews.gate(change, decisions));
    v.put("slos", slos);
    List<Object> cs = new ArrayList<>();
    changes.all().forEach(c -> cs.add(SloViews.change(c)));
    v.put("changes", cs);
    return v;
  }

  /**
   * One SLO, with its groups when grouped.
   *
   * @param id the SLO's id
   * @return the SLO, or null (404) when no SLO has that id
   */
  @ReadOperation
  public @Nullable Map<String, Object> slo(@Selector String id) {
    Map<String, WindowReader> readers = readers();
    List<Object> groups = new ArrayList<>();
    Map<String, Object> single = null;
    for (SloMonitor m : monitor.monitors()) {
      if (!m.definition().id().equals(id)) {
        continue;
      }
      WindowReader r = readers.get(key(m));
      if (r == null) {
        continue;
      }
      if (m.groupKey().isPresent()) {
        groups.add(SloViews.slo(m, r));
      } else {
        single = SloViews.slo(m, r);
      }
    }
    if (single != null) {
      return single;
    }
    if (groups.isEmpty() && registry.findGrouped(id).isEmpty()) {
      return null;
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", id);
    v.put("groups", groups);
    return v;
  }

  /**
   * Records a change marker.
   *
   * @param version what the change changed to: a version, a value, a flag state
   * @param kind {@code deploy} (absent), {@code config}, {@code feature-flag} or {@code other}
   * @param name what changed (the application's name when absent)
   * @param category {@code routine} (absent), {@code reliability} or {@code security}
   * @return the marker recorded
   */
  @WriteOperation
  public Map<String, Object> recordChange(
      String version, @Nullable String kind, @Nullable String name, @Nullable String category) {
    ChangeMarker marker;
    try {
      marker = new ChangeMarker(kind(kind), name == null ? application : name, version, now(), category(category));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidEndpointRequestException(e.getMessage(), e.getMessage());
    }
    changes.record(marker);
    return SloViews.change(marker);
  }

  private Instant now() {
    return Instant.ofEpochMilli(registry.timeSource().wallMillis());
  }

  private static ChangeMarker.Kind kind(@Nullable String kind) {
    if (kind == null) {
      return ChangeMarker.Kind.DEPLOY;
    }
    for (ChangeMarker.Kind k : ChangeMarker.Kind.values()) {
      if (k.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(kind.trim().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    String message = "kind: " + kind + " (expected deploy, config, feature-flag or other)";
    throw new InvalidEndpointRequestException(message, message);
  }

  private static ChangeMarker.Category category(@Nullable String category) {
    if (category == null) {
      return ChangeMarker.Category.ROUTINE;
    }
    for (ChangeMarker.Category c : ChangeMarker.Category.values()) {
      if (c.name().equalsIgnoreCase(category.trim())) {
        return c;
      }
    }
    String message = "category: " + category + " (expected routine, reliability or security)";
    throw new InvalidEndpointRequestException(message, message);
  }

  private Map<String, WindowReader> readers() {
    Map<String, WindowReader> byKey = new HashMap<>();
    for (WindowReader r : registry.readers()) {
      byKey.put(r.definition().id() + "\u0000" + r.groupKey().orElse(""), r);
    }
    return byKey;
  }

  private static String key(SloMonitor m) {
    return m.definition().id() + "\u0000" + m.groupKey().orElse("");
  }
}
