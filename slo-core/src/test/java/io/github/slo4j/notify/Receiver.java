package io.github.slo4j.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test receiver on a loopback port (the JDK's HTTP server): records every request's body and
 * answers with the next status of a script (200 once the script is used up). It can be stopped and
 * started again on the same port, as a receiver that is briefly down.
 */
final class Receiver implements AutoCloseable {
  record Request(String method, String path, String contentType, String authorization, String body) {}

  final List<Request> requests = new CopyOnWriteArrayList<>();
  final LinkedBlockingQueue<Integer> script = new LinkedBlockingQueue<>();
  /** When set, each request waits for it to open before answering. */
  volatile CountDownLatch gate;

  private final int port;
  private HttpServer server;

  Receiver() throws IOException {
    server = start(0);
    port = server.getAddress().getPort();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  void stop() {
    server.stop(0);
  }

  void restart() throws IOException {
    server = start(port);
  }

  private HttpServer start(int p) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 16);
    s.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            requests.add(
                new Request(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    body));
            CountDownLatch g = gate;
            if (g != null) {
              g.await(30, TimeUnit.SECONDS);
            }
            Integer status = script.poll();
            byte[] answer = (status == null || status / 100 == 2 ? "" : "{\"error\":\"scripted\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? 200 : status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(answer);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            exchange.close();
          }
        });
    s.start();
    return s;
  }

  @Override
  public void close() {
    CountDownLatch g = gate;
    if (g != null) {
      g.countDown();
    }
    server.stop(0);
  }
}
