package io.github.slo4j.micrometer;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Which Micrometer observations feed an SLO: an observation name, low-cardinality key values that
 * must be present ({@code uri=/checkout}), key values that exclude an observation ({@code
 * user_agent_class=bot}: bots, synthetic probes, internal jobs) and, where those do not say enough,
 * any predicate. Immutable and thread-safe; each method returns a new selector.
 *
 * <p>The name and key values are compared with {@link String#equals(Object)} and no allocation:
 * the handler finds the SLOs of an observation's name with one hash lookup, however many SLOs it
 * feeds, then each selector looks up its key values, one hash lookup each; a predicate runs last,
 * only on observations the rest already selected. A predicate that throws is counted and logged by the {@link SloObservationHandler}, and
 * the observation is then counted as selected (as slo-core counts an event whose filter failed:
 * nothing is lost).
 */
public final class ObservationSelector {
  private static final String[] NONE = new String[0];

  private final String name;
  private final String[] requiredKeys;
  private final String[] requiredValues;
  private final String[] excludedKeys;
  private final String[] excludedValues;
  private final Predicate<? super Observation.Context> predicate;

  private ObservationSelector(
      String name,
      String[] requiredKeys,
      String[] requiredValues,
      String[] excludedKeys,
      String[] excludedValues,
      Predicate<? super Observation.Context> predicate) {
    this.name = name;
    this.requiredKeys = requiredKeys;
    this.requiredValues = requiredValues;
    this.excludedKeys = excludedKeys;
    this.excludedValues = excludedValues;
    this.predicate = predicate;
  }

  /** The observations named {@code name}, e.g. {@code http.server.requests}. */
  public static ObservationSelector name(String name) {
    Objects.requireNonNull(name, "name: null (expected an observation name)");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: \"" + name + "\" (expected an observation name)");
    }
    return new ObservationSelector(name, NONE, NONE, NONE, NONE, null);
  }

  /** Every observation, whatever its name; narrow it with key values or a predicate. */
  public static ObservationSelector any() {
    return new ObservationSelector(null, NONE, NONE, NONE, NONE, null);
  }

  /** This selector, keeping only observations whose low-cardinality key {@code key} is {@code value}. */
  public ObservationSelector keyValue(String key, String value) {
    Objects.requireNonNull(key, "key: null (expected a key name)");
    Objects.requireNonNull(value, "value: null (expected the value of key " + key + ")");
    return new ObservationSelector(
        name, append(requiredKeys, key), append(requiredValues, value), excludedKeys, excludedValues, predicate);
  }

  /**
   * This selector, leaving out observations whose low-cardinality key {@code key} is {@code value}
   * (an observation without that key is not left out).
   */
  public ObservationSelector exclude(String key, String value) {
    Objects.requireNonNull(key, "key: null (expected a key name)");
    Objects.requireNonNull(value, "value: null (expected the value of key " + key + " to exclude)");
    return new ObservationSelector(
        name, requiredKeys, requiredValues, append(excludedKeys, key), append(excludedValues, value), predicate);
  }

  /**
   * This selector, keeping only observations that {@code predicate} also accepts. It runs on the
   * instrumented thread at every stop of a selected observation: keep it cheap and allocation-free.
   */
  public ObservationSelector and(Predicate<? super Observation.Context> predicate) {
    Objects.requireNonNull(predicate, "predicate: null (expected a predicate)");
    Predicate<? super Observation.Context> both;
    if (this.predicate == null) {
      both = predicate;
    } else {
      Predicate<? super Observation.Context> first = this.predicate;
      both = c -> first.test(c) && predicate.test(c);
    }
    return new ObservationSelector(name, requiredKeys, requiredValues, excludedKeys, excludedValues, both);
  }

  /** The observation name selected, empty when any name is. */
  public Optional<String> observationName() {
    return Optional.ofNullable(name);
  }

  /**
   * Whether {@code context}, whose name the caller already found to be this selector's (the
   * handler routes observations by name), is selected: the key values, then the predicate (the
   * only part that can throw).
   */
  boolean matchesNamed(Observation.Context context) {
    for (int i = 0; i < requiredKeys.length; i++) {
      KeyValue kv = context.getLowCardinalityKeyValue(requiredKeys[i]);
      if (kv == null || !requiredValues[i].equals(kv.getValue())) {
        return false;
      }
    }
    for (int i = 0; i < excludedKeys.length; i++) {
      KeyValue kv = context.getLowCardinalityKeyValue(excludedKeys[i]);
      if (kv != null && excludedValues[i].equals(kv.getValue())) {
        return false;
      }
    }
    return predicate == null || predicate.test(context);
  }

  private static String[] append(String[] a, String s) {
    String[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = s;
    return out;
  }

  /** {@code name=http.server.requests uri=/checkout !user_agent_class=bot +predicate}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ObservationSelector[");
    sb.append(name == null ? "any name" : "name=" + name);
    for (int i = 0; i < requiredKeys.length; i++) {
      sb.append(' ').append(requiredKeys[i]).append('=').append(requiredValues[i]);
    }
    for (int i = 0; i < excludedKeys.length; i++) {
      sb.append(" !").append(excludedKeys[i]).append('=').append(excludedValues[i]);
    }
    if (predicate != null) {
      sb.append(" +predicate");
    }
    return sb.append(']').toString();
  }
}
