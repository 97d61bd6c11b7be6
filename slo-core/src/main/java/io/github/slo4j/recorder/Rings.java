package io.github.slo4j.recorder;

import io.github.slo4j.internal.DurationFormat;
import java.util.Arrays;
import java.util.concurrent.locks.StampedLock;

/**
 * Multi-resolution rings of cumulative snapshots: one writer (the ticker), any number of readers.
 *
 * <p>Implementation notes. Each row holds {@code dataCols} cumulative counters supplied by the
 * ticker plus one cumulative count of gap intervals kept here. Tier {@code k} keeps the rows at
 * every multiple of its resolution {@code R_k} (milliseconds since the epoch) for its span, in a
 * ring indexed by {@code (t / R_k) mod capacity}; rows are contiguous in time because missed
 * boundaries are filled with carried values (gaps). The newest row of the finest tier is also kept
 * as {@link #asOf()}/{@code current}.
 *
 * <p>A window of length {@code L} ending at {@code A = asOf} is answered as {@code current − row(s)}
 * where {@code s = floor((A − L) / R_k) · R_k} for the finest tier {@code k} that still holds
 * {@code s}: the answer covers the requested window exactly when {@code R_k} divides {@code A − L},
 * otherwise it starts earlier by less than one slot of that tier. Times at or before the origin
 * (the boundary before the rings were created) read as zero.
 *
 * <p>For a calendar period the rings also keep one <em>period anchor</em>: the row at {@code s =
 * ceil(S / base) · base}, the first boundary at or after the start {@code S} of the current period
 * (a base interval belongs to the period that contains its start, so the period's intervals are
 * those closing in {@code (s, asOf]}). The anchor is set under the same write lock as the row it
 * belongs with, so a reader sees a period window from exactly its start, never one from a mix of
 * two periods. Where {@code s} is not a multiple of a tier's resolution (a zone whose midnight is
 * not a whole hour of UTC) no tier could answer it after a day; the anchor answers it exactly.
 *
 * <p>The writer mutates rows under the write lock of a {@link StampedLock}; readers use optimistic
 * reads and retry when a write overlapped, so a reader never observes a torn row and never blocks
 * the writer.
 *
 * <p><b>Windows ready at the tick.</b> The windows of fixed lengths given at construction (the
 * standard windows) change only when a boundary closes, so the writer keeps, under the write lock,
 * the row each starts from ({@code starts}: the start row, the covered time and the length of each),
 * and {@link #readReady} reads every window as {@code current − start} under one optimistic read:
 * no tier search, no division, eight short loops. At a regular boundary (the next one, nothing
 * skipped) a window's start moves by one slot of its tier exactly when {@code asOf} reaches {@code
 * s_j + R_k + L_j} ({@code moves}: that boundary and the start's tier and row offset), and only then
 * is a ring row read: at 10-s boundaries the windows of the finest tier move at every boundary,
 * those of the 2-min tier at one in twelve, so the tick touches few cache lines per tracker. That is
 * the row the general read would choose, as long as the tier that served {@code s_j} last time still
 * serves it. It does when {@code L_j <= (capacity_k − 2) · R_k} (then {@code s_j − oldest_k >= R_k},
 * full or not, as {@code floor(x) − floor(x − y) <= ceil(y)}) and every finer tier {@code k'} is full
 * and {@code L_j >= capacity_k' · R_k'} (then it never holds {@code s_j}). Any other boundary (a gap,
 * a restore, a new period) and any window that no such tier serves (younger than the rings, the
 * calendar period) is placed with the general read.
 *
 * <p><b>Quiet boundaries.</b> A regular boundary whose data equal {@code current} (no event since the
 * last one) has a row equal to the newest, so it is appended <em>virtually</em>: the tier's newest
 * moves on, nothing is written, and every row after the tier's newest written row reads as {@code
 * current}. When the data change (or before any other change: a gap, a restore) the virtual rows are
 * written first, oldest first; those that have left the ring are skipped and the first written
 * then starts a run (its block's checkpoint). {@code lastChange} is the last boundary whose row
 * differs from the one before it (conservatively: a gap or a restore sets it too), so every row at
 * or after it equals {@code current}: a ready window whose start moves within that run reads no
 * ring row, and one that started in it already holds {@code current} and is not written at all.
 * The rows from the change before it up to {@code lastChange} are equal too (they held {@code
 * current} until {@code lastChange}): a start moving within that run keeps its values, so a single
 * change in a quiet stretch (one request, one missed boundary) changes a window only at the move
 * whose start passes it. So a quiet tracker's tick touches the lock, the tick state and {@code
 * current}, a few lines.
 *
 * <p><b>Coasting.</b> Rings {@linkplain #attach attached} to a registry's {@link Clock} need not be
 * touched at all at a quiet boundary that changes nothing {@link #readReady} reads: while every
 * window is placed by its moves (or is younger than the rings: its start is the origin's zeros, and
 * {@link #readReady} derives its covered time from the boundary it reads at) and the tiers take rows
 * regularly, a quiet boundary {@code b} changes a start only when a window moves at {@code b} from a
 * start before {@code lastChange} to a row not equal to it (one outside the run before the last
 * change), or a young window's start leaves the origin. The first such
 * boundary after {@code asOf} is {@link #coastUntil()}; before it the registry may skip these rings
 * when their data have not changed (it checks that, boundary by boundary, before it skips, and never
 * skips a tracker it does not tick). Readers then see the rings as of the clock's boundary: {@link
 * #readReady} and {@link #asOf()} return that boundary with the starts and {@code current} held (they
 * are the same at every boundary up to it), and every other read first catches the tick state up to
 * it under the write lock. The catch-up of {@code k} quiet boundaries is the closed form of {@code k}
 * quiet regular boundaries: each tier's newest moves to the last multiple of its resolution, its
 * count grows by the rows it gained (at most the capacity), its rows stay virtual, and each window
 * moves by the slots it passed without changing its start. A catch-up that does not fit those
 * conditions (only after a restore raced the registry's skip) closes the boundaries one by one as
 * quiet ones. {@link #advance} catches up to the clock's boundary first: the registry certifies every
 * boundary up to it, having skipped a registered tracker only when it was quiet.
 *
 * <p><b>Storage.</b> Each column of each tier is one {@link Col} (or null while the column has been
 * zero in every row written to the tier: a healthy group's bad and gap columns cost nothing). A row
 * is stored as its value minus the <em>checkpoint</em> of its block, in the narrowest width that has
 * held every delta so far (2 bits, 4 bits, a byte, a short, an int, then a long, see {@link Col}; a
 * delta that does not fit widens the whole column once, by a copy). A block is 64 consecutive
 * boundaries of the tier in unwrapped time ({@code n = t / R_k}, block {@code n >> 6}); the
 * checkpoints live in a ring of {@code nb} entries (a power of two with {@code 64 · nb >= capacity +
 * 63}) indexed by {@code block & (nb − 1)}, set to the row's value when the first row of a block is
 * written: rows are contiguous, so that is the row with {@code n & 63 == 0} or the first of a run
 * (the first row, a jump beyond the span that empties the tier, a restore), and a block's rows after
 * it are all written after it. A checkpoint slot is set again only by the first row of block {@code
 * b + nb} or of a new run, when every row of block {@code b} has left the ring, so no readable row
 * ever sees its checkpoint change. The values are cumulative, so a quiet column moves little within
 * 64 boundaries and stays at a few bits per row. The gap column is stored against a ramp per block as
 * well (a gap run rises by {@code R_k / base} a row; see {@link Col}), so a month of gaps costs no
 * bits a row either; a ramp is set by the rows the writer appends and never changes the reference
 * of a row already written. A reader may see a column being replaced or
 * written: each {@code Col} is immutable in its shape (array, width, checkpoints array) and every
 * index is reduced into range before use, so a torn optimistic read cannot throw; it fails
 * validation and is retried under the read lock.
 */
