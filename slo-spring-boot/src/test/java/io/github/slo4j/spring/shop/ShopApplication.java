package io.github.slo4j.spring.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application of docs/spring-boot.md: a plain Spring Boot REST service that knows nothing of
 * slo4j. {@code ShopApplicationTest} runs it on a real embedded server; the {@code mode} parameter
 * lets the test make {@code /checkout} fail or answer 404.
 */
// tag::application[]
@SpringBootApplication
public class ShopApplication {
  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args);
  }

  @RestController
  static class CheckoutController {
    @GetMapping("/checkout")
    ResponseEntity<String> checkout(@RequestParam(defaultValue = "ok") String mode) {
      return switch (mode) {
        case "fail" -> ResponseEntity.status(503).body("payment provider down");
        case "missing" -> ResponseEntity.status(404).body("no such cart");
        default -> ResponseEntity.ok("paid");
      };
    }
  }
}
// end::application[]
