package io.github.slo4j.composite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.Objective;
import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The serial-dependency arithmetic, exact, at the figures the field quotes and on a seeded sweep. */
class SerialDependencyTest {
  private static final Objective THREE_NINES = Objective.percent("99.9");

  @Test
  void fiveServicesAtThreeNinesGiveAboutNinetyNinePointFive() {
    assertEquals(new BigDecimal("0.995009990004999"), SerialDependency.ceiling(THREE_NINES, 5));
    assertEquals(new BigDecimal("0.995009990004999"), SerialDependency.ceiling(List.of(
        THREE_NINES, THREE_NINES, THREE_NINES, THREE_NINES, THREE_NINES)));
    assertEquals(new BigDecimal("0.004990009995001"), SerialDependency.journeyErrorBudget(List.of(
        THREE_NINES, THREE_NINES, THREE_NINES, THREE_NINES, THREE_NINES)));
  }

  @Test
  void servicesOfDifferentObjectivesMultiply() {
    assertEquals(new BigDecimal("0.98901"),
        SerialDependency.ceiling(List.of(Objective.percent("99.9"), Objective.percent("99"))));
    assertEquals(new BigDecimal("0.999"), SerialDependency.ceiling(THREE_NINES, 1));
  }

  @Test
  void aJourneyAtThreeNinesOverFiveServicesNeedsNinetyNinePointNineEightEach() {
    Objective each = SerialDependency.componentObjective(THREE_NINES, 5);
    assertEquals(Objective.percent("99.98"), each);
    assertEquals(new BigDecimal("0.99900039992000799968"), SerialDependency.ceiling(each, 5));
    // one more decimal place than the journey's finds a looser objective that still suffices
    assertEquals(Objective.ratio("0.99980"), SerialDependency.componentObjective(THREE_NINES, 5, 5));
    assertEquals(Objective.ratio("0.9998000"), SerialDependency.componentObjective(THREE_NINES, 5, 7));
    assertEquals(Objective.ratio("0.99979992"), SerialDependency.componentObjective(THREE_NINES, 5, 8));
  }

  @Test
  void theComponentObjectiveIsTheSmallestThatSufficesOnASeededSweep() {
    long seed = 20261130;
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 300; i++) {
      String percent = (90 + random.nextInt(10)) + "." + random.nextInt(1000);
      Objective journey = Objective.percent(percent);
      int n = 1 + random.nextInt(12);
      int decimals = journey.decimal().scale() + 1 + random.nextInt(4);
      String at = "case " + i + " (seed " + seed + "): " + journey + " over " + n + " at " + decimals + " places";
      BigDecimal c;
      try {
        c = SerialDependency.componentObjective(journey, n, decimals).decimal();
      } catch (IllegalArgumentException tooCoarse) {
        // only when even the largest ratio below 1 at that precision falls short
        BigDecimal largest = BigDecimal.ONE.subtract(BigDecimal.ONE.movePointLeft(decimals));
        assertTrue(largest.pow(n).compareTo(journey.decimal()) < 0, at + ": " + tooCoarse.getMessage());
        continue;
      }
      BigDecimal ulp = BigDecimal.ONE.movePointLeft(decimals);
      assertTrue(c.scale() <= decimals, at + ": " + c);
      assertTrue(c.pow(n).compareTo(journey.decimal()) >= 0, at + ": " + c + " falls short");
      assertTrue(c.subtract(ulp).pow(n).compareTo(journey.decimal()) < 0, at + ": " + c + " is not the smallest");
    }
  }

  @Test
  void badArgumentsAreRefusedNamingThem() {
    assertEquals("components: [] (expected at least one objective)",
        assertThrows(IllegalArgumentException.class, () -> SerialDependency.ceiling(List.of())).getMessage());
    assertEquals("n: 0 (expected >= 1 service)",
        assertThrows(IllegalArgumentException.class, () -> SerialDependency.ceiling(THREE_NINES, 0)).getMessage());
    assertEquals("n: -2 (expected >= 1 service)",
        assertThrows(IllegalArgumentException.class, () -> SerialDependency.componentObjective(THREE_NINES, -2))
            .getMessage());
    assertEquals("decimals: 31 (expected 1 <= decimals <= 30)",
        assertThrows(IllegalArgumentException.class, () -> SerialDependency.componentObjective(THREE_NINES, 5, 31))
            .getMessage());
    assertEquals("decimals: 3 (expected more decimal places: no objective below 100 % with 3 of them gives 99.9% over"
            + " 5 services)",
        assertThrows(IllegalArgumentException.class, () -> SerialDependency.componentObjective(THREE_NINES, 5, 3))
            .getMessage());
    assertEquals("journey: null (expected a value)",
        assertThrows(NullPointerException.class, () -> SerialDependency.componentObjective(null, 5)).getMessage());
  }
}
