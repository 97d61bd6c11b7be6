package io.github.slo4j.recorder;

import io.github.slo4j.internal.Require;
import java.util.function.Predicate;

/**
 * The decoded state of one recorder: who it belongs to, its rings, and the ticker's running values.
 * Not part of the public API.
 *
 * @param sloId the SLO's id
 * @param groupKey the group key of a grouped SLO's recorder; null for an ungrouped one
 * @param fingerprint canonical text of everything that shapes the rows (thresholds, budgeting,
 *     period, base interval, tiers): states can only be restored or merged where it is equal
 * @param budgeting 0 occurrences, 1 timeslices, 2 ratio timeslices
 * @param rings the rings' contents
 * @param recorded the cumulative event columns (total, good per target) at export, including the
 *     events of the interval in progress that no row holds yet
 * @param sliceStart for timeslice budgeting, the event columns at the last slice the ticker
 *     closed (the events after it are not judged yet); empty otherwise
 * @param lineage the random ids of the recorder instances whose own counts the state holds (the
 *     exporter's, those of the states restored into it, those of merged states), oldest first, at
 *     most {@link #MAX_LINEAGE}, without repeats: what lets restore and merge refuse counting an
 *     instance twice
 */
record RecorderState(
    String sloId,
    String groupKey,
    String fingerprint,
    int budgeting,
    RingState rings,
    long[] recorded,
    long[] sliceStart,
    long[] lineage) {

  /**
   * The most instance ids a state keeps: a process that restarts every day for almost three years,
   * or a fleet of 1,024 instances merged. Beyond it the oldest ids are dropped, and a state of such
   * an old instance would no longer be recognised.
   */
  public static final int MAX_LINEAGE = 1024;

  /** The instance ids of {@code a} then {@code b}, the oldest dropped beyond {@link #MAX_LINEAGE}. */
  public static long[] lineage(long[] a, long[] b) {
    long[] both = new long[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both.length <= MAX_LINEAGE
        ? both
        : java.util.Arrays.copyOfRange(both, both.length - MAX_LINEAGE, both.length);
  }

  /** Whether an id of {@code theirs} is also in {@code ours}. */
  public static boolean shareAnId(long[] ours, long[] theirs) {
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (long id : ours) {
      seen.add(id);
    }
    for (long id : theirs) {
      if (seen.contains(id)) {
        return true;
      }
    }
    return false;
  }

  /** {@code id} or {@code id[group]}. */
  public String label() {
    return groupKey == null ? sloId : sloId + "[" + groupKey + "]";
  }

  /**
   * The one compatibility check of a state, for restore and merge alike: it must belong to the SLO
   * labelled {@code label}, carry {@code fingerprint}, and hold rows of the shape that fingerprint
   * promises (its budgeting, its event columns, rings of {@code shape}). The messages name
   * {@code name} and, after the expected value, {@code reference} (e.g. {@code " as in
   * states[0]"}).
   */
  void requireCompatible(
      String name, String label, String fingerprint, String reference, int budgeting, int eventCols, Predicate<RingState> shape) {
    if (!label().equals(label)) {
      throw Require.invalid(name, "SLO '" + label() + "'", "'" + label + "'" + reference);
    }
    if (!this.fingerprint.equals(fingerprint)) {
      throw Require.invalid(
          name,
          "fingerprint '" + this.fingerprint + "'",
          "'" + fingerprint + "'" + reference + ": the SLO's latency thresholds, budgeting, period or base interval differ");
    }
    if (this.budgeting != budgeting || eventCols() != eventCols || !shape.test(this.rings)) {
      throw Require.invalid(name, "invalid, its rows do not match its fingerprint", "a state written by slo4j");
    }
  }

  /** Event columns per row: the total, then one good count per target. */
  public int eventCols() {
    return recorded.length;
  }

  /** What one slice adds to a good-slice column at most: 0 without slices, 1, or 10⁹. */
  long sliceUnit() {
    return budgeting == 0 ? 0 : budgeting == 1 ? 1 : 1_000_000_000L;
  }
}
