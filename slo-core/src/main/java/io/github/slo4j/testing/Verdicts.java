package io.github.slo4j.testing;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** The wording of the assertions' messages and the way an inconclusive outcome is thrown. */
final class Verdicts {
  private Verdicts() {}

  /** The JUnit Platform's "aborted" exception: an inconclusive assertion is reported as skipped. */
  static final String ABORTED = "org.opentest4j.TestAbortedException";

  /** Checks {@code 0 < value < 1}: a level or a confidence. */
  static double openUnit(String name, double value) {
    if (!(value > 0 && value < 1)) {
      throw io.github.slo4j.internal.Require.invalid(name, value, "0 < " + name + " < 1");
    }
    return value;
  }

  /** {@code 0.4%}: a rate as a percent, four significant digits, no trailing zeros. */
  static String percent(double rate) {
    if (rate == 0) {
      return "0%";
    }
    return new BigDecimal(rate * 100).round(new MathContext(4)).stripTrailingZeros().toPlainString() + "%";
  }

  /** {@code 10,000}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 1E-6}, {@code 0.05}: a level as written. */
  static String level(double alpha) {
    return BigDecimal.valueOf(alpha).stripTrailingZeros().toString();
  }

  /** A number such as a burn rate or a quantile, without trailing zeros. */
  static String number(double x) {
    return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }

  /**
   * The throwable of an inconclusive outcome: {@code abortedClass} (a public exception with a
   * {@code (String)} constructor, the JUnit Platform's {@link #ABORTED}) when it can be loaded, so
   * the test is reported as aborted; otherwise an {@link InconclusiveAssertionError}. Loaded
   * reflectively, so slo4j does not depend on it.
   */
  static Throwable inconclusive(String message, String abortedClass) {
    for (ClassLoader loader :
        new ClassLoader[] {Thread.currentThread().getContextClassLoader(), Verdicts.class.getClassLoader()}) {
      try {
        Class<?> type = Class.forName(abortedClass, false, loader);
        if (RuntimeException.class.isAssignableFrom(type)) {
          return (Throwable) type.getConstructor(String.class).newInstance(message);
        }
      } catch (ReflectiveOperationException | LinkageError | RuntimeException absent) {
        // not on this loader's path: try the next, then fall back to the error that explains itself
      }
    }
    return new InconclusiveAssertionError(
        message + "\n  (reported as a failure: " + abortedClass + " is not on the class path to report it as aborted)");
  }

  /** Throws {@link #inconclusive}'s throwable. */
  static void throwInconclusive(String message, String abortedClass) {
    Throwable t = inconclusive(message, abortedClass);
    if (t instanceof RuntimeException e) {
      throw e;
    }
    throw (Error) t;
  }
}
