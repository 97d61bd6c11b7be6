package io.github.slo4j.notify;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager} package, 0.25) on a loopback port,
 * with a temporary configuration (one receiver that sends nothing) and storage, clustering off.
 * Found with {@code -Dalertmanager=/path/to/binary} or on the PATH as {@code prometheus-alertmanager}
 * or {@code alertmanager}. When it is missing, a test using it is skipped with a message, except
 * under {@code CI=true}, where its absence fails the test ({@code .ci/run} installs it).
 */
final class Alertmanager implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG =
      "route:\n  receiver: blackhole\n  group_wait: 1s\n  group_interval: 1s\n"
          + "receivers:\n  - name: blackhole\n";

  private final Path binary;
  private final Path dir;
  private final int port;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process process;
  private int starts;

  private Alertmanager(Path binary, Path dir, int port) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
  }

  /** Starts one in {@code dir}; skips (or on CI fails) the test when the binary is missing. */
  static Alertmanager start(Path dir) throws IOException {
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
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Files.writeString(dir.resolve("alertmanager.yml"), CONFIG, StandardCharsets.UTF_8);
    Alertmanager am = new Alertmanager(binary.get(), dir, port);
    am.start();
    return am;
  }

  static Optional<Path> find() {
    String prop = System.getProperty("alertmanager");
    if (prop != null && !prop.isBlank()) {
      Path p = Path.of(prop);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
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

  /** Starts the process (again), with a fresh storage directory: it remembers no alert. */
  void start() throws IOException {
    starts++;
    Path storage = Files.createDirectories(dir.resolve("data-" + starts));
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.add("--config.file=" + dir.resolve("alertmanager.yml"));
    cmd.add("--storage.path=" + storage);
    cmd.add("--web.listen-address=127.0.0.1:" + port);
    cmd.add("--cluster.listen-address=");
    cmd.add("--log.level=warn");
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("alertmanager.log").toFile()))
            .start();
    Await.until(this::ready, () -> "Alertmanager ready on port " + port + "; log: " + log());
  }

  private boolean ready() {
    if (!process.isAlive()) {
      fail("Alertmanager exited with " + process.exitValue() + ": " + log());
    }
    try {
      HttpResponse<Void> r =
          client.send(HttpRequest.newBuilder(uri().resolve("/-/ready")).build(), HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Stops the process (SIGTERM) and waits for it. */
  void stop() throws InterruptedException {
    process.destroy();
    boolean done = process.waitFor(30, TimeUnit.SECONDS); // a hang detector
    if (!done) {
      process.destroyForcibly();
    }
    assertTrue(done, "Alertmanager did not stop");
  }

  /** {@code GET /api/v2/alerts}: the alerts it holds that have not resolved. */
  JsonNode alerts() throws IOException, InterruptedException {
    HttpResponse<String> r =
        client.send(HttpRequest.newBuilder(uri().resolve("/api/v2/alerts")).build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(r.statusCode() == 200, () -> "GET /api/v2/alerts: " + r.statusCode() + " " + r.body());
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
    if (process != null && process.isAlive()) {
      try {
        stop();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
