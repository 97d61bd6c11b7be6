package io.github.slo4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.internal.Json;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The command line's {@code --json}: slo4j's one JSON writer, indented, read back. */
class JsonTest {

  @Test
  void writesNestedValues() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("text", "a \"quoted\" back\\slash\nnew line\ttab\u0001");
    root.put("number", 43.2);
    root.put("long", 7200L);
    root.put("flag", true);
    root.put("nothing", null);
    root.put("list", List.of(1, "two", List.of()));
    root.put("empty", Map.of());
    Object read = JsonReader.read(Json.writeIndented(root));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("text", "a \"quoted\" back\\slash\nnew line\ttab\u0001");
    expected.put("number", new BigDecimal("43.2"));
    expected.put("long", new BigDecimal("7200"));
    expected.put("flag", true);
    expected.put("nothing", null);
    expected.put("list", Arrays.asList(new BigDecimal("1"), "two", List.of()));
    expected.put("empty", Map.of());
    assertEquals(expected, read);
  }

  @Test
  void anyStringSurvivesTheRoundTrip() {
    // Fixed seed: strings of every char class JSON escapes (controls, quotes, backslashes,
    // surrogates) and plain text, printed with the seed's case number when one fails.
    SplittableRandom random = new SplittableRandom(20261130);
    char[] special = {'"', '\\', '\n', '\t', '\r', '\u0000', '\u001f', '\u007f', '\u2028', '\ud83d', '\ude00', '/'};
    for (int i = 0; i < 2000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(20);
      for (int k = 0; k < n; k++) {
        sb.append(random.nextInt(3) == 0 ? special[random.nextInt(special.length)] : (char) random.nextInt(0x20, 0x3000));
      }
      String s = sb.toString();
      int c = i;
      assertEquals(s, JsonReader.read(Json.writeIndented(s)), () -> "case " + c);
    }
  }

  @Test
  void refusesWhatItCannotWrite() {
    assertEquals(
        "value: java.lang.Object (expected a JSON value)",
        assertThrows(IllegalArgumentException.class, () -> Json.writeIndented(new Object())).getMessage());
  }
}
