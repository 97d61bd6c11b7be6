package io.github.slo4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written JSON, read back by Jackson: strings of any content, numbers, null, nesting. */
class JsonTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  @Test
  void anyStringReadsBackAsItself() throws Exception {
    long seed = 20261130L;
    SplittableRandom random = new SplittableRandom(seed);
    char[] edges = {'"', '\\', '\n', '\r', '\t', '\b', '\f', 0, 0x1f, 0x7f, '/', 'é', '\u2028', '\ud83d', '\ude80'};
    for (int c = 0; c < 2000; c++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(20);
      for (int i = 0; i < n; i++) {
        sb.append(random.nextInt(3) == 0 ? edges[random.nextInt(edges.length)] : (char) random.nextInt(0x80));
      }
      String s = sb.toString();
      // lone surrogates are not text Jackson can decode from UTF-8; keep pairs only
      if (hasLoneSurrogate(s)) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put(s, s);
      JsonNode read = JACKSON.readTree(Json.write(m));
      int k = c;
      assertEquals(s, read.get(s).asText(), () -> "seed " + seed + ", case " + k + ": " + Arrays.toString(s.toCharArray()));
    }
  }

  @Test
  void numbersNullsAndNesting() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("long", Long.MAX_VALUE);
    m.put("int", -3);
    m.put("double", 16.666666666666668);
    m.put("tiny", 1.0e-300);
    m.put("nan", Double.NaN);
    m.put("infinite", Double.POSITIVE_INFINITY);
    m.put("null", null);
    m.put("bool", true);
    List<Object> list = new ArrayList<>(List.of(Map.of("a", "b"), List.of()));
    m.put("list", list);
    JsonNode read = JACKSON.readTree(Json.write(m));
    assertEquals(Long.MAX_VALUE, read.get("long").asLong());
    assertEquals(-3, read.get("int").asInt());
    assertEquals(16.666666666666668, read.get("double").asDouble());
    assertEquals(1.0e-300, read.get("tiny").asDouble());
    assertEquals("null", read.get("nan").toString(), "no NaN reaches a receiver");
    assertEquals("null", read.get("infinite").toString());
    assertEquals("null", read.get("null").toString());
    assertEquals(true, read.get("bool").asBoolean());
    assertEquals("[{\"a\":\"b\"},[]]", read.get("list").toString());
  }

  @Test
  void theIndentedFormHasTwoSpacesALevelOneMemberALineAndAFinalNewline() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", List.of(1, "x"));
    m.put("b", Map.of());
    m.put("c", Double.NaN);
    assertEquals("{\n  \"a\": [\n    1,\n    \"x\"\n  ],\n  \"b\": {},\n  \"c\": null\n}\n", Json.writeIndented(m));
    assertEquals("{\"a\":[1,\"x\"],\"b\":{},\"c\":null}", Json.write(m));
  }

  @Test
  void aValueThatIsNotJsonIsRefused() {
    assertEquals(
        "value: java.lang.Object (expected a JSON value)",
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(new Object()))).getMessage());
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (Character.isHighSurrogate(ch)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return true;
        }
        i++;
      } else if (Character.isLowSurrogate(ch)) {
        return true;
      }
    }
    return false;
  }
}
