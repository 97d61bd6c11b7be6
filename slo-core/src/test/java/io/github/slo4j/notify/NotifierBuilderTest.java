package io.github.slo4j.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every bad input of the notifier builders, with its exact message. */
class NotifierBuilderTest {
  private static final URI AM = URI.create("http://127.0.0.1:9093");

  private static void refused(String message, Executable e) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
  }

  @Test
  void aReceiverMustBeAnAbsoluteHttpUri() {
    refused(
        "alertmanager: ftp://am:21 (expected an absolute http or https URI)",
        () -> AlertmanagerNotifier.builder(URI.create("ftp://am:21")));
    refused(
        "alertmanager: alertmanager:9093 (expected an absolute http or https URI)",
        () -> AlertmanagerNotifier.builder(URI.create("alertmanager:9093")));
    refused("url: /hooks/slo (expected an absolute http or https URI)", () -> WebhookNotifier.builder(URI.create("/hooks/slo")));
    assertEquals(
        "url: null (expected a value)",
        assertThrows(NullPointerException.class, () -> WebhookNotifier.builder(null)).getMessage());
  }

  @Test
  void labelsMustBeValidAlertmanagerLabelsOtherThanSlo4jsOwn() {
    AlertmanagerNotifier.Builder b = AlertmanagerNotifier.builder(AM);
    refused("name: \"env-name\" (expected a label name matching [a-zA-Z_][a-zA-Z0-9_]*)", () -> b.label("env-name", "x"));
    refused("name: \"1env\" (expected a label name matching [a-zA-Z_][a-zA-Z0-9_]*)", () -> b.label("1env", "x"));
    refused(
        "name: severity (expected a label slo4j does not set itself (it sets alertname, group, owner, service,"
            + " severity, slo, target, window))",
        () -> b.label("severity", "x"));
    refused("value: \"\" (expected a label value that is not empty (Alertmanager drops empty labels))", () -> b.label("env", ""));
  }

  @Test
  void theResendIntervalIsAtLeastOneSecond() {
    refused("interval: 500ms (expected >= 1s)", () -> AlertmanagerNotifier.builder(AM).resendInterval(Duration.ofMillis(500)));
    refused("interval: 0s (expected a duration > 0)", () -> AlertmanagerNotifier.builder(AM).resendInterval(Duration.ZERO));
  }

  @Test
  void deliverySettingsAreChecked() {
    WebhookNotifier.Builder b = WebhookNotifier.builder(URI.create("https://hooks.example.com/slo"));
    refused("capacity: 0 (expected 1 <= capacity <= 1000000)", () -> b.queueCapacity(0));
    refused("capacity: 1000001 (expected 1 <= capacity <= 1000000)", () -> b.queueCapacity(1_000_001));
    refused("timeout: -1s (expected a duration > 0)", () -> b.timeout(Duration.ofSeconds(-1)));
    refused("max: 1s (expected >= initial (2s))", () -> b.retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    refused("initial: 0s (expected a duration > 0)", () -> b.retryBackoff(Duration.ZERO, Duration.ofSeconds(1)));
    refused("closeTimeout: -1s (expected a duration >= 0)", () -> b.closeTimeout(Duration.ofSeconds(-1)));
    refused("name: \" \" (expected a header name)", () -> b.header(" ", "x"));
  }
}
