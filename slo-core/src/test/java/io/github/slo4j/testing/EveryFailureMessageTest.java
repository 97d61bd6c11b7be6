package io.github.slo4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.Objective;
import io.github.slo4j.internal.stats.ClopperPearson;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a reliability assertion can fail or be inconclusive — each mode, counts and seeded
 * calls, default and custom levels — prints the counts, the observed rate, both bounds with their
 * levels, the mode, the seed (when the calls were seeded) and the sample needed; and each figure is
 * the one recomputed here: the counts by replaying the seed, the bounds from Clopper–Pearson.
 */
class EveryFailureMessageTest {
  private static final Objective THREE_NINES = Objective.percent("99.9");
  private static final Pattern FIGURES = Pattern.compile(
      "reliability (VIOLATED|INCONCLUSIVE): .*, mode (\\w+)\\n"
          + "(?:  .*\\n)?"
          + "  counts: ([\\d,]+) failures? of ([\\d,]+) trials \\(observed rate ([^)]+)\\)\\n"
          + "  bounds: lower (\\S+) \\(alpha ([^)]+)\\), upper (\\S+) \\((\\S+) confidence\\), one-sided Clopper-Pearson\\n"
          + "(?:  seed: (-?\\d+)\\n)?"
          + "  needed: (?:(?:about )?[\\d,]+ trials with|no sample size to|about [\\d,]+ trials at) .*");

  private static Predicate<SplittableRandom> failing(double rate) {
    return r -> r.nextDouble() >= rate;
  }

  /**
   * A case: the assertion, its mode, its failure level, its confidence, the seed and calls (null for
   * counts), and the failure level each bound uses (alpha / max for the sequential mode).
   */
  record Case(String name, Executable assertion, Mode mode, double alpha, double confidence, Long seed,
      Predicate<SplittableRandom> calls, double lowerAlpha) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        new Case("counts, not violated", () -> Reliability.of(40, 10_000).meetsSlo(THREE_NINES),
            Mode.NOT_VIOLATED, 1e-6, 0.95, null, null, 1e-6),
        new Case("seeded calls, not violated", () -> Reliability.sample(10_000, 3, failing(0.01)).meetsSlo(THREE_NINES),
            Mode.NOT_VIOLATED, 1e-6, 0.95, 3L, failing(0.01), 1e-6),
        new Case("seeded calls, demonstrated, violated",
            () -> Reliability.sample(10_000, 4, failing(0.01)).demonstrated().meetsSlo(THREE_NINES),
            Mode.DEMONSTRATED, 1e-6, 0.95, 4L, failing(0.01), 1e-6),
        new Case("seeded calls, demonstrated, inconclusive",
            () -> Reliability.sample(5_000, 5, failing(0.0015)).demonstrated().meetsSlo(THREE_NINES),
            Mode.DEMONSTRATED, 1e-6, 0.95, 5L, failing(0.0015), 1e-6),
        new Case("counts, custom levels, burn rate",
            () -> Reliability.of(30, 10_000).demonstrated().alpha(0.01).confidence(0.9).burnRateBelow(THREE_NINES, 2),
            Mode.DEMONSTRATED, 0.01, 0.9, null, null, 0.01),
        new Case("sequential, violated",
            () -> Reliability.sampleUntilConclusive(100_000, 7, failing(0.02)).meetsSlo(THREE_NINES),
            Mode.SEQUENTIAL, 1e-6, 0.95, 7L, failing(0.02), 1e-6 / 100_000),
        new Case("sequential, inconclusive at the maximum",
            () -> Reliability.sampleUntilConclusive(6_000, 7, failing(0.001)).meetsSlo(THREE_NINES),
            Mode.SEQUENTIAL, 1e-6, 0.95, 7L, failing(0.001), 1e-6 / 6_000))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theMessagePrintsEveryFigureAndEachIsRight(Case c) {
    String message = assertThrows(Throwable.class, c.assertion()).getMessage();
    Matcher m = FIGURES.matcher(message);
    assertTrue(m.matches(), () -> "figures missing from:\n" + message);
    assertEquals(c.mode().name(), m.group(2), message);
    long failures = Long.parseLong(m.group(3).replace(",", ""));
    long trials = Long.parseLong(m.group(4).replace(",", ""));
    assertEquals(Verdicts.percent((double) failures / trials), m.group(5), "observed rate in\n" + message);
    assertEquals(Verdicts.percent(ClopperPearson.lowerBound(failures, trials, c.lowerAlpha())), m.group(6), message);
    assertTrue(m.group(7).startsWith(Verdicts.level(c.alpha())), () -> "alpha in\n" + message);
    assertEquals(Verdicts.percent(ClopperPearson.upperBound(failures, trials, 1 - c.confidence())), m.group(8), message);
    assertEquals(Verdicts.percent(c.confidence()), m.group(9), message);
    if (c.seed() == null) {
      assertEquals(null, m.group(10), message);
    } else {
      assertEquals(String.valueOf(c.seed()), m.group(10), message);
      // the counts are those of the seeded calls: replay the first `trials` calls
      SplittableRandom random = new SplittableRandom(c.seed());
      long recount = 0;
      for (long i = 0; i < trials; i++) {
        recount += c.calls().test(random) ? 0 : 1;
      }
      assertEquals(recount, failures, () -> "failures of seed " + c.seed() + " in\n" + message);
    }
  }
}
