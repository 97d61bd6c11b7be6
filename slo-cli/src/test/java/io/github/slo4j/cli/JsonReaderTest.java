package io.github.slo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test-side reader is strict, so MainTest's reads also prove the output is valid JSON. */
class JsonReaderTest {

  @Test
  void everyNumberIsTheExactDecimalOfItsText() {
    assertEquals(
        Arrays.asList(
            new BigDecimal("7200"),
            new BigDecimal("43.20"),
            new BigDecimal("-1E+3"),
            new BigDecimal("123456789012345678901234567890")),
        JsonReader.read("[7200, 43.20, -1e3, 123456789012345678901234567890]"));
  }

  @Test
  void objectsKeepTheirKeyOrderAndNestedValues() {
    Object read = JsonReader.read("{\"b\": [true, null, \"x\"], \"a\": {}}");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("b", Arrays.asList(true, null, "x"));
    expected.put("a", Map.of());
    assertEquals(expected, read);
    assertEquals(List.of("b", "a"), List.copyOf(((Map<?, ?>) read).keySet()));
  }

  @Test
  void aDuplicateKeyIsRefused() {
    assertRefused("{\"a\": 1, \"a\": 2}", "Duplicate field 'a'");
  }

  @Test
  void trailingTextIsRefused() {
    assertRefused("{} {}", "Trailing token");
  }

  @Test
  void whatJsonDoesNotAllowIsRefused() {
    assertRefused("[NaN]", "Non-standard token 'NaN'");
    assertRefused("[01]", "Invalid numeric value: Leading zeroes not allowed");
    assertRefused("['a']", "Unexpected character (''' (code 39))");
    assertRefused("[\"a\tb\"]", "Illegal unquoted character ((CTRL-CHAR, code 9))");
    assertRefused("[1,]", "Unexpected character (']' (code 93))");
  }

  private static void assertRefused(String json, String reason) {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> JsonReader.read(json), json);
    assertTrue(
        e.getMessage().startsWith("not JSON: ") && e.getMessage().contains(reason),
        () -> json + " -> " + e.getMessage());
  }
}
