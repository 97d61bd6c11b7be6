package io.github.slo4j.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The property harness checked on properties whose failures are known in advance. */
class HarnessTest {

  private static final Gen<List<Integer>> SMALL_LISTS = Gen.ints(0, 1000).list(0, 50);

  private static final Property.Body SUM_BELOW_100 = d -> {
    List<Integer> xs = d.draw("xs", SMALL_LISTS);
    assertTrue(sum(xs) < 100, "sum " + sum(xs));
  };

  private static long sum(List<Integer> xs) {
    return xs.stream().mapToLong(Integer::longValue).sum();
  }

  @Test
  void aFalsePropertyFailsWithItsSeedAndAShrunkCounterexample() {
    Property.Failure f = assertThrows(
        Property.Failure.class, () -> Property.named("HarnessTest#sum").verify(SUM_BELOW_100));
    @SuppressWarnings("unchecked")
    List<Integer> xs = (List<Integer>) f.values().get(0);
    assertEquals(List.of(100), xs);
    String[] lines = f.getMessage().split("\n");
    assertTrue(lines[0].matches("HarnessTest#sum failed on try \\d+ of 1000, shrunk in \\d+ runs to:"), lines[0]);
    assertEquals("  xs = " + xs, lines[1]);
    assertEquals("cause: org.opentest4j.AssertionFailedError: sum 100 ==> expected: <true> but was: <false>", lines[2]);
    assertEquals("replay: -Dslo4j.property.seed=0x" + Long.toHexString(f.seed()) + " (HarnessTest#sum)", lines[3]);
    assertEquals(4, lines.length);
    assertEquals("sum 100 ==> expected: <true> but was: <false>", f.getCause().getMessage());
  }

  @Test
  void theListSumShrinksToOneElementOfExactlyTheBound() {
    // From ten different failing cases, the shrinker deletes elements, then lowers the one left.
    for (int i = 0; i < 10; i++) {
      String name = "HarnessTest#sum" + i;
      Property.Failure f = assertThrows(Property.Failure.class, () -> Property.named(name).verify(SUM_BELOW_100));
      assertEquals(List.of(List.of(100)), f.values(), name);
    }
  }

  @Test
  void aFailureReplaysFromItsSeedToTheSameCounterexample() {
    Property.Failure first = assertThrows(
        Property.Failure.class, () -> Property.named("HarnessTest#replay").verify(SUM_BELOW_100));
    Property.Failure again = assertThrows(
        Property.Failure.class, () -> Property.named("HarnessTest#replay").verify(SUM_BELOW_100));
    assertEquals(first.getMessage(), again.getMessage());

    long seed = Property.parseSeed(first.getMessage().replaceAll("(?s).*replay: -Dslo4j.property.seed=(0x[0-9a-f]+) .*", "$1"));
    assertEquals(first.seed(), seed);
    Property.Failure replayed = assertThrows(
        Property.Failure.class, () -> Property.named("HarnessTest#replay").seed(seed).verify(SUM_BELOW_100));
    assertEquals(1, replayed.tryNumber());
    assertEquals(first.values(), replayed.values());
    assertEquals(seed, replayed.seed());
    assertEquals(
        first.getMessage().replaceFirst("on try \\d+ of", "on try 1 of"), replayed.getMessage());
  }

  @Test
  void shrinkingTerminatesOnAPropertyThatAlwaysFails() {
    Property.Body alwaysFails = d -> {
      d.draw("xs", Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE).list(0, 400));
      d.draw("s", Gen.strings(Gen.anyChar(), 0, 255));
      d.draw("n", Gen.ints(-5, 5));
      d.draw("p", Gen.doubles("(0, 1]", 9));
      throw new IllegalStateException("always");
    };
    Property.Failure f = assertTimeoutPreemptively(
        Duration.ofSeconds(60), // a hang detector: it returns in well under a second
        () -> assertThrows(Property.Failure.class, () -> Property.named("HarnessTest#always").verify(alwaysFails)));
    assertEquals(1, f.tryNumber());
    assertEquals(List.of(List.of(), "", 0, 1e-9), f.values());
    assertTrue(f.shrinkRuns() <= Property.DEFAULT_SHRINK_RUNS, () -> "runs " + f.shrinkRuns());
    assertEquals(IllegalStateException.class, f.getCause().getClass());

