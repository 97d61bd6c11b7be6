package io.github.slo4j.recorder;

import io.github.slo4j.internal.CorrectionSection;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;

/**
 * The binary format of a recorder's state, versions 1 and 2. Not part of the public API.
 *
 * <pre>
 * header (14 bytes, the same in every version)
 *   magic "SLO4" | u16 format version | u32 total length in bytes | u32 CRC32 of the 10 bytes before
 * body
 *   UTF SLO id | u8 has group | [UTF group key] | UTF fingerprint | u8 budgeting (0, 1, 2)
 *   i64 base interval ms | u8 tiers | tiers × (i64 resolution ms, i32 capacity) | u16 columns
 *   u8 event columns | i64 origin | i64 asOf
 *   columns × V current row | event columns × V recorded | [event columns × V slice start]
 *   tiers × (i64 newest row time | i32 rows | rows × columns × V, oldest first, each row as
 *   its difference from the row before)
 *   u16 lineage ids | ids × i64 (the recorder instances whose counts the state holds, oldest first)
 *   version 2 only: u32 n | n bytes of budget corrections ({@link CorrectionSection})
 * trailer
 *   u32 CRC32 of everything before it
 * </pre>
 *
 * <p>Version 2 adds the budget corrections declared on the SLO; a state without corrections is
 * written as version 1, byte for byte as before, so that an older slo4j still reads it.
 *
 * <p>{@code V} is a zigzag LEB128 varint, so the rows of a quiet SLO take a byte per counter. UTF
 * is {@link DataOutputStream#writeUTF}. Decoding checks, in order: the magic, the header checksum
 * (so a damaged version or length is reported as damage), the version, the length (truncation),
 * the checksum, then the content's invariants; each failure is an {@link IllegalArgumentException}
 * that says which.
 *
 * <p>The content must be what slo4j itself writes: the fingerprint's base interval and tiers are
 * those of the binary layout, and that layout is the one this version builds for the
 * fingerprint's base interval and period ({@link #layoutViolation}), checked before any row is
 * allocated, so a small crafted state cannot make decode, restore or merge allocate more than a
 * recorder of that SLO holds; boundaries lie within ±2^50 ms (±35,000 years) of the epoch; counters
 * never decrease, tiers that hold the same boundary agree on its row ({@link RingState#violation});
 * and a state without a lineage holds no events.
 */
final class StateCodec {
  /** The newest format version this code writes and reads (2 when a state holds corrections, else 1). */
  public static final int VERSION = 2;
  /** The largest corrections section read: far more than any SLO declares. */
  private static final int MAX_CORRECTIONS_BYTES = 16 << 20;

  /** A decoded state and its budget corrections (null when it holds none). */
  record Decoded(RecorderState state, CorrectionSection corrections) {}

  private static final byte[] MAGIC = {'S', 'L', 'O', '4'};
  private static final int HEADER = 14;
  private static final int TRAILER = 4;
  private static final int MAX_TIERS = 8;
  private static final int MAX_COLS = 64;
  private static final int MAX_CAPACITY = 1 << 20;
  /** Boundaries lie within ±2^50 ms of the epoch (±35,000 years): differences of two never overflow. */
  static final long MAX_TIME = 1L << 50;
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 86_400_000L;

  private StateCodec() {}

  /** Encodes {@code state}. */
  public static byte[] encode(RecorderState state) {
    return encode(state, null);
  }

