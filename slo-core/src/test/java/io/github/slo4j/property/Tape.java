package io.github.slo4j.property;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The recorded sequence of choices that every generator draws from. Not thread-safe: one tape per
 * run of a property.
 *
 * <p>A tape either <em>records</em> (each choice comes from a seeded random source and is appended)
 * or <em>replays</em> a given sequence (each choice is read back, clamped to the bound asked for,
 * and is 0 once the sequence is exhausted). Either way {@link #choices()} is the sequence the run
 * actually consumed, so a failing run can be replayed exactly, and a shrinker can edit the sequence
 * (delete chunks, lower values) and replay it: every generator maps choice 0 to its simplest value,
 * so a smaller sequence means a simpler case, whatever the generators are composed of.
 */
public final class Tape {
  /** A run that consumes more choices than this is abandoned (a generator that does not stop). */
  static final int MAX_CHOICES = 1 << 20;

  private final SplittableRandom random;
  private final double edgeRate;
  private final long[] replay;
  private long[] choices = new long[32];
  private int length;

  private Tape(SplittableRandom random, double edgeRate, long[] replay) {
    this.random = random;
    this.edgeRate = edgeRate;
    this.replay = replay;
  }

  /** A tape that records choices drawn from {@code seed}; a share of draws goes to edge values. */
  static Tape recording(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    // Vary the share of edge values from run to run, so that some runs combine several edges and
    // others none: 0, 1/16, 1/4 or 1/2 of the values a generator offers edges for.
    double[] rates = {0, 1.0 / 16, 1.0 / 4, 1.0 / 2};
    return new Tape(random, rates[random.nextInt(rates.length)], null);
  }

  /** A tape that replays {@code choices}, then answers 0. */
  static Tape replaying(long[] choices) {
    return new Tape(null, 0, choices.clone());
  }

  /** Whether this tape records fresh random choices (rather than replaying given ones). */
  public boolean recording() {
    return random != null;
  }

  /** A choice in {@code [0, max]}: uniform, or biased towards 0 (the simplest) in half the draws. */
  public long draw(long max) {
    return choose(max, recording() ? sample(max) : 0);
  }

  /**
   * Whether a generator should plan one of its edge values (bounds, zero, one), with the run's edge
   * rate: not recorded (the generator records the choice that stands for the edge), false when
   * replaying.
   */
  public boolean sampleEdge() {
    return random != null && random.nextDouble() < edgeRate;
  }

  /**
   * Records {@code wanted} (clamped to {@code [0, max]}) when recording; when replaying, returns the
   * next replayed choice instead. For generators that decide a choice from a plan of their own,
   * such as a list that has picked its length: {@code wanted} is ignored on replay.
   */
  public long choose(long max, long wanted) {
    if (max < 0) {
      throw new IllegalArgumentException("max: " + max + " (expected >= 0)");
    }
    long value;
    if (random != null) {
      value = Math.max(0, Math.min(max, wanted));
    } else {
      value = length < replay.length ? Math.min(max, replay[length]) : 0;
    }
    if (length == MAX_CHOICES) {
      throw new Property.Discard("the generators drew more than " + MAX_CHOICES + " choices");
    }
    if (length == choices.length) {
      choices = Arrays.copyOf(choices, choices.length * 2);
    }
    choices[length++] = value;
    return value;
  }

  /**
   * A random value in {@code [0, max]} that is not recorded; 0 when replaying. Half the time
   * uniform, half the time uniform below a power of two itself uniform in bit length, so that small
   * values (near the simplest) are common even in a range of 10^12.
   */
  public long sample(long max) {
    if (random == null) {
      return 0;
    }
    long bound = max;
    if (random.nextBoolean()) {
      int bits = random.nextInt(65 - Long.numberOfLeadingZeros(max));
      bound = Math.min(max, bits == 63 ? Long.MAX_VALUE : (1L << bits) - 1);
    }
    return bound == Long.MAX_VALUE ? random.nextLong() & Long.MAX_VALUE : random.nextLong(bound + 1);
  }

  /** The choices this run consumed so far, in order. */
  long[] choices() {
    return Arrays.copyOf(choices, length);
  }
}
