package io.github.slo4j.property;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Runs a property: a body that draws its values through {@link Draws} and fails by throwing (an
 * assertion), as a plain JUnit Jupiter test.
 *
 * <pre>{@code
 * @Test
 * void consumedPlusRemainingIsOne() {
 *   Property.check(1000, d -> {
 *     long total = d.draw("total", Gen.longs(1, 1_000_000_000_000L));
 *     ...
 *   });
 * }
 * }</pre>
 *
 * <p>Each try records a fresh {@link Tape} from its own seed. The seeds follow from one base seed,
 * derived from the calling test's {@code ClassName#method} (so every run of the suite checks the
 * same cases) unless {@code -Dslo4j.property.seed} gives it. The first failing try is shrunk by
 * editing its tape (deleting chunks of choices, then lowering each choice towards 0) and replaying
 * it, keeping each edit that still fails with the same kind of exception and consumes a smaller
 * tape (shorter, or as long and lexicographically smaller); the order is well-founded and the
 * shrinker stops after a bounded number of runs, so it always terminates. The failure names the
 * shrunk values, the original exception (as cause) and a one-line replay hint with the failing
 * try's seed: given as the base seed, that try runs first. Nothing is printed.
 *
 * <p>{@code -Dslo4j.property.tries=N} overrides every property's number of tries.
 */
public final class Property {
  /** The number of tries when a property does not say (as jqwik's default was). */
  public static final int DEFAULT_TRIES = 1000;

  /** At most this many replays while shrinking one failure. */
  public static final int DEFAULT_SHRINK_RUNS = 2000;

  /** A run discarded by an unmet assumption or a filter: neither passes nor fails. */
  static final class Discard extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Discard(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * A property's failure: the message names the property, the shrunk values, the exception they
   * caused (also the cause) and a replay hint with the failing try's seed.
   */
  public static final class Failure extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final long seed;
    private final int tryNumber;
    private final int shrinkRuns;
    private final transient List<Object> values;

    Failure(String name, int tryNumber, int tries, long seed, int shrinkRuns, Run smallest) {
      super(message(name, tryNumber, tries, seed, shrinkRuns, smallest), smallest.failure());
      this.seed = seed;
      this.tryNumber = tryNumber;
      this.shrinkRuns = shrinkRuns;
      this.values = smallest.values();
    }

    private static String message(String name, int tryNumber, int tries, long seed, int runs, Run smallest) {
      StringBuilder message = new StringBuilder()
          .append(name).append(" failed on try ").append(tryNumber).append(" of ").append(tries)
          .append(", shrunk in ").append(runs).append(" runs to:\n");
      for (String line : smallest.shown()) {
        message.append("  ").append(line).append('\n');
      }
      return message.append("cause: ").append(smallest.failure()).append('\n')
          .append("replay: -Dslo4j.property.seed=0x").append(Long.toHexString(seed))
          .append(" (").append(name).append(')')
          .toString();
    }

    /** The seed of the failing try: as the base seed, it makes that try the first. */
    public long seed() {
      return seed;
    }

    /** Which try failed, from 1 (discarded runs not counted). */
    public int tryNumber() {
      return tryNumber;
    }

    /** How many replays the shrinking took. */
    public int shrinkRuns() {
      return shrinkRuns;
    }

    /** The shrunk values, in the order the body drew them. */
    public List<Object> values() {
      return values;
    }
  }

  /** A property's body. */
  @FunctionalInterface
  public interface Body {
    /** Draws values through {@code d} and fails by throwing. */
    void run(Draws d) throws Exception;
  }

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private final String name;
  private final int tries;
  private final OptionalLong seed;
  private final int shrinkRuns;