  /** Encodes {@code state} with {@code corrections}: version 2 when there are some, else version 1. */
  static byte[] encode(RecorderState state, CorrectionSection corrections) {
    boolean v2 = corrections != null && !(corrections.corrections().isEmpty() && corrections.segments().isEmpty());
    RingState r = state.rings();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    try {
      DataOutputStream out = new DataOutputStream(bytes);
      out.write(new byte[HEADER]);
      out.writeUTF(state.sloId());
      out.writeBoolean(state.groupKey() != null);
      if (state.groupKey() != null) {
        out.writeUTF(state.groupKey());
      }
      out.writeUTF(state.fingerprint());
      out.writeByte(state.budgeting());
      out.writeLong(r.base);
      out.writeByte(r.resolution.length);
      for (int k = 0; k < r.resolution.length; k++) {
        out.writeLong(r.resolution[k]);
        out.writeInt(r.capacity[k]);
      }
      out.writeShort(r.cols);
      out.writeByte(state.eventCols());
      out.writeLong(r.origin);
      out.writeLong(r.asOf);
      writeAll(out, r.current, 0, r.cols);
      writeAll(out, state.recorded(), 0, state.eventCols());
      if (state.budgeting() != 0) {
        writeAll(out, state.sliceStart(), 0, state.eventCols());
      }
      for (int k = 0; k < r.resolution.length; k++) {
        out.writeLong(r.newest[k]);
        out.writeInt(r.count[k]);
        long[] rows = r.rows[k];
        for (int i = 0; i < r.count[k] * r.cols; i++) {
          writeVarLong(out, i < r.cols ? rows[i] : rows[i] - rows[i - r.cols]);
        }
      }
      out.writeShort(state.lineage().length);
      for (long id : state.lineage()) {
        out.writeLong(id);
      }
      if (v2) {
        byte[] c = corrections.encode();
        out.writeInt(c.length);
        out.write(c);
      }
      out.writeInt(0); // the trailer, filled in below
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
    }
    byte[] b = bytes.toByteArray();
    System.arraycopy(MAGIC, 0, b, 0, 4);
    putShort(b, 4, v2 ? 2 : 1);
    putInt(b, 6, b.length);
    putInt(b, 10, crc(b, 0, 10));
    putInt(b, b.length - TRAILER, crc(b, 0, b.length - TRAILER));
    return b;
  }

  /**
   * Decodes and validates a state.
   *
   * @param name what to call the bytes in an error message ({@code state}, {@code states[2]})
   * @throws IllegalArgumentException naming {@code name} when the bytes are not a slo4j state, are
   *     damaged or truncated, come from a newer format version or break an invariant
   */
  public static RecorderState decode(String name, byte[] b) {
    return decodeAll(name, b).state();
  }