final class Rings {
  private final long base;
  private final long[] resolution;
  private final int[] capacity;
  private final int cols;
  /** Per tier, per column: the stored deltas, or null while the column is zero in every row. */
  private final Col[][] store;
  /**
   * The state the tick touches, in one array so that a regular boundary reads and writes two or
   * three cache lines of it, not one small array per field: per tier {@code k}, {@link #T} longs
   * from {@code T·k} (the fields {@link #NEWEST} to {@link #CK_POS}); then, per ready window
   * {@code j}, three longs from {@code moves + 3·j}: the two of its moves (see the ready windows
   * below) and its length.
   */
  private final long[] hot;
  /** Longs per tier in {@link #hot}. */
  private static final int T = 8;
  /** The newest row's boundary ({@code Long.MIN_VALUE} while the tier has none). */
  private static final int NEWEST = 0;
  /** The tier's resolution (a copy of {@code resolution[k]}). */
  private static final int RES = 1;
  /** The rows held, at most the capacity. */
  private static final int COUNT = 2;
  /** The capacity (a copy of {@code capacity[k]}). */
  private static final int CAP = 3;
  /** {@code newest / R_k}, the unwrapped index of the newest row. */
  private static final int NEWEST_N = 4;
  /** The slot index of the newest row (valid when the count is above zero). */
  private static final int NEWEST_IDX = 5;
  /**
   * The newest row physically written: the rows after it up to the newest are <em>virtual</em>,
   * appended at quiet boundaries without a write, and read as {@code current} (see the class
   * comment, "Quiet boundaries").
   */
  private static final int WRITTEN = 6;
  /**
   * The mask of a row's position in the checkpoint ring, {@code 64 · nb − 1} ({@code nb}, the ring's
   * size, a power of two): {@code n & mask} is the row's checkpoint slot times 64 plus its offset in
   * its block ({@code n & 63}), which a {@link Col} needs for a gap run's ramp.
   */
  private static final int CK_POS = 7;
  /** The offset of the first window's moves in {@link #hot}. */
  private final int moves;
  /**
   * The last boundary at which the row's values changed: every row at or after it equals {@code
   * current} (set when a regular boundary's data differ from {@code current}, and to {@code asOf}
   * by every other change of the rows: gaps, a restore).
   */
  private long lastChange;
  /**
   * The run of equal rows before the last change: every row of a boundary in {@code [runStart,
   * runEnd)} holds the values {@code current} held before {@link #lastChange} (empty when {@code
   * runStart >= runEnd}: after a restore, or when every boundary changes). A window whose start
   * moves within the run keeps its values, so one change (a single request, one missed boundary)
   * makes a window move on the general path only when its start crosses the change, not at every
   * move until then.
   */
  private long runStart;

  private long runEnd;
  /**
   * The earliest boundary at which a ready window's start moves ({@code Long.MIN_VALUE} while some
   * window is placed by the general read at every boundary): before it, a regular boundary leaves
   * every start where it is.
   */
  private long nextMove;
  private final long[] current;
  private final long[] scratch;
  private final StampedLock lock = new StampedLock();
  private long origin;
  private long asOf;
  /** The start of the current calendar period, or {@link #NO_PERIOD}. */
  private long periodStart = NO_PERIOD;
  /** The boundary of the anchor row: the first boundary at or after the period start, or later. */
  private long anchorAt;
  private final long[] anchor;

  // the windows ready at the tick: their lengths; per window (cols + 2 longs) the start row, the
  // covered time and the length read; per window (2 longs) the boundary at which its start moves
  // and where it is (tier << 32 | row offset, the tier -1 when the general read places it at every
  // boundary); the tier that serves each at regular boundaries (-1: none); a block for the general read
  private final long[] readyLengths;
  private final long[] starts;
  private final int[] steadyTier;
  private final long[] block;

  /** The period start of rings that answer rolling periods only. */
  public static final long NO_PERIOD = Long.MIN_VALUE;

  /**
   * The clock of the registry that ticks these rings (null: none; they never coast), set under the
   * write lock (see the class comment, "Coasting").
   */
  private Clock clock;

  /**
   * Of attached rings, the ready windows younger than the rings (bit {@code j}: window {@code j}
   * starts at the origin), whose start row is zeros and whose covered time {@link #readReady}
   * derives from the boundary it reads at: {@code min(length, boundary − origin)}. Their stored
   * covered time is -1.
   */
  private int youngMask;

  /**
   * The last boundary a registry closed, shared by the rings it ticks: for rings that it skipped at
   * quiet boundaries, the boundary they are as of (see the class comment, "Coasting").
   */
  static final class Clock {
    /** Written by the registry's ticker after it closed the boundary for every tracker. */
    volatile long boundary;

    /**
     * Held by the registry while it closes or skips boundaries: a restore holds it too, so that it
     * never falls between the registry's decision to skip a quiet tracker and the new boundary.
     */
    final java.util.concurrent.locks.Lock tickLock;

    Clock(long boundary, java.util.concurrent.locks.Lock tickLock) {
      this.boundary = boundary;
      this.tickLock = tickLock;
    }
  }

  /**
   * @param baseMillis the base interval; every resolution is a multiple of it
   * @param resolutionMillis the resolution of each tier, finest first
   * @param spanMillis the span each tier must answer
   * @param dataCols the counters per row supplied by the ticker
   * @param originMillis a multiple of the base interval at which all counters are zero
   * @param readyMillis the lengths of the windows placed at each boundary for {@link #readReady}
   */
  public Rings(
      long baseMillis, long[] resolutionMillis, long[] spanMillis, int dataCols, long originMillis, long[] readyMillis) {
    this(new Shape(baseMillis, resolutionMillis, spanMillis, readyMillis), dataCols, originMillis);
  }

  /**
   * Rings of the tiers and ready windows of {@code shape}, which they share (never write) with every
   * other rings of that shape (the groups of one grouped SLO).
   *
   * @param dataCols the counters per row supplied by the ticker
   * @param originMillis a multiple of the base interval at which all counters are zero
   */
  Rings(Shape shape, int dataCols, long originMillis) {
    this.base = shape.base;
    this.resolution = shape.resolution;
    this.capacity = shape.capacity;
    this.cols = dataCols + 1;
    this.store = new Col[resolution.length][cols];
    this.moves = T * resolution.length;
    this.hot = new long[moves + 3 * shape.readyLengths.length];
    for (int k = 0; k < resolution.length; k++) {
      hot[T * k + CK_POS] = shape.ckPos[k];
      hot[T * k + RES] = resolution[k];
      hot[T * k + CAP] = capacity[k];
    }
    for (int j = 0; j < shape.readyLengths.length; j++) {
      hot[moves + 3 * j + 2] = shape.readyLengths[j];
    }
    this.current = new long[cols];
    this.scratch = new long[cols];
    this.anchor = new long[cols];
    this.readyLengths = shape.readyLengths;
    int n = readyLengths.length;
    this.starts = new long[n * (cols + 2)];
    this.steadyTier = new int[n];
    this.block = new long[cols + 3];
    for (int j = 0; j < n; j++) {
      steadyTier[j] = steadyTier(readyLengths[j]);
    }
    reset(originMillis);
    computeReady(false);
  }

  /**
   * The immutable part of rings: the base interval, each tier's resolution, capacity and checkpoint
   * mask, and the lengths of the ready windows. Built once per SLO definition and shared by the rings
   * of all its groups; nothing ever writes into its arrays.
   */
  static final class Shape {
    final long base;
    final long[] resolution;
    final int[] capacity;
    /** Per tier: the mask of a row's position in the checkpoint ring (see {@link Rings#CK_POS}). */
    final int[] ckPos;
    final long[] readyLengths;

