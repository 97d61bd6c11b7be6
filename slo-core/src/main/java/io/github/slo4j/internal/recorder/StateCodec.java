package io.github.slo4j.internal.recorder;

import io.github.slo4j.internal.Require;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;

/**
 * The binary format of a tracker's state, version 1. Not part of the public API.
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
 * trailer
 *   u32 CRC32 of everything before it
 * </pre>
 *
 * <p>{@code V} is a zigzag LEB128 varint, so the rows of a quiet SLO take a byte per counter. UTF
 * is {@link DataOutputStream#writeUTF}. Decoding checks, in order: the magic, the header checksum
 * (so a damaged version or length is reported as damage), the version, the length (truncation),
 * the checksum, then the content's invariants ({@link RingState#violation}); each failure is an
 * {@link IllegalArgumentException} that says which.
 */
public final class StateCodec {
  /** The format version this code writes and the newest it reads. */
  public static final int VERSION = 1;

  private static final byte[] MAGIC = {'S', 'L', 'O', '4'};
  private static final int HEADER = 14;
  private static final int TRAILER = 4;
  private static final int MAX_TIERS = 8;
  private static final int MAX_COLS = 64;
  private static final int MAX_CAPACITY = 1 << 20;

  private StateCodec() {}

  /** Encodes {@code state}. */
  public static byte[] encode(TrackerState state) {
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
      out.writeInt(0); // the trailer, filled in below
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
    }
    byte[] b = bytes.toByteArray();
    System.arraycopy(MAGIC, 0, b, 0, 4);
    putShort(b, 4, VERSION);
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
  public static TrackerState decode(String name, byte[] b) {
    Require.nonNull(name, b);
    if (b.length < HEADER) {
      if (startsLikeMagic(b)) {
        throw Require.invalid(
            name, "truncated, " + b.length + " of at least " + HEADER + " bytes", "a whole state from SloTracker.exportState()");
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
    if (version != VERSION) {
      throw Require.invalid(
          name,
          "format version " + version,
          VERSION + (version > VERSION ? ": the state was written by a newer slo4j" : ""));
    }
    long length = getInt(b, 6) & 0xFFFF_FFFFL;
    if (b.length < length) {
      throw Require.invalid(
          name, "truncated, " + b.length + " of " + length + " bytes", "a whole state from SloTracker.exportState()");
    }
    if (b.length > length) {
      throw Require.invalid(name, "corrupt, " + b.length + " bytes where its header says " + length, "an intact state");
    }
    if (length < HEADER + TRAILER || getInt(b, b.length - TRAILER) != crc(b, 0, b.length - TRAILER)) {
      throw Require.invalid(name, "corrupt, checksum mismatch", "an intact state");
    }
    TrackerState state;
    try {
      state = body(new DataInputStream(new ByteArrayInputStream(b, HEADER, b.length - HEADER - TRAILER)));
    } catch (IOException | InvalidState e) {
      throw invalid(name, e instanceof InvalidState ? e.getMessage() : "it ends early");
    }
    RingState r = state.rings();
    String bad = r.violation(state.eventCols(), state.sliceUnit());
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
    return state;
  }

  private static TrackerState body(DataInputStream in) throws IOException {
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
    long origin = in.readLong();
    long asOf = in.readLong();
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
    check(in.available() == 0, in.available() + " bytes after the rows");
    RingState rings =
        new RingState(base, resolution, capacity, cols, origin, asOf, current, newest, count, rows);
    return new TrackerState(id, group, fingerprint, budgeting, rings, recorded, sliceStart);
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
    return Require.invalid(name, "not a slo4j state", "bytes from SloTracker.exportState()");
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
