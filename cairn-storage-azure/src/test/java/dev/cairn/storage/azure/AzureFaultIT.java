package dev.cairn.storage.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.storage.ObjectNotFoundException;
import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.testkit.Content;
import dev.cairn.storage.testkit.FaultProxy;
import dev.cairn.storage.testkit.Faults;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Azure behind a {@link FaultProxy}: correct bytes or a retryable error, never a partial blob. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AzureFaultIT {
  static AzuriteFixture azurite;

  @BeforeAll
  static void start() throws Exception {
    azurite = AzuriteFixture.shared();
    azurite.client().createBlobContainer("faulty");
  }


  private static Storage open(int port, String prefix) throws IOException {
    return new AzureStorageProvider(Map.of()).open(URI.create("azure://faulty/" + prefix),
        Map.of("connection_string", AzuriteFixture.connectionString(port, AzuriteFixture.KEY)));
  }

  private static InetSocketAddress upstream() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), azurite.port());
  }

  @Test
  void errorsAndResetsNeverPublishPartialBlobs() throws Exception {
    int objects = 15;
    try (FaultProxy proxy = FaultProxy.http(upstream(), Faults.of(0.2, 0.1, 99));
        Storage s = open(proxy.port(), "mixed")) {
      for (int i = 0; i < objects; i++) {
        try {
          Content.put(s, Content.dvcKey(i), Content.random(i, 200_000 + i));
        } catch (StorageException e) {
          assertThat(e.isRetryable()).as(e.getMessage()).isTrue();
        }
      }
      for (int i = 0; i < objects; i++) {
        try {
          assertThat(Content.get(s, Content.dvcKey(i))).isEqualTo(Content.random(i, 200_000 + i));
        } catch (ObjectNotFoundException e) {
          // its upload failed
        } catch (StorageException e) {
          assertThat(e.isRetryable()).as(e.getMessage()).isTrue();
        }
      }
      assertThat(proxy.injectedErrors() + proxy.injectedResets()).isPositive();
    }
    try (Storage direct = open(azurite.port(), "mixed")) {
      for (int i = 0; i < objects; i++) {
        if (direct.exists(Content.dvcKey(i))) {
          assertThat(Content.get(direct, Content.dvcKey(i))).isEqualTo(Content.random(i, 200_000 + i));
        }
      }
    }
  }

  @Test
  void serverErrorsOnEveryRequestAreRetryable() throws Exception {
    try (FaultProxy proxy = FaultProxy.http(upstream(), Faults.of(1, 0, 1));
        Storage s = open(proxy.port(), "down")) {
      assertThatThrownBy(() -> Content.put(s, "k", new byte[] {1})).isInstanceOf(StorageException.class)
          .hasMessageContaining("(503")
          .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isTrue());
    }
    try (Storage direct = open(azurite.port(), "down")) {
      assertThat(direct.exists("k")).isFalse();
    }
  }
}
