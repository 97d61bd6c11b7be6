package io.github.slo4j.monitor;

/**
 * Where an alert stands. A tier starts {@link #INACTIVE}, goes {@link #FIRING} when both its
 * windows burn faster than its factor, and {@link #RESOLVED} once they have not for its {@linkplain
 * AlertRules#keepFiringFor(AlertTier) keep-firing time}; it may fire again later. A tier whose
 * condition starts to hold while a tier that suppresses it is firing (a ticket while a page fires)
 * is {@link #SUPPRESSED} instead of firing, and stays so until its own condition clears, also after
 * the page resolved: it is tracked, but nobody is notified, so one incident is one notification.
 * Likewise a tier that starts to hold while a tier of the same severity and target is firing (the
 * slow page while the fast page fires) is {@link #SUPPRESSED} by it, and the firing tier stays
 * {@link #FIRING} until no tier of its severity holds: one page and one resolve per incident
 * (unless {@link AlertRules.Builder#notifyPerTier()}).
 */
public enum AlertState {
  /** Never fired, or was suppressed and cleared without notifying anyone. */
  INACTIVE,
  /** The condition holds and the alert is notified. */
  FIRING,
  /** The condition holds in an incident a suppressing alert has notified; nobody is notified. */
  SUPPRESSED,
  /** Fired, then cleared. */
  RESOLVED;

  /** Whether the alert's condition holds ({@link #FIRING} or {@link #SUPPRESSED}). */
  public boolean active() {
    return this == FIRING || this == SUPPRESSED;
  }
}
