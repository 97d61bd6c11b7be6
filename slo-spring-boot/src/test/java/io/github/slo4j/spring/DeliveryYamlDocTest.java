package io.github.slo4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.slo4j.notify.AlertmanagerNotifier;
import io.github.slo4j.notify.WebhookNotifier;
import io.github.slo4j.recorder.StateFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The delivery and state YAML of docs/spring-boot.md (src/test/resources/shop/delivery.yaml, shown
 * by the page, see SpringBootDocTest) configures what the page says: an Alertmanager notifier with
 * its resend interval, a webhook with its header, and a state file (moved to a temporary directory
 * here) saved every 5 minutes.
 */
class DeliveryYamlDocTest {

  @Test
  void theDocsDeliveryYamlConfiguresAlertmanagerTheWebhookAndTheStateFile(@TempDir Path dir) {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(Slo4jAutoConfiguration.class))
        .withInitializer(context -> context.getEnvironment().getPropertySources().addLast(yaml()))
        .withPropertyValues("slo4j.manual-ticks=true", "SLO_WEBHOOK_TOKEN=secret",
            "slo4j.state.file=" + dir.resolve("slo4j.state")) // instead of /var/lib/shop
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertEquals("AlertmanagerNotifier[http://alertmanager:9093/api/v2/alerts, resend every 1m]",
              context.getBean(AlertmanagerNotifier.class).toString());
          assertEquals("WebhookNotifier[https://hooks.example.com/slo]", context.getBean(WebhookNotifier.class).toString());
          assertEquals("StateFile[" + dir.resolve("slo4j.state") + ", every 5m]", context.getBean(StateFile.class).toString());
          Slo4jProperties p = context.getBean(Slo4jProperties.class);
          assertEquals("Bearer secret", p.webhook().headers().get("Authorization"));
          assertEquals(16L << 20, p.state().maxSize().toBytes());
          assertEquals("eu-west-1", p.alertmanager().labels().get("cluster"));
        });
  }

  private static PropertySource<?> yaml() {
    try {
      return new YamlPropertySourceLoader().load("delivery.yaml", new ClassPathResource("shop/delivery.yaml")).get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
