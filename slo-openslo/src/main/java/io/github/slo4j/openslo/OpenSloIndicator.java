package io.github.slo4j.openslo;

import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * An SLO's indicator as OpenSLO describes it (inline, or an {@code SLI} named by {@code
 * indicatorRef}). Its metric queries are <b>metadata</b>: slo4j counts the events the service
 * records in-process and never runs a query. A {@code ratioMetric} reads as slo4j's events SLI, a
 * {@code thresholdMetric} as its latency SLI (see {@link OpenSlo}).
 */
public final class OpenSloIndicator {
  private final String name;
  private final String displayName;
  private final String description;
  private final String metric;
  private final Map<String, Object> queries;
  final Node metricNode;

  OpenSloIndicator(
      String name, String displayName, String description, String metric, Map<String, Object> queries, Node metricNode) {
    this.name = name;
    this.displayName = displayName;
    this.description = description;
    this.metric = metric;
    this.queries = queries;
    this.metricNode = metricNode;
  }

  /** {@return the SLI's {@code metadata.name}} */
  public String name() {
    return name;
  }

  /** {@return the SLI's {@code metadata.displayName}, empty when absent} */
  public String displayName() {
    return displayName;
  }

  /** {@return the SLI's {@code spec.description}, empty when absent} */
  public String description() {
    return description;
  }

  /** {@return {@code ratioMetric} or {@code thresholdMetric}} */
  public String metric() {
    return metric;
  }

  /**
   * {@return the metric's content as read (for a ratio: {@code good}/{@code bad}/{@code total} with
   * their {@code metricSource}s), as unmodifiable maps, lists and texts} Kept as metadata, never
   * queried.
   */
  public Map<String, Object> queries() {
    return queries;
  }

  /** {@code ratioMetric search-latency}. */
  @Override
  public String toString() {
    return metric + " " + name;
  }
}
