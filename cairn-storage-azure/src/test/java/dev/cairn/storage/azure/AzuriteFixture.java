package dev.cairn.storage.azure;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Azurite's blob service, started from the repository's {@code node_modules} (installed by
 * {@code npm ci} at the root) on a free loopback port with its data in a temp directory, and stopped on
 * close. When {@code node_modules} is absent the calling tests are skipped with a message.
 * {@link #shared()} gives one instance for all test classes of a run, stopped when the JVM exits.
 */
final class AzuriteFixture implements AutoCloseable {
  private static AzuriteFixture shared;

  static final String ACCOUNT = "devstoreaccount1";
  /** Azurite's well-known development key, published in its documentation; not a secret. */
  static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private final Process process;
  private final int port;

  AzuriteFixture(Path workDir) throws IOException, InterruptedException {
    Path bin = findAzurite();
    assumeTrue(bin != null, "Azurite is not installed: run 'npm ci' at the repository root to run the Azure tests");
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path location = Files.createDirectories(workDir.resolve("azurite"));
    ProcessBuilder pb = new ProcessBuilder(List.of(bin.toString(), "--blobHost", "127.0.0.1", "--blobPort",
        Integer.toString(port), "--location", location.toString(), "--skipApiVersionCheck",
        "--silent"))
        .directory(location.toFile())
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve("azurite.log").toFile());
    process = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!listening()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Azurite exited with " + process.exitValue() + ": "
            + Files.readString(workDir.resolve("azurite.log")));
      }
      if (System.nanoTime() > deadline) {
        close();
        throw new IllegalStateException("Azurite did not start within 30 s");
      }
      Thread.sleep(100);
    }
  }

  /** The one Azurite of this test JVM, started on first use; skips the caller if Azurite is absent. */
  static synchronized AzuriteFixture shared() throws IOException, InterruptedException {
    assumeTrue(findAzurite() != null,
        "Azurite is not installed: run 'npm ci' at the repository root to run the Azure tests");
    if (shared == null) {
      Path work = Files.createTempDirectory("cairn-azurite-");
      AzuriteFixture a = new AzuriteFixture(work);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          a.close();
          try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
          }
        } catch (InterruptedException | IOException e) {
          // the JVM is exiting; nothing more to do
        }
      }, "azurite-stop"));
      shared = a;
    }
    return shared;
  }

  private boolean listening() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code node_modules/.bin/azurite-blob} in this directory or a parent, or null. */
  static Path findAzurite() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path bin = dir.resolve("node_modules/.bin/azurite-blob");
      if (Files.isExecutable(bin)) {
        return bin;
      }
    }
    return null;
  }

  int port() {
    return port;
  }

  String connectionString() {
    return connectionString(port, KEY);
  }

  static String connectionString(int port, String key) {
    return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + key
        + ";BlobEndpoint=http://127.0.0.1:" + port + "/" + ACCOUNT + ";";
  }

  BlobServiceClient client() {
    return new BlobServiceClientBuilder().connectionString(connectionString()).buildClient();
  }

  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
