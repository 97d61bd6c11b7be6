package io.github.slo4j.internal.recorder;

/**
 * The decoded state of one tracker: who it belongs to, its rings, and the ticker's running values.
 * Not part of the public API.
 *
 * @param sloId the SLO's id
 * @param groupKey the group key of a grouped SLO's tracker; null for an ungrouped one
 * @param fingerprint canonical text of everything that shapes the rows (thresholds, budgeting,
 *     period, base interval, tiers): states can only be restored or merged where it is equal
 * @param budgeting 0 occurrences, 1 timeslices, 2 ratio timeslices
 * @param rings the rings' contents
 * @param recorded the cumulative event columns (total, good per target) at export, including the
 *     events of the interval in progress that no row holds yet
 * @param sliceStart for timeslice budgeting, the event columns at the last slice the ticker
 *     closed (the events after it are not judged yet); empty otherwise
 */
public record TrackerState(
    String sloId,
    String groupKey,
    String fingerprint,
    int budgeting,
    RingState rings,
    long[] recorded,
    long[] sliceStart) {

  /** {@code id} or {@code id[group]}. */
  public String label() {
    return groupKey == null ? sloId : sloId + "[" + groupKey + "]";
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