  /** {@link #decode}, with the state's budget corrections. */
  static Decoded decodeAll(String name, byte[] b) {
    Require.nonNull(name, b);
    if (b.length < HEADER) {
      if (startsLikeMagic(b)) {
        throw Require.invalid(
            name, "truncated, " + b.length + " of at least " + HEADER + " bytes", "a whole state from SloRecorder.exportState()");
      }
      throw notAState(name);
    }
    if (!startsLikeMagic(b)) {
      throw notAState(name);
    }
    if (getInt(b, 10) != crc(b, 0, 10)) {
      throw Require.invalid(name, "corrupt, header checksum mismatch", "an intact state");
    }
    int version = getShort(b, 4);
    if (version < 1 || version > VERSION) {
      throw Require.invalid(
          name,
          "format version " + version,
          "1 or " + VERSION + (version > VERSION ? ": the state was written by a newer slo4j" : ""));
    }
    long length = getInt(b, 6) & 0xFFFF_FFFFL;
    if (b.length < length) {
      throw Require.invalid(
          name, "truncated, " + b.length + " of " + length + " bytes", "a whole state from SloRecorder.exportState()");
    }
    if (b.length > length) {
      throw Require.invalid(name, "corrupt, " + b.length + " bytes where its header says " + length, "an intact state");
    }
    if (length < HEADER + TRAILER || getInt(b, b.length - TRAILER) != crc(b, 0, b.length - TRAILER)) {
      throw Require.invalid(name, "corrupt, checksum mismatch", "an intact state");
    }
    RecorderState state;
    CorrectionSection corrections = null;
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(b, HEADER, b.length - HEADER - TRAILER));
      state = body(in);
      if (version >= 2) {
        int n = in.readInt();
        check(n >= 0 && n <= MAX_CORRECTIONS_BYTES && n <= in.available(), "a corrections section of " + n + " bytes");
        byte[] c = new byte[n];
        in.readFully(c);
        try {
          corrections = CorrectionSection.decode(c);
        } catch (IllegalArgumentException e) {
          throw new InvalidState("corrections: " + e.getMessage());
        }
      }
      check(in.available() == 0, in.available() + " bytes after the " + (version >= 2 ? "corrections" : "lineage"));
    } catch (IOException | InvalidState e) {
      throw invalid(name, e instanceof InvalidState ? e.getMessage() : "it ends early");
    }
    RingState r = state.rings();
    String bad = r.violation(state.eventCols(), state.sliceUnit());
    if (bad == null && state.lineage().length == 0 && holdsEvents(state)) {
      bad = "events without a lineage";
    }
    if (bad == null) {
      long[] currentEvents = java.util.Arrays.copyOf(r.current, state.eventCols());
      String rec = RingState.rowViolation(state.recorded(), currentEvents, state.eventCols(), 0);
      bad = rec == null ? null : "recorded counts: " + rec;
      if (bad == null && state.budgeting() != 0) {
        String slice = RingState.rowViolation(currentEvents, state.sliceStart(), state.eventCols(), 0);
        bad = slice == null ? null : "slice start: " + slice;
      }
    }
    if (bad != null) {
      throw invalid(name, bad);
    }
    return new Decoded(state, corrections);
  }

  private static RecorderState body(DataInputStream in) throws IOException {
    String id = in.readUTF();
    String group = in.readBoolean() ? in.readUTF() : null;
    String fingerprint = in.readUTF();
    int budgeting = in.readUnsignedByte();
    check(budgeting <= 2, "budgeting " + budgeting);
    long base = in.readLong();
    check(base > 0, "base interval " + base);
    int tiers = in.readUnsignedByte();
    check(tiers >= 1 && tiers <= MAX_TIERS, tiers + " tiers");
    long[] resolution = new long[tiers];
    int[] capacity = new int[tiers];
    for (int k = 0; k < tiers; k++) {
      resolution[k] = in.readLong();
      capacity[k] = in.readInt();
      check(resolution[k] > 0 && resolution[k] % base == 0, "tier " + k + " resolution " + resolution[k]);
      check(capacity[k] >= 1 && capacity[k] <= MAX_CAPACITY, "tier " + k + " capacity " + capacity[k]);
    }
    int cols = in.readUnsignedShort();
    int eventCols = in.readUnsignedByte();
    check(
        eventCols >= 2 && cols <= MAX_COLS && cols == eventCols * (budgeting == 0 ? 1 : 2) + 1,
        cols + " columns with " + eventCols + " event columns");
    String layout = layoutViolation(fingerprint, budgeting, eventCols, base, resolution, capacity);
    check(layout == null, layout);
    long origin = in.readLong();
    long asOf = in.readLong();
    check(
        origin >= -MAX_TIME && asOf <= MAX_TIME,
        "origin " + origin + " and asOf " + asOf + " (expected within ±2^50 ms of the epoch)");
    long[] current = readAll(in, cols);
    long[] recorded = readAll(in, eventCols);
    long[] sliceStart = budgeting == 0 ? new long[0] : readAll(in, eventCols);
    long[] newest = new long[tiers];
    int[] count = new int[tiers];
    long[][] rows = new long[tiers][];
    for (int k = 0; k < tiers; k++) {
      newest[k] = in.readLong();
      count[k] = in.readInt();
      check(count[k] >= 0 && count[k] <= capacity[k], "tier " + k + " holds " + count[k] + " rows");
      // every counter takes at least one byte: refuse counts the bytes cannot hold before allocating
      check((long) count[k] * cols <= in.available(), "tier " + k + " holds " + count[k] + " rows");
      rows[k] = new long[count[k] * cols];
      for (int i = 0; i < rows[k].length; i++) {
        long d = readVarLong(in);
        rows[k][i] = i < cols ? d : rows[k][i - cols] + d;
      }
    }
    int ids = in.readUnsignedShort();
    check(ids <= RecorderState.MAX_LINEAGE && 8L * ids <= in.available(), "a lineage of " + ids + " ids");
    long[] lineage = new long[ids];
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (int i = 0; i < ids; i++) {
      lineage[i] = in.readLong();
      check(seen.add(lineage[i]), "a lineage that repeats an id");
    }
    RingState rings =
        new RingState(base, resolution, capacity, cols, origin, asOf, current, newest, count, rows);
    return new RecorderState(id, group, fingerprint, budgeting, rings, recorded, sliceStart, lineage);
  }

  /** Whether any counter but the gap counter is above zero (rows never exceed the current row). */
  private static boolean holdsEvents(RecorderState state) {
    long[] current = state.rings().current;
    for (int c = 0; c < current.length - 1; c++) {
      if (current[c] != 0) {
        return true;
      }
    }
    for (long v : state.recorded()) {
      if (v != 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks that the layout is the one this version builds, as {@code SloRecorder}'s constructor
   * does, for the SLO the fingerprint describes ({@code <sli>; <budgeting>; period max <P>; base
   * <B>; tiers <T>}): tiers of the base interval for 1 h, 2 min for 1 d and 1 h for {@code P} + 1 d,
   * each {@code span ÷ resolution + 2} rows; {@code B} a whole number of seconds dividing 2 min;
   * {@code P} from 1 h to 400 d; {@code T} the layout itself; the budgeting and the event columns
   * those the fingerprint names. {@code StateLayoutTest} keeps this in step with the constructor.
   *
   * @return a description of the first difference, or null
   */
  static String layoutViolation(
      String fingerprint, int budgeting, int eventCols, long base, long[] resolution, int[] capacity) {
    String[] parts = fingerprint.split("; ", -1);
    if (parts.length != 5
        || !parts[2].startsWith("period max ")
        || !parts[3].startsWith("base ")
        || !parts[4].startsWith("tiers ")) {
      return "fingerprint '" + fingerprint + "'";
    }
    String sli = parts[0];
    int targets = sli.equals("events") ? 1 : sli.startsWith("latency ") ? sli.split(",", -1).length : -1;
    String method = parts[1];
    int kind =
        method.equals("occurrences") ? 0 : method.startsWith("timeslices ") ? 1 : method.startsWith("ratio timeslices ") ? 2 : -1;
    if (targets + 1 != eventCols || kind != budgeting) {
      return "fingerprint '" + fingerprint + "' with budgeting " + budgeting + " and " + eventCols + " event columns";
    }
    long periodMax;
    try {
      periodMax = io.github.slo4j.internal.DurationFormat.parse("period", parts[2].substring("period max ".length())).toMillis();
    } catch (IllegalArgumentException e) {
      return "fingerprint '" + fingerprint + "'";
    }
    if (base % 1000 != 0 || 2 * MINUTE % base != 0 || periodMax < HOUR || periodMax > 400 * DAY) {
      return "base interval " + base + " ms with period max " + periodMax + " ms";
    }
    long[] wantResolution = {base, 2 * MINUTE, HOUR};
    long[] span = {HOUR, DAY, periodMax + DAY};
    StringBuilder tiers = new StringBuilder();
    boolean same = resolution.length == wantResolution.length;
    for (int k = 0; k < wantResolution.length; k++) {
      long want = span[k] / wantResolution[k] + 2;
      same = same && resolution[k] == wantResolution[k] && capacity[k] == want;
      tiers.append(k == 0 ? "" : ", ")
          .append(io.github.slo4j.internal.DurationFormat.format(java.time.Duration.ofMillis(wantResolution[k])))
          .append(" x ")
          .append(want);
    }
    String canonical = "base " + io.github.slo4j.internal.DurationFormat.format(java.time.Duration.ofMillis(base)) + "; tiers " + tiers;
    if (!same || !(parts[3] + "; " + parts[4]).equals(canonical)) {
      StringBuilder got = new StringBuilder();
      for (int k = 0; k < resolution.length; k++) {
        got.append(k == 0 ? "" : ", ").append(resolution[k]).append(" ms x ").append(capacity[k]);
      }
      return "tiers " + got + " where this version builds '" + canonical + "' for '" + parts[2] + "'";
    }
    return null;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new InvalidState(what);
    }
  }

  /** A state whose checksum is right but whose content is not. */
  private static final class InvalidState extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidState(String message) {
      super(message, null, false, false);
    }
  }

  private static IllegalArgumentException invalid(String name, String what) {
    return Require.invalid(name, "invalid, " + what, "a state written by slo4j");
  }

  private static IllegalArgumentException notAState(String name) {
    return Require.invalid(name, "not a slo4j state", "bytes from SloRecorder.exportState()");
  }

  private static boolean startsLikeMagic(byte[] b) {
    for (int i = 0; i < Math.min(b.length, MAGIC.length); i++) {
      if (b[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  private static void writeAll(DataOutputStream out, long[] values, int from, int to) throws IOException {
    for (int i = from; i < to; i++) {
      writeVarLong(out, values[i]);
    }
  }

  private static long[] readAll(DataInputStream in, int n) throws IOException {
    long[] v = new long[n];
    for (int i = 0; i < n; i++) {
      v[i] = readVarLong(in);
    }
    return v;
  }

  /** Zigzag LEB128: small magnitudes, positive or negative, take few bytes. */
  static void writeVarLong(DataOutputStream out, long v) throws IOException {
    long z = (v << 1) ^ (v >> 63);
    while ((z & ~0x7FL) != 0) {
      out.writeByte((int) ((z & 0x7F) | 0x80));
      z >>>= 7;
    }
    out.writeByte((int) z);
  }

  static long readVarLong(DataInputStream in) throws IOException {
    long z = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.readUnsignedByte();
      z |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (z >>> 1) ^ -(z & 1);
      }
    }
    throw new InvalidState("a number longer than 10 bytes");
  }

  private static int crc(byte[] b, int from, int to) {
    CRC32 crc = new CRC32();
    crc.update(b, from, to - from);
    return (int) crc.getValue();
  }

  private static void putShort(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }

  private static int getShort(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }

  private static int getInt(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }
}
