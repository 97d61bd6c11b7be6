package io.github.slo4j;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;

/**
 * The bytes the current thread has allocated, from the JVM's own per-thread counter ({@code
 * com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes()}), for the tests that prove a
 * path allocates nothing. Read through a method handle typed {@code (Object)long}: the module of
 * these tests does not read {@code jdk.management}, and an exact invocation boxes nothing.
 */
public final class AllocatedBytes {
  private static final MethodHandle COUNTER = counter();
  /** The bean, looked up once: {@code ManagementFactory.getThreadMXBean()} allocates some 800 bytes a call. */
  private static final Object THREADS = ManagementFactory.getThreadMXBean();

  private AllocatedBytes() {}

  private static MethodHandle counter() {
    try {
      Class<?> bean = Class.forName("com.sun.management.ThreadMXBean");
      if (!bean.isInstance(ManagementFactory.getThreadMXBean())) {
        return null;
      }
      MethodHandle h = MethodHandles.publicLookup()
          .findVirtual(bean, "getCurrentThreadAllocatedBytes", MethodType.methodType(long.class))
          .asType(MethodType.methodType(long.class, Object.class));
      Object mx = ManagementFactory.getThreadMXBean();
      for (int i = 0; i < 20_000; i++) {
        // past the handle's own one-off work (its lambda forms are interpreted, then compiled and
        // customized after some invocations), so that reading the counter allocates nothing
        long ignored = (long) h.invokeExact(mx);
      }
      return h;
    } catch (Throwable e) {
      return null;
    }
  }

  /** Whether this JVM counts allocated bytes per thread. */
  public static boolean available() {
    return COUNTER != null;
  }

  /** The bytes the current thread has allocated so far. */
  public static long now() {
    try {
      return (long) COUNTER.invokeExact(THREADS);
    } catch (Throwable e) {
      throw new AssertionError(e);
    }
  }
}
