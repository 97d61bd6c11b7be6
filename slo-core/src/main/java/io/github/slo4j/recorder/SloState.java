package io.github.slo4j.recorder;

import io.github.slo4j.internal.CorrectionSection;
import io.github.slo4j.internal.Require;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The exported state of one {@link SloRecorder}: what survives a restart and what a fleet's
 * instances merge. Immutable and thread-safe.
 *
 * <pre>{@code
 * byte[] saved = recorder.exportState();                 // on shutdown, or every few minutes
 * ...
 * newRecorder.restore(saved);                            // in the next process
 *
 * byte[] fleet = SloState.merge(stateOfA, stateOfB, stateOfC);
 * SloState.of(fleet).asOf();                            // the newest instance's last boundary
 * }</pre>
 *
 * <p><b>What a state holds.</b> The SLO's id and group key; a fingerprint of what shapes the
 * counts (latency thresholds, budgeting method and slice, the period's longest length, the base
 * interval, the tiers); the origin and the last closed boundary ({@link #asOf()}); every row of
 * cumulative counts the recorder's rings hold (about 1,800 rows for a 30-day SLO); the events
 * recorded since the last closed boundary; for timeslice budgeting the slice in progress; and the
 * random ids of the recorder instances whose counts it holds, so that no instance is counted twice
 * (see {@link SloRecorder#restore(byte[])}). The bytes are versioned and checksummed (CRC32); rows
 * are stored as varint differences, so a state is a few kilobytes to a few tens of kilobytes.
 *
 * <p><b>Budget corrections.</b> A state can carry the budget corrections declared on the SLO, and
 * the excluded counts they captured, as {@code CorrectedReader.exportCorrections()} writes them:
 * {@link #withCorrections} attaches them, {@link #corrections()} gives them back to {@code
 * CorrectedReader.restoreCorrections} after a restore, and {@link #merge(List)} unions them (each
 * correction once; the excluded counts of distinct instances add, as their events do). A recorder
 * itself ignores them: its own {@link SloRecorder#exportState()} holds none. A state with
 * corrections is format version 2; one without is version 1, as before.
 *
 * <p><b>Errors.</b> Reading bytes that are not a state, are damaged, truncated or of a newer format
 * version, or whose content slo4j would not write (a tier layout other than this version's for
 * its fingerprint, tiers that disagree, counters that decrease), fails with an {@link
 * IllegalArgumentException} whose message says which, as do restoring or merging states of another
 * SLO, another group or another fingerprint, or counting one recorder instance twice.
 */
public final class SloState {
  private final RecorderState state;
  private final CorrectionSection corrections;
  private final byte[] bytes;

  private SloState(RecorderState state, CorrectionSection corrections, byte[] bytes) {
    this.state = state;
    this.corrections = corrections;
    this.bytes = bytes;
  }

  /**
   * Reads and validates a state.
   *
   * @throws IllegalArgumentException when the bytes are not a slo4j state, are corrupt or truncated,
   *     or were written by a newer format version
   */
  public static SloState of(byte[] bytes) {
    StateCodec.Decoded d = StateCodec.decodeAll("state", bytes);
    return new SloState(d.state(), d.corrections(), bytes.clone());
  }

  /**
   * {@code state} with {@code corrections} attached in place of any it held.
   *
   * @param state a state from {@link SloRecorder#exportState()} or {@link #merge(byte[]...)}
   * @param corrections bytes from {@code CorrectedReader.exportCorrections()} of a reader over the
   *     recorder whose state it is
   * @return the state with the corrections, format version 2 (version 1 when there are none)
   * @throws IllegalArgumentException when {@code state} is not a valid state (see {@link
   *     #of(byte[])}) or {@code corrections} are not corrections
   */
  public static byte[] withCorrections(byte[] state, byte[] corrections) {
    RecorderState s = StateCodec.decode("state", state);
    Require.nonNull("corrections", corrections);
    CorrectionSection c;
    try {
      c = CorrectionSection.decode(corrections);
    } catch (IllegalArgumentException e) {
      throw Require.invalid(
          "corrections", "not corrections, " + e.getMessage(), "bytes from CorrectedReader.exportCorrections()");
    }
    return StateCodec.encode(s, c);
  }

  /**
   * The budget corrections the state carries, for {@code CorrectedReader.restoreCorrections}; empty
   * when it carries none.
   */
  public Optional<byte[]> corrections() {
    return Optional.ofNullable(corrections).map(CorrectionSection::encode);
  }

  /**
   * Merges the states of several instances of one SLO (one group) into the state of a recorder that
   * saw all their events. Boundaries are wall-clock aligned, so rows line up and counts add. The
   * merged state's {@link #asOf()} is the newest of the states'; an instance whose state is older
   * recorded nothing more, so its last counts are carried forward. Its origin is the earliest. Each
   * tier keeps its history back to where one of the states stops knowing it (its own history ends
   * and its origin is not yet reached). Gap intervals add up.
   *
   * <p>With timeslice budgeting the slices add as each instance judged them: the merged count is
   * of instance-slices, and a slice with events on two instances counts twice. Event counts ({@link
   * SloRecorder#eventWindow(Target, java.time.Duration)}) are exact.
   *
   * <p>The budget corrections of the states are united: each correction once, with the audit of the
   * first state that holds it; the excluded counts of every state add.
   *
   * <p>No instance is counted twice: each state names the recorder instances whose counts it holds
   * (see {@link SloRecorder#restore(byte[])}), and states that share one (the same state twice, two
   * exports of one process, a merge and one of its parts) are refused. Sums are exact: states whose
   * counts would pass {@link Long#MAX_VALUE} when added are refused whole.
   *
   * @param states one or more states from {@link SloRecorder#exportState()} or from this method
   * @return the merged state, to {@linkplain SloRecorder#restore(byte[]) restore} into a recorder
   * @throws IllegalArgumentException naming {@code states[i]} when a state is invalid (see {@link
   *     #of(byte[])}), of another SLO, group or fingerprint than {@code states[0]}, holds counts
   *     of a recorder instance an earlier state holds, or declares a correction of an id that an
   *     earlier state declares otherwise; naming {@code states} when the sums overflow
   */
  public static byte[] merge(byte[]... states) {
    Require.nonNull("states", states);
    return merge(Arrays.asList(states));
  }

  /** Same as {@link #merge(byte[]...)}. */
  public static byte[] merge(List<byte[]> states) {
    Require.nonNull("states", states);
    if (states.isEmpty()) {
      throw Require.invalid("states", "none", "at least one state");
    }
    List<RecorderState> decoded = new ArrayList<>();
    List<CorrectionSection> corrections = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < states.size(); i++) {
      StateCodec.Decoded d = StateCodec.decodeAll("states[" + i + "]", states.get(i));
      decoded.add(d.state());
      if (d.corrections() != null) {
        corrections.add(d.corrections());
        names.add("states[" + i + "]");
      }
    }
    CorrectionSection unionOfCorrections = CorrectionSection.union(corrections, names);
    RecorderState first = decoded.get(0);
    long asOf = Long.MIN_VALUE;
    for (int i = 0; i < decoded.size(); i++) {
      RecorderState s = decoded.get(i);
      String name = "states[" + i + "]";
      s.requireCompatible(
          name, first.label(), first.fingerprint(), " as in states[0]", first.budgeting(), first.eventCols(), first.rings()::sameShape);
      asOf = Math.max(asOf, s.rings().asOf());
    }
    long[] lineage = new long[0];
    for (int i = 0; i < decoded.size(); i++) {
      long[] ids = decoded.get(i).lineage();
      for (int j = 0; j < i; j++) {
        if (RecorderState.shareAnId(decoded.get(j).lineage(), ids)) {
          throw Require.invalid(
              "states[" + i + "]",
              "counts of a recorder instance that states[" + j + "] holds too",
              "states of distinct instances: merging it would count them twice");
        }
      }
      lineage = RecorderState.lineage(lineage, ids);
    }
    List<RingState> rings = new ArrayList<>();
    long[] stops = new long[decoded.size()];
    long[] recorded = new long[first.eventCols()];
    long[] sliceStart = new long[first.sliceStart().length];
    try {
      for (int i = 0; i < decoded.size(); i++) {
        RecorderState s = decoded.get(i);
        rings.add(s.rings());
        stops[i] = s.rings().asOf();
        addExact(recorded, s.recorded());
        addExact(sliceStart, s.sliceStart());
      }
      RingState merged = RingState.combine(rings, stops, asOf, 0, 0);
      return StateCodec.encode(
          new RecorderState(
              first.sloId(),
              first.groupKey(),
              first.fingerprint(),
              first.budgeting(),
              merged,
              recorded,
              sliceStart,
              lineage),
          unionOfCorrections);
    } catch (ArithmeticException overflow) {
      throw Require.invalid("states", "counts that would pass Long.MAX_VALUE when added", "counts that fit in a long");
    }
  }

  private static void addExact(long[] into, long[] values) {
    for (int i = 0; i < into.length; i++) {
      into[i] = Math.addExact(into[i], values[i]);
    }
  }

  /** The SLO's id. */
  public String sloId() {
    return state.sloId();
  }

  /** The group key of a grouped SLO's recorder; empty for an ungrouped one. */
  public Optional<String> groupKey() {
    return Optional.ofNullable(state.groupKey());
  }

  /** The boundary before which the state counts nothing: the earliest recorder's creation. */
  public Instant origin() {
    return Instant.ofEpochMilli(state.rings().origin());
  }

  /** The last boundary the state's recorder closed. */
  public Instant asOf() {
    return Instant.ofEpochMilli(state.rings().asOf());
  }

  /**
   * The fingerprint of what shapes the counts, e.g. {@code latency 100ms,500ms; occurrences; period
   * max 30d; base 10s; tiers 10s x 362, 2m x 722, 1h x 746}. A state restores or merges only where
   * the fingerprint is equal.
   */
  public String fingerprint() {
    return state.fingerprint();
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** {@code SloState[checkout-availability @ 2026-01-01T00:00:00Z, 5123 bytes]}. */
  @Override
  public String toString() {
    return "SloState[" + state.label() + " @ " + asOf() + ", " + bytes.length + " bytes]";
  }
}
