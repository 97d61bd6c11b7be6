package io.github.slo4j.recorder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Striped, padded, cumulative event counters: the whole of slo4j's record path. Thread-safe.
 *
 * <p>Implementation notes. The counters live in {@code long[]}s of blocks of {@code stride} longs,
 * each block starting on its own 128-byte boundary relative to the array base, with 128 bytes of
 * padding before the first block so the array header and neighbouring objects never share a line
 * with a counter. A block is an owner word followed by the stripe's counters. A writer does exactly
 * one {@code getAndAdd} on one counter of its stripe: no clock read, no allocation (but the one
 * growth below), no lock, no branch that can throw. Counters only grow; nobody ever resets them.
 *
 * <p>Stripes on demand. A new {@code Cells} holds one stripe ({@code first}): a quiet group
 * recorded from one thread never needs more (issue 10). The first time a thread would move away
 * from a stripe because it met another thread there twice (see below), it publishes, with one
 * compare-and-set, the array of all {@code stripes} ({@code more}), as {@code Striped64} grows its
 * cells on contention; the loser of a race to publish uses the winner's array. {@code more} is set
 * once and never replaced, and {@code first} is never dropped: a thread that read {@code more} as
 * null a moment before it was published still adds to {@code first}, and the reader sums both, so
 * the growth can neither lose nor double an event. The record path reads {@code more} plainly (so
 * the JIT may keep it in a register across a loop of adds): an array's length is final and its
 * elements start at zero for every thread, so a thread that sees the reference adds into a
 * well-formed array, and a stale null only sends the add to {@code first}; the slow path and the
 * reader read it with acquire. The owner word cannot tell threads taking turns
 * from threads racing, so a group recorded by two threads in turns also grows, after a few turns.
 *
 * <p>Choosing the stripe. A thread starts on the stripe given by the low bits of its id
 * (consecutive ids, as thread pools and JMH create them, land on distinct stripes). Two busy
 * threads whose ids collide under the mask would share a stripe, and bounce its cache line, for
 * their whole life; so a thread that meets another on its stripe moves, as {@code
 * java.util.concurrent.atomic.Striped64} does, to the stripe of the next value of a per-thread
 * xorshift probe, and remembers the probe for its later events. Meeting is seen through the
 * stripe's owner word, which holds the id of the thread that last arrived: before its add a thread
 * reads it (the same cache line as the first counters, which the add brings in anyway), and only
 * when it holds another id does the thread write anything besides its counter: it claims the word,
 * and the next time it finds another id there it moves. A thread alone on its stripe never writes the
 * owner word again, so the record path costs what a bare {@code getAndAdd} costs (Striped64's
 * compare-and-set, which detects only a race on the same counter, costs about 1 ns more per add
 * and misses two threads adding to different counters of one stripe, e.g. good and bad events).
 * The owner word and the probes are hints: they decide where an event is added, never whether, so
 * no interleaving of their racy reads and writes can lose or double an event.
 *
 * <p>Where a thread's probe is kept. Java 17 offers no per-thread field to a library (Striped64
 * uses {@code Thread.threadLocalRandomProbe}, which is private to {@code java.util.concurrent}),
 * and a {@code ThreadLocal} would allocate an entry on a thread's first event. The probes live
 * instead in {@link #HINTS}, one JVM-wide table of {@value #HINT_SLOTS} longs shared by every
 * {@code Cells} (a thread that moved away from a busy stripe of one recorder is on a fresh stripe
 * of all of them, as with Striped64). A slot is chosen by a multiplicative hash of the thread id
 * and holds the id's low 32 bits (a tag), the probe (31 bits) and a "met once" bit; a thread whose
 * tag is not in its slot uses its id as the probe (its home stripe). Slots are read and written
 * with plain accesses and without any coordination: a stale, overwritten or (on a JVM that splits
 * long writes) torn slot only makes a thread start from another stripe.
 *
 * <p>The single reader (the ticker) sums a counter across stripes with acquire reads. Each event
 * touches one counter once, so a sum read at any moment counts every event whose add happened
 * before the read of its stripe and none after: the difference of two sums attributes each event
 * to exactly one interval (the telescoping argument in DESIGN.md).
 */
final class Cells {
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle MORE;

  static {
    try {
      MORE = MethodHandles.lookup().findVarHandle(Cells.class, "more", long[].class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
  /** The most stripes {@link #defaultStripes()} gives, whatever the machine. */
  public static final int MAX_STRIPES = 32;

  /** 16 longs = 128 bytes: two cache lines, so the adjacent-line prefetcher cannot couple stripes. */
  private static final int LINE_LONGS = 16;

  /** log2 of {@link #HINT_SLOTS}. */
  private static final int HINT_BITS = 10;

  /** Slots of {@link #HINTS}: 8 KiB for the whole JVM. */
  static final int HINT_SLOTS = 1 << HINT_BITS;

  /** The bits of a slot that hold the probe. */
  private static final long PROBE = 0x7FFF_FFFFL;

  /** The bit of a slot set when its thread found another thread's id in its stripe's owner word. */
  private static final long MET = 0x8000_0000L;

  /**
   * Per-thread probes: {@code tag << 32 | MET? | probe}, where the tag is the low 32 bits of the id
   * of the thread that last wrote the slot. Racy by design (see the class notes).
   */
  private static final long[] HINTS = new long[HINT_SLOTS];

  /** The one stripe a new {@code Cells} has (block at {@link #LINE_LONGS}); summed forever. */
  private final long[] first;
  /**
   * Every stripe, published once by {@link #grow()}; null until then. Read plainly on the record
   * path, otherwise through {@link #MORE}.
   */
  private long[] more;
  private final int cells;
  private final int stride;
  private final int mask;

  /**
   * @param cells counters per stripe
   * @param stripes a power of two
   */
  public Cells(int cells, int stripes) {
    if (Integer.bitCount(stripes) != 1) {
      throw new IllegalArgumentException("stripes: " + stripes + " (expected a power of two)");
    }
    this.cells = cells;
    this.stride = ((cells + LINE_LONGS) / LINE_LONGS) * LINE_LONGS; // the owner word, the cells
    this.mask = stripes - 1;
    this.first = new long[LINE_LONGS + stride];
  }

  /**
   * Stripes for this machine: twice the processors rounded up to a power of two, at most 32 (4 KiB
   * of counters for an events SLO), so a 30-day recorder stays within 64 KiB on any machine.
   */
  public static int defaultStripes() {
    int n = Runtime.getRuntime().availableProcessors() * 2;
    return Math.min(MAX_STRIPES, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
  }

  /** Adds one to {@code cell}. The record path: one atomic add. */
  public void increment(int cell) {
    add(cell, 1L);
  }

  /** Adds {@code n} (≥ 0) to {@code cell}. */
  @SuppressWarnings("deprecation") // Thread.getId(): threadId() needs Java 19; the baseline is 17
  public void add(int cell, long n) {
    addAs(Thread.currentThread().getId(), cell, n);
  }

  /** {@link #add} as the thread with id {@code tid} (tests use ids that collide on purpose). */
  void addAs(long tid, int cell, long n) {
    int slot = slot(tid);
    long hint = HINTS[slot];
    int probe = (int) (hint >>> 32) == (int) tid ? (int) hint : (int) tid;
    long[] c = more; // plain: a stale null only sends the add to first, which is summed too
    int block;
    if (c == null) {
      c = first;
      block = LINE_LONGS;
    } else {
      block = block(probe);
    }
    if ((long) LONGS.getOpaque(c, block) != tid) {
      arriveAndAdd(tid, slot, hint, probe, cell, n);
      return;
    }
    LONGS.getAndAdd(c, block + 1 + cell, n);
  }

  /**
   * The thread found another id (or none) in its stripe's owner word: another thread added here
   * since this thread's last add, or this thread has just come. Claims the word; if the thread has
   * met another here before, first moves to the stripe of the probe's next value (growing the
   * stripes if there is only {@code first} so far) and claims that one. Then adds {@code n} to
   * {@code cell} there.
   */
  private void arriveAndAdd(long tid, int slot, long hint, int probe, int cell, long n) {
    long[] m = (long[]) MORE.getAcquire(this);
    long[] c = m != null ? m : first;
    int b = m != null ? block(probe) : LINE_LONGS;
    long owner = (long) LONGS.getOpaque(c, b);
    int p = probe;
    if (owner != 0 && owner != tid) {
      boolean metBefore = (int) (hint >>> 32) == (int) tid && (hint & MET) != 0;
      if (metBefore) {
        if (m == null && mask != 0) {
          m = grow();
        }
        p = advance(p);
        if (m != null) {
          c = m;
          b = block(p);
        }
        HINTS[slot] = tid << 32 | (p & PROBE);
      } else {
        HINTS[slot] = tid << 32 | MET | (p & PROBE);
      }
    }
    LONGS.setOpaque(c, b, tid);
    LONGS.getAndAdd(c, b + 1 + cell, n);
  }

  /**
   * Publishes the array of all stripes unless another thread did first; returns the one published.
   * Package-private for tests (a footprint at full width, home stripes).
   */
  long[] grow() {
    long[] m = (long[]) MORE.getAcquire(this);
    if (m != null) {
      return m;
    }
    long[] fresh = new long[LINE_LONGS + (mask + 1) * stride];
    long[] won = (long[]) MORE.compareAndExchange(this, null, fresh);
    return won == null ? fresh : won;
  }

  /** Whether the stripes have grown beyond {@code first} (for tests). */
  boolean grown() {
    return MORE.getAcquire(this) != null;
  }

  /**
   * The stripe the thread with id {@code tid} adds to next (for tests): 0 while there is only
   * {@code first}.
   */
  int stripeOf(long tid) {
    if (!grown()) {
      return 0;
    }
    long hint = HINTS[slot(tid)];
    return ((int) (hint >>> 32) == (int) tid ? (int) hint : (int) tid) & mask;
  }

  /** The index of the owner word of the stripe of {@code probe}; its cells follow. */
  private int block(int probe) {
    return LINE_LONGS + (probe & mask) * stride;
  }

  /**
   * The slot of {@code tid} in {@link #HINTS}: Fibonacci hashing (Knuth, The Art of Computer
   * Programming vol. 3, 6.4: multiply by 2^64 / golden ratio, keep the high bits), which spreads
   * consecutive ids over the whole table.
   */
  private static int slot(long tid) {
    return (int) ((tid * 0x9E37_79B9_7F4A_7C15L) >>> (64 - HINT_BITS));
  }

  /**
   * The next probe: Marsaglia's 32-bit xorshift (13, 17, 5) ("Xorshift RNGs", Journal of
   * Statistical Software 8(14), 2003), the step Striped64 takes; 0, its fixed point, restarts.
   */
  static int advance(int probe) {
    int p = probe == 0 ? 0x9E37_79B9 : probe;
    p ^= p << 13;
    p ^= p >>> 17;
    p ^= p << 5;
    return p;
  }

  /**
   * The cumulative count of {@code cell} over all stripes, summed exactly.
   *
   * @throws ArithmeticException when the count passed {@link Long#MAX_VALUE}: a stripe's counter
   *     wrapped (it only grows, by at most 2^40 per add, so a wrapped one reads negative until it
   *     has grown by another 2^63) or the sum over stripes overflows
   */
  public long sum(int cell) {
    long sum = counter(first, LINE_LONGS + 1 + cell, cell);
    long[] m = (long[]) MORE.getAcquire(this);
    if (m != null) {
      for (int i = LINE_LONGS + 1 + cell; i < m.length; i += stride) {
        sum = Math.addExact(sum, counter(m, i, cell));
      }
    }
    return sum;
  }

  private static long counter(long[] c, int i, int cell) {
    long v = (long) LONGS.getAcquire(c, i);
    if (v < 0) {
      throw new ArithmeticException("cell " + cell + " wrapped");
    }
    return v;
  }

  /**
   * Fills {@code into[0..cells)} with every cell's cumulative count.
   *
   * @throws ArithmeticException as {@link #sum(int)}; {@code into} is then partly filled
   */
  public void sumAll(long[] into) {
    for (int c = 0; c < cells; c++) {
      into[c] = sum(c);
    }
  }

  /** Counters per stripe. */
  public int cells() {
    return cells;
  }

  /** Bytes held by the counter arrays (for footprint reports). */
  public long bytes() {
    long[] m = (long[]) MORE.getAcquire(this);
    return 16L + 8L * first.length + (m == null ? 0 : 16L + 8L * m.length);
  }
}
