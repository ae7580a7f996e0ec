package dev.cairn.storage.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.storage.Storage;
import dev.cairn.storage.testkit.Content;
import dev.cairn.storage.testkit.StorageContractTest;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract suite against Azurite, connected by connection string. */
class AzureStorageIT extends StorageContractTest {
  private static final AtomicInteger RUN = new AtomicInteger();
  static AzuriteFixture azurite;

  @BeforeAll
  static void start() throws Exception {
    azurite = AzuriteFixture.shared();
    azurite.client().createBlobContainer("container");
  }


  @Override
  protected Storage newStorage() throws IOException {
    return new AzureStorageProvider(Map.of()).open(URI.create("azure://container/run-" + RUN.incrementAndGet()),
        Map.of("connection_string", azurite.connectionString()));
  }

  @Test
  void prefixIsHonouredOnTheServer() throws IOException {
    Content.put(storage, "files/md5/aa/bb", new byte[] {1, 2, 3});
    String prefix = storage.describe().substring("azure://container/".length());
    assertThat(azurite.client().getBlobContainerClient("container").getBlobClient(prefix + "/files/md5/aa/bb")
        .getProperties().getBlobSize()).isEqualTo(3);
  }

  @Test
  void largeUploadIsCommittedOnlyOnClose() throws IOException {
    byte[] data = Content.random(21, 9 * 1024 * 1024);
    Storage.AtomicOutput out = storage.create("large");
    out.write(data);
    assertThat(storage.exists("large")).isFalse();
    out.close();
    assertThat(Content.get(storage, "large")).isEqualTo(data);
  }
}
