package io.github.slo4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LazyLoggerTest {
  /** Static loggers made slf4j discover its providers at class load, on the way to the first record. */
  @Test
  void aLoggerResolvesOnItsFirstUseNotWhenMade() {
    Logger log = LazyLogger.of(LazyLoggerTest.class);
    LazyLogger lazy = (LazyLogger) log;
    assertEquals(LazyLoggerTest.class.getName(), log.getName());
    assertFalse(lazy.resolved(), "made and named, not yet used");
    log.debug("first use {}", 1);
    assertTrue(lazy.resolved());
  }

  @Test
  void itDelegatesToTheLoggerSlf4jGivesForTheClass() {
    Logger log = LazyLogger.of(LazyLoggerTest.class);
    Logger real = LoggerFactory.getLogger(LazyLoggerTest.class);
    assertEquals(real.isErrorEnabled(), log.isErrorEnabled());
    assertEquals(real.isDebugEnabled(), log.isDebugEnabled());
  }
}
