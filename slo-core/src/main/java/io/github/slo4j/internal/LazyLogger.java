package io.github.slo4j.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * A {@link Logger} that asks slf4j for the real one when it is first used. Thread-safe.
 *
 * <p>{@code LoggerFactory.getLogger} initialises slf4j: it discovers the providers on the class
 * path with a {@code ServiceLoader}, which took half of the 63 ms from JVM start to slo4j's first
 * record when the recorder's classes held loggers in static fields (issue 10). slo4j logs only when
 * something goes wrong or changes (a failing callback, a clock jump, a fired alert), so its classes
 * hold one of these instead and an application that never logs through slo4j never pays for the
 * discovery. Every method delegates to the real logger, resolved once ({@code getName()} does not
 * resolve it); two threads racing to resolve it get the same logger from slf4j.
 *
 * <p>Not part of the public API.
 */
public final class LazyLogger implements Logger {
  private final String name;
  private volatile Logger delegate;

  private LazyLogger(String name) {
    this.name = name;
  }

  /** A logger named after {@code owner}, as {@code LoggerFactory.getLogger(owner)} names it. */
  public static Logger of(Class<?> owner) {
    return new LazyLogger(owner.getName());
  }

  /** Whether slf4j was asked for the real logger yet (for tests). */
  boolean resolved() {
    return delegate != null;
  }

