package io.github.slo4j.property;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator: draws a value from a {@link Tape}. Every generator maps the choice 0 to its simplest
 * value (zero, or the bound nearest zero; the first of a list of values; the empty or shortest
 * list), so shrinking the tape shrinks any composition of generators without a shrinker of its own.
 * Generators compose by drawing from the same tape in sequence, in a plain lambda:
 *
 * <pre>{@code
 * Gen<Segment> segment = t -> new Segment(Gen.ints(1, 120).draw(t), Gen.ints(0, 40).draw(t));
 * }</pre>
 *
 * @param <T> the type of value drawn
 */
@FunctionalInterface
public interface Gen<T> {

  /** Draws one value from the tape. */
  T draw(Tape tape);

  /** This generator's values transformed by {@code f}. */
  default <R> Gen<R> map(Function<? super T, ? extends R> f) {
    return t -> f.apply(draw(t));
  }

  /** A generator chosen by this generator's value, then drawn from the same tape. */
  default <R> Gen<R> flatMap(Function<? super T, Gen<R>> f) {
    return t -> f.apply(draw(t)).draw(t);
  }

  /**
   * Only values that satisfy {@code accept}: redraws up to 100 times, then discards the run (as an
   * unmet assumption does), so a filter that rejects everything cannot hang a property.
   */
  default Gen<T> filter(Predicate<? super T> accept) {
    return t -> {
      for (int attempt = 0; attempt < 100; attempt++) {
        T value = draw(t);
        if (accept.test(value)) {
          return value;
        }
      }
      throw new Property.Discard("a filter rejected 100 values in a row");
    };
  }

  /**
   * Lists of this generator's values, of {@code minSize} to {@code maxSize} elements. Before each
   * element past the minimum the tape holds a 1 (one more) or 0 (stop), so deleting an element's
   * chunk of the tape, or lowering its 1 to 0, shortens the list. Recorded lengths are the bounds
   * (as edges), uniform, or small (log-uniform), like the values of {@link #longs}.
   */
  default Gen<List<T>> list(int minSize, int maxSize) {
    if (minSize < 0 || maxSize < minSize) {
      throw new IllegalArgumentException(
          "sizes: [" + minSize + ", " + maxSize + "] (expected 0 <= minSize <= maxSize)");
    }
    return t -> {
      long planned = 0;
      if (t.recording()) {
        planned = t.sampleEdge() ? (t.sample(1) == 0 ? minSize : maxSize) : minSize + t.sample(maxSize - minSize);
      }
      List<T> values = new ArrayList<>();
      while (values.size() < maxSize) {
        if (values.size() >= minSize && t.choose(1, values.size() < planned ? 1 : 0) == 0) {
          break;
        }
        values.add(draw(t));
      }
      return values;
    };
  }

  // ---- values ------------------------------------------------------------------------------------

  /** Always {@code value}; draws nothing. */
  static <T> Gen<T> constant(T value) {
    return t -> value;
  }

  /** {@code false} (simplest) or {@code true}. */
  static Gen<Boolean> booleans() {
    return t -> t.draw(1) == 1;
  }

  /**
   * Longs in {@code [min, max]}, uniform or biased towards the value nearest zero; a share of runs
   * draw the edges: both bounds, zero and one and minus one where in range.
   */
  static Gen<Long> longs(long min, long max) {
    return longs(min, max, new long[0]);
  }

  /** Integers in {@code [min, max]}, drawn as {@link #longs}. */
  static Gen<Integer> ints(int min, int max) {
    return longs(min, max).map(Long::intValue);
  }

