package io.github.slo4j.spring.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.WindowCounts;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.github.slo4j.recorder.StateFile;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MockClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * A restart of the application of docs/spring-boot.md with {@code slo4j.state.file}: the first run
 * serves real requests on a real embedded server after its last periodic save, so only the save
 * when it stops can keep them; the second run
 * restores the file at start-up, and its windows still hold the first run's events. Both runs
 * share one {@link MockClock}, moved by the test (the restart takes two minutes).
 */
class ShopRestartTest {
  private static final long START = java.time.Instant.parse("2026-03-02T09:00:00Z").toEpochMilli();

  /** The shop's controller and Boot's auto-configuration, without the test configurations of the package. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(ShopApplication.CheckoutController.class)
  static class Shop {}

  private final MockClock clock = new MockClock();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theSecondRunRestoresTheStateFileAndItsWindowsStillHoldTheFirstRunsEvents(@TempDir Path dir) throws Exception {
    clock.add(START - clock.wallTime(), TimeUnit.MILLISECONDS);
    Path file = dir.resolve("state/shop.state");

    try (ConfigurableApplicationContext first = run(file)) {
      SloRegistry slos = first.getBean(SloRegistry.class);
      StateFile state = first.getBean(StateFile.class);
      clock.add(Duration.ofSeconds(10));
      slos.tick(); // the first periodic save, of no traffic yet
      int port = port(first);
      get(port, "/checkout", 200, 40);
      get(port, "/checkout?mode=fail", 503, 10);
      awaitRecorded(slos, 50);
      clock.add(Duration.ofSeconds(10));
      slos.tick(); // 10 s after the last save: no periodic save (every 5m)
      assertCounts(slos, Duration.ofHours(1), 40, 50);
      assertEquals(1, state.saves(), "periodic saves before the stop");
    } // stopped: only this last save holds the 50 requests
    assertTrue(Files.isRegularFile(file), file + " was saved");

    clock.add(Duration.ofMinutes(2));
    try (ConfigurableApplicationContext second = run(file)) {
      SloRegistry slos = second.getBean(SloRegistry.class);
      assertCounts(slos, Duration.ofHours(1), 40, 50); // restored before any request
      get(port(second), "/checkout", 200, 5);
      awaitRecorded(slos, 5); // the recorder's own count: the restored history is in its windows, not its counters
      clock.add(Duration.ofSeconds(10));
      slos.tick();
      assertCounts(slos, Duration.ofHours(1), 45, 55);
      assertCounts(slos, Duration.ofMinutes(1), 5, 5); // the new run's own minute
      assertEquals(1, second.getBean(StateFile.class).saves(), "saved at its first tick");
    }
  }

  private ConfigurableApplicationContext run(Path file) {
    return new SpringApplicationBuilder(Shop.class)
        .initializers(c -> c.getBeanFactory().registerSingleton("micrometerClock", clock))
        .properties(
            "spring.config.location=classpath:/shop/application.yaml",
            "server.port=0",
            "slo4j.manual-ticks=true",
            "slo4j.state.file=" + file,
            "spring.main.banner-mode=off")
        .run();
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }

  /**
   * Tomcat answers before the observation stops: waits until this run's recorder counted {@code
   * total} requests; fails only on a hang.
   */
  private static void awaitRecorded(SloRegistry slos, long total) {
    SloRecorder r = slos.find("checkout-availability").orElseThrow();
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      while (r.cumulative().total() < total) {
        Thread.sleep(1);
      }
    }, () -> "recorded " + r.cumulative() + " of " + total);
  }

  private static void assertCounts(SloRegistry slos, Duration window, long good, long total) {
    SloRecorder r = slos.find("checkout-availability").orElseThrow();
    WindowCounts w = r.window(r.definition().targets().get(0), window);
    assertEquals(good + "/" + total, w.good() + "/" + w.total(), "checkout-availability over " + window);
  }

  private void get(int port, String path, int status, int times) throws IOException, InterruptedException {
    for (int i = 0; i < times; i++) {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(status, r.statusCode(), path + ": " + r.body());
    }
  }
}
