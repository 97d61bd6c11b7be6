package io.github.slo4j.correction;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A correction's definition and audit as exported state holds them ({@link
 * io.github.slo4j.internal.CorrectionSection}): {@link DataOutputStream} fields, times and durations
 * in their ISO-8601 text.
 *
 * <pre>
 * definition: UTF id | UTF reason | UTF author | UTF declaredAt | u8 flags (1 excluded from alerting, 2 drill)
 *             | u8 kind 0: UTF start | UTF end
 *             | u8 kind 1: UTF first start (zoned) | UTF duration | UTF rrule
 * audit:      UTF appliedAt | u8 has resolution | [UTF resolution] | u8 scheduled
 * </pre>
 */
final class CorrectionCodec {
  private CorrectionCodec() {}

  static byte[] definition(BudgetCorrection c) {
    return write(out -> {
      out.writeUTF(c.id());
      out.writeUTF(c.reason());
      out.writeUTF(c.author());
      out.writeUTF(c.declaredAt().toString());
      out.writeByte((c.excludedFromAlerting() ? 1 : 0) | (c.drill() ? 2 : 0));
      if (c.recurrence().isEmpty()) {
        out.writeByte(0);
        out.writeUTF(c.firstStart().toString());
        out.writeUTF(c.firstStart().plus(c.duration()).toString());
      } else {
        out.writeByte(1);
        out.writeUTF(c.firstStartZoned().toString());
        out.writeUTF(c.duration().toString());
        out.writeUTF(c.recurrence().get().toString());
      }
    });
  }

  static byte[] audit(AppliedCorrection a) {
    return write(out -> {
      out.writeUTF(a.appliedAt().toString());
      out.writeBoolean(a.retroactiveResolution().isPresent());
      if (a.retroactiveResolution().isPresent()) {
        out.writeUTF(a.retroactiveResolution().get().toString());
      }
      out.writeBoolean(a.scheduled());
    });
  }

  /**
   * The applied correction of {@code definition} and {@code audit}.
   *
   * @throws IllegalArgumentException when they are not what {@link #definition} and {@link #audit}
   *     write
   */
  static AppliedCorrection applied(byte[] definition, byte[] audit) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(definition));
      BudgetCorrection.Builder b = BudgetCorrection.builder(in.readUTF());
      b.reason(in.readUTF()).author(in.readUTF()).declaredAt(Instant.parse(in.readUTF()));
      int flags = in.readUnsignedByte();
      int kind = in.readUnsignedByte();
      if (kind == 0) {
        b.window(Instant.parse(in.readUTF()), Instant.parse(in.readUTF()));
      } else if (kind == 1) {
        b.recurring(ZonedDateTime.parse(in.readUTF()), Duration.parse(in.readUTF()), in.readUTF());
      } else {
        throw new IllegalArgumentException("a correction of kind " + kind);
      }
      if ((flags & 1) == 0) {
        b.budgetOnly();
      }
      if ((flags & 2) != 0) {
        b.synthetic();
      }
      BudgetCorrection c = b.build();
      DataInputStream a = new DataInputStream(new ByteArrayInputStream(audit));
      Instant appliedAt = Instant.parse(a.readUTF());
      Optional<Duration> resolution = a.readBoolean() ? Optional.of(Duration.parse(a.readUTF())) : Optional.empty();
      boolean scheduled = a.readBoolean();
      if (in.available() != 0 || a.available() != 0) {
        throw new IllegalArgumentException("bytes after a correction");
      }
      return new AppliedCorrection(c, appliedAt, resolution, scheduled);
    } catch (IOException e) {
      throw new IllegalArgumentException("a correction that ends early");
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] write(Writer w) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try {
      DataOutputStream out = new DataOutputStream(bytes);
      w.write(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
    }
    return bytes.toByteArray();
  }
}
