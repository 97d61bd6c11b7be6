package io.github.slo4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.slo4j.Objective;
import io.github.slo4j.SloDefinition;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.recorder.EventCounts;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * docs/micrometer.md, "A Spring Boot 4 service wired by hand": the configuration class of the page
 * (a region of this file) in a real Spring Boot 4 application on an embedded Tomcat, fed by real
 * HTTP requests. (slo-spring-boot does the same from {@code application.yaml}.)
 */
@SpringBootTest(classes = SpringBootWiringDocTest.Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringBootWiringDocTest {
  private static final Logger LOG = LoggerFactory.getLogger(SpringBootWiringDocTest.class);

  @LocalServerPort int port;
  @Autowired SloRegistry slos;
  @Autowired RegistryMonitor monitor;
  @Autowired MeterRegistry meters;

  /** The service: Spring Boot's auto-configuration, one controller, and the page's configuration. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({SloConfiguration.class, Service.Checkout.class})
  static class Service {
    @RestController
    static class Checkout {
      @GetMapping("/checkout")
      ResponseEntity<String> checkout(@RequestParam(name = "mode", defaultValue = "ok") String mode) {
        return mode.equals("fail") ? ResponseEntity.status(500).body("down") : ResponseEntity.ok("paid");
      }

      @GetMapping("/cart")
      String cart() {
        return "cart";
      }
    }
  }

  // tag::spring-boot-wiring[]
  @Configuration(proxyBeanMethods = false)
  static class SloConfiguration {
    static final SloDefinition CHECKOUT = SloDefinition.builder("checkout-availability")
        .service("checkout")
        .objective(Objective.percent("99.9"))
        .build();

    @Bean(destroyMethod = "close")
    SloRegistry sloRegistry(Clock clock) { // Micrometer's clock: one time source for meters and SLOs
      return SloRegistry.builder().timeSource(MicrometerTime.of(clock)).build();
    }

    @Bean(destroyMethod = "close")
    RegistryMonitor sloMonitor(SloRegistry slos) {
      return RegistryMonitor.builder()
          .listener(t -> {
            if (t.notifies()) {
              LOG.warn("{}", t.alert().summary()); // or hand it to your pager
            }
          })
          .attach(slos);
    }

    @Bean // a plain ObservationHandler: Spring Boot adds it to the ObservationRegistry
    SloObservationHandler sloObservationHandler(SloRegistry slos, RegistryMonitor monitor) { // monitor first
      return SloObservationHandler.builder(slos)
          .slo(CHECKOUT,
              ObservationSelector.name("http.server.requests").keyValue("uri", "/checkout"),
              OutcomeClassifier.http())
          .build();
    }

    @Bean(destroyMethod = "close") // a MeterBinder: Spring Boot binds it to the MeterRegistry
    SloMeterBinder sloMeterBinder(SloRegistry slos, RegistryMonitor monitor) {
      return new SloMeterBinder(slos, monitor, Tags.empty());
    }
  }
  // end::spring-boot-wiring[]

  @Test
  void requestsToCheckoutFeedTheSloAndItsMeters() throws Exception {
    for (String path : new String[] {"/checkout", "/checkout", "/checkout", "/checkout?mode=fail", "/cart"}) {
      http(path);
    }
    SloRecorder checkout = slos.find("checkout-availability").orElseThrow();
    // Tomcat answers before the observation filter stops the observation: wait for the fourth
    // (a hang detector, not a retry)
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      while (checkout.cumulative().total() < 4) {
        Thread.sleep(1);
      }
    });
    assertEquals(new EventCounts(3, 4), checkout.cumulative()); // /cart is not selected
    assertEquals(1.0, meters.get("slo.events").tags("slo", "checkout-availability", "outcome", "bad")
        .functionCounter().count());
    assertTrue(monitor.monitor("checkout-availability").isPresent());
  }

  @Test
  void thePageShowsTheConfiguration() throws IOException {
    DocPage.showsEveryRegion("docs/micrometer.md", "io/github/slo4j/micrometer/SpringBootWiringDocTest.java", 1);
  }

  private void http(String path) throws IOException, InterruptedException {
    HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.discarding());
  }
}
