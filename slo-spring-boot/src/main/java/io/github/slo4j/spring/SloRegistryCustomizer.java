package io.github.slo4j.spring;

import io.github.slo4j.recorder.SloRegistry;

/**
 * Customizes the auto-configured {@link SloRegistry} once the SLOs of {@code slo4j.slos} are
 * registered, before the monitor attaches and before any request is recorded: the place to
 * register SLOs of your own or to restore state saved by a previous run. Every bean of this type
 * is called, in {@code @Order}.
 */
@FunctionalInterface
public interface SloRegistryCustomizer {

  /**
   * Customizes {@code registry}.
   *
   * @param registry the registry, with the configured SLOs registered
   */
  void customize(SloRegistry registry);
}
