package dev.cairn.storage.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.Storages;
import dev.cairn.storage.SupportsListing;
import dev.cairn.storage.testkit.Content;
import dev.cairn.storage.testkit.SecretCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SftpAuthIT {
  @TempDir static Path dir;
  static SftpFixture server;

  @BeforeAll
  static void start() throws Exception {
    server = new SftpFixture(dir);
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  private static void roundTrip(Storage s) throws IOException {
    Content.put(s, "files/md5/00/11", new byte[] {1, 2});
    assertThat(Content.get(s, "files/md5/00/11")).containsExactly(1, 2);
    assertThat(s.size("files/md5/00/11")).isEqualTo(2);
  }

  @Test
  void keyFileAuthentication() throws Exception {
    Path key = server.writeKey(dir.resolve("id_plain"), null);
    try (Storage s = Storages.open(server.url("/k1"), Map.of("keyfile", key.toString()))) {
      roundTrip(s);
    }
  }

  @Test
  void encryptedKeyFileWithPassphrase() throws Exception {
    Path key = server.writeKey(dir.resolve("id_enc"), "PLANTED-passphrase-99");
    try (Storage s = Storages.open(server.url("/k2"), Map.of("keyfile", key.toString(),
        "passphrase", "PLANTED-passphrase-99"))) {
      roundTrip(s);
    }
  }

  @Test
  void userAndPortKeysOverrideTheUrl() throws IOException {
    try (Storage s = Storages.open("ssh://someone@127.0.0.1/p", Map.of("user", SftpFixture.USER,
        "port", Integer.toString(server.port()), "password", SftpFixture.PASSWORD))) {
      roundTrip(s);
    }
  }

  @Test
  void wrongPasswordIsNotRetryableAndNeverQuoted() throws Exception {
    String wrong = "PLANTED-wrong-sftp-password-5150";
    try (Storage s = Storages.open(server.url("/w"), Map.of("password", wrong, "timeout", "10"))) {
      List<Throwable> failures = SecretCheck.collect(() -> s.open("k"), () -> s.exists("k"),
          () -> Content.put(s, "k", new byte[] {1}), () -> s.delete("k"), () -> ((SupportsListing) s).list("", k -> {}));
      assertThat(failures).hasSize(5).allSatisfy(e -> assertThat(e).isInstanceOf(StorageException.class)
          .hasMessageContaining("Authentication failed for user 'cairn'")
          .satisfies(x -> assertThat(((StorageException) x).isRetryable()).isFalse()));
      SecretCheck.assertNoSecret(failures, wrong, SftpFixture.PASSWORD);
    }
  }

  @Test
  void wrongPassphraseIsReportedWithoutTheSecret() throws Exception {
    Path key = server.writeKey(dir.resolve("id_enc2"), "PLANTED-right-phrase-1");
    try (Storage s = Storages.open(server.url("/w2"), Map.of("keyfile", key.toString(),
        "passphrase", "PLANTED-wrong-phrase-2"))) {
      List<Throwable> failures = SecretCheck.collect(() -> s.exists("k"));
      assertThat(failures).singleElement().isInstanceOf(StorageException.class);
      SecretCheck.assertNoSecret(failures, "PLANTED-wrong-phrase-2", "PLANTED-right-phrase-1");
    }
  }

  @Test
  void unreachableServerIsRetryable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (Storage s = Storages.open("ssh://cairn@127.0.0.1:" + port + "/x", Map.of("password", "x", "timeout", "3"))) {
      assertThatThrownBy(() -> s.exists("k")).isInstanceOf(StorageException.class)
          .hasMessageContaining("Cannot connect to 127.0.0.1:" + port)
          .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isTrue());
    }
  }

  @Test
  void sftpSchemeIsRejectedAsDvcDoes() {
    assertThatThrownBy(() -> Storages.open("sftp://host/x", Map.of())).isInstanceOf(StorageException.class)
        .hasMessageContaining("use 'ssh://'");
  }
}
