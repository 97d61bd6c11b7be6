package io.github.slo4j.spring;

import io.github.slo4j.ChangeLog;
import io.github.slo4j.ChangeMarker;
import io.github.slo4j.recorder.SloRegistry;
import java.time.Instant;
import java.util.Optional;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/** Records the application's start as a deploy change marker once it is ready. */
final class SloStartMarker implements ApplicationListener<ApplicationReadyEvent> {
  private final SloRegistry registry;
  private final ChangeLog changes;
  private final String version;
  private final String application;

  SloStartMarker(SloRegistry registry, ChangeLog changes, Optional<String> version, String application) {
    this.registry = registry;
    this.changes = changes;
    this.version = version.filter(v -> !v.isBlank()).orElse("unknown");
    this.application = application;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    changes.record(ChangeMarker.deploy(application, version, Instant.ofEpochMilli(registry.timeSource().wallMillis())));
  }
}
