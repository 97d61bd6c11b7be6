package io.github.slo4j.composite;

import io.github.slo4j.BudgetingMethod;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.Sli;
import io.github.slo4j.Target;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.WindowReader;
import io.github.slo4j.WindowSource;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An SLO over other SLOs (its components), read as one {@link WindowReader}: a {@code SloMonitor}
 * built over it gives the composite its own budget, the same burn-rate tiers and its own policy.
 *
 * <ul>
 *   <li>{@link Kind#WEIGHTED}: over a window, the composite's error ratio is the weighted mean of
 *       the components' error ratios over that window, {@code Σ wᵢ·badᵢ/totalᵢ ÷ Σ wᵢ} (as Nobl9's
 *       composite SLOs weigh components); a quiet component counts as much as a busy one. It is read
 *       as the components' {@code total} events summed, of which that ratio, rounded to the nearest
 *       whole event, is bad — so the tiers' minimum-events floors apply to real events. Stateless.
 *   <li>{@link Kind#ALL_OF}: time slices; a slice is good only when every component met its own
 *       objective in it (a journey is good only when every step is). Its counts are slices: the
 *       composite must be {@linkplain #update() updated} at every slice boundary.
 * </ul>
 *
 * <p><b>No data.</b> A component without events in a window (in a slice, for all-of) makes the
 * composite's window (slice) no data, never healthy. Groups of a grouped SLO ({@link
 * Builder#groupsOf}) are the exception: a group without events in a window had no requests to judge
 * and is left out of it, and the composite has no data only when no group has any.
 *
 * <p><b>Grouped SLOs.</b> {@link Builder#groupsOf} makes every group of a grouped SLO in a {@link
 * WindowSource} (a registry) a component, as it is at each read: the groups that exist, so the
 * registry's cap on groups bounds the composite too (keys past the cap are in the one overflow
 * group); the composite creates no group and holds none.
 *
 * <p><b>Time.</b> The components must be closed by one clock (one registry, one replay): the
 * composite is as of the earliest of their {@link WindowReader#asOfMillis()}.
 *
 * <p>Thread-safe: weighted reads hold no state; all-of's slice store is guarded by the composite's
 * lock ({@link #update()} on the ticker, reads from the monitor).
 */
public final class CompositeSlo implements WindowReader {
  /** How the components combine. */
  public enum Kind {
    /** The weighted mean of the components' error ratios over each window. */
    WEIGHTED,
    /** Time slices, good only when every component met its objective in the slice. */
    ALL_OF
  }

  private final SloDefinition definition;
  private final Target target;
  private final Kind kind;
  private final List<Part> parts;
  private final Duration slice;
  private final long sliceMillis;
  /** All-of: cumulative good and counted slices, a ring of {@code ring} slots; guarded by this. */
  private final long[] cumGood;
  private final long[] cumTotal;
  private final int ring;
  private long slices;
  private long startMillis = Long.MIN_VALUE;
  private long lastGood;
  private long lastTotal;

  private CompositeSlo(Builder b) {
    this.definition = b.definition;
    this.target = b.definition.targets().get(0);
    this.kind = b.kind;
    this.parts = List.copyOf(b.parts);
    this.slice = b.slice;
    if (kind == Kind.ALL_OF) {
      this.sliceMillis = slice.toMillis();
      this.ring = (int) (definition.period().maxLength().toMillis() / sliceMillis + 2);
      this.cumGood = new long[ring];
      this.cumTotal = new long[ring];
    } else {
      this.sliceMillis = 0;
      this.ring = 0;
      this.cumGood = null;
      this.cumTotal = null;
    }
  }

  /**
   * A builder of a composite whose own SLO is {@code definition}: an events SLI (its counts are the
   * composite's events or slices), with the objective, period and owner of the journey.
   */
  public static Builder builder(SloDefinition definition) {
    Require.nonNull("definition", definition);
    if (!(definition.sli() instanceof Sli.Events)) {
      throw Require.invalid("definition", definition, "an events SLI: a composite has one target");
    }
    if (!(definition.budgeting() instanceof BudgetingMethod.Occurrences)) {
      throw Require.invalid(
          "definition", definition, "occurrences budgeting: a composite's counts are already events or slices");
    }
    return new Builder(definition);
  }

  /** How the components combine. */
  public Kind kind() {
    return kind;
  }

  /** The slice of an {@link Kind#ALL_OF} composite; empty for a weighted one. */
  public java.util.Optional<Duration> slice() {
    return java.util.Optional.ofNullable(slice);
  }

  /** The components as of now, each with its target and weight (groups as the source holds them). */
  public List<Component> components() {
    List<Component> out = new ArrayList<>();
    for (Part p : parts) {
      p.expand(out);
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public SloDefinition definition() {
    return definition;
  }

  @Override
  public long asOfMillis() {
    if (kind == Kind.ALL_OF) {
      synchronized (this) {
        if (startMillis != Long.MIN_VALUE) {
          return startMillis + slices * sliceMillis;
        }
      }
    }
    return componentsAsOf(components());
  }

  private static long componentsAsOf(List<Component> cs) {
    long asOf = Long.MAX_VALUE;
    for (Component c : cs) {
      asOf = Math.min(asOf, c.reader().asOfMillis());
    }
    return asOf == Long.MAX_VALUE ? 0 : asOf;
  }

  @Override
  public WindowCounts window(Target target, Duration window) {
    definition.requireTarget(target);
    Require.positive("window", window);
    Require.withinPeriod("window", window, definition.period().maxLength());
    return kind == Kind.WEIGHTED ? weighted(window) : allOf(window);
  }

  private WindowCounts weighted(Duration window) {
    List<Component> cs = components();
    BigDecimal weightedRatio = BigDecimal.ZERO;
    BigDecimal weights = BigDecimal.ZERO;
    long total = 0;
    Duration covered = window;
    boolean any = false;
    for (Component c : cs) {
      WindowCounts w = c.reader().window(c.target(), window);
      if (w.covered().compareTo(covered) < 0) {
        covered = w.covered();
      }
      if (!w.hasData()) {
        if (c.group()) {
          continue; // a quiet group had nothing to judge
        }
        return new WindowCounts(window, 0, 0, covered);
      }
      any = true;
      BigDecimal weight = BigDecimal.valueOf(c.weight());
      weightedRatio = weightedRatio.add(
          weight.multiply(BigDecimal.valueOf(w.bad())).divide(BigDecimal.valueOf(w.total()), MathContext.DECIMAL128));
      weights = weights.add(weight);
      total = saturatedAdd(total, w.total());
    }
    if (!any) {
      return new WindowCounts(window, 0, 0, covered);
    }
    BigDecimal ratio = weightedRatio.divide(weights, MathContext.DECIMAL128);
    long bad = ratio.multiply(BigDecimal.valueOf(total)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    return new WindowCounts(window, total - Math.min(bad, total), total, covered);
  }

  private static long saturatedAdd(long a, long b) {
    long s = a + b;
    return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
  }

  private synchronized WindowCounts allOf(Duration window) {
    long k = Math.min(window.toMillis() / sliceMillis, slices);
    if (k == 0) {
      return new WindowCounts(window, 0, 0, Duration.ZERO);
    }
    int end = (int) (slices % ring);
    int from = (int) ((slices - k) % ring);
    return new WindowCounts(
        window, cumGood[end] - cumGood[from], cumTotal[end] - cumTotal[from], Duration.ofMillis(k * sliceMillis));
  }

  /**
   * Closes the slices the components have closed since the last update (all-of; a weighted
   * composite has nothing to close). Call it at every boundary of the components' clock, after they
   * closed it: a slice is read from the components' last {@code slice} when their time is at its
   * end, and a slice whose end was not seen (an update missed) is a gap, no data. The first update
   * starts the composite at the components' last slice boundary.
   *
   * @return the number of slices closed, gaps included
   */
  public long update() {
    if (kind != Kind.ALL_OF) {
      return 0;
    }
    List<Component> cs = components();
    long asOf = componentsAsOf(cs);
    synchronized (this) {
      long boundary = Math.floorDiv(asOf, sliceMillis) * sliceMillis;
      if (startMillis == Long.MIN_VALUE) {
        startMillis = boundary;
        return 0;
      }
      long closed = 0;
      while (startMillis + (slices + 1) * sliceMillis <= boundary) {
        long sliceEnd = startMillis + (slices + 1) * sliceMillis;
        boolean seen = sliceEnd == asOf;
        int verdict = seen ? judge(cs) : NO_DATA;
        if (verdict != NO_DATA) {
          lastTotal++;
          if (verdict == GOOD) {
            lastGood++;
          }
        }
        slices++;
        int slot = (int) (slices % ring);
        cumGood[slot] = lastGood;
        cumTotal[slot] = lastTotal;
        closed++;
      }
      return closed;
    }
  }

  private static final int NO_DATA = 0;
  private static final int GOOD = 1;
  private static final int BAD = 2;

  /** The last slice: good when every component met its objective in it, no data when one had none. */
  private int judge(List<Component> cs) {
    boolean any = false;
    boolean good = true;
    for (Component c : cs) {
      WindowCounts w = c.reader().window(c.target(), slice);
      if (!w.hasData()) {
        if (c.group()) {
          continue;
        }
        return NO_DATA;
      }
      any = true;
      // met: bad / total <= 1 − objective, compared exactly
      BigDecimal allowed = c.target().objective().errorBudgetDecimal().multiply(BigDecimal.valueOf(w.total()));
      if (BigDecimal.valueOf(w.bad()).compareTo(allowed) > 0) {
        good = false;
      }
    }
    return !any ? NO_DATA : good ? GOOD : BAD;
  }

  /** {@code CompositeSlo[checkout-journey: weighted over 5 components]}. */
  @Override
  public String toString() {
    return "CompositeSlo[" + definition.id() + ": "
        + (kind == Kind.WEIGHTED ? "weighted" : "all-of in " + DurationFormat.format(slice) + " slices")
        + " over " + components().size() + " components]";
  }

  /**
   * One component as read: a reader, the target of it that counts, its weight, and whether it is a
   * group of a grouped SLO.
   *
   * @param reader the component's counts
   * @param target the target of the reader's SLO that counts
   * @param weight its weight in a weighted composite, {@code > 0}
   * @param group whether it is a group found through {@link Builder#groupsOf}
   */
  public record Component(WindowReader reader, Target target, double weight, boolean group) {
    /** Validates the components. */
    public Component {
      Require.nonNull("reader", reader);
      reader.definition().requireTarget(target);
      Require.finitePositive("weight", weight);
    }
  }

  /** A component as given to the builder: one reader, or the groups of an SLO in a source. */
  private interface Part {
    void expand(List<Component> out);
  }

  private record One(Component component) implements Part {
    @Override
    public void expand(List<Component> out) {
      out.add(component);
    }
  }

  private record Groups(WindowSource source, String sloId, double weight) implements Part {
    @Override
    public void expand(List<Component> out) {
      for (WindowReader r : source.readers()) {
        if (r.definition().id().equals(sloId)) {
          out.add(new Component(r, r.definition().targets().get(0), weight, true));
        }
      }
    }
  }

  /** Builds a {@link CompositeSlo}. Not thread-safe; build once. */
  public static final class Builder {
    private final SloDefinition definition;
    private final List<Part> parts = new ArrayList<>();
    private Kind kind = Kind.WEIGHTED;
    private Duration slice;

    private Builder(SloDefinition definition) {
      this.definition = definition;
    }

    /** A component of weight 1 read at its SLO's first target. */
    public Builder component(WindowReader reader) {
      return component(reader, 1);
    }

    /** A component of {@code weight} ({@code > 0}) read at its SLO's first target. */
    public Builder component(WindowReader reader, double weight) {
      Require.nonNull("reader", reader);
      return component(reader, reader.definition().targets().get(0), weight);
    }

    /** A component of {@code weight} read at {@code target} (a latency threshold of its SLO, say). */
    public Builder component(WindowReader reader, Target target, double weight) {
      Component c = new Component(reader, target, weight, false);
      for (Part p : parts) {
        if (p instanceof One && ((One) p).component().reader() == reader && ((One) p).component().target().equals(target)) {
          throw Require.invalid("reader", reader, "each component once; " + target.name() + " of it is already one");
        }
      }
      parts.add(new One(c));
      return this;
    }

    /**
     * Every group of the grouped SLO {@code sloId} in {@code source} (each tenant, each endpoint),
     * as the source holds them at each read, each of weight 1 at the SLO's first target.
     */
    public Builder groupsOf(WindowSource source, String sloId) {
      Require.nonNull("source", source);
      Require.nonNull("sloId", sloId);
      parts.add(new Groups(source, sloId, 1));
      return this;
    }

    /** Combines the components by the weighted mean of their error ratios (the default). */
    public Builder weighted() {
      this.kind = Kind.WEIGHTED;
      this.slice = null;
      return this;
    }

    /**
     * Combines the components in time slices of {@code slice}: good only when every component met
     * its objective. The slice must be a whole number of milliseconds and fit the period.
     */
    public Builder allOf(Duration slice) {
      Require.positive("slice", slice);
      if (slice.toNanos() % 1_000_000 != 0) {
        throw Require.invalid("slice", DurationFormat.format(slice), "a whole number of milliseconds");
      }
      Require.withinPeriod("slice", slice, definition.period().nominalLength());
      this.kind = Kind.ALL_OF;
      this.slice = slice;
      return this;
    }

    /**
     * The composite.
     *
     * @throws IllegalArgumentException when there is no component
     */
    public CompositeSlo build() {
      if (parts.isEmpty()) {
        throw Require.invalid("components", "none", "at least one component or groupsOf(...)");
      }
      return new CompositeSlo(this);
    }
  }
}
