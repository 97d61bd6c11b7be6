package io.github.slo4j.recorder;

/**
 * Follows the SLOs of a {@link SloRegistry}: told of every {@link RegistryEvent} (registered,
 * grouped registered, group created, unregistered). Added with {@link
 * SloRegistry#addListener(RegistryListener)}, which first replays the registry's current SLOs and
 * groups, so a listener added late catches up; the handle it returns detaches it.
 *
 * <p>Events are delivered one at a time, in the order they happened, outside the registry's locks,
 * by the thread that delivers tick listeners (the same order: a group created before a boundary
 * closed is told before that tick). A group created on a recording thread is told at the next tick
 * (or the next registration), never on the recording thread. A listener that throws anything is
 * counted ({@link SloRegistry#listenerFailures()}) and logged once with the SLO id; it stops
 * neither the other listeners nor the ticker. A listener that blocks delays only the registry's
 * notifications, never registration, group creation or {@link SloRegistry#close()}.
 */
@FunctionalInterface
public interface RegistryListener {

  /** Something changed in the registry (see {@link RegistryEvent}'s cases). */
  void onEvent(RegistryEvent event);
}
