package dev.cairn.storage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.Storages;
import dev.cairn.storage.testkit.Content;
import dev.cairn.storage.testkit.SecretCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpAuthIT {
  private static final String PASSWORD = "PLANTED-http-password-31337";
  @TempDir Path dir;

  private static Map<String, String> props(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static void roundTrip(Storage s) throws IOException {
    byte[] data = Content.random(3, 50_000);
    Content.put(s, "files/md5/12/3456", data);
    assertThat(s.exists("files/md5/12/3456")).isTrue();
    assertThat(Content.get(s, "files/md5/12/3456")).isEqualTo(data);
    s.delete("files/md5/12/3456");
    assertThat(s.exists("files/md5/12/3456")).isFalse();
  }

  @Test
  void basicAuthWithPut() throws IOException {
    try (HttpFixture server = new HttpFixture(dir, HttpFixture.Mode.BASIC, "alice", PASSWORD);
        Storage s = Storages.open(server.url() + "/r",
            props("auth", "basic", "user", "alice", "password", PASSWORD, "method", "PUT"))) {
      roundTrip(s);
      assertThat(server.unauthorized).hasValue(0);
    }
  }

  @Test
  void digestAuthAnswersTheChallenge() throws IOException {
    try (HttpFixture server = new HttpFixture(dir, HttpFixture.Mode.DIGEST, "bob", PASSWORD);
        Storage s = Storages.open(server.url() + "/r", props("auth", "digest", "user", "bob", "password", PASSWORD))) {
      Content.put(s, "first-write", new byte[] {1});
      assertThat(server.unauthorized).as("the challenge comes from a HEAD, not a resent upload").hasValue(1);
      roundTrip(s);
      assertThat(server.unauthorized).as("later requests answer the known challenge").hasValue(1);
    }
  }

  @Test
  void userFromTheUrlIsUsed() throws IOException {
    try (HttpFixture server = new HttpFixture(dir, HttpFixture.Mode.BASIC, "carol", PASSWORD);
        Storage s = Storages.open(server.url().replace("http://", "http://carol@") + "/r",
            props("auth", "basic", "password", PASSWORD))) {
      roundTrip(s);
      assertThat(s.describe()).doesNotContain("carol@");
    }
  }

  @Test
  void customHeaderAuth() throws IOException {
    try (HttpFixture server = new HttpFixture(dir, HttpFixture.Mode.CUSTOM, null, PASSWORD);
        Storage s = Storages.open(server.url() + "/r",
            props("auth", "custom", "custom_auth_header", HttpFixture.CUSTOM_HEADER, "password", PASSWORD))) {
      roundTrip(s);
    }
  }

  @Test
  void wrongPasswordIsNotRetryableAndNeverQuoted() throws IOException {
    String wrong = "PLANTED-wrong-password-4242";
    for (HttpFixture.Mode mode : List.of(HttpFixture.Mode.BASIC, HttpFixture.Mode.DIGEST, HttpFixture.Mode.CUSTOM)) {
      Map<String, String> p = props("auth", mode.name().toLowerCase(), "user", "dave", "password", wrong,
          "custom_auth_header", HttpFixture.CUSTOM_HEADER);
      try (HttpFixture server = new HttpFixture(dir.resolve(mode.name()), mode, "dave", PASSWORD);
          Storage s = Storages.open(server.url().replace("http://", "http://dave:" + wrong + "@") + "/r", p)) {
        List<Throwable> failures = SecretCheck.collect(() -> s.open("k"), () -> s.exists("k"),
            () -> Content.put(s, "k", new byte[] {1}), () -> s.delete("k"));
        assertThat(failures).as(mode.name()).hasSize(4);
        SecretCheck.assertNoSecret(failures, wrong, PASSWORD);
        assertThat(failures).allSatisfy(e -> assertThat(e).isInstanceOf(StorageException.class)
            .hasMessageContaining("Access denied (401)")
            .satisfies(x -> assertThat(((StorageException) x).isRetryable()).isFalse()));
        assertThat(s.describe()).doesNotContain(wrong);
      }
    }
  }

  @Test
  void unreachableServerIsRetryable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (Storage s = Storages.open("http://127.0.0.1:" + port + "/r", props("connect_timeout", "2"))) {
      assertThatThrownBy(() -> s.exists("k")).isInstanceOf(StorageException.class)
          .hasMessageContaining("Cannot connect to http://127.0.0.1:" + port)
          .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isTrue());
    }
  }

  @Test
  void badConfigurationIsRejectedUpFront() {
    assertThatThrownBy(() -> Storages.open("http://127.0.0.1:1/r", props("auth", "kerberos")))
        .isInstanceOf(StorageException.class).hasMessageContaining("expected basic, digest or custom");
    assertThatThrownBy(() -> Storages.open("http://127.0.0.1:1/r", props("auth", "custom", "password", PASSWORD)))
        .hasMessageContaining("custom_auth_header").hasMessageNotContaining(PASSWORD);
    assertThatThrownBy(() -> Storages.open("http://127.0.0.1:1/r", props("method", "PATCH")))
        .hasMessageContaining("expected POST or PUT");
  }
}