    Property.Failure bounded = assertThrows(
        Property.Failure.class, () -> Property.named("HarnessTest#always").shrinkRuns(10).verify(alwaysFails));
    assertEquals(10, bounded.shrinkRuns());
    Property.Failure unshrunk = assertThrows(
        Property.Failure.class, () -> Property.named("HarnessTest#always").shrinkRuns(0).verify(alwaysFails));
    assertEquals(0, unshrunk.shrinkRuns());
  }

  @Test
  void shrinkingOnlyKeepsFailuresOfTheSameKind() {
    // Fails with an AssertionError above 500 and with an IllegalStateException at 1 to 500; the
    // shrinker must not slip from the first failure to the second.
    Property.Failure f = assertThrows(Property.Failure.class, () -> Property.named("HarnessTest#kind").verify(d -> {
      long n = d.draw("n", Gen.longs(0, 1000));
      if (n > 500) {
        throw new AssertionError("big");
      }
      if (n > 0) {
        throw new IllegalStateException("small");
      }
    }));
    assertEquals(f.getCause().getClass() == AssertionError.class ? List.of(501L) : List.of(1L), f.values());
  }

  @Test
  void aPropertyFalseOnlyAtAnEdgeIsFound() {
    for (long edge : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0, 1, -1}) {
      Property.Failure f = assertThrows(Property.Failure.class, () -> Property.named("HarnessTest#edge" + edge).verify(d -> {
        assertNotEquals(edge, d.draw("n", Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE)));
      }));
      assertEquals(List.of(edge), f.values());
    }
    Property.Failure max = assertThrows(Property.Failure.class, () -> Property.named("HarnessTest#max").verify(d -> {
      assertNotEquals(Long.MAX_VALUE, d.draw("seed", Gen.longs(1, Long.MAX_VALUE)));
    }));
    assertEquals(List.of(Long.MAX_VALUE), max.values());
    for (double edge : new double[] {1.0, 0.001, 1000}) {
      Property.Failure f = assertThrows(Property.Failure.class, () -> Property.named("HarnessTest#d" + edge).verify(d -> {
        assertNotEquals(edge, d.draw("x", Gen.doubles("[0.001, 1000]", 9)));
      }));
      assertEquals(List.of(edge), f.values());
    }
    Property.Failure full = assertThrows(Property.Failure.class, () -> Property.named("HarnessTest#full").verify(d -> {
      assertTrue(d.draw("xs", Gen.ints(0, 9).list(0, 400)).size() < 400);
    }));
    assertEquals(400, ((List<?>) full.values().get(0)).size());
  }

  @Test
  void nothingIsPrintedWhetherAPropertyPassesOrFails() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      System.setErr(capture);
      Property.named("HarnessTest#quiet").verify(d -> assertTrue(d.draw("n", Gen.ints(0, 10)) <= 10));
      assertThrows(Property.Failure.class, () -> Property.named("HarnessTest#quiet").verify(SUM_BELOW_100));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertEquals("", captured.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theSeedFollowsFromTheTestNameUnlessGiven() {
    assertEquals(Property.named("A#b").baseSeed(), Property.named("A#b").baseSeed());
    assertNotEquals(Property.named("A#b").baseSeed(), Property.named("A#c").baseSeed());
    assertEquals(0x1234L, Property.named("A#b").seed(0x1234).baseSeed());
    assertEquals(Long.MIN_VALUE, Property.parseSeed("0x8000000000000000"));
    assertEquals(-1L, Property.parseSeed("0xffffffffffffffff"));
    assertEquals(42L, Property.parseSeed("42"));
    // Property.check names the property after the calling test method.
    Property.Failure f = assertThrows(Property.Failure.class, () -> Property.check(10, d -> {
      throw new AssertionError("no");
    }));
    assertTrue(
        f.getMessage().endsWith(" (HarnessTest#theSeedFollowsFromTheTestNameUnlessGiven)"), f.getMessage());
    assertEquals(Property.named("HarnessTest#theSeedFollowsFromTheTestNameUnlessGiven").baseSeed(), f.seed());
  }

  @Test
  void theSeedAndTriesSystemPropertiesOverrideTheDefaults() {
    String seed = System.getProperty("slo4j.property.seed");
    String tries = System.getProperty("slo4j.property.tries");
    System.setProperty("slo4j.property.seed", "0x1234");
    System.setProperty("slo4j.property.tries", "7");
    try {
      assertEquals(0x1234L, Property.named("A#b").baseSeed());
      int[] runs = {0};
      Property.named("A#b").tries(300).verify(d -> runs[0]++);
      assertEquals(7, runs[0]);
    } finally {
      restore("slo4j.property.seed", seed);
      restore("slo4j.property.tries", tries);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @Test
  void aPassingPropertyRunsExactlyItsTriesNotCountingDiscards() {
    int[] runs = {0, 0};
    Property.named("HarnessTest#count").tries(300).verify(d -> {
      runs[0]++;
      d.assume(d.draw("n", Gen.ints(0, 1)) == 1);
      runs[1]++;
    });
    assertEquals(300, runs[1]);
    assertTrue(runs[0] > 300, "runs " + runs[0]);
  }

  @Test
  void aPropertyWhoseAssumptionsNeverHoldFails() {
    AssertionError e = assertThrows(AssertionError.class, () -> Property.named("HarnessTest#never").tries(10).verify(d -> {
      d.assume(false);
    }));
    assertEquals("HarnessTest#never: 51 runs discarded by assumptions or filters for 0 tries (expected at most 5 per try)",
        e.getMessage());
  }

  @Test
  void generatorsStayInTheirDomainsAndReachTheirBounds() {
    Set<Long> small = new TreeSet<>();
    Set<String> edges = new TreeSet<>();
    List<Integer> sizes = new ArrayList<>();
    Property.named("HarnessTest#domains").tries(2000).verify(d -> {
      long n = d.draw("n", Gen.longs(-2, 2));
      assertTrue(-2 <= n && n <= 2);
      small.add(n);
      long big = d.draw("big", Gen.longs(-3, Long.MAX_VALUE - 1));
      assertTrue(-3 <= big && big <= Long.MAX_VALUE - 1);
      if (big == -3 || big == Long.MAX_VALUE - 1) {
        edges.add("big " + big);
      }
      BigDecimal x = d.draw("x", Gen.decimals("(0, 1)", 2));
      assertTrue(x.signum() > 0 && x.compareTo(BigDecimal.ONE) < 0 && x.scale() == 2, x::toString);
      if (x.compareTo(new BigDecimal("0.01")) == 0 || x.compareTo(new BigDecimal("0.99")) == 0) {
        edges.add("x " + x);
      }
      double y = d.draw("y", Gen.doubles("[-1, 0.5)", 9));
      assertTrue(-1 <= y && y < 0.5, () -> "y " + y);
      if (y == -1 || y == 0.499999999) {
        edges.add("y " + y);
      }
      List<Integer> xs = d.draw("xs", Gen.ints(0, 3).list(2, 7));
      assertTrue(2 <= xs.size() && xs.size() <= 7);
      sizes.add(xs.size());
    });
    assertEquals(Set.of(-2L, -1L, 0L, 1L, 2L), small);
    assertEquals(Set.of("big -3", "big " + (Long.MAX_VALUE - 1), "x 0.01", "x 0.99", "y -1.0", "y 0.499999999"), edges);
    assertEquals(Set.of(2, 3, 4, 5, 6, 7), new TreeSet<>(sizes));
  }

  @Test
  void anExhaustedTapeGivesEachGeneratorsSimplestValue() {
    Tape t = Tape.replaying(new long[0]);
    assertEquals(60L, Gen.longs(60, 100).draw(t));
    assertEquals(-5L, Gen.longs(-10, -5).draw(t));
    assertEquals(0, Gen.ints(-2, 2).draw(t));
    assertEquals(0L, Gen.longs(Long.MIN_VALUE, Long.MAX_VALUE).draw(t));
    assertEquals(List.of(0, 0, 0), Gen.ints(0, 9).list(3, 5).draw(t));
    assertEquals("a", Gen.of("a", "b").draw(t));
    assertEquals(new BigDecimal("0.000000001"), Gen.decimals("(0, 1]", 9).draw(t));
    assertEquals("", Gen.strings(Gen.anyChar(), 0, 10).draw(t));
    assertFalse(Gen.booleans().draw(t));
    // one choice per value (two for the full long range: a sign, a magnitude), one per list stop
    assertEquals(13, t.choices().length);
  }

  @Test
  void badGeneratorArgumentsAreRefusedWithTheirValues() {
    assertEquals("range: [5, 4] (expected min <= max)",
        assertThrows(IllegalArgumentException.class, () -> Gen.longs(5, 4)).getMessage());
    assertEquals("sizes: [3, 2] (expected 0 <= minSize <= maxSize)",
        assertThrows(IllegalArgumentException.class, () -> Gen.ints(0, 1).list(3, 2)).getMessage());
    assertEquals("interval: 0, 1 (expected such as [0, 1) or (0, 1])",
        assertThrows(IllegalArgumentException.class, () -> Gen.decimals("0, 1", 2)).getMessage());
    assertEquals("interval: (0, 0.01) (expected a decimal of scale 2 in it)",
        assertThrows(IllegalArgumentException.class, () -> Gen.decimals("(0, 0.01)", 2)).getMessage());
    assertEquals("tries: 0 (expected >= 1)",
        assertThrows(IllegalArgumentException.class, () -> Property.named("x").tries(0)).getMessage());
  }
}
