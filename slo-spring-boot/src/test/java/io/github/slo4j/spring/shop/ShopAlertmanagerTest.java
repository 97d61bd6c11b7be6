package io.github.slo4j.spring.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import tools.jackson.databind.JsonNode;
import io.github.slo4j.notify.AlertmanagerNotifier;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.MockClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The "done when": the application of docs/spring-boot.md, on a real embedded server with
 * the page's YAML and {@code slo4j.alertmanager.url}, pages on a real outage of {@code /checkout}
 * (real HTTP requests), and a real Alertmanager, started by the test on a loopback port, receives
 * the page with the labels and annotations a routing tree uses. Skipped with a message when the
 * Alertmanager binary is absent, except under {@code CI=true}.
 */
@SpringBootTest(
    classes = {ShopApplication.class, ShopApplicationTest.TestTime.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.location=classpath:/shop/application.yaml",
      "slo4j.manual-ticks=true",
      "slo4j.alertmanager.resend-interval=1s",
      "slo4j.alertmanager.labels.env=test"
    })
class ShopAlertmanagerTest {
  @TempDir static Path dir;
  static Alertmanager alertmanager;

  @LocalServerPort int port;
  @Autowired MockClock clock;
  @Autowired SloRegistry slos;
  @Autowired AlertmanagerNotifier notifier;

  private final HttpClient http = HttpClient.newHttpClient();
  private long sent;

  static String absent;

  /**
   * Starts Alertmanager before the application, which needs its URL. Without the binary the test
   * method is skipped with the reason (an assumption here would abort the class without reporting
   * a skipped test); under CI=true {@link Alertmanager#start} fails instead.
   */
  @BeforeAll
  static void startAlertmanager() throws Exception {
    try {
      alertmanager = Alertmanager.start(dir);
    } catch (TestAbortedException e) {
      absent = e.getMessage();
    }
  }

  @AfterAll
  static void stopAlertmanager() {
    if (alertmanager != null) {
      alertmanager.close();
    }
  }

  @DynamicPropertySource
  static void alertmanagerUrl(DynamicPropertyRegistry properties) {
    // without Alertmanager (the test is then skipped), a port where nothing listens
    properties.add("slo4j.alertmanager.url", () -> alertmanager != null ? alertmanager.uri().toString() : "http://127.0.0.1:9");
  }

  @Test
  void anOutageOnCheckoutPagesAndTheRealAlertmanagerReceivesThePage() throws Exception {
    Assumptions.assumeTrue(alertmanager != null, () -> absent);
    get("/checkout", 200, 100);
    tick();
    for (int minute = 1; minute <= 55; minute++) { // a quiet hour, a request every 5 minutes
      if (minute % 5 == 0 && minute <= 50) {
        get("/checkout", 200, 1);
      }
      for (int i = 0; i < 6; i++) {
        tick();
      }
    }
    assertEquals(Optional.empty(), page(), "no page before the outage");

    get("/checkout?mode=fail", 503, 500);
    tick();

    JsonNode alert = awaitPage();
    JsonNode labels = alert.get("labels");
    assertEquals("SloErrorBudgetBurn", labels.get("alertname").asString());
    assertEquals("shop", labels.get("service").asString()); // spring.application.name
    assertEquals("events", labels.get("target").asString());
    assertEquals("1h/5m", labels.get("window").asString());
    assertEquals("team-payments", labels.get("owner").asString());
    assertEquals("test", labels.get("env").asString()); // slo4j.alertmanager.labels
    assertEquals("https://runbooks.example.com/checkout", alert.get("annotations").get("runbook_url").asString());
    assertEquals("active", alert.get("status").get("state").asString());
    assertEquals(true, alert.get("generatorURL").asString().startsWith("https://grafana.example.com/d/checkout?from="),
        alert.get("generatorURL").asString());
    assertEquals(0, notifier.dropped());

    // the notifier's counters on the Prometheus scrape, with the notifier's bean name
    HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(scrape.body())
        .containsPattern("slo_notifier_sent_total\\{notifier=\"sloAlertmanagerNotifier\"} [1-9][0-9]*\\.0")
        .contains("slo_notifier_dropped_total{notifier=\"sloAlertmanagerNotifier\"} 0.0");
  }

  /** Waits for the notifier's thread to deliver; fails only on a hang. */
  private JsonNode awaitPage() throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    Optional<JsonNode> page;
    while ((page = page()).isEmpty()) {
      if (System.nanoTime() - deadline > 0) {
        fail("the page never reached Alertmanager (a hang): it holds " + alertmanager.alerts()
            + "; notifier sent " + notifier.sent() + ", failed " + notifier.failed() + "; log: " + alertmanager.log());
      }
      Thread.sleep(10);
    }
    return page.get();
  }

  /** The checkout-availability page Alertmanager holds, if it holds one. */
  private Optional<JsonNode> page() throws IOException, InterruptedException {
    for (JsonNode a : alertmanager.alerts()) {
      JsonNode l = a.get("labels");
      if ("checkout-availability".equals(l.path("slo").asString()) && "page".equals(l.path("severity").asString())) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Closes the interval once every request sent is recorded (see ShopApplicationTest#tick). */
  private void tick() {
    SloRecorder r = slos.find("checkout-availability").orElseThrow();
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      while (r.cumulative().total() < sent) {
        Thread.sleep(1);
      }
    }, () -> "recorded " + r.cumulative() + " of " + sent + " requests sent");
    clock.add(Duration.ofSeconds(10));
    slos.tick();
  }

  private void get(String path, int status, int times) throws IOException, InterruptedException {
    for (int i = 0; i < times; i++) {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(status, r.statusCode(), path + ": " + r.body());
      sent++;
    }
  }
}
