package io.github.slo4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.slo4j.property.Gen;
import io.github.slo4j.property.Property;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationFormatTest {

  @ParameterizedTest
  @CsvSource({
    "250ms, PT0.25S",
    "10s, PT10S",
    "5m, PT5M",
    "1h30m, PT1H30M",
    "30d, PT720H",
    "1w, PT168H",
    "2w1d, PT360H",
    "1h1h, PT2H",
    "' 90m ', PT1H30M",
    "1us, PT0.000001S",
    "1ns, PT0.000000001S",
    "1s500us, PT1.0005S",
  })
  void parses(String text, Duration expected) {
    assertEquals(expected, DurationFormat.parse("d", text));
  }

  @ParameterizedTest
  @CsvSource({
    "PT720H, 30d",
    "PT1H, 1h",
    "PT43M12S, 43m12s",
    "PT51.84S, 51s840ms",
    "PT0.5376S, 537ms600us",
    "PT0.0000015S, 1us500ns",
    "PT0.001000500S, 1ms500ns",
    "PT168H, 7d",
    "PT50H, 2d2h",
    "PT0S, 0s",
    "PT-1H, -1h",
  })
  void formats(Duration d, String expected) {
    assertEquals(expected, DurationFormat.format(d));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''         | period: '' (expected a duration such as 10s, 5m, 1h30m, 30d or 1w (units ms, s, m, h, d, w))",
        "30         | period: '30' (expected a duration such as 10s, 5m, 1h30m, 30d or 1w (units ms, s, m, h, d, w))",
        "30D        | period: '30D' (expected a duration such as 10s, 5m, 1h30m, 30d or 1w (units ms, s, m, h, d, w))",
        "1y         | period: '1y' (expected a duration such as 10s, 5m, 1h30m, 30d or 1w (units ms, s, m, h, d, w))",
        "1h 30m     | period: '1h 30m' (expected a duration such as 10s, 5m, 1h30m, 30d or 1w (units ms, s, m, h, d, w))",
        "-5m        | period: '-5m' (expected a duration such as 10s, 5m, 1h30m, 30d or 1w (units ms, s, m, h, d, w))",
        "1.5h       | period: '1.5h' (expected a duration such as 10s, 5m, 1h30m, 30d or 1w (units ms, s, m, h, d, w))",
        "0s         | period: '0s' (expected a duration > 0)",
        "0d0h       | period: '0d0h' (expected a duration > 0)",
        "106752d    | period: '106752d' (expected a duration that fits in a long of nanoseconds)",
        "99999999999999999999d | period: '99999999999999999999d' (expected a duration that fits in a long of nanoseconds)",
      })
  void refusals(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DurationFormat.parse("period", text));
    assertEquals(message, e.getMessage());
  }

  @Test
  void nullIsRefused() {
    assertEquals(
        "period: null (expected a value)",
        assertThrows(NullPointerException.class, () -> DurationFormat.parse("period", null))
            .getMessage());
  }

  @Test
  void theLongestAcceptedDurationIsTheLongestLongOfNanoseconds() {
    assertEquals(Duration.ofDays(106751), DurationFormat.parse("d", "106751d"));
  }

  @Test
  void parseReadsBackWhatFormatPrints() {
    Property.check(draws -> {
      Duration d = draws.draw("d", durations());
      assertEquals(d, DurationFormat.parse("d", DurationFormat.format(d)));
    });
  }

  @Test
  void formatUsesEachUnitAtMostOnceFromLargestToSmallest() {
    Property.check(draws -> {
      Duration d = draws.draw("d", durations());
      String text = DurationFormat.format(d);
      String units = text.replaceAll("\\d+", " ").trim();
      String order = " d h m s ms us ns ";
      int last = -1;
      for (String unit : units.split(" ")) {
        int at = order.indexOf(" " + unit + " ");
        assertEquals(true, at > last, () -> text + " repeats or misorders " + unit);
        last = at;
      }
    });
  }

  static Gen<Duration> durations() {
    // Whole units are over-represented so that exact days, hours and minutes are exercised too.
    return Gen.oneOf(
        Gen.longs(1, Long.MAX_VALUE).map(Duration::ofNanos),
        Gen.longs(1, 1_000_000_000_000L).map(Duration::ofMillis),
        Gen.longs(1, 100_000).map(Duration::ofMinutes),
        Gen.longs(1, 100_000).map(Duration::ofDays));
  }
}
