package io.github.slo4j;

/**
 * A handle on something attached to a source of events (a tick listener, a registry listener, a
 * monitor): {@link #close()} detaches it. Thread-safe.
 *
 * <p>Closing is idempotent, never throws and never waits for a callback that is running: that one
 * call may still complete, and none starts afterwards from the source it was attached to.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

  /** Detaches; idempotent. */
  @Override
  void close();
}
