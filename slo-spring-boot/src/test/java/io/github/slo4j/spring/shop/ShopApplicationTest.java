package io.github.slo4j.spring.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.slo4j.WindowCounts;
import io.github.slo4j.monitor.Alert;
import io.github.slo4j.monitor.AlertListener;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.monitor.Severity;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.MockClock;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The application of docs/spring-boot.md on a real embedded Tomcat on a random port, with the
 * starter and the YAML of the page, driven by real HTTP requests (the JDK's {@link HttpClient}) to
 * {@code /checkout} that succeed, fail with 503, answer 404 and are slow. Time is the meter
 * registry's {@link MockClock} (the one clock of meters and SLOs), moved by the test; ticks are
 * manual ({@code slo4j.manual-ticks}).
 *
 * <p>A healthy hour (100 × 200, 10 × 404, 10 slow 200s, then a request every 5 minutes) and an
 * outage (500 × 503): the SLIs are
 * exact, the page fires (and reaches an {@link AlertListener} bean), the policy freezes releases,
 * and the actuator endpoints, the health and info contributors and the Prometheus scrape say so.
 */
@SpringBootTest(
    classes = {ShopApplication.class, ShopApplicationTest.TestTime.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.location=classpath:/shop/application.yaml",
      "slo4j.manual-ticks=true",
      "management.endpoint.health.show-details=always",
      "management.info.env.enabled=false",
      "spring.web.error.include-message=always" // the 400's reason in the response body
    })
class ShopApplicationTest {
  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  @LocalServerPort int port;
  @Autowired MockClock clock;
  @Autowired SloRegistry slos;
  @Autowired RegistryMonitor monitor;
  @Autowired List<AlertTransition> heard;

  private final HttpClient http = HttpClient.newHttpClient();
  private long sent;

  /** The meter registry's clock, starting at a known instant, and the slow requests' second. */
  @TestConfiguration(proxyBeanMethods = false)
  static class TestTime {
    @Bean
    MockClock micrometerClock() {
      MockClock clock = new MockClock();
      clock.add(START.toEpochMilli() - clock.wallTime(), TimeUnit.MILLISECONDS);
      return clock;
    }

    @Bean
    WebMvcConfigurer slowCheckout(MockClock clock) {
      return new WebMvcConfigurer() {
        @Override
        public void addInterceptors(InterceptorRegistry registry) {
          registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
              if ("slow".equals(request.getParameter("mode"))) {
                clock.add(Duration.ofSeconds(1)); // inside the http.server.requests observation
              }
              return true;
            }
          });
        }
      };
    }

    @Bean
    List<AlertTransition> heard() {
      return new CopyOnWriteArrayList<>();
    }

    // tag::alert-listener[]
    @Bean
    AlertListener pager(List<AlertTransition> heard) {
      return transition -> {
        if (transition.notifies()) { // fired or resolved, not a suppressed tier
          heard.add(transition); // in production: hand transition.alert() to your pager
        }
      };
    }
    // end::alert-listener[]
  }

  @Test
  void anOutageOnCheckoutPagesFreezesReleasesAndShowsEverywhere() throws Exception {
    get("/checkout", 200, 100);
    get("/checkout?mode=missing", 404, 10); // a client error: good
    get("/checkout?mode=slow", 200, 10); // good, but over 300 ms
    tick();
    assertCounts("checkout-availability", Duration.ofMinutes(5), 120, 120);
    assertCounts("checkout-latency", Duration.ofMinutes(5), 110, 120);

    // 55 quiet minutes, a request every 5 until the 50th (no no-data alert), so that the hour window is covered:
    // a process up for a minute does not judge its hour on that minute
    for (int minute = 1; minute <= 55; minute++) {
      if (minute % 5 == 0 && minute <= 50) {
        get("/checkout", 200, 1);
      }
      for (int i = 0; i < 6; i++) {
        tick();
      }
    }
    assertThat(monitor.monitor("checkout-availability").orElseThrow().activeAlerts()).isEmpty();
    assertThat(heard).isEmpty();

    // 500 failures: a page, and (projected over the 30-day period from the hour seen so far) more
    // than the whole budget, so the policy freezes releases
    get("/checkout?mode=fail", 503, 500);
    tick();
    assertCounts("checkout-availability", Duration.ofMinutes(5), 0, 500);
    assertCounts("checkout-availability", Duration.ofHours(1), 130, 630);
    assertCounts("checkout-latency", Duration.ofHours(1), 120, 630); // a failure is bad for every threshold

    List<Alert> active = monitor.monitor("checkout-availability").orElseThrow().activeAlerts();
    assertThat(active).extracting(Alert::severity).contains(Severity.PAGE);
    assertThat(heard).anySatisfy(t -> {
      assertEquals(AlertState.FIRING, t.to());
      assertEquals(Severity.PAGE, t.alert().severity());
      assertEquals("checkout-availability", t.alert().sloId());
    });
    assertThat(monitor.monitor("checkout-availability").orElseThrow().frozen()).isTrue();

    DocumentContext all = json(get("/actuator/slo", 200));
    assertEquals(false, all.read("$.releaseGate.allowed"));
    assertThat(all.<String>read("$.releaseGate.reasons[0]"))
        .startsWith("SLO checkout-availability is frozen since")
        .endsWith("only reliability or security fixes may ship");
    assertEquals("deploy", all.read("$.changes[0].kind"));
    assertEquals("shop", all.read("$.changes[0].name"));
    assertEquals("unknown", all.read("$.changes[0].version")); // no build-info in this test
    String availability = "$.slos[?(@.id == 'checkout-availability')]";
    assertEquals(List.of("5m"), all.read(availability + ".targets[0].windows[0].window"));
    assertEquals(List.of(0), all.read(availability + ".targets[0].windows[0].good"));
    assertEquals(List.of(500), all.read(availability + ".targets[0].windows[0].bad"));
    assertEquals(List.of("page"), all.read(availability + ".activeAlerts[?(@.state == 'firing')].severity"));
    assertThat(all.<List<String>>read(availability + ".activeAlerts[0].links.dashboard"))
        .singleElement().asString().startsWith("https://grafana.example.com/d/checkout?from=");
    assertEquals(List.of("team-payments"), all.read(availability + ".owner"));
    assertEquals(List.of(true), all.read(availability + ".frozen"));
    assertEquals(List.of("freeze"), all.read(availability + ".decisions[0].kind"));

    DocumentContext security = json(get("/actuator/slo?version=1.4.3&category=security", 200));
    assertEquals(true, security.read("$.releaseGate.allowed"));
    assertThat(security.<String>read("$.releaseGate.change")).startsWith("deploy shop 1.4.3 at ").endsWith("(security)");

    DocumentContext latency = json(get("/actuator/slo/checkout-latency", 200));
    assertEquals("le300ms", latency.read("$.targets[0].target"));
    assertEquals("1h", latency.read("$.targets[0].windows[2].window"));
    assertEquals(120, (int) latency.read("$.targets[0].windows[2].good"));
    assertEquals(630, (int) latency.read("$.targets[0].windows[2].total"));
    get("/actuator/slo/no-such-slo", 404);

    String scrape = get("/actuator/prometheus", 200);
    assertThat(scrape).containsPattern(
        "slo_events_total\\{[^}]*outcome=\"bad\"[^}]*slo=\"checkout-availability\"[^}]*} 500\\.0");
    assertThat(scrape).containsPattern(
        "slo_alert_active\\{[^}]*severity=\"page\"[^}]*slo=\"checkout-availability\"[^}]*} 1\\.0");
    assertThat(scrape).contains("http_server_requests_seconds_count{"); // Boot's own meters too

    DocumentContext health = json(get("/actuator/health", 200)); // burning, frozen, and still UP
    assertEquals("UP", health.read("$.status"));
    assertEquals("UP", health.read("$.components.slo.status"));
    assertEquals(List.of("checkout-availability"), health.read("$.components.slo.details.frozen"));
    DocumentContext info = json(get("/actuator/info", 200));
    assertEquals(2, (int) info.read("$.slo.slos"));
    assertThat(info.<List<String>>read("$.slo.burning")).contains("checkout-availability");
  }

  @Test
  void aChangeMarkerPostedToTheEndpointIsRecordedAndABadOneRefusedWithItsReason() throws Exception {
    DocumentContext posted = json(post("{\"version\": \"2s\", \"kind\": \"config\", \"name\": \"payment.timeout\"}", 200));
    assertEquals("config", posted.read("$.kind"));
    DocumentContext all = json(get("/actuator/slo", 200));
    assertThat(all.<List<String>>read("$.changes[?(@.name == 'payment.timeout')].version")).containsExactly("2s");

    assertThat(post("{\"version\": \"1\", \"kind\": \"migration\"}", 400))
        .contains("kind: migration (expected deploy, config, feature-flag or other)");
    assertThat(post("{\"version\": \" \"}", 400)).contains("change version: '' (expected a non-blank text)");
  }

  /**
   * Closes the interval once the handler has recorded every request sent: Tomcat sends a response
   * before the observation filter stops its observation, so the client can be a moment ahead of the
   * recorder. The wait fails only on a hang.
   */
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

  private void assertCounts(String slo, Duration window, long good, long total) {
    SloRecorder r = slos.find(slo).orElseThrow();
    WindowCounts w = r.window(r.definition().targets().get(0), window);
    assertEquals(good + "/" + total, w.good() + "/" + w.total(), slo + " over " + window);
  }

  /** Sends {@code times} requests to /checkout, counted for {@link #tick()}. */
  private void get(String path, int status, int times) throws IOException, InterruptedException {
    for (int i = 0; i < times; i++) {
      get(path, status);
      sent++;
    }
  }

  private String get(String path, int status) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), path + ": " + r.body());
    return r.body();
  }

  private String post(String body, int status) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/slo"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), body + ": " + r.body());
    return r.body();
  }

  private static DocumentContext json(String body) {
    return JsonPath.parse(body);
  }
}
