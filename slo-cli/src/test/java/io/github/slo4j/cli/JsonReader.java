package io.github.slo4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON in tests with Jackson, strictly: a duplicate key, trailing text or anything outside
 * RFC 8259 fails, so a test that reads the command line's output also proves it is valid JSON.
 * Values come back as {@code Map<String, Object>} (in document order), {@code List<Object>},
 * {@code String}, {@code Boolean}, {@code null}, and every number as the exact {@link BigDecimal}
 * of its text ({@code 7200} has scale 0, {@code 43.2} scale 1).
 */
final class JsonReader {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .build();

  private JsonReader() {}

  static Object read(String text) {
    try {
      return decimals(MAPPER.readValue(text, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not JSON: " + e.getMessage(), e);
    }
  }

  /** Integers come back from Jackson as {@code BigInteger}: one number type is simpler to assert. */
  @SuppressWarnings("unchecked")
  private static Object decimals(Object value) {
    if (value instanceof Map) {
      ((Map<String, Object>) value).replaceAll((k, v) -> decimals(v));
    } else if (value instanceof List) {
      ((List<Object>) value).replaceAll(JsonReader::decimals);
    } else if (value instanceof Number && !(value instanceof BigDecimal)) {
      return new BigDecimal(value.toString());
    }
    return value;
  }
}