  private Property(String name, int tries, OptionalLong seed, int shrinkRuns) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries: " + tries + " (expected >= 1)");
    }
    if (shrinkRuns < 0) {
      throw new IllegalArgumentException("shrinkRuns: " + shrinkRuns + " (expected >= 0)");
    }
    this.name = name;
    this.tries = tries;
    this.seed = seed;
    this.shrinkRuns = shrinkRuns;
  }

  /** Checks {@code body} over {@link #DEFAULT_TRIES} tries, named after the calling test method. */
  public static void check(Body body) {
    check(DEFAULT_TRIES, body);
  }

  /** Checks {@code body} over {@code tries} tries, named after the calling test method. */
  public static void check(int tries, Body body) {
    named(callerName()).tries(tries).verify(body);
  }

  /**
   * {@code ClassName#method} of the test calling {@link #check}: the first frame outside this
   * class, or, when that is a lambda (an {@code assertThrows(() -> Property.check(...))}), the
   * first frame of the same class that is not.
   */
  private static String callerName() {
    List<StackWalker.StackFrame> frames = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
        .walk(s -> s.dropWhile(f -> f.getDeclaringClass() == Property.class).collect(Collectors.toList()));
    Class<?> test = frames.get(0).getDeclaringClass();
    StackWalker.StackFrame caller = frames.stream()
        .filter(f -> f.getDeclaringClass() == test && !f.getMethodName().startsWith("lambda$"))
        .findFirst()
        .orElse(frames.get(0));
    return test.getSimpleName() + "#" + caller.getMethodName();
  }

  /**
   * A property with an explicit name, {@link #DEFAULT_TRIES} tries, and the seed and tries the
   * system properties give (if any).
   */
  public static Property named(String name) {
    String seedText = System.getProperty("slo4j.property.seed");
    String triesText = System.getProperty("slo4j.property.tries");
    return new Property(
        name,
        triesText == null ? DEFAULT_TRIES : Integer.parseInt(triesText.strip()),
        seedText == null ? OptionalLong.empty() : OptionalLong.of(parseSeed(seedText)),
        DEFAULT_SHRINK_RUNS);
  }

  /** This property with {@code tries} tries, unless {@code -Dslo4j.property.tries} says otherwise. */
  public Property tries(int tries) {
    return System.getProperty("slo4j.property.tries") != null
        ? this
        : new Property(name, tries, seed, shrinkRuns);
  }

  /** This property with {@code seed} as its base seed. */
  public Property seed(long seed) {
    return new Property(name, tries, OptionalLong.of(seed), shrinkRuns);
  }

  /** This property shrinking a failure with at most {@code runs} replays. */
  public Property shrinkRuns(int runs) {
    return new Property(name, tries, seed, runs);
  }

  /** The base seed: the one given, else one derived from the name. */
  public long baseSeed() {
    return seed.orElseGet(() -> seedOf(name));
  }

  /** Runs the tries; throws an {@link AssertionError} describing the shrunk failure, if one fails. */
  public void verify(Body body) {
    long base = baseSeed();
    int passed = 0;
    long discarded = 0;
    for (long i = 0; passed < tries; i++) {
      long trySeed = base + i * GOLDEN_GAMMA;
      Run run = Run.of(body, Tape.recording(trySeed));
      if (run.discarded()) {
        if (++discarded > 5L * tries) {
          throw new AssertionError(name + ": " + discarded + " runs discarded by assumptions or filters for "
              + passed + " tries (expected at most 5 per try)");
        }
        continue;
      }
      if (run.failure() == null) {
        passed++;
        continue;
      }
      Shrinker shrinker = new Shrinker(body, run, shrinkRuns);
      Run smallest = shrinker.shrink();
      throw new Failure(name, passed + 1, tries, trySeed, shrinker.runs(), smallest);
    }
  }

  /** Reads a seed written as {@code 0x} and up to 16 hex digits, or as a decimal long. */
  static long parseSeed(String text) {
    String s = text.strip();
    if (s.startsWith("0x") || s.startsWith("0X")) {
      return Long.parseUnsignedLong(s.substring(2), 16);
    }
    return Long.parseLong(s);
  }

  /** FNV-1a over the name's UTF-8 bytes, then the SplitMix64 finalizer to spread the bits. */
  static long seedOf(String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  /** One run of the body on one tape. */
  record Run(long[] choices, List<String> shown, List<Object> values, Throwable failure,
      boolean discarded) {
    static Run of(Body body, Tape tape) {
      Draws d = new Draws(tape);
      try {
        body.run(d);
        return new Run(tape.choices(), d.shown(), d.values(), null, false);
      } catch (Discard e) {
        return new Run(tape.choices(), d.shown(), d.values(), null, true);
      } catch (OutOfMemoryError e) {
        throw e;
      } catch (Exception | Error e) {
        return new Run(tape.choices(), d.shown(), d.values(), e, false);
      }
    }

    boolean fails() {
      return failure != null;
    }
  }

  /** Shrinks one failing run by editing its tape; see the class comment. */
  static final class Shrinker {
    private final Body body;
    private final int budget;
    private final Class<?> kind;
    private Run best;
    private int runs;

    Shrinker(Body body, Run failing, int budget) {
      this.body = body;
      this.best = failing;
      this.budget = budget;
      this.kind = failing.failure().getClass();
    }

    int runs() {
      return runs;
    }

    Run shrink() {
      boolean improved = true;
      while (improved && runs < budget) {
        improved = false;
        for (int chunk : new int[] {8, 4, 3, 2, 1}) {
          for (int i = best.choices().length - chunk; i >= 0 && runs < budget; i--) {
            long[] c = best.choices();
            long[] candidate = new long[c.length - chunk];
            System.arraycopy(c, 0, candidate, 0, i);
            System.arraycopy(c, i + chunk, candidate, i, c.length - i - chunk);
            improved |= attempt(candidate);
            i = Math.min(i, best.choices().length - chunk + 1);
          }
        }
        for (int i = 0; i < best.choices().length && runs < budget; i++) {
          improved |= lower(i);
        }
      }
      return best;
    }

    /** Lowers choice {@code i}: to 0 if that still fails, else by bisection towards it. */
    private boolean lower(int i) {
      long current = best.choices()[i];
      if (current == 0) {
        return false;
      }
      if (attempt(with(i, 0))) {
        return true;
      }
      long passes = 0; // the value known not to fail (or not to shrink) below
      long fails = current;
      boolean improved = false;
      while (fails - passes > 1 && runs < budget && i < best.choices().length) {
        long mid = passes + (fails - passes) / 2;
        if (attempt(with(i, mid))) {
          improved = true;
          fails = i < best.choices().length ? best.choices()[i] : 0;
        } else {
          passes = mid;
        }
      }
      return improved;
    }

    private long[] with(int i, long value) {
      long[] c = best.choices().clone();
      c[i] = value;
      return c;
    }

    /** Replays {@code candidate}; keeps it if it fails alike and consumed a smaller tape. */
    private boolean attempt(long[] candidate) {
      runs++;
      Run run = Run.of(body, Tape.replaying(candidate));
      if (run.fails() && run.failure().getClass() == kind && smaller(run.choices(), best.choices())) {
        best = run;
        return true;
      }
      return false;
    }

    /** Shortlex order: shorter first, then lexicographic. */
    static boolean smaller(long[] a, long[] b) {
      if (a.length != b.length) {
        return a.length < b.length;
      }
      return Arrays.compare(a, b) < 0;
    }
  }
}
