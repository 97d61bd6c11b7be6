package io.github.slo4j.canary;

import java.math.BigDecimal;
import java.math.MathContext;

/** The numbers of the canary's reasons: three significant digits, no exponent above 1e-4. */
final class Format {
  private Format() {}

  static String number(double x) {
    if (Double.isInfinite(x)) {
      return x > 0 ? "∞" : "-∞";
    }
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    if (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e6) {
      return String.format(java.util.Locale.ROOT, "%.2e", x);
    }
    return new BigDecimal(x).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }

  static String percent(double ratio) {
    return number(ratio * 100) + "%";
  }

  /** {@code 12/3400 (0.353%)} or {@code no data}. */
  static String share(long bad, long total) {
    return total == 0 ? "no data" : bad + "/" + total + " (" + percent((double) bad / total) + ")";
  }

  /** A Bayes factor from its log: {@code 1.2e+08}, or {@code > 1e300} beyond a double. */
  static String bayesFactor(double log) {
    double bf = Math.exp(log);
    return Double.isInfinite(bf) ? "> 1e300" : number(bf);
  }
}
