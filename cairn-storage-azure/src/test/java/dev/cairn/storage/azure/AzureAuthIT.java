package dev.cairn.storage.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.sas.BlobContainerSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.SupportsListing;
import dev.cairn.storage.testkit.Content;
import dev.cairn.storage.testkit.SecretCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AzureAuthIT {
  static AzuriteFixture azurite;

  @BeforeAll
  static void start() throws Exception {
    azurite = AzuriteFixture.shared();
    azurite.client().createBlobContainer("auth");
  }


  private static Storage open(String url, Map<String, String> props, Map<String, String> env) throws IOException {
    return new AzureStorageProvider(env).open(URI.create(url), props);
  }

  @Test
  void connectionStringFromTheEnvironment() throws IOException {
    try (Storage s = open("azure://auth/env", Map.of(),
        Map.of("AZURE_STORAGE_CONNECTION_STRING", azurite.connectionString()))) {
      Content.put(s, "k", new byte[] {9});
      assertThat(Content.get(s, "k")).containsExactly(9);
    }
  }

  @Test
  void sasTokenInAConnectionString() throws IOException {
    String sas = azurite.client().getBlobContainerClient("auth").generateSas(new BlobServiceSasSignatureValues(
        OffsetDateTime.now().plusHours(1), BlobContainerSasPermission.parse("racwdl")));
    String cs = "BlobEndpoint=http://127.0.0.1:" + azurite.port() + "/" + AzuriteFixture.ACCOUNT
        + ";SharedAccessSignature=" + sas;
    try (Storage s = open("azure://auth/sas", Map.of("connection_string", cs), Map.of())) {
      Content.put(s, "files/md5/aa/bb", new byte[] {4});
      assertThat(Content.get(s, "files/md5/aa/bb")).containsExactly(4);
      List<String> keys = new java.util.ArrayList<>();
      ((SupportsListing) s).list("", keys::add);
      assertThat(keys).containsExactly("files/md5/aa/bb");
    }
  }

  @Test
  void wrongKeyIsNotRetryableAndNeverQuoted() throws IOException {
    String planted = java.util.Base64.getEncoder().encodeToString("PLANTED-azure-account-key-0001".getBytes());
    try (Storage s = open("azure://auth/wrong", Map.of("connection_string",
        AzuriteFixture.connectionString(azurite.port(), planted)), Map.of())) {
      List<Throwable> failures = SecretCheck.collect(() -> s.open("k"), () -> s.exists("k"),
          () -> Content.put(s, "k", new byte[] {1}), () -> s.delete("k"), () -> ((SupportsListing) s).list("", k -> {}));
      assertThat(failures).hasSize(5);
      SecretCheck.assertNoSecret(failures, planted, AzuriteFixture.KEY);
      assertThat(failures.get(2)).isInstanceOf(StorageException.class).hasMessageContaining("Access denied")
          .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isFalse());
      assertThat(s.describe()).doesNotContain(planted);
    }
  }

  @Test
  void wrongSasTokenNeverQuoted() throws IOException {
    String sas = "sv=2021-08-06&ss=b&srt=sco&sp=rwdlac&se=2030-01-01T00:00:00Z&sig=PLANTEDsasSignature0002%3D";
    String cs = "BlobEndpoint=http://127.0.0.1:" + azurite.port() + "/" + AzuriteFixture.ACCOUNT
        + ";SharedAccessSignature=" + sas;
    try (Storage s = open("azure://auth/badsas", Map.of("connection_string", cs), Map.of())) {
      List<Throwable> failures = SecretCheck.collect(() -> s.open("k"), () -> Content.put(s, "k", new byte[] {1}),
          () -> ((SupportsListing) s).list("", k -> {}));
      assertThat(failures).hasSize(3);
      SecretCheck.assertNoSecret(failures, "PLANTEDsasSignature0002");
    }
  }

  @Test
  void unknownContainerIsNamed() throws IOException {
    try (Storage s = open("azure://no-such-container/x", Map.of("connection_string", azurite.connectionString()),
        Map.of())) {
      assertThatThrownBy(() -> Content.put(s, "k", new byte[] {1})).isInstanceOf(StorageException.class)
          .hasMessageContaining("Container 'no-such-container' does not exist")
          .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isFalse());
      assertThatThrownBy(() -> ((SupportsListing) s).list("", k -> {}))
          .hasMessageContaining("Container 'no-such-container' does not exist");
    }
  }

  @Test
  void unreachableEndpointIsRetryable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (Storage s = open("azure://auth/x", Map.of("connection_string",
        AzuriteFixture.connectionString(port, AzuriteFixture.KEY)), Map.of())) {
      assertThatThrownBy(() -> s.exists("k")).isInstanceOf(StorageException.class)
          .hasMessageContaining("Cannot connect")
          .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isTrue());
    }
  }
}
