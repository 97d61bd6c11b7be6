package io.github.slo4j.notify;

import io.github.slo4j.monitor.Alert;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.OptionalDouble;

/** How the notifiers write figures as text: four significant digits, percents, "no data". */
final class Texts {
  /** What a figure with no events behind it reads: never NaN, never 0. */
  static final String NO_DATA = "no data";

  private Texts() {}

  /** {@code 14.4}, {@code 1000}, {@code 0.0001234}: four significant digits, no exponent. */
  static String num(double v) {
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  static String num(OptionalDouble v) {
    return v.isPresent() && Double.isFinite(v.getAsDouble()) ? num(v.getAsDouble()) : NO_DATA;
  }

  /** {@code 2.1%} of a fraction {@code 0.021}; {@value #NO_DATA} when empty. */
  static String pct(OptionalDouble fraction) {
    return fraction.isPresent() && Double.isFinite(fraction.getAsDouble())
        ? String.format(Locale.ROOT, "%s%%", num(fraction.getAsDouble() * 100))
        : NO_DATA;
  }

  /** The slo label: {@code checkout-availability}, or {@code checkout-availability[tenant-a]}. */
  static String slo(Alert a) {
    return a.groupKey().map(k -> a.sloId() + "[" + k + "]").orElse(a.sloId());
  }
}
