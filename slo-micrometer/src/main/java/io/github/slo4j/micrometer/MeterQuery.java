package io.github.slo4j.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.search.Search;
import java.util.Objects;

/**
 * Which meters of a registry one side of a ratio reads: a meter name and the tags the meters must
 * have (others may have more tags), as Micrometer's {@link Search}. All the matching meters are
 * summed, e.g. {@code MeterQuery.of("http.server.requests.total", "outcome", "SERVER_ERROR")} sums
 * that counter over every {@code uri}. Immutable.
 */
public final class MeterQuery {
  private final String name;
  private final Tags tags;

  private MeterQuery(String name, Tags tags) {
    this.name = name;
    this.tags = tags;
  }

  /**
   * The meters named {@code name} with every tag of {@code keyValues} (key, value, key, value, ...).
   *
   * @throws IllegalArgumentException when {@code name} is blank or {@code keyValues} has an odd
   *     number of elements
   */
  public static MeterQuery of(String name, String... keyValues) {
    Objects.requireNonNull(name, "name: null (expected a meter name)");
    Objects.requireNonNull(keyValues, "keyValues: null (expected key, value pairs)");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: \"" + name + "\" (expected a meter name)");
    }
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "keyValues: " + keyValues.length + " strings (expected key, value pairs: an even number)");
    }
    for (int i = 0; i < keyValues.length; i++) {
      if (keyValues[i] == null) {
        throw new NullPointerException("keyValues[" + i + "]: null (expected a tag " + (i % 2 == 0 ? "key" : "value") + ")");
      }
    }
    return new MeterQuery(name, Tags.of(keyValues));
  }

  /** The meter name. */
  public String name() {
    return name;
  }

  /** The tags every matching meter has. */
  public Tags tags() {
    return tags;
  }

  /** Whether a meter with {@code id} matches, as {@link #search} would find it. */
  boolean matches(Meter.Id id) {
    if (!name.equals(id.getName())) {
      return false;
    }
    for (Tag t : tags) {
      if (!t.getValue().equals(id.getTag(t.getKey()))) {
        return false;
      }
    }
    return true;
  }

  Search search(MeterRegistry registry) {
    return Search.in(registry).name(name).tags(tags);
  }

  /** Equal when the name and tags are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof MeterQuery q && q.name.equals(name) && q.tags.equals(tags);
  }

  /** From the name and tags. */
  @Override
  public int hashCode() {
    return name.hashCode() * 31 + tags.hashCode();
  }

  /** The name and tags: {@code http.server.requests.total{outcome=SERVER_ERROR}}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(name).append('{');
    boolean first = true;
    for (Tag t : tags) {
      sb.append(first ? "" : ",").append(t.getKey()).append('=').append(t.getValue());
      first = false;
    }
    return sb.append('}').toString();
  }
}
