package io.github.slo4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import io.github.slo4j.monitor.AlertListener;
import io.github.slo4j.monitor.AlertState;
import io.github.slo4j.monitor.AlertTransition;
import io.github.slo4j.monitor.RegistryMonitor;
import io.github.slo4j.notify.AlertmanagerNotifier;
import io.github.slo4j.notify.Notifier;
import io.github.slo4j.notify.WebhookNotifier;
import io.github.slo4j.recorder.SloRecorder;
import io.github.slo4j.recorder.SloRegistry;
import io.github.slo4j.recorder.StateFile;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Alerts leaving the process and state kept across restarts, as {@link Slo4jAutoConfiguration}
 * wires them from {@code slo4j.alertmanager.*}, {@code slo4j.webhook.*} and {@code slo4j.state.*}:
 * each condition, each refused value with its exact message, delivery to a real HTTP receiver, the
 * notifier meters, and a restart that keeps the windows.
 */
class SloDeliveryAutoConfigurationTest {
  private static final String CHECKOUT = "slo4j.slos.checkout.objective=99.9%";

  private final MockClock clock = new MockClock();
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(Slo4jAutoConfiguration.class))
      .withPropertyValues("slo4j.manual-ticks=true", "spring.application.name=shop", CHECKOUT)
      .withBean(Clock.class, () -> clock);

  @Test
  void withoutTheirPropertiesThereIsNoNotifierNorStateFile() {
    runner.run(context -> assertThat(context).hasNotFailed()
        .doesNotHaveBean(Notifier.class).doesNotHaveBean(StateFile.class));
  }

  @Test
  void anAlertmanagerUrlGivesANotifierThatListensToTheMonitor() {
    runner.withPropertyValues("slo4j.alertmanager.url=http://127.0.0.1:9093/", "slo4j.alertmanager.resend-interval=30s",
            "slo4j.alertmanager.labels.env=prod", "slo4j.alertmanager.queue-capacity=10")
        .run(context -> {
          assertThat(context).hasSingleBean(AlertmanagerNotifier.class).doesNotHaveBean(WebhookNotifier.class);
          assertEquals("AlertmanagerNotifier[http://127.0.0.1:9093/api/v2/alerts, resend every 30s]",
              context.getBean(AlertmanagerNotifier.class).toString());
        });
  }

  @Test
  void theApplicationsOwnNotifiersAndStateFileReplaceTheConfiguredOnes(@TempDir Path dir) {
    AlertmanagerNotifier mine = AlertmanagerNotifier.builder(URI.create("http://mine:9093")).build();
    WebhookNotifier myHook = WebhookNotifier.builder(URI.create("http://mine/hook")).build();
    try {
      runner.withPropertyValues("slo4j.alertmanager.url=http://127.0.0.1:9093", "slo4j.webhook.url=http://127.0.0.1/hook",
              "slo4j.state.file=" + dir.resolve("theirs.state"))
          .withBean(AlertmanagerNotifier.class, () -> mine)
          .withBean(WebhookNotifier.class, () -> myHook)
          .withBean(StateFile.class, () -> StateFile.builder(SloRegistry.builder().manualTicks().build(), dir.resolve("mine.state")).build())
          .run(context -> {
            assertThat(context.getBean(AlertmanagerNotifier.class)).isSameAs(mine);
            assertThat(context.getBean(WebhookNotifier.class)).isSameAs(myHook);
            assertEquals(dir.resolve("mine.state"), context.getBean(StateFile.class).file());
          });
    } finally {
      mine.close();
      myHook.close();
    }
  }

  @Test
  void aWebhookReceivesThePageOfAnOutageItsCountersAreMetersAndItIsClosedWithTheApplication() throws Exception {
    List<String> posts = new CopyOnWriteArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        posts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    List<AlertTransition> heard = new CopyOnWriteArrayList<>();
    WebhookNotifier[] notifier = new WebhookNotifier[1];
    try {
      runner.withPropertyValues("slo4j.webhook.url=http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
              "slo4j.tags.region=eu-west-1")
          .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
              SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class))
          .withBean(AlertListener.class, () -> heard::add)
          .run(context -> {
            notifier[0] = context.getBean(WebhookNotifier.class);
            outage(context.getBean(SloRegistry.class));
            assertThat(heard).anySatisfy(t -> assertEquals(AlertState.FIRING, t.to()));
            await(() -> posts.stream().anyMatch(p -> p.contains("\"severity\":\"page\"") && p.contains("\"slo\":\"checkout\"")),
                () -> "no page among the posts " + posts);
            await(() -> notifier[0].pending() == 0, () -> "pending " + notifier[0].pending());
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            double sent = meters.get("slo.notifier.sent").tags("notifier", "sloWebhookNotifier", "region", "eu-west-1")
                .functionCounter().count();
            assertEquals(notifier[0].sent(), (long) sent);
            assertTrue(sent >= 1, "sent " + sent);
            for (String m : List.of("slo.notifier.failed", "slo.notifier.retried", "slo.notifier.dropped")) {
              assertEquals(0.0, meters.get(m).tags("notifier", "sloWebhookNotifier").functionCounter().count(), m);
            }
            assertEquals(0.0, meters.get("slo.notifier.pending").tags("notifier", "sloWebhookNotifier").gauge().value());
          });
      // closed with the application: an alert that arrives afterwards is dropped and counted
      long dropped = notifier[0].dropped();
      notifier[0].onTransition(firing(heard));
      assertEquals(dropped + 1, notifier[0].dropped());
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void theStateFileIsSavedEveryIntervalOfTicksAndOnClose(@TempDir Path dir) {
    Path file = dir.resolve("slo4j/shop.state"); // the directory is created
    runner.withPropertyValues("slo4j.state.file=" + file, "slo4j.state.interval=1m").run(context -> {
      StateFile state = context.getBean(StateFile.class);
      SloRegistry slos = context.getBean(SloRegistry.class);
      for (int i = 1; i <= 7; i++) { // boundaries 10 s ... 70 s: saved at the first, then a minute later
        clock.add(Duration.ofSeconds(10));
        slos.tick();
        assertEquals(i < 7 ? 1 : 2, state.saves(), "saves after tick " + i);
      }
      assertTrue(Files.isRegularFile(file), file + " exists");
    });
  }

  @Test
  void theStateFileIsRestoredBeforeTheMonitorAttaches(@TempDir Path dir) {
    List<String> ready = new CopyOnWriteArrayList<>();
    runner.withPropertyValues("slo4j.state.file=" + dir.resolve("shop.state"))
        .withBean(BeanPostProcessor.class, () -> new BeanPostProcessor() {
          @Override
          public Object postProcessAfterInitialization(Object bean, String name) {
            if (bean instanceof StateFile || bean instanceof RegistryMonitor) {
              ready.add(name);
            }
            return bean;
          }
        })
        .run(context -> assertEquals(List.of("sloStateFile", "sloRegistryMonitor"), ready,
            "the state file (restored in its factory) is ready before the monitor (attached in its factory)"));
  }

  @Test
  void aSecondApplicationRestoresTheFirstOnesStateAndItsWindowsStillHoldTheFirstOnesEvents(@TempDir Path dir) {
    ApplicationContextRunner app = runner.withPropertyValues("slo4j.state.file=" + dir.resolve("shop.state"));
    app.run(context -> {
      SloRegistry slos = context.getBean(SloRegistry.class);
      SloRecorder checkout = slos.find("checkout").orElseThrow();
      for (int i = 0; i < 90; i++) {
        checkout.recordGood();
      }
      for (int i = 0; i < 10; i++) {
        checkout.recordBad();
      }
      clock.add(Duration.ofSeconds(10));
      slos.tick();
    }); // closed: saved a last time
    clock.add(Duration.ofMinutes(2)); // the restart takes two minutes
    app.run(context -> {
      SloRecorder checkout = context.getBean(SloRegistry.class).find("checkout").orElseThrow();
      var target = checkout.definition().targets().get(0);
      var hour = checkout.window(target, Duration.ofHours(1));
      assertEquals("90/100", hour.good() + "/" + hour.total(), "the hour window after the restart");
    });
  }

  @Test
  void aCorruptStateFileIsSetAsideAndTheApplicationStartsWithoutHistory(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("shop.state");
    Files.writeString(file, "not a state file");
    runner.withPropertyValues("slo4j.state.file=" + file).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(StateFile.class);
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("shop.state.corrupt-"));
      }
      assertEquals(0, context.getBean(SloRegistry.class).find("checkout").orElseThrow().cumulative().total());
    });
  }

  @Test
  void badDeliveryAndStateValuesStopTheApplicationWithTheirProperty(@TempDir Path dir) {
    refused("slo4j.alertmanager.url: ftp://am:9093 (expected an absolute http or https URI)",
        "slo4j.alertmanager.url=ftp://am:9093");
    refused("slo4j.alertmanager.url: http://am 9093 (expected an absolute http or https URI)",
        "slo4j.alertmanager.url=http://am 9093");
    refused("slo4j.alertmanager.resend-interval: 500ms (expected >= 1s)",
        "slo4j.alertmanager.url=http://am:9093", "slo4j.alertmanager.resend-interval=500ms");
    refused("slo4j.alertmanager.queue-capacity: 0 (expected 1 <= capacity <= 1000000)",
        "slo4j.alertmanager.url=http://am:9093", "slo4j.alertmanager.queue-capacity=0");
    refused("slo4j.alertmanager.labels.severity: severity (expected a label slo4j does not set itself"
            + " (it sets alertname, group, owner, service, severity, slo, target, window))",
        "slo4j.alertmanager.url=http://am:9093", "slo4j.alertmanager.labels.severity=low");
    refused("slo4j.alertmanager.labels.bad-name: \"bad-name\" (expected a label name matching [a-zA-Z_][a-zA-Z0-9_]*)",
        "slo4j.alertmanager.url=http://am:9093", "slo4j.alertmanager.labels.bad-name=x");
    refused("slo4j.webhook.url: /hook (expected an absolute http or https URI)", "slo4j.webhook.url=/hook");
    refused("slo4j.webhook.queue-capacity: 2000000 (expected 1 <= capacity <= 1000000)",
        "slo4j.webhook.url=http://hooks/slo", "slo4j.webhook.queue-capacity=2000000");
    refused("slo4j.state.interval: 5s (expected >= the base interval (10s))",
        "slo4j.state.file=" + dir.resolve("a.state"), "slo4j.state.interval=5s");
    refused("slo4j.state.max-size: 512 (expected >= 1024)",
        "slo4j.state.file=" + dir.resolve("a.state"), "slo4j.state.max-size=512B");
    refused("slo4j.state.file: " + dir + " (expected a file, not a directory)", "slo4j.state.file=" + dir);
  }

  @Test
  void theConfigurationMetadataDescribesTheDeliveryAndStateProperties() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(json).contains("\"slo4j.alertmanager.url\"", "\"slo4j.alertmanager.resend-interval\"",
          "\"slo4j.alertmanager.labels\"", "\"slo4j.alertmanager.queue-capacity\"", "\"slo4j.webhook.url\"",
          "\"slo4j.webhook.headers\"", "\"slo4j.state.file\"", "\"slo4j.state.interval\"", "\"slo4j.state.max-size\"");
    }
  }

  private void refused(String message, String... properties) {
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context).hasFailed();
      assertEquals(message, slo4jMessage(context.getStartupFailure()), String.join(", ", properties));
      assertEquals("An SLO property is not valid:\n\n    " + message,
          new SloPropertyFailureAnalyzer().analyze(context.getStartupFailure()).getDescription(), "the start-up report");
    });
  }

  /** The first message in the cause chain that names a slo4j property: what the user reads. */
  private static String slo4jMessage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().startsWith("slo4j.")) {
        return t.getMessage();
      }
    }
    throw new AssertionError("no slo4j message in " + failure, failure);
  }

  /** A healthy hour (10 good requests every 10 s), then 1,000 failures: a page. */
  private void outage(SloRegistry slos) {
    SloRecorder checkout = slos.find("checkout").orElseThrow();
    for (int i = 0; i < 360; i++) {
      for (int j = 0; j < 10; j++) {
        checkout.recordGood();
      }
      clock.add(Duration.ofSeconds(10));
      slos.tick();
    }
    for (int i = 0; i < 1000; i++) {
      checkout.recordBad();
    }
    clock.add(Duration.ofSeconds(10));
    slos.tick();
  }

  private static AlertTransition firing(List<AlertTransition> heard) {
    return heard.stream().filter(t -> t.to() == AlertState.FIRING).findFirst().orElseThrow();
  }

  /** Waits for the delivery thread; fails only on a hang (30 s for what takes milliseconds). */
  private static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("not within 30 s (a hang): " + what.get());
      }
      Thread.sleep(5);
    }
  }
}
