package io.github.slo4j.micrometer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An slf4j logger resolved on first use, not when its class loads: loading slo-micrometer's classes
 * (a Spring context does it at start-up) binds no logging backend, and a source or handler that
 * never warns never asks slf4j for a logger. Thread-safe: a race resolves the same logger twice.
 */
final class LazyLogger {
  private final Class<?> owner;
  private volatile Logger logger;

  LazyLogger(Class<?> owner) {
    this.owner = owner;
  }

  /** The logger named after the owner class, resolved now if not yet. */
  Logger get() {
    Logger l = logger;
    if (l == null) {
      l = LoggerFactory.getLogger(owner);
      logger = l;
    }
    return l;
  }

  /** Whether {@link #get()} has resolved the logger. */
  boolean resolved() {
    return logger != null;
  }
}
