package dev.cairn.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultProxyTest {
  private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private HttpServer server;
  private InetSocketAddress address;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      try (ex) {
        String path = ex.getRequestURI().getPath();
        if (ex.getRequestMethod().equals("PUT")) {
          byte[] body = ex.getRequestBody().readAllBytes();
          objects.put(path, body);
          ex.sendResponseHeaders(201, -1);
        } else {
          byte[] b = objects.get(path);
          if (b == null) {
            ex.sendResponseHeaders(404, -1);
          } else {
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
          }
        }
      }
    });
    server.start();
    address = server.getAddress();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void passesTrafficThroughUnchangedWithoutFaults() throws Exception {
    byte[] data = Content.random(7, 300_000);
    try (FaultProxy proxy = FaultProxy.http(address, Faults.none())) {
      HttpResponse<Void> put = client.send(HttpRequest.newBuilder(URI.create(proxy.httpUrl() + "/x"))
          .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.discarding());
      assertThat(put.statusCode()).isEqualTo(201);
      HttpResponse<byte[]> get = client.send(HttpRequest.newBuilder(URI.create(proxy.httpUrl() + "/x")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(get.body()).isEqualTo(data);
      assertThat(proxy.requests()).isEqualTo(2);
    }
  }

  @Test
  void answersWith503AtTheConfiguredRate() throws Exception {
    objects.put("/y", new byte[] {1, 2, 3});
    try (FaultProxy proxy = FaultProxy.http(address, Faults.of(0.5, 0, 42))) {
      int failures = 0;
      for (int i = 0; i < 40; i++) {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(proxy.httpUrl() + "/y")).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 503) {
          failures++;
        } else {
          assertThat(r.body()).containsExactly(1, 2, 3);
        }
      }
      assertThat(failures).isEqualTo(proxy.injectedErrors()).isBetween(8, 32);
    }
  }

  @Test
  void resetsResponsesMidBody() throws Exception {
    objects.put("/z", Content.random(8, 100_000));
    try (FaultProxy proxy = FaultProxy.http(address, Faults.of(0, 1, 1))) {
      assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(proxy.httpUrl() + "/z")).build(),
          HttpResponse.BodyHandlers.ofByteArray())).isInstanceOf(IOException.class);
      assertThat(proxy.injectedResets()).isEqualTo(1);
    }
  }

  @Test
  void resetsUploadsMidBodySoTheServerSeesNoCompleteRequest() throws Exception {
    try (FaultProxy proxy = FaultProxy.http(address, Faults.of(0, 1, 1))) {
      assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create(proxy.httpUrl() + "/u"))
          .PUT(HttpRequest.BodyPublishers.ofByteArray(Content.random(9, 200_000))).build(),
          HttpResponse.BodyHandlers.discarding())).isInstanceOf(IOException.class);
    }
    assertThat(objects).doesNotContainKey("/u");
  }

  @Test
  void slowModeDelaysRequests() throws Exception {
    objects.put("/s", new byte[] {4});
    try (FaultProxy proxy = FaultProxy.http(address, Faults.slow(Duration.ofMillis(300)))) {
      long start = System.nanoTime();
      client.send(HttpRequest.newBuilder(URI.create(proxy.httpUrl() + "/s")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  @Test
  void tcpModeResetsConnections() throws Exception {
    objects.put("/t", Content.random(10, 50_000));
    try (FaultProxy proxy = FaultProxy.tcp(address, Faults.of(0, 1, 3));
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
      s.getOutputStream().write(new byte[64 * 1024]);
      InputStream in = s.getInputStream();
      assertThatThrownBy(() -> {
        while (in.read() >= 0) {
          // drain until the reset
        }
        throw new IOException("closed");
      }).isInstanceOf(IOException.class);
      assertThat(proxy.injectedResets()).isEqualTo(1);
    }
  }

  @Test
  void refusesNonLoopbackUpstreams() {
    assertThatThrownBy(() -> FaultProxy.http(new InetSocketAddress("192.0.2.1", 80), Faults.none()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