  /** One of {@code values}, the first being the simplest; the first and the last are edges. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is copied, never stored or exposed
  static <T> Gen<T> of(T... values) {
    List<T> list = copy(values);
    return index(list.size()).map(list::get);
  }

  /**
   * A value of one of {@code gens}, each chosen alike (the first being the simplest, the first and
   * the last being edges).
   */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is copied, never stored or exposed
  static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    List<Gen<? extends T>> list = copy(gens);
    Gen<Integer> index = index(list.size());
    return t -> list.get(index.draw(t)).draw(t);
  }

  /** A value of one of the generators, chosen with the given integer weights. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is copied, never stored or exposed
  static <T> Gen<T> frequency(Map.Entry<Integer, Gen<? extends T>>... weighted) {
    List<Map.Entry<Integer, Gen<? extends T>>> list = copy(weighted);
    long total = list.stream().mapToLong(Map.Entry::getKey).sum();
    return t -> {
      long pick = t.draw(total - 1);
      for (Map.Entry<Integer, Gen<? extends T>> e : list) {
        if (pick < e.getKey()) {
          return e.getValue().draw(t);
        }
        pick -= e.getKey();
      }
      throw new AssertionError("unreachable: weights sum to " + total);
    };
  }

  /**
   * Decimals of exactly {@code scale} fraction digits in an interval written {@code "[0, 1)"}:
   * {@code [} or {@code ]} includes a bound, {@code (} or {@code )} excludes it. Uniform over the
   * decimals of that scale or biased towards the one nearest zero; the edges are both bounds (or
   * their nearest included neighbours), zero and one and minus one and one unit of the scale
   * either side of zero, where in range.
   */
  static Gen<BigDecimal> decimals(String interval, int scale) {
    String s = interval.strip();
    String[] bounds = s.substring(1, s.length() - 1).split(",");
    boolean minIncluded = s.charAt(0) == '[';
    boolean maxIncluded = s.charAt(s.length() - 1) == ']';
    if ((!minIncluded && s.charAt(0) != '(') || (!maxIncluded && s.charAt(s.length() - 1) != ')')
        || bounds.length != 2) {
      throw new IllegalArgumentException("interval: " + interval + " (expected such as [0, 1) or (0, 1])");
    }
    BigDecimal min = new BigDecimal(bounds[0].strip());
    BigDecimal max = new BigDecimal(bounds[1].strip());
    BigDecimal lo = min.setScale(scale, RoundingMode.CEILING);
    BigDecimal hi = max.setScale(scale, RoundingMode.FLOOR);
    long loUnscaled = lo.unscaledValue().longValueExact() + (!minIncluded && lo.compareTo(min) == 0 ? 1 : 0);
    long hiUnscaled = hi.unscaledValue().longValueExact() - (!maxIncluded && hi.compareTo(max) == 0 ? 1 : 0);
    if (loUnscaled > hiUnscaled) {
      throw new IllegalArgumentException("interval: " + interval + " (expected a decimal of scale " + scale + " in it)");
    }
    long one = BigDecimal.ONE.setScale(scale).unscaledValue().longValueExact();
    return longs(loUnscaled, hiUnscaled, new long[] {one, -one}).map(u -> BigDecimal.valueOf(u, scale));
  }

  /** The {@link #decimals} of an interval and scale, as doubles. */
  static Gen<Double> doubles(String interval, int scale) {
    return decimals(interval, scale).map(BigDecimal::doubleValue);
  }

  /** One of the characters of {@code alphabet}, the first being the simplest. */
  static Gen<Character> chars(String alphabet) {
    return index(alphabet.length()).map(alphabet::charAt);
  }

  /**
   * Any UTF-16 char, unpaired surrogates included: printable ASCII, controls, the characters JSON
   * and Java escape, other BMP characters, and (a valid pair's halves) supplementary characters are
   * each drawn often.
   */
  static Gen<Character> anyChar() {
    return oneOf(
        longs(0x20, 0x7e).map(c -> (char) c.longValue()),
        longs(0, 0x1f).map(c -> (char) c.longValue()),
        chars("\"\\/\u007f\u0080\u2028\u2029\ufeff\ufffe\uffff\ud800\udbff\udc00\udfff"),
        longs(0, 0xffff).map(c -> (char) c.longValue()));
  }

  /**
   * Strings of 0 to 255 chars, each drawn by {@link #anyChar}: jqwik's default string had the same
   * lengths, and its characters are among these.
   */
  static Gen<String> strings() {
    return strings(anyChar(), 0, 255);
  }

  /** Strings of {@code minLength} to {@code maxLength} chars from {@code chars}. */
  static Gen<String> strings(Gen<Character> chars, int minLength, int maxLength) {
    return chars.list(minLength, maxLength).map(cs -> {
      StringBuilder sb = new StringBuilder(cs.size());
      cs.forEach(sb::append);
      return sb.toString();
    });
  }

  /** An index in {@code [0, size)}, drawn as {@link #longs} are (so 0, 1 and the last are edges). */
  private static Gen<Integer> index(int size) {
    return ints(0, size - 1);
  }

  /** The elements of a varargs array, copied one by one (so that the array itself never escapes). */
  private static <T> List<T> copy(T[] values) {
    List<T> list = new ArrayList<>(values.length);
    for (T v : values) {
      list.add(v);
    }
    return List.copyOf(list);
  }

  /**
   * Longs in {@code [min, max]} whose choice 0 is the value nearest zero; with {@code extraEdges}
   * (ignored where out of range) among the edges. An edge is recorded as the ordinary choice that
   * stands for it, so it shrinks like any other value.
   */
  private static Gen<Long> longs(long min, long max, long[] extraEdges) {
    if (max < min) {
      throw new IllegalArgumentException("range: [" + min + ", " + max + "] (expected min <= max)");
    }
    long origin = Math.max(min, Math.min(max, 0));
    long[] edges = Arrays.stream(new long[][] {{min, max, origin, origin + 1, origin - 1}, extraEdges})
        .flatMapToLong(Arrays::stream)
        .filter(v -> min <= v && v <= max)
        .distinct()
        .toArray();
    long span = max - min;
    return t -> {
      boolean edge = t.sampleEdge();
      long wanted = edge ? edges[(int) t.sample(edges.length - 1)] : 0;
      if (span < 0) {
        // The span overflows a long (min < 0 < max): a sign, then a magnitude.
        if (t.choose(1, edge ? (wanted < 0 ? 1 : 0) : t.sample(1)) == 0) {
          return t.choose(max, edge ? wanted : t.sample(max));
        }
        return -1 - t.choose(-(min + 1), edge ? -1 - wanted : t.sample(-(min + 1)));
      }
      return fromChoice(min, max, t.choose(span, edge ? toChoice(min, max, wanted) : t.sample(span)));
    };
  }

  /**
   * The value of choice {@code r} in {@code [0, max - min]}, which fits a long: from the bound
   * nearest zero outwards; or, in a range across zero, 0, 1, -1, 2, -2, ... while both sides last,
   * then on along the longer side.
   */
  private static long fromChoice(long min, long max, long r) {
    if (min >= 0) {
      return min + r;
    }
    if (max <= 0) {
      return max - r;
    }
    long a = Math.min(max, -min);
    if (r <= 2 * a) {
      return r % 2 == 1 ? (r + 1) / 2 : -(r / 2);
    }
    return max > -min ? r - a : -(r - a);
  }

  /** The choice whose value is {@code v}: the inverse of {@link #fromChoice}. */
  private static long toChoice(long min, long max, long v) {
    if (min >= 0) {
      return v - min;
    }
    if (max <= 0) {
      return max - v;
    }
    long a = Math.min(max, -min);
    if (-a <= v && v <= a) {
      return v > 0 ? 2 * v - 1 : -2 * v;
    }
    return v > 0 ? v + a : -v + a;
  }
}
