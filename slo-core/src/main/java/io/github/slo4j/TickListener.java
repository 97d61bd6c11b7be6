package io.github.slo4j;

/**
 * Called by a {@link SloRegistry} after it closes a base interval, once the rings of every tracker
 * include it. Alerting and budget policies hang off this.
 *
 * <p>Listeners run on the ticking thread, one after another, in registration order. A listener that
 * throws is logged and counted ({@link SloRegistry#listenerFailures()}); it cannot stop the ticker
 * or the listeners after it. Keep listeners short: the next boundary waits for them.
 */
@FunctionalInterface
public interface TickListener {

  /**
   * The registry closed the interval ending at {@code boundaryMillis} (a multiple of the base
   * interval since the epoch). When missed boundaries were caught up in one go, this is called once,
   * for the last of them.
   */
  void onTick(long boundaryMillis);
}