    /** As the arguments of {@link Rings#Rings(long, long[], long[], int, long, long[])}. */
    Shape(long baseMillis, long[] resolutionMillis, long[] spanMillis, long[] readyMillis) {
      this.base = baseMillis;
      this.resolution = resolutionMillis.clone();
      this.capacity = new int[resolution.length];
      this.ckPos = new int[resolution.length];
      for (int k = 0; k < resolution.length; k++) {
        // +1: a span of n slots needs the row at its start too; +1: floor rounding reaches one further
        capacity[k] = Math.toIntExact(spanMillis[k] / resolution[k] + 2);
        int nb = Integer.highestOneBit((capacity[k] + 63 + 63) / 64 * 2 - 1);
        ckPos[k] = (nb << 6) - 1;
      }
      this.readyLengths = readyMillis.clone();
    }
  }

  /**
   * The tier that serves a window of {@code length} at every regular boundary once the finer tiers
   * are full (see the class comment), or -1 when there is none.
   */
  private int steadyTier(long length) {
    for (int k = 0; k < resolution.length; k++) {
      if (length <= (capacity[k] - 2L) * resolution[k]) {
        return k;
      }
      if (length < capacity[k] * resolution[k]) {
        return -1; // the tier may or may not hold the start, depending on the boundary
      }
    }
    return -1;
  }

  private void reset(long originMillis) {
    origin = originMillis;
    asOf = originMillis;
    Arrays.fill(current, 0);
    for (int k = 0; k < resolution.length; k++) {
      Arrays.fill(store[k], null);
      hot[T * k + COUNT] = 0;
      hot[T * k + NEWEST] = Long.MIN_VALUE;
      hot[T * k + WRITTEN] = Long.MIN_VALUE;
      if (Math.floorMod(originMillis, resolution[k]) == 0) {
        append(k, originMillis, current);
      }
    }
    lastChange = originMillis;
    runStart = originMillis;
    runEnd = originMillis;
  }

  private long newest(int k) {
    return hot[T * k + NEWEST];
  }

  private int count(int k) {
    return (int) hot[T * k + COUNT];
  }

  private long newestN(int k) {
    return hot[T * k + NEWEST_N];
  }

  private int newestIdx(int k) {
    return (int) hot[T * k + NEWEST_IDX];
  }

  /**
   * Reads, without a lock, what a regular boundary {@code a} will touch (the tick state, the newest
   * row, the lock word, and the ring rows that the ready windows moving at {@code a} start from), so
   * that the ticker can load that of many rings at once before it closes their boundaries one by
   * one. The value means nothing. Racing a restore it may read anything, so every index is checked
   * and nothing is written.
   */
  long warmUp(long a) {
    long[] h = hot;
    long v = h[0] + h[T] + h[h.length - 1] + current[0] + (lock.isWriteLocked() ? 1 : 0);
    if (a < nextMove || a - asOf != base) {
      return v;
    }
    for (int m = moves; m + 2 < h.length; m += 3) {
      long where = h[m + 1];
      int k = (int) (where >> 32);
      if (k < 0 || k >= resolution.length || a < h[m] || h[m] - h[m + 2] >= lastChange) {
        continue; // the window does not move at a, or its new start reads as current
      }
      if (sameRows(h[m] - h[m + 2] - resolution[k], h[m] - h[m + 2])) {
        continue; // its start stays on equal rows: nothing is read
      }
      int row = (int) where + 1;
      if (row >= 0 && row <= capacity[k]) {
        row = row == capacity[k] ? 0 : row;
        int ci = ckSlotOf(k, row);
        for (int c = 0; c < cols; c++) {
          v += stored(k, c, row, ci);
        }
      }
    }
    return v;
  }

  /** The boundary of the newest row. */
  public long asOf() {
    long stamp = lock.tryOptimisticRead();
    long a = seen();
    return lock.validate(stamp) ? a : readLocked(this::seen);
  }

  /**
   * The boundary readers see: {@code asOf}, or for attached rings the clock's boundary when it is
   * later (the registry skipped them at the quiet boundaries up to it).
   */
  private long seen() {
    Clock c = clock;
    long a = asOf;
    return c == null ? a : Math.max(a, c.boundary);
  }

