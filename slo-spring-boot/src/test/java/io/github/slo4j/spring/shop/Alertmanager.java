package io.github.slo4j.spring.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}, 0.25) on a loopback port with a
 * temporary configuration (one receiver that sends nothing) and storage, clustering off: the same
 * arrangement as slo-core's RealAlertmanagerTest. Found with {@code -Dalertmanager=/path} or on the
 * PATH as {@code prometheus-alertmanager} or {@code alertmanager}; when missing, the test is skipped
 * with a message, except under {@code CI=true}, where that is a failure ({@code .ci/run} installs it).
 */
final class Alertmanager implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path dir;
  private final int port;
  private final Process process;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Alertmanager(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  static Alertmanager start(Path dir) throws IOException, InterruptedException {
    Optional<Path> binary = find();
    if (binary.isEmpty()) {
      String msg = "Alertmanager not found (set -Dalertmanager=... or put prometheus-alertmanager on the PATH;"
          + " .ci/run installs it from Debian's prometheus-alertmanager package)";
      if ("true".equals(System.getenv("CI"))) {
        fail(msg + "; CI=true, so this is a failure, not a skip");
      }
      Assumptions.assumeTrue(false, msg + ": skipped");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Files.writeString(dir.resolve("alertmanager.yml"),
        "route:\n  receiver: blackhole\n  group_wait: 1s\n  group_interval: 1s\nreceivers:\n  - name: blackhole\n",
        StandardCharsets.UTF_8);
    Process p = new ProcessBuilder(List.of(binary.get().toString(),
            "--config.file=" + dir.resolve("alertmanager.yml"),
            "--storage.path=" + Files.createDirectories(dir.resolve("data")),
            "--web.listen-address=127.0.0.1:" + port,
            "--cluster.listen-address=",
            "--log.level=warn"))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("alertmanager.log").toFile())
        .start();
    Alertmanager am = new Alertmanager(dir, port, p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // a hang detector
    while (!am.ready()) {
      if (!p.isAlive()) {
        fail("Alertmanager exited with " + p.exitValue() + ": " + am.log());
      }
      if (System.nanoTime() - deadline > 0) {
        am.close();
        fail("Alertmanager not ready within 30 s (a hang): " + am.log());
      }
      Thread.sleep(20);
    }
    return am;
  }

  private static Optional<Path> find() {
    String prop = System.getProperty("alertmanager");
    if (prop != null && !prop.isBlank()) {
      return Files.isExecutable(Path.of(prop)) ? Optional.of(Path.of(prop)) : Optional.empty();
    }
    String path = System.getenv("PATH");
    for (String d : path == null ? new String[0] : path.split(File.pathSeparator)) {
      for (String name : List.of("prometheus-alertmanager", "alertmanager")) {
        Path p = Path.of(d, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  private boolean ready() {
    try {
      return client.send(HttpRequest.newBuilder(uri().resolve("/-/ready")).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code GET /api/v2/alerts}: the alerts it holds that have not resolved. */
  JsonNode alerts() throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(
        HttpRequest.newBuilder(uri().resolve("/api/v2/alerts")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), () -> "GET /api/v2/alerts: " + r.body());
    return JSON.readTree(r.body());
  }

  String log() {
    try {
      return Files.readString(dir.resolve("alertmanager.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) { // a hang detector
        process.destroyForcibly();
        fail("Alertmanager did not stop");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
