package io.github.slo4j.recorder;

import io.github.slo4j.Subscription;
import io.github.slo4j.internal.Callbacks;
import io.github.slo4j.internal.DurationFormat;
import io.github.slo4j.internal.Require;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a registry's state in one file, so that a restart does not blind the 30-day window: {@link
 * #restore()} at start-up brings back the history every SLO and group had, and the file is written
 * again every {@linkplain Builder#interval(Duration) interval} of the registry's ticks and on
 * {@link #close()}. Thread-safe.
 *
 * <pre>{@code
 * StateFile state = StateFile.builder(registry, Path.of("/var/lib/checkout/slo4j.state")).build();
 * registry.register(checkoutAvailability);          // register the SLOs first
 * state.restore();                                  // their history is back; never throws
 * state.start();                                    // saved every 5 minutes of ticks
 * ...
 * state.close();                                    // on shutdown: a last save
 * }</pre>
 *
 * <p><b>The file.</b> The states of every recorder ({@link SloRecorder#exportState()}, the format
 * {@link SloState} documents), framed by a magic number, a version and a count, and checked by a
 * CRC32 of the whole. It is written to a temporary file beside it, forced to disk, then moved over
 * the old one atomically ({@code ATOMIC_MOVE}): a crash while saving leaves the previous file
 * whole. Its size is bounded ({@linkplain Builder#maxBytes(long) 64 MiB} by default): a save that
 * would pass the bound keeps the previous file and is counted as a failure, and a larger file is
 * never read into memory.
 *
 * <p><b>Never a crash.</b> {@link #restore()} never throws for what the file holds. A file that is
 * not a state file, is damaged or truncated, is larger than the bound, or was written by a newer
 * version is logged and moved aside to {@code <file>.corrupt-<time>} (for a human to look at), and
 * the application starts without history. A state in a good file that cannot be restored (its SLO
 * is no longer registered, its definition changed in a way that changes the counts, its recorder
 * already holds it) is logged and skipped; the others are restored. A save that fails (a full disk,
 * a read-only directory) is logged, counted ({@link #saveFailures()}) and tried again at the next
 * interval.
 *
 * <p><b>Which SLOs.</b> Restore finds each state's recorder by SLO id and group key in the
 * registry: register the SLOs (grouped ones with {@code registerGrouped}) before calling it; a
 * group is created by the restore. Restore once per process: a recorder refuses a state it already
 * holds, so a second restore of the same file skips every state.
 */
public final class StateFile implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);

  /** The file's first bytes. */
  static final byte[] MAGIC = "slo4j-state-file".getBytes(StandardCharsets.US_ASCII);

  /** The file's format version; the states inside carry their own. */
  static final int VERSION = 1;

  private static final DateTimeFormatter ASIDE = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final SloRegistry registry;
  private final Path file;
  private final Duration interval;
  private final long maxBytes;
  private final Object saveLock = new Object();
  private long saveFailures;
  private long saves;
  private long lastSaveBoundary = Long.MIN_VALUE;
  private Subscription ticks;
  private boolean closed;

  private StateFile(Builder b) {
    this.registry = b.registry;
    this.file = b.file;
    this.interval = b.interval;
    this.maxBytes = b.maxBytes;
  }

  /**
   * A builder for the state file of {@code registry} at {@code file}.
   *
   * @param registry the registry whose recorders are saved and restored
   * @param file the file; its directory must exist
   * @return the builder
   */
  public static Builder builder(SloRegistry registry, Path file) {
    return new Builder(Require.nonNull("registry", registry), Require.nonNull("file", file));
  }

  /**
   * What a {@link #restore()} did.
   *
   * @param restored the SLOs restored, {@code id} or {@code id[group]}
   * @param skipped the states not restored, each with the reason
   * @param setAside where a file that could not be read was moved, if it was
   */
  public record Restored(List<String> restored, List<String> skipped, Optional<Path> setAside) {
    /** Copies the lists. */
    public Restored {
      restored = List.copyOf(restored);
      skipped = List.copyOf(skipped);
      Require.nonNull("setAside", setAside);
    }
  }

  /**
   * Restores every state the file holds into the registry's recorders (see the class comment);
   * never throws for the file's content. No file: nothing restored.
   *
   * @return what was restored, skipped or set aside
   */
  public Restored restore() {
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        return setAside("it is " + size + " bytes, more than the bound of " + maxBytes);
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      LOG.info("slo4j: no state file at {}: every SLO starts without history", file);
      return new Restored(List.of(), List.of(), Optional.empty());
    } catch (IOException e) {
      LOG.error("slo4j: could not read the state file {}: every SLO starts without history", file, e);
      return new Restored(List.of(), List.of("the file: " + e), Optional.empty());
    }
    List<byte[]> states;
    try {
      states = decode(bytes);
    } catch (IllegalArgumentException e) {
      return setAside(e.getMessage());
    }
    List<String> restored = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (byte[] s : states) {
      String label = "a state";
      try {
        SloState state = SloState.of(s);
        label = state.groupKey().map(k -> state.sloId() + "[" + k + "]").orElse(state.sloId());
        Optional<SloRecorder> recorder = recorderOf(state);
        if (recorder.isEmpty()) {
          skipped.add(label + ": no such SLO registered");
          continue;
        }
        recorder.get().restore(s);
        restored.add(label);
      } catch (IllegalArgumentException e) {
        skipped.add(label + ": " + e.getMessage());
      }
    }
    if (!skipped.isEmpty()) {
      LOG.warn("slo4j: restored {} SLOs from {}; skipped {}: {}", restored.size(), file, skipped.size(), String.join("; ", skipped));
    } else {
      LOG.info("slo4j: restored {} SLOs from {}", restored.size(), file);
    }
    return new Restored(restored, skipped, Optional.empty());
  }

  private Optional<SloRecorder> recorderOf(SloState state) {
    if (state.groupKey().isEmpty()) {
      return registry.find(state.sloId());
    }
    String key = state.groupKey().get();
    return registry
        .findGrouped(state.sloId())
        .map(g -> g.group(GroupedSloRecorder.OVERFLOW_KEY.equals(key) ? null : key));
  }

  private Restored setAside(String why) {
    String time = ASIDE.format(Instant.ofEpochMilli(registry.timeSource().wallMillis()));
    Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + time);
    for (int i = 1; Files.exists(aside); i++) {
      aside = file.resolveSibling(file.getFileName() + ".corrupt-" + time + "-" + i);
    }
    try {
      Files.move(file, aside);
      LOG.error("slo4j: the state file {} cannot be read ({}); moved it to {}: every SLO starts without history", file, why, aside);
      return new Restored(List.of(), List.of("the file: " + why), Optional.of(aside));
    } catch (IOException | RuntimeException e) {
      LOG.error("slo4j: the state file {} cannot be read ({}) nor moved aside: every SLO starts without history", file, why, e);
      return new Restored(List.of(), List.of("the file: " + why), Optional.empty());
    }
  }

  /**
   * Saves at every tick of the registry that is at least one interval after the last save. Once;
   * {@link #close()} stops it.
   *
   * @throws IllegalStateException when started already or closed
   */
  public void start() {
    synchronized (saveLock) {
      if (ticks != null || closed) {
        throw new IllegalStateException("state file " + file + " is " + (closed ? "closed" : "started already"));
      }
      ticks = registry.addTickListener(this::onTick);
    }
  }

  private void onTick(long boundaryMillis) {
    synchronized (saveLock) {
      if (closed || (lastSaveBoundary != Long.MIN_VALUE && boundaryMillis - lastSaveBoundary < interval.toMillis())) {
        return;
      }
      lastSaveBoundary = boundaryMillis;
    }
    trySave(boundaryMillis);
  }

  private void trySave(long boundaryMillis) {
    try {
      save();
    } catch (UncheckedIOException | IllegalStateException e) {
      long n;
      synchronized (saveLock) {
        n = saveFailures;
      }
      String msg = "slo4j: could not save the state of {} SLOs to {} at boundary {} ({} failures so far); the previous file is kept";
      Object[] args = {registry.recorders().size(), file, Callbacks.iso(boundaryMillis), n, e};
      if (n == 1) {
        LOG.error(msg, args);
      } else {
        LOG.warn(msg, args);
      }
    }
  }

  /**
   * Writes the state of every recorder now, replacing the file atomically.
   *
   * @return the file's size in bytes
   * @throws UncheckedIOException when writing fails; the previous file is then kept
   * @throws IllegalStateException when the states pass the size bound; the previous file is kept
   */
  public long save() {
    synchronized (saveLock) {
      try {
        byte[] bytes = encode();
        if (bytes.length > maxBytes) {
          throw new IllegalStateException(
              "the state of " + registry.recorders().size() + " recorders is " + bytes.length + " bytes, more than the bound of " + maxBytes);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch =
            FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
          ByteBuffer buf = ByteBuffer.wrap(bytes);
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          ch.force(true);
        }
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        saves++;
        return bytes.length;
      } catch (IOException e) {
        saveFailures++;
        throw new UncheckedIOException("could not write " + file, e);
      } catch (IllegalStateException e) {
        saveFailures++;
        throw e;
      }
    }
  }

  /** How many saves succeeded. */
  public long saves() {
    synchronized (saveLock) {
      return saves;
    }
  }

  /** How many saves failed (see the class comment). */
  public long saveFailures() {
    synchronized (saveLock) {
      return saveFailures;
    }
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /**
   * Stops the periodic saves and saves a last time (logged, not thrown, when it fails): call it on
   * shutdown, before closing the registry. Idempotent.
   */
  @Override
  public void close() {
    Subscription s;
    synchronized (saveLock) {
      if (closed) {
        return;
      }
      closed = true;
      s = ticks;
    }
    if (s != null) {
      s.close();
    }
    trySave(registry.lastBoundaryMillis());
  }

  /** {@code StateFile[/var/lib/checkout/slo4j.state, every 5m]}. */
  @Override
  public String toString() {
    return "StateFile[" + file + ", every " + DurationFormat.format(interval) + "]";
  }

  private byte[] encode() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    List<SloRecorder> recorders = registry.recorders();
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(recorders.size());
    for (SloRecorder r : recorders) {
      byte[] s = r.exportState();
      out.writeInt(s.length);
      out.write(s);
    }
    out.flush();
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    out.writeLong(crc.getValue());
    out.flush();
    return bytes.toByteArray();
  }

  /** The states of a file's bytes; refuses anything else with a message that says why. */
  static List<byte[]> decode(byte[] b) {
    if (b.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(b, MAGIC.length), MAGIC)) {
      throw new IllegalArgumentException("not a slo4j state file");
    }
    if (b.length < MAGIC.length + 16) {
      throw new IllegalArgumentException("truncated");
    }
    ByteBuffer in = ByteBuffer.wrap(b);
    CRC32 crc = new CRC32();
    crc.update(b, 0, b.length - 8);
    if (crc.getValue() != in.getLong(b.length - 8)) {
      throw new IllegalArgumentException("damaged or truncated (checksum mismatch)");
    }
    in.position(MAGIC.length);
    int version = in.getInt();
    if (version != VERSION) {
      throw new IllegalArgumentException("format version " + version + ", this slo4j reads version " + VERSION);
    }
    int count = in.getInt();
    if (count < 0) {
      throw new IllegalArgumentException("damaged (a count of " + count + " states)");
    }
    in.limit(b.length - 8);
    List<byte[]> states = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (in.remaining() < 4) {
        throw new IllegalArgumentException("damaged (state " + i + " of " + count + " is missing)");
      }
      int n = in.getInt();
      if (n < 0 || n > in.remaining()) {
        throw new IllegalArgumentException("damaged (state " + i + " of " + count + " has a length of " + n + ")");
      }
      byte[] s = new byte[n];
      in.get(s);
      states.add(s);
    }
    if (in.hasRemaining()) {
      throw new IllegalArgumentException("damaged (" + in.remaining() + " bytes after the last state)");
    }
    return states;
  }

  /** Builds a {@link StateFile}. Not thread-safe. */
  public static final class Builder {
    private final SloRegistry registry;
    private final Path file;
    private Duration interval = Duration.ofMinutes(5);
    private long maxBytes = 64L << 20;

    private Builder(SloRegistry registry, Path file) {
      this.registry = registry;
      this.file = file;
    }

    /**
     * How often the file is written, in the registry's boundary time: at the first tick at least
     * this long after the last save; 5 min by default. A crash loses at most this much history.
     *
     * @param interval at least the registry's base interval
     * @return this builder
     */
    public Builder interval(Duration interval) {
      Require.positive("interval", interval);
      if (interval.compareTo(registry.baseInterval()) < 0) {
        throw Require.invalid(
            "interval", DurationFormat.format(interval), ">= the base interval (" + DurationFormat.format(registry.baseInterval()) + ")");
      }
      this.interval = interval;
      return this;
    }

    /**
     * The largest file written or read; 64 MiB by default (a 30-day SLO's state is tens of KB).
     *
     * @param maxBytes at least 1,024
     * @return this builder
     */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes < 1024) {
        throw Require.invalid("maxBytes", maxBytes, ">= 1024");
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /** {@return the state file; nothing is read or written until {@link StateFile#restore()}, {@link StateFile#start()} or {@link StateFile#save()}} */
    public StateFile build() {
      return new StateFile(this);
    }
  }
}
