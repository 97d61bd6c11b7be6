package io.github.slo4j.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The budget corrections of one SLO as its exported state carries them (format version 2 of the
 * recorder state): the correction package writes and reads it, the recorder package stores it in a
 * state and merges the sections of several states without knowing what a correction is.
 *
 * <pre>
 * u16 corrections | corrections × (UTF id | u32 n | n bytes definition | u32 n | n bytes audit)
 * u32 segments | segments × (u32 n | n × i64)
 * </pre>
 *
 * <p>A correction's <b>definition</b> is what makes two corrections the same one (its window,
 * reason, author, declaration); its <b>audit</b> is how one instance applied it (when, at which
 * resolution). A <b>segment</b> holds excluded counts an instance captured (its layout is the
 * correction package's): excluded counts of distinct instances add, so merging concatenates them.
 *
 * @param corrections definition and audit by correction id, in the order they were applied
 * @param segments the captured excluded counts
 */
public record CorrectionSection(Map<String, byte[][]> corrections, List<long[]> segments) {
  private static final int MAX = 1 << 16;

  /** Copies the components. */
  public CorrectionSection {
    corrections = new LinkedHashMap<>(corrections);
    segments = List.copyOf(segments);
  }

  /** The encoded section. */
  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try {
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeShort(corrections.size());
      for (Map.Entry<String, byte[][]> e : corrections.entrySet()) {
        out.writeUTF(e.getKey());
        for (byte[] part : e.getValue()) {
          out.writeInt(part.length);
          out.write(part);
        }
      }
      out.writeInt(segments.size());
      for (long[] s : segments) {
        out.writeInt(s.length);
        for (long v : s) {
          out.writeLong(v);
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes a section.
   *
   * @throws IllegalArgumentException saying what is wrong, when the bytes are not a whole section
   */
  public static CorrectionSection decode(byte[] b) {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
    try {
      int n = in.readUnsignedShort();
      Map<String, byte[][]> corrections = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        String id = in.readUTF();
        byte[][] parts = {part(in), part(in)};
        if (corrections.put(id, parts) != null) {
          throw new IllegalArgumentException("correction " + id + " twice");
        }
      }
      int segs = in.readInt();
      if (segs < 0 || segs > in.available() / 2) {
        throw new IllegalArgumentException(segs + " segments");
      }
      List<long[]> segments = new ArrayList<>();
      for (int i = 0; i < segs; i++) {
        int len = in.readInt();
        if (len < 0 || 8L * len > in.available()) {
          throw new IllegalArgumentException("a segment of " + len + " values");
        }
        long[] s = new long[len];
        for (int j = 0; j < len; j++) {
          s[j] = in.readLong();
        }
        segments.add(s);
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException(in.available() + " bytes after the corrections");
      }
      return new CorrectionSection(corrections, segments);
    } catch (IOException e) {
      throw new IllegalArgumentException("corrections that end early");
    }
  }

  private static byte[] part(DataInputStream in) throws IOException {
    int len = in.readInt();
    if (len < 0 || len > in.available() || len > MAX * 16) {
      throw new IllegalArgumentException("a correction of " + len + " bytes");
    }
    byte[] p = new byte[len];
    in.readFully(p);
    return p;
  }

  /**
   * The union of several instances' sections: each correction once (the audit of the first state
   * that holds it), every segment.
   *
   * @param names what to call each section in an error message ({@code states[1]})
   * @throws IllegalArgumentException naming the section when it declares a correction of the same
   *     id but another definition than an earlier section
   */
  public static CorrectionSection union(List<CorrectionSection> sections, List<String> names) {
    Map<String, byte[][]> corrections = new LinkedHashMap<>();
    Map<String, String> from = new LinkedHashMap<>();
    List<long[]> segments = new ArrayList<>();
    for (int i = 0; i < sections.size(); i++) {
      for (Map.Entry<String, byte[][]> e : sections.get(i).corrections().entrySet()) {
        byte[][] known = corrections.get(e.getKey());
        if (known == null) {
          corrections.put(e.getKey(), e.getValue());
          from.put(e.getKey(), names.get(i));
        } else if (!Arrays.equals(known[0], e.getValue()[0])) {
          throw Require.invalid(
              names.get(i),
              "a correction " + e.getKey() + " other than the one of that id in " + from.get(e.getKey()),
              "one definition per correction id");
        }
      }
      segments.addAll(sections.get(i).segments());
    }
    return new CorrectionSection(corrections, segments);
  }
}
