package io.github.slo4j.openslo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * One value of a composed YAML document with where it is: the file, its path from the document's
 * root ({@code spec.objectives[0].target}) and its line and column. Every accessor that refuses a
 * value throws an {@link OpenSloException} located at it.
 */
final class Field {
  final String file;
  final String path;
  final Node node;

  Field(String file, String path, Node node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  OpenSloException error(String detail) {
    return error(path, detail);
  }

  /** An error located at this node but naming {@code field} (a missing child of this mapping). */
  OpenSloException error(String field, String detail) {
    Optional<Mark> m = node.getStartMark();
    return new OpenSloException(
        file, m.map(x -> x.getLine() + 1).orElse(0), m.map(x -> x.getColumn() + 1).orElse(0), field, detail);
  }

  /** {@code value (expected expectation)}, the one shape of every message. */
  OpenSloException invalid(String expectation) {
    return error(shown() + " (expected " + expectation + ")");
  }

  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean isNull() {
    return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
  }

  /** The value as written, for messages: a scalar's text, or {@code a mapping} / {@code a list}. */
  String shown() {
    if (node instanceof ScalarNode) {
      String v = ((ScalarNode) node).getValue();
      return isNull() ? "null" : v;
    }
    return node instanceof MappingNode ? "a mapping" : "a list";
  }

  Map<String, Field> map() {
    if (!(node instanceof MappingNode)) {
      throw invalid("a mapping");
    }
    Map<String, Field> out = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (NodeTuple t : ((MappingNode) node).getValue()) {
      Field key = new Field(file, path, t.getKeyNode());
      if (!(t.getKeyNode() instanceof ScalarNode)) {
        throw key.invalid("a text key");
      }
      String k = ((ScalarNode) t.getKeyNode()).getValue();
      if (!seen.add(k)) {
        throw new Field(file, child(k), t.getKeyNode()).error("duplicate key (expected each key once)");
      }
      out.put(k, new Field(file, child(k), t.getValueNode()));
    }
    return out;
  }

  /**
   * Refuses a key of this mapping that is not one of {@code keys}: a misspelt field ({@code
   * targetPercnt}, {@code alertWhenNoDta}) would otherwise be silently ignored.
   */
  Field only(String... keys) {
    List<String> known = List.of(keys);
    map(); // a mapping with text keys, each once
    for (NodeTuple t : ((MappingNode) node).getValue()) {
      String k = ((ScalarNode) t.getKeyNode()).getValue();
      if (!known.contains(k)) {
        // located at the misspelt key, not at its value
        throw new Field(file, child(k), t.getKeyNode()).error("unknown field (expected one of " + known + ")");
      }
    }
    return this;
  }

  /** The child {@code key} of this mapping, absent when missing or null. */
  Optional<Field> get(String key) {
    Field f = map().get(key);
    return f == null || f.isNull() ? Optional.empty() : Optional.of(f);
  }

  Field require(String key, String expectation) {
    return get(key).orElseThrow(() -> error(child(key), "missing (expected " + expectation + ")"));
  }

  /** This list's items; a null value is an empty list. */
  List<Field> list() {
    if (isNull()) {
      return List.of();
    }
    if (!(node instanceof SequenceNode)) {
      throw invalid("a list");
    }
    List<Field> out = new ArrayList<>();
    List<Node> items = ((SequenceNode) node).getValue();
    for (int i = 0; i < items.size(); i++) {
      out.add(new Field(file, path + "[" + i + "]", items.get(i)));
    }
    return Collections.unmodifiableList(out);
  }

  String text() {
    if (!(node instanceof ScalarNode) || isNull()) {
      throw invalid("a text");
    }
    return ((ScalarNode) node).getValue();
  }

  /** A number read exactly from its text (YAML 1.2 core schema: {@code 0.999}, {@code 1e-3}, {@code 42}). */
  BigDecimal decimal() {
    if (node instanceof ScalarNode && (node.getTag().equals(Tag.FLOAT) || node.getTag().equals(Tag.INT))) {
      try {
        return new BigDecimal(((ScalarNode) node).getValue().replace("+", ""));
      } catch (NumberFormatException e) {
        // .inf, .nan: fall through
      }
    }
    throw invalid("a number");
  }

  boolean bool() {
    if (node instanceof ScalarNode && node.getTag().equals(Tag.BOOL)) {
      return Boolean.parseBoolean(((ScalarNode) node).getValue().toLowerCase(java.util.Locale.ROOT));
    }
    throw invalid("true or false");
  }

  /** The value as plain Java: maps (in order), lists and scalars as their text; null for null. */
  Object plain() {
    if (node instanceof ScalarNode) {
      return isNull() ? null : ((ScalarNode) node).getValue();
    }
    if (node instanceof SequenceNode) {
      List<Object> out = new ArrayList<>();
      list().forEach(f -> out.add(f.plain()));
      return Collections.unmodifiableList(out);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map().forEach((k, v) -> out.put(k, v.plain()));
    return Collections.unmodifiableMap(out);
  }
}
