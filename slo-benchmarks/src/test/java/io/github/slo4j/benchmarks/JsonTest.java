package io.github.slo4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void readsNestedValuesInOrder() {
    Object v = Json.parse(" {\"b\": [1, -2.5e3, true, false, null], \"a\": {\"x\": \"y\"}} ");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("b", Arrays.asList(1.0, -2500.0, true, false, null));
    expected.put("a", Map.of("x", "y"));
    assertEquals(expected, v);
    assertEquals(List.of("b", "a"), List.copyOf(Json.object(v).keySet()));
  }

  @Test
  void readsEscapes() {
    assertEquals("a\"b\\c\nd\u00b7e", Json.parse("\"a\\\"b\\\\c\\nd\\u00b7e\""));
  }

  @Test
  void readsJmhNaNScores() {
    assertTrue(Double.isNaN(Json.number(Json.parse("\"NaN\""))));
    assertEquals(3.5, Json.number(Json.parse("3.5")));
  }

  @Test
  void emptyContainers() {
    assertEquals(List.of(), Json.parse("[ ]"));
    assertEquals(Map.of(), Json.parse("{ }"));
  }

  @Test
  void rejectsTruncatedInputNamingTheOffset() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, 2"));
    assertEquals("JMH result JSON: offset 11 (expected ']')", e.getMessage());
  }
}
