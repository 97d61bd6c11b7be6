package io.github.slo4j.recorder;

/**
 * Called by a {@link SloRegistry} after it closes a base interval, once the rings of every recorder
 * include it. Added with {@link SloRegistry#addTickListener(TickListener)}, whose handle removes it.
 * A registry-wide monitor does not need one: it attaches to the registry as a {@link
 * io.github.slo4j.WindowSource}.
 *
 * <p>Listeners run on the ticking thread (the caller's, for {@link SloRegistry#tick()}), one after
 * another, in registration order, after the registry's tick lock is released; a listener never runs
 * concurrently with itself. A listener that throws anything, an {@link Error} or a checked exception
 * included, is counted ({@link SloRegistry#listenerFailures()}) and logged once with the SLO ids and
 * the boundary; it cannot stop the ticker or the listeners after it. Only an {@link
 * OutOfMemoryError} (and the other {@link VirtualMachineError}s but {@link StackOverflowError})
 * propagates. A listener that blocks delays only the listeners: boundaries keep closing, {@link
 * SloRegistry#close()} interrupts it and returns, and registration and new groups do not wait.
 */
@FunctionalInterface
public interface TickListener {

  /**
   * The registry closed the interval ending at {@code boundaryMillis} (a multiple of the base
   * interval since the epoch). When missed boundaries were caught up in one go, or closed while the
   * listeners were still busy with an earlier one, this is called once, for the newest of them.
   */
  void onTick(long boundaryMillis);
}
