package io.github.slo4j.spring;

import io.github.slo4j.notify.AlertmanagerNotifier;
import io.github.slo4j.notify.WebhookNotifier;
import io.github.slo4j.recorder.SloRegistry;
import io.github.slo4j.recorder.StateFile;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds the notifiers and the state file of {@code slo4j.alertmanager}, {@code slo4j.webhook} and
 * {@code slo4j.state} with the core's builders, so that the core's checks apply; a refused value
 * becomes a {@link SloPropertyException} naming the property, e.g. {@code
 * slo4j.alertmanager.resend-interval: 500ms (expected >= 1s)}.
 *
 * <p>The notifiers keep their default time source, the system clock, rather than the registry's
 * (the meter registry's clock): their timestamps and resends are about real time at a real receiver
 * (Alertmanager compares a firing alert's {@code endsAt} with its own clock), while the alert's own
 * instants still come from the monitor.
 */
final class SloDelivery {
  private SloDelivery() {}

  static AlertmanagerNotifier alertmanager(Slo4jProperties.Alertmanager p) {
    String at = "slo4j.alertmanager.";
    AlertmanagerNotifier.Builder b =
        checked(at + "url", () -> AlertmanagerNotifier.builder(uri(at + "url", p.url())));
    checked(at + "resend-interval", () -> b.resendInterval(p.resendInterval()));
    checked(at + "queue-capacity", () -> b.queueCapacity(p.queueCapacity()));
    for (Map.Entry<String, String> e : p.labels().entrySet()) {
      checked(at + "labels." + e.getKey(), () -> b.label(e.getKey(), e.getValue()));
    }
    return b.build();
  }

  static WebhookNotifier webhook(Slo4jProperties.Webhook p) {
    String at = "slo4j.webhook.";
    WebhookNotifier.Builder b = checked(at + "url", () -> WebhookNotifier.builder(uri(at + "url", p.url())));
    checked(at + "queue-capacity", () -> b.queueCapacity(p.queueCapacity()));
    for (Map.Entry<String, String> e : p.headers().entrySet()) {
      checked(at + "headers." + e.getKey(), () -> b.header(e.getKey(), e.getValue()));
    }
    return b.build();
  }

  /** The state file, its directory created when missing; not restored nor started yet. */
  static StateFile stateFile(SloRegistry registry, Slo4jProperties.State p) {
    String at = "slo4j.state.";
    Path file;
    try {
      file = Path.of(p.file()).toAbsolutePath();
    } catch (InvalidPathException e) {
      throw new SloPropertyException(at + "file: " + p.file() + " (expected a file path: " + e.getReason() + ")", e);
    }
    if (Files.isDirectory(file)) {
      throw new SloPropertyException(at + "file: " + p.file() + " (expected a file, not a directory)");
    }
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new SloPropertyException(
          at + "file: " + p.file() + " (expected a file in a directory that exists or can be created; " + e + ")", e);
    }
    StateFile.Builder b = StateFile.builder(registry, file);
    checked(at + "interval", () -> b.interval(p.interval()));
    checked(at + "max-size", () -> b.maxBytes(p.maxSize().toBytes()));
    return b.build();
  }

  private static URI uri(String property, String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new SloPropertyException(property + ": " + url + " (expected an absolute http or https URI)", e);
    }
  }

  /** Runs a builder's setter; its refusal, {@code name: value (expected ...)}, names the property. */
  private static <T> T checked(String property, Supplier<T> setter) {
    try {
      return setter.get();
    } catch (SloPropertyException e) {
      throw e;
    } catch (IllegalArgumentException | NullPointerException e) {
      String m = String.valueOf(e.getMessage());
      int colon = m.indexOf(": ");
      throw new SloPropertyException(property + ": " + (colon < 0 ? m : m.substring(colon + 2)), e);
    }
  }
}
