package io.github.slo4j.replay;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.property.Gen;
import io.github.slo4j.property.Property;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Replay's synthetic traffic integrates its rates exactly, whatever the phases. */
class TrafficSourcePropertiesTest {
  @Test
  void phasedTrafficNeverDriftsAndNeverHasMoreBadThanTotal() {
    Property.check(200, d -> {
      List<Integer> lengthsSeconds = d.draw("lengthsSeconds", Gen.ints(1, 7200).list(1, 6));
      List<Double> rates = d.draw("rates", Gen.doubles("[0, 500]", 2).list(6, 6));
      List<Double> errors = d.draw("errors", Gen.doubles("[0, 1]", 2).list(6, 6));
      List<Duration> lengths = lengthsSeconds.stream().map(Duration::ofSeconds).collect(Collectors.toList());
      int m = lengths.size();
      TrafficSource src = new TrafficSource.Phases(lengths, rates.subList(0, m), errors.subList(0, m));
      long end = src.lengthMillis();
      double expectedGood = 0;
      double expectedBad = 0;
      for (int i = 0; i < m; i++) {
        expectedGood += rates.get(i) * (1 - errors.get(i)) * lengths.get(i).toSeconds();
        expectedBad += rates.get(i) * errors.get(i) * lengths.get(i).toSeconds();
      }
      long good = 0;
      long total = 0;
      long[] out = new long[2];
      for (long t = 0; t < end; t += 10_000) {
        src.next(t, t + 10_000, out);
        assertTrue(out[0] >= 0 && out[0] <= out[1], "good " + out[0] + " of " + out[1]);
        good += out[0];
        total += out[1];
      }
      assertTrue(Math.abs(good - expectedGood) <= 1 + 1e-6 * expectedGood, good + " vs " + expectedGood);
      assertTrue(Math.abs(total - good - expectedBad) <= 1 + 1e-6 * expectedBad, (total - good) + " vs " + expectedBad);
    });
  }
}