  private Logger delegate() {
    Logger d = delegate;
    if (d == null) {
      d = LoggerFactory.getLogger(name);
      delegate = d;
    }
    return d;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public LoggingEventBuilder makeLoggingEventBuilder(Level level) {
    return delegate().makeLoggingEventBuilder(level);
  }

  @Override
  public boolean isEnabledForLevel(Level level) {
    return delegate().isEnabledForLevel(level);
  }

  @Override
  public boolean isTraceEnabled() {
    return delegate().isTraceEnabled();
  }

  @Override
  public void trace(String msg) {
    delegate().trace(msg);
  }

  @Override
  public void trace(String msg, Object arg) {
    delegate().trace(msg, arg);
  }

  @Override
  public void trace(String msg, Object arg, Object arg2) {
    delegate().trace(msg, arg, arg2);
  }

  @Override
  public void trace(String msg, Object... args) {
    delegate().trace(msg, args);
  }

  @Override
  public void trace(String msg, Throwable t) {
    delegate().trace(msg, t);
  }

  @Override
  public boolean isTraceEnabled(Marker marker) {
    return delegate().isTraceEnabled(marker);
  }

  @Override
  public void trace(Marker marker, String msg) {
    delegate().trace(marker, msg);
  }

  @Override
  public void trace(Marker marker, String msg, Object arg) {
    delegate().trace(marker, msg, arg);
  }

  @Override
  public void trace(Marker marker, String msg, Object arg, Object arg2) {
    delegate().trace(marker, msg, arg, arg2);
  }

  @Override
  public void trace(Marker marker, String msg, Object... args) {
    delegate().trace(marker, msg, args);
  }

  @Override
  public void trace(Marker marker, String msg, Throwable t) {
    delegate().trace(marker, msg, t);
  }

  @Override
  public boolean isDebugEnabled() {
    return delegate().isDebugEnabled();
  }

  @Override
  public void debug(String msg) {
    delegate().debug(msg);
  }

  @Override
  public void debug(String msg, Object arg) {
    delegate().debug(msg, arg);
  }

  @Override
  public void debug(String msg, Object arg, Object arg2) {
    delegate().debug(msg, arg, arg2);
  }

  @Override
  public void debug(String msg, Object... args) {
    delegate().debug(msg, args);
  }

  @Override
  public void debug(String msg, Throwable t) {
    delegate().debug(msg, t);
  }

  @Override
  public boolean isDebugEnabled(Marker marker) {
    return delegate().isDebugEnabled(marker);
  }

  @Override
  public void debug(Marker marker, String msg) {
    delegate().debug(marker, msg);
  }

  @Override
  public void debug(Marker marker, String msg, Object arg) {
    delegate().debug(marker, msg, arg);
  }

  @Override
  public void debug(Marker marker, String msg, Object arg, Object arg2) {
    delegate().debug(marker, msg, arg, arg2);
  }

  @Override
  public void debug(Marker marker, String msg, Object... args) {
    delegate().debug(marker, msg, args);
  }

  @Override
  public void debug(Marker marker, String msg, Throwable t) {
    delegate().debug(marker, msg, t);
  }

  @Override
  public boolean isInfoEnabled() {
    return delegate().isInfoEnabled();
  }

  @Override
  public void info(String msg) {
    delegate().info(msg);
  }

  @Override
  public void info(String msg, Object arg) {
    delegate().info(msg, arg);
  }

  @Override
  public void info(String msg, Object arg, Object arg2) {
    delegate().info(msg, arg, arg2);
  }

  @Override
  public void info(String msg, Object... args) {
    delegate().info(msg, args);
  }

  @Override
  public void info(String msg, Throwable t) {
    delegate().info(msg, t);
  }

  @Override
  public boolean isInfoEnabled(Marker marker) {
    return delegate().isInfoEnabled(marker);
  }

  @Override
  public void info(Marker marker, String msg) {
    delegate().info(marker, msg);
  }

  @Override
  public void info(Marker marker, String msg, Object arg) {
    delegate().info(marker, msg, arg);
  }

  @Override
  public void info(Marker marker, String msg, Object arg, Object arg2) {
    delegate().info(marker, msg, arg, arg2);
  }

  @Override
  public void info(Marker marker, String msg, Object... args) {
    delegate().info(marker, msg, args);
  }

  @Override
  public void info(Marker marker, String msg, Throwable t) {
    delegate().info(marker, msg, t);
  }

  @Override
  public boolean isWarnEnabled() {
    return delegate().isWarnEnabled();
  }

  @Override
  public void warn(String msg) {
    delegate().warn(msg);
  }

  @Override
  public void warn(String msg, Object arg) {
    delegate().warn(msg, arg);
  }

  @Override
  public void warn(String msg, Object... args) {
    delegate().warn(msg, args);
  }

  @Override
  public void warn(String msg, Object arg, Object arg2) {
    delegate().warn(msg, arg, arg2);
  }

  @Override
  public void warn(String msg, Throwable t) {
    delegate().warn(msg, t);
  }

  @Override
  public boolean isWarnEnabled(Marker marker) {
    return delegate().isWarnEnabled(marker);
  }

  @Override
  public void warn(Marker marker, String msg) {
    delegate().warn(marker, msg);
  }

  @Override
  public void warn(Marker marker, String msg, Object arg) {
    delegate().warn(marker, msg, arg);
  }

  @Override
  public void warn(Marker marker, String msg, Object arg, Object arg2) {
    delegate().warn(marker, msg, arg, arg2);
  }

  @Override
  public void warn(Marker marker, String msg, Object... args) {
    delegate().warn(marker, msg, args);
  }

  @Override
  public void warn(Marker marker, String msg, Throwable t) {
    delegate().warn(marker, msg, t);
  }

  @Override
  public boolean isErrorEnabled() {
    return delegate().isErrorEnabled();
  }

  @Override
  public void error(String msg) {
    delegate().error(msg);
  }

  @Override
  public void error(String msg, Object arg) {
    delegate().error(msg, arg);
  }

  @Override
  public void error(String msg, Object arg, Object arg2) {
    delegate().error(msg, arg, arg2);
  }

  @Override
  public void error(String msg, Object... args) {
    delegate().error(msg, args);
  }

  @Override
  public void error(String msg, Throwable t) {
    delegate().error(msg, t);
  }

  @Override
  public boolean isErrorEnabled(Marker marker) {
    return delegate().isErrorEnabled(marker);
  }

  @Override
  public void error(Marker marker, String msg) {
    delegate().error(marker, msg);
  }

  @Override
  public void error(Marker marker, String msg, Object arg) {
    delegate().error(marker, msg, arg);
  }

  @Override
  public void error(Marker marker, String msg, Object arg, Object arg2) {
    delegate().error(marker, msg, arg, arg2);
  }

  @Override
  public void error(Marker marker, String msg, Object... args) {
    delegate().error(marker, msg, args);
  }

  @Override
  public void error(Marker marker, String msg, Throwable t) {
    delegate().error(marker, msg, t);
  }
}
