package dev.cairn.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.storage.blob.BlobServiceClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Azure remote against Azurite's blob service from the repository's {@code node_modules} (run
 * {@code npm ci} at the root); skipped with a message when it is absent. The test creates the container
 * (as a user would); a wrong account key is the planted secret.
 */
class AzureRemoteE2EIT extends RemoteE2E {
  static final String ACCOUNT = "devstoreaccount1";
  /** Azurite's well-known development key, published in its documentation; not a secret. */
  static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
  /** A well-formed base64 key that is not the account's. */
  static final String PLANTED = "UExBTlRFRC1henVyZS1zZWNyZXQtNGQ5YS1QTEFOVEVELWF6dXJlLXNlY3JldA==";

  static Process azurite;
  static int port;
  static Path work;
  static int run;

  static Path findAzurite() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path bin = dir.resolve("node_modules/.bin/azurite-blob");
      if (Files.isExecutable(bin)) {
        return bin;
      }
    }
    return null;
  }

  @BeforeAll
  static void startAzurite() throws Exception {
    Path bin = findAzurite();
    assumeTrue(bin != null, "Azurite is not installed: run 'npm ci' at the repository root to run the Azure tests");
    port = closedPort();
    work = Files.createTempDirectory("cairn-e2e-azurite-");
    Path location = Files.createDirectories(work.resolve("data"));
    azurite = new ProcessBuilder(List.of(bin.toString(), "--blobHost", "127.0.0.1", "--blobPort",
        Integer.toString(port), "--location", location.toString(), "--skipApiVersionCheck", "--silent"))
        .directory(location.toFile())
        .redirectErrorStream(true)
        .redirectOutput(work.resolve("azurite.log").toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!listening(port)) {
      if (!azurite.isAlive()) {
        throw new IllegalStateException("Azurite exited with " + azurite.exitValue() + ": "
            + Files.readString(work.resolve("azurite.log")));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Azurite did not start within 30 s");
      }
      Thread.sleep(100);
    }
    new BlobServiceClientBuilder().connectionString(connectionString(port, KEY)).buildClient()
        .createBlobContainer("e2e");
  }

  @AfterAll
  static void stopAzurite() throws Exception {
    if (azurite != null) {
      azurite.descendants().forEach(ProcessHandle::destroy);
      azurite.destroy();
      if (!azurite.waitFor(10, TimeUnit.SECONDS)) {
        azurite.destroyForcibly();
      }
      deleteTree(work);
    }
  }

  static boolean listening(int p) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), p), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static String connectionString(int p, String key) {
    return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + key
        + ";BlobEndpoint=http://127.0.0.1:" + p + "/" + ACCOUNT + ";";
  }

  @Override
  String url() {
    return "azure://e2e/run-" + (++run);
  }

  @Override
  Map<String, String> goodConfig() {
    return Map.of("connection_string", connectionString(port, KEY));
  }

  @Override
  Map<String, String> wrongCredentials() {
    return Map.of("connection_string", connectionString(port, PLANTED));
  }

  @Override
  String missingBucketUrl() {
    return "azure://no-such-container/cache";
  }

  @Override
  String unreachableUrl(int closedPort) {
    return "azure://e2e/unreachable";
  }

  @Override
  Map<String, String> unreachableConfig(int closedPort) {
    return Map.of("connection_string", connectionString(closedPort, PLANTED));
  }

  @Override
  String plantedSecret() {
    return PLANTED;
  }
}
