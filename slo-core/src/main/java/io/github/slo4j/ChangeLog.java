package io.github.slo4j;

import io.github.slo4j.internal.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The changes a service recorded (deploys, configuration flips, feature flags), kept so alerts can
 * list those made near a burn. Bounded: beyond {@link #capacity()} markers the oldest are dropped.
 * Share one log between the SLOs of a service.
 *
 * <p>Thread-safe: recording and reading are serialized by the log's lock; a read copies at most
 * the markers it returns.
 */
public final class ChangeLog {
  /** The default number of markers kept. */
  public static final int DEFAULT_CAPACITY = 1_000;

  private final int capacity;
  private final ArrayDeque<ChangeMarker> markers = new ArrayDeque<>();
  private long dropped;

  private ChangeLog(int capacity) {
    this.capacity = capacity;
  }

  /** An empty log keeping the last {@value #DEFAULT_CAPACITY} markers. */
  public static ChangeLog create() {
    return new ChangeLog(DEFAULT_CAPACITY);
  }

  /**
   * An empty log keeping the last {@code capacity} markers.
   *
   * @throws IllegalArgumentException when capacity is below 1 or above 1,000,000
   */
  public static ChangeLog withCapacity(int capacity) {
    if (capacity < 1 || capacity > 1_000_000) {
      throw Require.invalid("capacity", capacity, "1 <= capacity <= 1000000");
    }
    return new ChangeLog(capacity);
  }

  /** The most markers kept. */
  public int capacity() {
    return capacity;
  }

  /**
   * Records a change. Markers may arrive out of order (a deploy reported late); they are kept in
   * time order.
   */
  public synchronized void record(ChangeMarker marker) {
    Require.nonNull("change marker", marker);
    if (markers.isEmpty() || !markers.peekLast().at().isAfter(marker.at())) {
      markers.addLast(marker);
    } else {
      List<ChangeMarker> all = new ArrayList<>(markers);
      int i = all.size();
      while (i > 0 && all.get(i - 1).at().isAfter(marker.at())) {
        i--;
      }
      all.add(i, marker);
      markers.clear();
      markers.addAll(all);
    }
    while (markers.size() > capacity) {
      markers.pollFirst();
      dropped++;
    }
  }

  /** The markers with {@code from <= at <= to}, newest first. */
  public synchronized List<ChangeMarker> between(Instant from, Instant to) {
    Require.nonNull("from", from);
    Require.nonNull("to", to);
    List<ChangeMarker> out = new ArrayList<>();
    Iterator<ChangeMarker> it = markers.descendingIterator();
    while (it.hasNext()) {
      ChangeMarker m = it.next();
      if (m.at().isBefore(from)) {
        break;
      }
      if (!m.at().isAfter(to)) {
        out.add(m);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The markers recorded in the {@code span} that ends at {@code to}, newest first. */
  public List<ChangeMarker> within(Duration span, Instant to) {
    Require.nonNull("span", span);
    return between(Require.nonNull("to", to).minus(span), to);
  }

  /** All markers kept, oldest first. */
  public synchronized List<ChangeMarker> all() {
    return List.copyOf(markers);
  }

  /** How many markers were dropped because the log was full. */
  public synchronized long dropped() {
    return dropped;
  }

  @Override
  public synchronized String toString() {
    return "ChangeLog[" + markers.size() + " of " + capacity + "]";
  }
}
