package io.github.slo4j;

/** Throws what a user callback may throw although its signature does not say so. */
public final class Sneaky {
  private Sneaky() {}

  /** Throws {@code t}, checked or not, without declaring it: {@code throw Sneaky.sneak(e)}. */
  public static RuntimeException sneak(Throwable t) {
    return Sneaky.<RuntimeException>doThrow(t);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException doThrow(Throwable t) throws E {
    throw (E) t;
  }

  /** Recurses until a real {@link StackOverflowError} is thrown. */
  public static int overflowTheStack(int depth) {
    return overflowTheStack(depth + 1) + 1;
  }
}