  /**
   * Connects these rings to the registry clock {@code c} (see the class comment, "Coasting"), or
   * disconnects them ({@code null}) after catching them up to the boundary readers see.
   */
  void attach(Clock c) {
    long stamp = lock.writeLock();
    try {
      catchUpTo(seen());
      clock = c;
      computeReady(false); // young windows are marked only while attached
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /** The clock these rings are attached to, or null. */
  Clock clock() {
    long stamp = lock.readLock();
    try {
      return clock;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * The first boundary after the last closed one at which these rings must be advanced even when
   * quiet ({@code Long.MIN_VALUE} when not attached: always); for the writer, which reads what it
   * wrote.
   */
  long coastUntil() {
    return clock == null ? Long.MIN_VALUE : computeCoastUntil();
  }

  /** Under the write lock: {@code coastUntil} for the state as of {@code asOf}. */
  private long computeCoastUntil() {
    long next = asOf + base;
    long[] h = hot;
    if (clock == null) {
      return next;
    }
    for (int o = 0; o < moves; o += T) {
      if (h[o + COUNT] == 0 || next > h[o + NEWEST] + h[o + RES]) {
        return next; // not regular: the next boundary appends a run
      }
    }
    long w = Long.MAX_VALUE;
    for (int m = moves; m + 2 < h.length; m += 3) {
      int k = (int) (h[m + 1] >> 32);
      int j = (m - moves) / 3;
      if (k < 0 && (youngMask >>> j & 1) != 0) {
        // zeros until the first boundary b with floor((b − L) / R_0) · R_0 > origin
        long r = h[RES];
        long t = Math.floorDiv(origin, r) * r + r + h[m + 2];
        w = Math.min(w, -Math.floorDiv(-t, base) * base);
        continue;
      }
      if (k < 0) {
        return next; // placed by the general read at every boundary
      }
      long at = h[m];
      long r = h[T * k + RES];
      long from = at - h[m + 2] - r;
      if (from >= lastChange) {
        continue; // its start reads current and moves on rows equal to it
      }
      if (from >= runStart && from + r < runEnd) {
        // it moves within the run before the last change: it may change first at the move whose new
        // start reaches the run's end
        long over = runEnd - (from + r);
        at += -Math.floorDiv(-over, r) * r;
      }
      w = Math.min(w, at); // the first move that may take its start onto a row with other values
    }
    return Math.max(next, w);
  }

  /**
   * Under the write lock: the state after the quiet boundaries up to {@code b} (see the class
   * comment, "Coasting"), in closed form when they are regular and change no start, else one by one.
   */
  private void catchUpTo(long b) {
    if (b <= asOf) {
      return;
    }
    long[] h = hot;
    long until = computeCoastUntil();
    boolean closedForm = clock != null && b < until && until > asOf + base;
    if (!closedForm) {
      for (long t = asOf + base; t <= b; t += base) {
        advanceLocked(t, current, periodStart); // equal data: quiet boundaries
      }
      return;
    }
    for (int o = 0; o < moves; o += T) {
      long r = h[o + RES];
      long d = (Math.floorDiv(b, r) * r - h[o + NEWEST]) / r;
      if (d > 0) {
        h[o + NEWEST] += d * r;
        h[o + NEWEST_N] += d;
        h[o + NEWEST_IDX] = Math.floorMod(h[o + NEWEST_IDX] + d, h[o + CAP]);
        h[o + COUNT] = Math.min(h[o + CAP], h[o + COUNT] + d);
      }
    }
    long next = Long.MAX_VALUE;
    for (int m = moves; m + 2 < h.length; m += 3) {
      long at = h[m];
      long where = h[m + 1];
      int k = (int) (where >> 32);
      if (k < 0) {
        continue; // young: its start stays at the origin (b < until)
      }
      if (at <= b) {
        long r = h[T * k + RES];
        long steps = (b - at) / r + 1; // the moves it passed; none changed its start (b < until)
        at += steps * r;
        h[m] = at;
        h[m + 1] = ((long) k << 32) | Math.floorMod((int) where + steps, h[T * k + CAP]);
      }
      next = Math.min(next, at);
    }
    nextMove = nextMove == Long.MIN_VALUE ? Long.MIN_VALUE : next;
    asOf = b;
  }

  /** A read's first step: catches coasting rings up to the boundary readers see, under the write lock. */
  private void catchUpForRead() {
    long stamp = lock.tryOptimisticRead();
    if (stamp != 0 && (clock == null || seen() == asOf) && lock.validate(stamp)) {
      return;
    }
    stamp = lock.writeLock();
    try {
      catchUpTo(seen());
    } finally {
      lock.unlockWrite(stamp);
    }
  }


  /** The boundary before which all counters were zero. */
  public long origin() {
    long stamp = lock.tryOptimisticRead();
    long o = origin;
    return lock.validate(stamp) ? o : readLocked(() -> origin);
  }

  private long readLocked(java.util.function.LongSupplier s) {
    long stamp = lock.readLock();
    try {
      return s.getAsLong();
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * Copies the first {@code out.length} counters of the newest row into {@code out}; for the writer
   * (the ticker), which reads what it wrote without a lock.
   */
  public void copyCurrent(long[] out) {
    System.arraycopy(current, 0, out, 0, out.length);
  }

  /** Counters per row, the gap counter included (it is the last). */
  public int cols() {
    return cols;
  }

  /**
   * Closes the boundary {@code a} (a multiple of the base interval after {@link #asOf()}) with the
   * cumulative {@code data}. Boundaries skipped between the previous one and {@code a} are gaps:
   * they get rows carrying the previous values, and each adds one to the gap counter.
   *
   * @return the number of skipped boundaries
   */
  public long advance(long a, long[] data) {
    return advance(a, data, periodStart);
  }

  /**
   * Fills {@code dst} with the row of boundary {@code t} of an advance from {@code prev} to {@code
   * a} ({@code prev <= t <= a}): the new {@code data} at {@code a}; before it, the values carried
   * from {@code prev} (nothing was observed in between), with each boundary up to {@code t} counted
   * as a gap. Called under the write lock.
   */
  private void boundaryRow(long[] dst, long t, long a, long prev, long[] data, long gapsBefore, long missed) {
    if (t == a) {
      System.arraycopy(data, 0, dst, 0, cols - 1);
      dst[cols - 1] = gapsBefore + missed;
    } else {
      System.arraycopy(current, 0, dst, 0, cols - 1);
      dst[cols - 1] = gapsBefore + (t - prev) / base;
    }
  }

  /**
   * As {@link #advance(long, long[])}, and {@code periodStart} is the start of the calendar period
   * that the interval closing at {@code a} belongs to ({@link #NO_PERIOD} for none). When it
   * changes, the period anchor moves to the first boundary at or after it, in the same write.
   *
   * @return the number of skipped boundaries
   */
  public long advance(long a, long[] data, long periodStart) {
    long stamp = lock.writeLock();
    try {
      Clock c = clock;
      if (c != null) {
        catchUpTo(Math.min(c.boundary, a - base)); // the registry skipped these boundaries: quiet
      }
      return advanceLocked(a, data, periodStart);
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /** {@link #advance(long, long[], long)} under the write lock, without the catch-up. */
  private long advanceLocked(long a, long[] data, long periodStart) {
    { // (a block, so the lines below keep the indentation they had inside advance's try)
      long prev = asOf;
      if (a - prev == base && periodStart == this.periodStart && advanceRegular(a, data)) {
        return 0;
      }
      materializeAll();
      long missed = (a - prev) / base - 1;
      long gapsBefore = current[cols - 1];
      long s = firstBoundaryAtOrAfter(periodStart);
      boolean newPeriod = periodStart != this.periodStart && periodStart != NO_PERIOD;
      if (newPeriod && s >= prev) {
        // the anchor is a boundary of this advance: the carried values, or the new data at a
        boundaryRow(anchor, s, a, prev, data, gapsBefore, missed);
        anchorAt = s;
      }
      long[] row = scratch;
      for (int k = 0; k < resolution.length; k++) {
        long r = resolution[k];
        long first = Math.floorDiv(prev, r) * r + r;
        long earliestKept = Math.floorDiv(a, r) * r - (capacity[k] - 1) * r;
        for (long t = Math.max(first, earliestKept); t <= a; t += r) {
          boundaryRow(row, t, a, prev, data, gapsBefore, missed);
          append(k, t, row);
        }
      }
      System.arraycopy(data, 0, current, 0, cols - 1);
      current[cols - 1] = gapsBefore + missed;
      changedAt(a, prev);
      asOf = a;
      this.periodStart = periodStart;
      if (newPeriod && s < prev) {
        anchorFromRows(); // a period that started before the last boundary: only after a restore
      }
      computeReady(missed == 0);
      return missed;
    }
  }

  /**
   * Under the write lock: the advance to the next boundary {@code a} (nothing skipped, the period
   * unchanged) without a division: a tier gets the row when {@code a} is one slot after its newest
   * (every tier's newest row is the last multiple of its resolution at or before {@code asOf}).
   * Returns false, having changed nothing, when a tier has no row yet (or its newest is not that).
   */
  private boolean advanceRegular(long a, long[] data) {
    long[] h = hot;
    for (int o = 0; o < moves; o += T) {
      if (h[o + COUNT] == 0 || a > h[o + NEWEST] + h[o + RES]) {
        return false;
      }
    }
    int dataCols = cols - 1;
    boolean quiet = true;
    for (int c = 0; c < dataCols; c++) {
      if (data[c] != current[c]) {
        quiet = false;
        break;
      }
    }
    if (!quiet) {
      // the virtual rows of every tier hold the current values, which change now: write them first
      for (int k = 0, o = 0; o < moves; k++, o += T) {
        if (h[o + WRITTEN] != h[o + NEWEST]) {
          materialize(k);
        }
      }
    }
    long gaps = current[dataCols];
    for (int k = 0, o = 0; o < moves; k++, o += T) {
      if (a == h[o + NEWEST] + h[o + RES]) {
        int i = (int) h[o + NEWEST_IDX] + 1;
        i = i == h[o + CAP] ? 0 : i;
        long n = h[o + NEWEST_N] + 1;
        if (!quiet) {
          int ci = (int) n & (int) h[o + CK_POS];
          boolean newBlock = (n & 63) == 0;
          put(k, 0, i, ci, newBlock, data[0]);
          for (int c = 1; c < dataCols; c++) {
            put(k, c, i, ci, newBlock, data[c] - data[0]);
          }
          put(k, dataCols, i, ci, newBlock, gaps);
          h[o + WRITTEN] = a;
        } // quiet: the row equals the newest and stays virtual (read as current)
        h[o + NEWEST] = a;
        h[o + NEWEST_N] = n;
        h[o + NEWEST_IDX] = i;
        if (h[o + COUNT] < h[o + CAP]) {
          h[o + COUNT]++;
        }
      }
    }
    if (!quiet) {
      System.arraycopy(data, 0, current, 0, dataCols);
      changedAt(a, asOf);
    }
    asOf = a;
    if (a >= nextMove) {
      computeReady(true);
    }
    return true;
  }

  /**
   * Under the write lock: writes the virtual rows of tier {@code k} (those after its newest written
   * row, up to its newest, all equal to {@code current}), the oldest first, so that the tier holds
   * every row physically again. Rows that have left the ring are skipped; the first written row then
   * starts a run of its own (its block's checkpoint is set by it).
   */
  private void materialize(int k) {
    int o = T * k;
    long r = hot[o + RES];
    long nw = hot[o + NEWEST];
    long w = hot[o + WRITTEN];
    if (hot[o + COUNT] == 0 || w == nw) {
      hot[o + WRITTEN] = nw;
      return;
    }
    long oldest = nw - (hot[o + COUNT] - 1) * r;
    long from = w == Long.MIN_VALUE || w < oldest ? oldest : w + r;
    for (long t = from; t <= nw; t += r) {
      writeRow(k, index(k, t), Math.floorDiv(t, r), current, 0, t == from && from != w + r);
    }
    hot[o + WRITTEN] = nw;
  }

  /** Under the write lock: {@link #materialize(int)} for every tier. */
  private void materializeAll() {
    for (int k = 0; k < resolution.length; k++) {
      materialize(k);
    }
  }

  private void append(int k, long t, long[] row) {
    int o = T * k;
    int i = index(k, t);
    hot[o + NEWEST_IDX] = i;
    boolean runStart = newest(k) == Long.MIN_VALUE || t != newest(k) + resolution[k];
    writeRow(k, i, Math.floorDiv(t, resolution[k]), row, 0, runStart);
    if (runStart) {
      hot[o + COUNT] = 0; // not contiguous (a jump beyond the span): start over
    }
    hot[o + NEWEST] = t;
    hot[o + WRITTEN] = t;
    hot[o + NEWEST_N] = Math.floorDiv(t, resolution[k]);
    hot[o + COUNT] = Math.min(capacity[k], count(k) + 1);
  }

  /**
   * Under the write lock: stores {@code src[off..off + cols)} as the row {@code n} (unwrapped) at
   * slot {@code i}; {@code runStart}: the row does not follow the tier's newest (the first row, a
   * jump beyond the span, a restore), so it starts a block of its own.
   */
  private void writeRow(int k, int i, long n, long[] src, int off, boolean runStart) {
    int ci = ckSlot(k, n);
    boolean newBlock = runStart || (n & 63) == 0;
    put(k, 0, i, ci, newBlock, src[off]);
    for (int c = 1; c < cols - 1; c++) {
      put(k, c, i, ci, newBlock, src[off + c] - src[off]);
    }
    put(k, cols - 1, i, ci, newBlock, src[off + cols - 1]);
  }

  /**
   * Under the write lock: stores {@code v} in column {@code c} of tier {@code k} at slot {@code i}.
   * A data column after the first is stored as its difference from the first ({@code v − row[0]}):
   * the recorder's first column is the total and the next ones the good events per target, so for a
   * healthy group they are zero and cost nothing.
   */
  private void put(int k, int c, int i, int ci, boolean newBlock, long v) {
    Col h = store[k][c];
    if (h == null) {
      if (v == 0) {
        return; // every checkpoint of an absent column is zero
      }
      int blocks = ((int) hot[T * k + CK_POS] + 1) >>> 6;
      int step = c == cols - 1 ? gapStep(k) : 0;
      h = new Col(step > 0 ? Col.ZERO : Col.NARROWEST, capacity[k], blocks, step);
      store[k][c] = h;
    }
    long d = h.deviation(i, ci, newBlock, v, capacity[k]);
    if (!h.fits(d)) {
      h = h.widen(d, capacity[k]);
      store[k][c] = h;
    }
    h.set(i, d);
  }

  /**
   * The rise of the gap count from one row of tier {@code k} to the next within a gap run, {@code
   * R_k / base}, which its gap column's ramps follow; 0 (the plain encoding) when that is not an
   * integer below {@link Col#MAX_STEP}. Computed when the column is created, not held.
   */
  private int gapStep(int k) {
    long step = resolution[k] / base;
    return resolution[k] % base == 0 && step < Col.MAX_STEP ? (int) step : 0;
  }

  /**
   * The position of unwrapped row {@code n} of tier {@code k} in the checkpoint ring: its checkpoint
   * slot times 64 plus its offset in its block (see {@link #CK_POS}).
   */
  private int ckSlot(int k, long n) {
    return (int) n & (int) hot[T * k + CK_POS];
  }

  /**
   * The position in the checkpoint ring ({@link #ckSlot}) of the row held at slot {@code i} of tier
   * {@code k}: its unwrapped index is {@code newestN − ((newestIdx − i) mod capacity)}. Always in
   * range, even on a torn read.
   */
  private int ckSlotOf(int k, int i) {
    int d = newestIdx(k) - i;
    if (d < 0) {
      d += capacity[k];
    }
    return ckSlot(k, newestN(k) - d);
  }

  /** Column {@code c} of the row at slot {@code i} of tier {@code k} at checkpoint position {@code ci}. */
  private long cell(int k, int c, int i, int ci) {
    long v = stored(k, c, i, ci);
    return c == 0 || c == cols - 1 ? v : v + stored(k, 0, i, ci);
  }

  private long stored(int k, int c, int i, int ci) {
    Col h = store[k][c];
    return h == null ? 0 : h.get(i, ci);
  }

  /**
   * Whether the row of boundary {@code t} held by tier {@code k} equals {@code current}: it is at or
   * after the last change, or virtual (after the newest row written; those are all after the last
   * change too, the second test only keeps a torn read in range).
   */
  private boolean isCurrent(int k, long t) {
    return t >= lastChange || t > hot[T * k + WRITTEN];
  }

  /**
   * Under the write lock: the row of boundary {@code a} changes, the newest row before it being that
   * of {@code prev}: the rows from the last change up to {@code prev} (all equal to the old {@code
   * current}) become the run before the change.
   */
  private void changedAt(long a, long prev) {
    runStart = lastChange;
    runEnd = prev + base;
    lastChange = a;
  }

  /**
   * Whether a window's start moving from the row of {@code from} to that of {@code to} keeps its
   * values: both rows lie after the last change, or both in the run before it.
   */
  private boolean sameRows(long from, long to) {
    return from >= lastChange || (from >= runStart && to < runEnd);
  }

  /** Copies the row of boundary {@code t} of tier {@code k}, which holds it, into {@code dst[off..off + cols)}. */
  private void copyRowAt(int k, long t, long[] dst, int off) {
    if (isCurrent(k, t)) {
      System.arraycopy(current, 0, dst, off, cols);
    } else {
      copyRow(k, index(k, t), dst, off);
    }
  }

  /** Copies the row at slot {@code i} of tier {@code k} into {@code dst[off..off + cols)}. */
  private void copyRow(int k, int i, long[] dst, int off) {
    int ci = ckSlotOf(k, i);
    for (int c = 0; c < cols; c++) {
      dst[off + c] = cell(k, c, i, ci);
    }
  }

  private int index(int k, long t) {
    return (int) Math.floorMod(Math.floorDiv(t, resolution[k]), (long) capacity[k]);
  }

  /** {@code ceil(t / base) · base}; {@link #NO_PERIOD} stays. */
  private long firstBoundaryAtOrAfter(long t) {
    return t == NO_PERIOD ? NO_PERIOD : -Math.floorDiv(-t, base) * base;
  }

  /**
   * Sets the calendar period whose window {@link #readPeriod} and {@link #readAll} answer: the
   * interval closing at {@link #asOf()} belongs to it. The anchor is read from the rows held (see
   * {@link #anchorFromRows()}). Called when the owner is built; the ticker moves the period on with
   * {@link #advance(long, long[], long)}.
   */
  public void period(long periodStart) {
    long stamp = lock.writeLock();
    try {
      catchUpTo(seen());
      this.periodStart = periodStart;
      anchorFromRows();
      computeReady(false);
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /**
   * Under the write lock: the anchor at {@code s}, the first boundary at or after the period start,
   * from the rows held. Exact when {@code s} is at or before the origin (zeros), the newest
   * boundary or a row some tier holds; otherwise (only after {@link #replace}, a restored history
   * whose period started more than a day earlier at a time that is not a whole hour of UTC) the
   * nearest row after {@code s}, so a period window may start late, never early.
   */
  private void anchorFromRows() {
    if (periodStart == NO_PERIOD) {
      anchorAt = NO_PERIOD;
      return;
    }
    long s = firstBoundaryAtOrAfter(periodStart);
    if (s <= origin) {
      anchorAt = origin;
      Arrays.fill(anchor, 0);
      return;
    }
    long best = asOf;
    int bestTier = -1;
    for (int k = 0; k < resolution.length; k++) {
      if (count(k) == 0) {
        continue;
      }
      long r = resolution[k];
      long t = -Math.floorDiv(-s, r) * r;
      long oldest = newest(k) - (long) (count(k) - 1) * r;
      if (t >= oldest && t <= newest(k) && t < best) {
        best = t;
        bestTier = k;
      }
    }
    anchorAt = best;
    if (bestTier < 0) {
      System.arraycopy(current, 0, anchor, 0, cols);
    } else {
      copyRowAt(bestTier, best, anchor, 0);
    }
  }

  /**
   * Reads the window of {@code lengthMillis} ending at {@link #asOf()} into {@code out}: {@code
   * out[0..cols)} the counter differences (the last is the gap intervals), {@code out[cols]} the
   * covered milliseconds and {@code out[cols + 1]} the window's end. Allocates nothing.
   */
  public void read(long lengthMillis, long[] out) {
    catchUpForRead();
    long stamp = lock.tryOptimisticRead();
    if (stamp != 0) {
      readUnlocked(lengthMillis, out, 0);
      if (lock.validate(stamp)) {
        return;
      }
    }
    stamp = lock.readLock();
    try {
      readUnlocked(lengthMillis, out, 0);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Longs per window written by {@link #readAll}: the counters, covered, end and length. */
  public int blockLength() {
    return cols + 3;
  }

  /**
   * Reads several windows as of one and the same boundary (one optimistic stamp for all, so a tick
   * cannot fall between two of them). Window {@code j} fills {@code out[j·b .. (j+1)·b)} with {@code
   * b = }{@link #blockLength()}: as {@link #read}, then the length actually read. With a calendar
   * {@linkplain #period(long) period} the last window is the period's, as {@link #readPeriod} reads
   * it. Allocates nothing.
   */
  public void readAll(long[] lengths, long[] out) {
    catchUpForRead();
    long stamp = lock.tryOptimisticRead();
    if (stamp != 0) {
      readAllUnlocked(lengths, out);
      if (lock.validate(stamp)) {
        return;
      }
    }
    stamp = lock.readLock();
    try {
      readAllUnlocked(lengths, out);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private void readAllUnlocked(long[] lengths, long[] out) {
    int b = cols + 3;
    for (int j = 0; j < lengths.length; j++) {
      if (j == lengths.length - 1 && periodStart != NO_PERIOD) {
        readPeriodUnlocked(out, j * b);
      } else {
        readUnlocked(lengths[j], out, j * b);
        out[j * b + cols + 2] = lengths[j];
      }
    }
  }

  /**
   * Reads the window of the calendar {@linkplain #period(long) period} into {@code out} (a block
   * of {@link #blockLength()}): the counter differences of the intervals closing in {@code (s,
   * asOf]} where {@code s} is the anchor, the covered milliseconds {@code asOf − max(s, origin)},
   * the end {@code asOf} and the length {@code asOf − periodStart}. Allocates nothing.
   *
   * @throws IllegalStateException when the rings have no calendar period
   */
  public void readPeriod(long[] out) {
    catchUpForRead();
    long stamp = lock.tryOptimisticRead();
    if (stamp != 0) {
      readPeriodUnlocked(out, 0);
      if (lock.validate(stamp)) {
        return;
      }
    }
    stamp = lock.readLock();
    try {
      readPeriodUnlocked(out, 0);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  private void readPeriodUnlocked(long[] out, int off) {
    long p = periodStart;
    if (p == NO_PERIOD) {
      throw new IllegalStateException("rings: no calendar period (expected one set by period(start))");
    }
    long a = asOf;
    long from = anchorAt;
    for (int c = 0; c < cols; c++) {
      out[off + c] = current[c] - anchor[c];
    }
    out[off + cols] = Math.max(0, a - from);
    out[off + cols + 1] = a;
    out[off + cols + 2] = a - p;
  }

  /** Reads a window into {@code out[off..]}; returns the tier whose row it started from, or -1. */
  private int readUnlocked(long length, long[] out, int off) {
    long a = asOf;
    long o = origin;
    long want = a - length;
    out[off + cols + 1] = a;
    if (want < o) {
      System.arraycopy(current, 0, out, off, cols);
      out[off + cols] = Math.max(0, a - o);
      return -1;
    }
    for (int k = 0; k < resolution.length; k++) {
      long r = resolution[k];
      long s = Math.floorDiv(want, r) * r;
      if (s <= o) {
        System.arraycopy(current, 0, out, off, cols);
        out[off + cols] = length;
        return -1;
      }
      long oldest = newest(k) - (long) (count(k) - 1) * r;
      if (count(k) > 0 && s >= oldest && s <= newest(k)) {
        if (isCurrent(k, s)) {
          Arrays.fill(out, off, off + cols, 0);
          out[off + cols] = length;
          return k;
        }
        int i = index(k, s);
        int ci = ckSlot(k, Math.floorDiv(s, r));
        for (int c = 0; c < cols; c++) {
          out[off + c] = current[c] - cell(k, c, i, ci);
        }
        out[off + cols] = length;
        return k;
      }
    }
    // Longer than any tier holds (only after a restore of a shorter history): the oldest we have.
    int k = resolution.length - 1;
    long oldest = newest(k) - (long) (count(k) - 1) * resolution[k];
    if (isCurrent(k, oldest)) {
      Arrays.fill(out, off, off + cols, 0);
    } else {
      int i = index(k, oldest);
      int ci = ckSlotOf(k, i);
      for (int c = 0; c < cols; c++) {
        out[off + c] = current[c] - cell(k, c, i, ci);
      }
    }
    out[off + cols] = Math.max(0, Math.min(length, a - oldest));
    return -1;
  }

  /**
   * Under the write lock: the start of every ready window as of {@link #asOf()}, as the general read
   * chooses it. {@code regular}: the only change since the last call is one appended boundary, the
   * next after the previous one (see the class comment for why moving a start by at most one slot
   * is then exact).
   */
  private void computeReady(boolean regular) {
    long[] h = hot;
    int n = (h.length - moves) / 3; // not readyLengths.length: a line the regular tick need not load
    int w = cols + 2;
    long a = asOf;
    int full = 0;
    while (full < resolution.length && h[T * full + COUNT] == h[T * full + CAP]) {
      full++;
    }
    long next = Long.MAX_VALUE;
    for (int j = 0; j < n; j++) {
      int m = moves + 3 * j;
      long where = h[m + 1];
      int k = (int) (where >> 32);
      if (regular && k >= 0 && full >= k) {
        long at = h[m];
        if (a >= at) {
          // the start moves from s = at − r − L to s + r = at − L
          int row = (int) where + 1;
          row = row == h[T * k + CAP] ? 0 : row;
          long r = h[T * k + RES];
          long s = at - h[m + 2];
          h[m] = at + r;
          h[m + 1] = ((long) k << 32) | row;
          if (sameRows(s - r, s)) {
            // the old start's row and the new one's are equal (both current, or both in the run
            // before the last change): the start's values stay
          } else if (s >= lastChange || s > h[T * k + WRITTEN]) {
            System.arraycopy(current, 0, starts, j * w, cols); // the row equals current: no ring read
          } else {
            copyRow(k, row, starts, j * w);
          }
          at += r;
        }
        next = Math.min(next, at);
        continue;
      }
      long length = readyLengths[j];
      if (j == n - 1 && periodStart != NO_PERIOD) {
        readPeriodUnlocked(block, 0);
        k = -1;
      } else {
        k = readUnlocked(length, block, 0);
        block[cols + 2] = length;
      }
      for (int c = 0; c < cols; c++) {
        starts[j * w + c] = current[c] - block[c];
      }
      starts[j * w + cols] = block[cols];
      starts[j * w + cols + 1] = block[cols + 2];
      if (j < 32) {
        boolean young =
            clock != null
                && k < 0
                && !(j == n - 1 && periodStart != NO_PERIOD)
                && Math.floorDiv(a - length, h[RES]) * h[RES] <= origin;
        youngMask = young ? youngMask | 1 << j : youngMask & ~(1 << j);
        if (young) {
          starts[j * w + cols] = -1; // derived by readReady from the boundary it reads at
        }
      }
      if (k >= 0 && k == steadyTier[j]) {
        long r = resolution[k];
        long s = Math.floorDiv(a - length, r) * r;
        h[moves + 3 * j] = s + r + length;
        h[moves + 3 * j + 1] = ((long) k << 32) | index(k, s);
        next = Math.min(next, k <= full ? s + r + length : Long.MIN_VALUE);
      } else {
        h[moves + 3 * j + 1] = -1L << 32;
        next = Long.MIN_VALUE;
      }
    }
    nextMove = next;
  }

  /** Longs per window written by {@link #readReady}: the start row, the covered time, the length. */
  public int readyStride() {
    return cols + 2;
  }

  /**
   * Copies, under one optimistic read, the ready windows' starts into {@code startsOut} (for the
   * lengths given at construction, {@link #readyStride()} longs each: the start row, the covered
   * time and the length read) and the newest row into {@code currentOut}: window {@code j}'s
   * counters are {@code currentOut[c] − startsOut[j · stride + c]}. Two array copies; allocates
   * nothing.
   *
   * @return the boundary they were read at
   */
  public long readReady(long[] startsOut, long[] currentOut) {
    long stamp = lock.tryOptimisticRead();
    if (stamp != 0) {
      long a = seen(); // coasting: the starts and current are those of every boundary up to it
      System.arraycopy(starts, 0, startsOut, 0, starts.length);
      System.arraycopy(current, 0, currentOut, 0, cols);
      int young = youngMask;
      long o = origin;
      if (lock.validate(stamp)) {
        if (young != 0) {
          coverYoung(startsOut, young, a - o);
        }
        return a;
      }
    }
    stamp = lock.readLock();
    try {
      System.arraycopy(starts, 0, startsOut, 0, starts.length);
      System.arraycopy(current, 0, currentOut, 0, cols);
      long a = seen();
      if (youngMask != 0) {
        coverYoung(startsOut, youngMask, a - origin);
      }
      return a;
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /** Sets the covered time of the young windows in {@code startsOut}: {@code min(length, age)}. */
  private void coverYoung(long[] startsOut, int young, long age) {
    int w = cols + 2;
    for (int m = young; m != 0; m &= m - 1) {
      int j = Integer.numberOfTrailingZeros(m);
      if ((j + 1) * w <= startsOut.length) {
        startsOut[j * w + cols] = Math.min(startsOut[j * w + cols + 1], age);
      }
    }
  }

  /** The resolution of the tier that answers a window of {@code lengthMillis} now. */
  public long servingResolution(long lengthMillis) {
    catchUpForRead();
    long stamp = lock.readLock();
    try {
      long want = asOf - lengthMillis;
      for (int k = 0; k < resolution.length; k++) {
        long r = resolution[k];
        long s = Math.floorDiv(want, r) * r;
        long oldest = newest(k) - (long) (count(k) - 1) * r;
        if (s <= origin || (count(k) > 0 && s >= oldest)) {
          return r;
        }
      }
      return resolution[resolution.length - 1];
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * A consistent copy of everything the rings hold, read under the read lock (for export).
   * Allocates.
   */
  public RingState capture() {
    catchUpForRead();
    long stamp = lock.readLock();
    try {
      long[][] copy = new long[resolution.length][];
      for (int k = 0; k < resolution.length; k++) {
        int n = count(k);
        copy[k] = new long[n * cols];
        long oldest = newest(k) - (long) (n - 1) * resolution[k];
        for (int i = 0; i < n; i++) {
          copyRowAt(k, oldest + i * resolution[k], copy[k], i * cols);
        }
      }
      return new RingState(
          base,
          resolution.clone(),
          capacity.clone(),
          cols,
          origin,
          asOf,
          current.clone(),
          tierNewest(),
          tierCounts(),
          copy);
    } finally {
      lock.unlockRead(stamp);
    }
  }

  /**
   * Replaces everything the rings hold with {@code state}, under the write lock: readers see the
   * rings before or after, never a mix. The caller (the recorder, holding off its ticker) makes sure
   * {@code state.asOf()} is this rings' asOf, so the ticker's next boundary follows on.
   *
   * @throws IllegalArgumentException when the state has another shape (base, tiers or columns)
   */
  public void replace(RingState state) {
    if (!sameShape(state)) {
      throw new IllegalArgumentException("state: another shape (expected the rings' own)");
    }
    long stamp = lock.writeLock();
    try {
      catchUpTo(seen());
      for (int k = 0; k < resolution.length; k++) {
        int n = state.count[k];
        long oldest = state.newest[k] - (long) (n - 1) * resolution[k];
        Arrays.fill(store[k], null);
          for (int i = 0; i < n; i++) {
          long t = oldest + i * resolution[k];
          writeRow(k, index(k, t), Math.floorDiv(t, resolution[k]), state.rows[k], i * cols, i == 0);
        }
        hot[T * k + NEWEST] = state.newest[k];
        hot[T * k + WRITTEN] = state.newest[k];
        hot[T * k + NEWEST_N] = Math.floorDiv(state.newest[k], resolution[k]);
        hot[T * k + NEWEST_IDX] = n > 0 ? index(k, state.newest[k]) : 0;
        hot[T * k + COUNT] = n;
      }
      System.arraycopy(state.current, 0, current, 0, cols);
      origin = state.origin;
      asOf = state.asOf;
      lastChange = asOf + base; // no row is known to equal current: the next boundary's may
      runStart = lastChange;
      runEnd = lastChange;
      anchorFromRows();
      computeReady(false);
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  private long[] tierNewest() {
    long[] out = new long[resolution.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = newest(k);
    }
    return out;
  }

  private int[] tierCounts() {
    int[] out = new int[resolution.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = count(k);
    }
    return out;
  }

  /** Whether {@code state} has these rings' base interval, tiers and columns. */
  public boolean sameShape(RingState state) {
    return state.base == base
        && state.cols == cols
        && Arrays.equals(state.resolution, resolution)
        && Arrays.equals(state.capacity, capacity);
  }

  /** The tiers as text, {@code 10s x 362, 2m x 722, 1h x 746}: resolution and capacity in rows. */
  public String tiersText() {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < resolution.length; k++) {
      b.append(k == 0 ? "" : ", ")
          .append(io.github.slo4j.internal.DurationFormat.format(java.time.Duration.ofMillis(resolution[k])))
          .append(" x ")
          .append(capacity[k]);
    }
    return b.toString();
  }

  /** Bytes held by the ring arrays (for footprint reports). */
  public long bytes() {
    long b = 0;
    for (int k = 0; k < resolution.length; k++) {
      b += 16L + 4L * cols;
      for (Col h : store[k]) {
        b += h == null ? 0 : h.bytes();
      }
    }
    return b;
  }

  /**
   * One column of one tier: each slot's delta from its block's checkpoint, in one width. The shape
   * (width, array, checkpoints, step) never changes; the writer replaces the whole object to widen,
   * so a reader never combines an array with another width.
   *
   * <p>Widths, in bits: 2 and 4 (packed, four or two slots per byte, unsigned: the deltas of a quiet
   * column, whose cumulative value rises by at most 3 or 15 within a block), then 8, 16, 32 and 64
   * (signed). A data column starts at 2 bits, a gap column at 0 (every deviation zero, no array but
   * one byte); a column widens to the narrowest width that holds the new delta, copying the deltas it
   * holds. A packed slot is written by rewriting its byte with the other slots'
   * bits unchanged (one writer), so a reader never sees a neighbour's bits change.
   *
   * <p>A slot is addressed with its position in the checkpoint ring, {@code ci = b · 64 + o}: its
   * block's checkpoint slot {@code b} and its offset {@code o = n & 63} in the block.
   *
   * <p><b>Gap columns: a ramp per block.</b> Within a gap run the gap count rises by exactly {@code
   * step = R_k / base} a row (12 in the 2-minute tier, 360 in the hourly one), so after a long gap
   * a block's deltas reach {@code 63 · step} and would need 16 bits a row. A gap column ({@code
   * step > 0}) therefore keeps, beside each checkpoint, one ramp: a start {@code p} and a height
   * {@code H}, and stores each row as its deviation from {@code checkpoint + rise(o)}, {@code rise(o)
   * = min(max(step · o − p, 0), H)}: flat, then one gap run rising by {@code step} a row, then flat
   * again. The writer sets the ramp from the rise {@code d} of the row it writes over the previous
   * one in the block: a block without a ramp ({@code H = 0}) starts one at a row with {@code 0 < d <=
   * step} ({@code p = step · o − d}, so {@code rise(o) = d} and every earlier row keeps {@code rise
   * = 0}), an open ramp ({@code H = OPEN}) ends at a row with {@code d < step} ({@code H = rise(o −
   * 1) + max(d, 0)}, which no earlier row reaches). Every rise thus follows the column's own rises
   * and no earlier row's reference ever changes, so a block holding one gap run (its start, its
   * partial first and last rows, the quiet rows after it) stores deviations of zero: no bits at all.
   * For a non-decreasing column {@code 0 <= rise <= value − checkpoint} (each step of the ramp is at
   * most the column's own), so a deviation is never wider than the plain delta. Anything else (a
   * second gap run in a block, a value that falls after a restore) is an ordinary deviation and
   * widens the column as a delta would. Reading costs one multiply-add and a clamp more; a data
   * column ({@code step == 0}) is stored and read exactly as before.
   */
  static final class Col {
    /** No bits: every slot holds 0 (a gap column whose blocks all follow their ramps). */
    static final int ZERO = 0;
    static final int TWO_BITS = 2;
    static final int NIBBLE = 4;
    static final int BYTE = 8;
    static final int SHORT = 16;
    static final int INT = 32;
    static final int LONG = 64;
    /** The width a new data column starts at (a gap column starts at {@link #ZERO}). */
    static final int NARROWEST = TWO_BITS;
    /** Steps from here on are not ramped: {@code 64 · step} and a ramp's start must fit an int. */
    static final int MAX_STEP = 1 << 24;
    /** The height of a ramp that is still rising. */
    static final int OPEN = Integer.MAX_VALUE;

    /** The width in bits. */
    final int width;
    /** The deltas when {@code width <= BYTE} (packed below a byte, slot {@code s} at bit {@code s · width}). */
    final byte[] b;
    final short[] h;
    final int[] i;
    final long[] l;
    /**
     * The checkpoints, shared by the wider copies: checkpoint slot {@code b} at {@code ck[b]}; in a
     * gap column ({@code step > 0}) at {@code ck[2b]}, and its ramp at {@code ck[2b + 1]} ({@code p
     * << 32 | H}, 0 for none).
     */
    final long[] ck;
    /**
     * The rise of a gap run per row that the ramps follow; 0 for the plain encoding. (The slots held,
     * the capacity, are not a field: the tier passes them, which keeps a column at 40 bytes.)
     */
    final int step;

    Col(int width, int capacity, int blocks) {
      this(width, capacity, blocks, 0);
    }

    Col(int width, int capacity, int blocks, int step) {
      this(width, capacity, new long[step > 0 ? 2 * blocks : blocks], step);
    }

    private Col(int width, int capacity, long[] ck, int step) {
      this.width = width;
      // ZERO: one byte that stays 0, read and written as a packed width whose mask is empty
      this.b = width <= BYTE ? new byte[Math.max(1, (capacity * width + 7) >>> 3)] : null;
      this.h = width == SHORT ? new short[capacity] : null;
      this.i = width == INT ? new int[capacity] : null;
      this.l = width == LONG ? new long[capacity] : null;
      this.ck = ck;
      this.step = step;
    }

    /** The value at {@code slot}, whose position in the checkpoint ring is {@code ci}. */
    long get(int slot, int ci) {
      if (step == 0) {
        return ck[ci >>> 6] + delta(slot);
      }
      int b = (ci >>> 6) << 1;
      return ck[b] + rise(ck[b + 1], ci & 63) + delta(slot);
    }

    /** The rise of {@code ramp} at offset {@code o} of its block. */
    private long rise(long ramp, int o) {
      return Math.min(Math.max((long) step * o - (ramp >> 32), 0), (int) ramp);
    }

    /**
     * Under the write lock: what to store at {@code slot} (position {@code ci}) of a column of {@code
     * capacity} slots for the value {@code v}: its delta from the checkpoint, or in a gap column its
     * deviation from the ramp. Sets the checkpoint when {@code newBlock} (the block's first row), and
     * a gap column's ramp as the class comment describes; otherwise the block's previous row is at
     * {@code slot − 1} (mod {@code capacity}).
     */
    long deviation(int slot, int ci, boolean newBlock, long v, int capacity) {
      int b = ci >>> 6;
      if (step == 0) {
        if (newBlock) {
          ck[b] = v;
        }
        return v - ck[b];
      }
      b <<= 1;
      int o = ci & 63;
      if (newBlock) {
        ck[b] = v;
        ck[b + 1] = 0;
        return 0;
      }
      long ramp = ck[b + 1];
      int height = (int) ramp;
      if (height == 0 || height == OPEN) {
        long d = v - get(slot == 0 ? capacity - 1 : slot - 1, ci - 1);
        if (height == 0 && d > 0 && d <= step) {
          ramp = (long) (step * o - (int) d) << 32 | OPEN; // a gap run starts: rise(o) = d
        } else if (height == OPEN && d < step) {
          long before = rise(ramp, o - 1); // the run ended: the rise stops at this row's
          ramp = (ramp & 0xFFFF_FFFF_0000_0000L) | (before + Math.max(d, 0));
        }
        ck[b + 1] = ramp;
      }
      return v - ck[b] - rise(ramp, o);
    }

    /** The delta held at {@code slot}. */
    long delta(int slot) {
      if (width == INT) {
        return i[slot];
      } else if (width == BYTE) {
        return b[slot];
      } else if (width < BYTE) {
        int bit = slot * width;
        return (b[bit >>> 3] >>> (bit & 7)) & ((1 << width) - 1);
      } else if (width == SHORT) {
        return h[slot];
      }
      return l[slot];
    }

    void set(int slot, long d) {
      if (width == INT) {
        i[slot] = (int) d;
      } else if (width == BYTE) {
        b[slot] = (byte) d;
      } else if (width < BYTE) {
        int bit = slot * width;
        int at = bit >>> 3;
        int mask = ((1 << width) - 1) << (bit & 7);
        b[at] = (byte) ((b[at] & ~mask) | (((int) d << (bit & 7)) & mask));
      } else if (width == SHORT) {
        h[slot] = (short) d;
      } else {
        l[slot] = d;
      }
    }

    boolean fits(long d) {
      return fits(width, d);
    }

    private static boolean fits(int width, long d) {
      switch (width) {
        case LONG:
          return true;
        case INT:
          return d == (int) d;
        case SHORT:
          return d == (short) d;
        case BYTE:
          return d == (byte) d;
        default:
          return d >>> width == 0;
      }
    }

    /**
     * A copy wide enough for {@code d} too (the narrowest such), holding the same deltas and
     * checkpoints in its {@code capacity} slots (this column's).
     */
    Col widen(long d, int capacity) {
      int w = width;
      do {
        w = w == ZERO ? TWO_BITS : w == TWO_BITS ? NIBBLE : w == NIBBLE ? BYTE : w == BYTE ? SHORT : w == SHORT ? INT : LONG;
      } while (!fits(w, d));
      Col wider = new Col(w, capacity, ck, step);
      for (int s = 0; s < capacity; s++) {
        wider.set(s, delta(s));
      }
      return wider;
    }

    long bytes() {
      long array = width <= BYTE ? b.length : width == SHORT ? 2L * h.length : width == INT ? 4L * i.length : 8L * l.length;
      return 24L + ((16L + array + 7) & ~7L) + 16L + 8L * ck.length;
    }
  }
}
