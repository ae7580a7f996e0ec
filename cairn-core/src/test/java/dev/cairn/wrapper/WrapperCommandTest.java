package dev.cairn.wrapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.errors.CairnException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WrapperCommand}: where the URL comes from, the checksum checks, the files written. */
class WrapperCommandTest {
  static final String V = "1.2.3";

  @TempDir
  Path tmp;

  Path repo;
  Path maven;
  byte[] archive;
  String sha;
  HttpServer server;
  final Map<String, byte[]> served = new ConcurrentHashMap<>();
  final AtomicInteger requests = new AtomicInteger();

  @BeforeEach
  void setUp() throws Exception {
    repo = Files.createDirectories(tmp.resolve("repo"));
    maven = Files.createDirectories(tmp.resolve("maven"));
    archive = gzip("an archive of Cairn " + V);
    sha = sha256(archive);
    publish(maven, V, archive, true);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void pinsTheVersionsArchiveUnderTheRepositoryFromTheEnvironment() throws Exception {
    WrapperResult r = WrapperCommand.in(repo).setVersion(V)
        .setEnvironment(Map.of("CAIRN_REPOSITORY_URL", maven.toUri().toString())).call();
    String url = maven.toUri() + "dev/cairn/cairn-dist/1.2.3/cairn-dist-1.2.3.tar.gz";
    assertThat(r.properties()).isEqualTo(new WrapperProperties(url, sha));
    assertThat(r.origin()).isEqualTo("repository base from CAIRN_REPOSITORY_URL");
    assertThat(r.publishedChecksum()).isTrue();
    assertThat(r.files()).containsExactly(repo.resolve("cairnw"), repo.resolve("cairnw.cmd"),
        repo.resolve(".cairn/wrapper.properties"));
    assertThat(Files.readString(repo.resolve(".cairn/wrapper.properties")))
        .contains("distributionUrl=" + url + "\n", "distributionSha256Sum=" + sha + "\n");
    assertThat(WrapperProperties.read(repo.resolve(WrapperProperties.PATH))).contains(r.properties());
    assertThat(Files.readString(repo.resolve("cairnw"))).startsWith("#!/bin/sh\n").doesNotContain("\r");
    assertThat(Files.getPosixFilePermissions(repo.resolve("cairnw")))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
    String cmd = Files.readString(repo.resolve("cairnw.cmd"));
    assertThat(cmd).contains("\r\n").doesNotContain("\r\r").doesNotContainPattern("[^\r]\n");
  }

  @Test
  void theOptionComesBeforeTheEnvironmentAndTheDistributionUrlBeforeBoth() throws Exception {
    Path other = Files.createDirectories(tmp.resolve("other"));
    publish(other, V, archive, false);
    WrapperResult r = WrapperCommand.in(repo).setVersion(V).setRepositoryUrl(other.toUri().toString())
        .setEnvironment(Map.of("CAIRN_REPOSITORY_URL", maven.toUri().toString())).call();
    assertThat(r.origin()).isEqualTo("repository base from --repository-url");
    assertThat(r.properties().distributionUrl()).startsWith(other.toUri().toString());
    assertThat(r.publishedChecksum()).isFalse();

    Path file = tmp.resolve("somewhere/my-cairn.tar.gz");
    Files.createDirectories(file.getParent());
    Files.write(file, archive);
    WrapperResult d = WrapperCommand.in(repo).setVersion("9.9.9").setDistributionUrl(file.toUri().toString())
        .setRepositoryUrl(other.toUri().toString()).call();
    assertThat(d.origin()).isEqualTo("--distribution-url");
    assertThat(d.properties()).isEqualTo(new WrapperProperties(file.toUri().toString(), sha));
  }

  @Test
  void runThroughCairnwItKeepsTheBaseOfTheRunningWrapper() throws Exception {
    publish(maven, "2.0.0", gzip("two"), true);
    WrapperCommand.in(repo).setVersion(V).setRepositoryUrl(maven.toUri().toString()).call();
    WrapperResult r = WrapperCommand.in(repo).setVersion("2.0.0")
        .setEnvironment(Map.of("CAIRN_WRAPPER_PROPERTIES", repo.resolve(WrapperProperties.PATH).toString()))
        .setReleaseRepositoryUrl("https://release.invalid/maven2").call();
    assertThat(r.properties().distributionUrl()).isEqualTo(maven.toUri() + "dev/cairn/cairn-dist/2.0.0/cairn-dist-2.0.0.tar.gz");
    assertThat(r.origin()).startsWith("repository base from the running wrapper's ");
  }

  @Test
  void thenTheReleasesBaseThenTheLocalMavenRepository() throws Exception {
    startServer();
    served.put("/maven2/dev/cairn/cairn-dist/1.2.3/cairn-dist-1.2.3.tar.gz", archive);
    WrapperResult rel = WrapperCommand.in(repo).setVersion(V).setReleaseRepositoryUrl(base() + "/maven2/").call();
    assertThat(rel.origin()).isEqualTo("repository base from this release's default repository");
    assertThat(rel.properties().distributionUrl()).isEqualTo(base() + "/maven2/dev/cairn/cairn-dist/1.2.3/cairn-dist-1.2.3.tar.gz");
    assertThat(rel.publishedChecksum()).isFalse();

    Path home = Files.createDirectories(tmp.resolve("home"));
    publish(home.resolve(".m2/repository"), V, archive, true);
    WrapperResult local = WrapperCommand.in(repo).setVersion(V).setEnvironment(Map.of("HOME", home.toString())).call();
    assertThat(local.origin()).startsWith("the local Maven repository " + home.resolve(".m2/repository"));
    assertThat(local.properties().distributionUrl())
        .isEqualTo(home.resolve(".m2/repository").toUri() + "dev/cairn/cairn-dist/1.2.3/cairn-dist-1.2.3.tar.gz");

    WrapperResult opts = WrapperCommand.in(repo).setVersion(V)
        .setEnvironment(Map.of("HOME", home.toString(), "MAVEN_OPTS", "-Xmx1g -Dmaven.repo.local=" + maven)).call();
    assertThat(opts.properties().distributionUrl()).startsWith(maven.toUri().toString());

    Files.writeString(home.resolve(".m2/settings.xml"),
        "<settings><localRepository>${user.home}/elsewhere</localRepository></settings>");
    publish(home.resolve("elsewhere"), V, archive, false);
    WrapperResult settings = WrapperCommand.in(repo).setVersion(V).setEnvironment(Map.of("HOME", home.toString())).call();
    assertThat(settings.properties().distributionUrl()).startsWith(home.resolve("elsewhere").toUri().toString());
  }

  @Test
  void overHttpTheArchiveIsReadOnceAndItsPublishedChecksumChecked() throws Exception {
    startServer();
    String path = "/m/dev/cairn/cairn-dist/1.2.3/cairn-dist-1.2.3.tar.gz";
    served.put(path, archive);
    served.put(path + ".sha256", (sha + "  cairn-1.2.3.tar.gz\n").getBytes(StandardCharsets.UTF_8));
    WrapperResult r = WrapperCommand.in(repo).setVersion(V).setRepositoryUrl(base() + "/m").call();
    assertThat(r.publishedChecksum()).isTrue();
    assertThat(r.properties().distributionSha256Sum()).isEqualTo(sha);
    assertThat(requests.get()).isEqualTo(2);
  }

  @Test
  void aPublishedChecksumThatDiffersFailsAndWritesNothing() throws Exception {
    startServer();
    served.put("/x/cairn.tar.gz", archive);
    served.put("/x/cairn.tar.gz.sha256", ("0".repeat(64) + "\n").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> WrapperCommand.in(repo).setDistributionUrl(base() + "/x/cairn.tar.gz").call())
        .isInstanceOf(CairnException.class)
        .hasMessage("SHA-256 mismatch for " + base() + "/x/cairn.tar.gz: the archive hashes to " + sha
            + " but its .sha256 says " + "0".repeat(64) + "; nothing written");
    try (var s = Files.list(repo)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void missingArchivesAndBadInputAreOneClearLine() throws Exception {
    startServer();
    assertThatThrownBy(() -> WrapperCommand.in(repo).setVersion("7.0").setRepositoryUrl(base()).call())
        .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.kind()).isEqualTo(CairnException.Kind.FAILED))
        .hasMessage("No Cairn distribution at " + base() + "/dev/cairn/cairn-dist/7.0/cairn-dist-7.0.tar.gz (repository "
            + "base from --repository-url): is that version published there? Give --version, --distribution-url or "
            + "--repository-url");
    Path home = Files.createDirectories(tmp.resolve("home"));
    assertThatThrownBy(() -> WrapperCommand.in(repo).setVersion("7.0").setEnvironment(Map.of("HOME", home.toString())).call())
        .hasMessage("No Cairn distribution at " + home.resolve(".m2/repository").toUri()
            + "/dev/cairn/cairn-dist/7.0/cairn-dist-7.0.tar.gz (the local Maven repository " + home.resolve(".m2/repository")
            + "): build and install it with 'mvn -B install' in Cairn's source checkout, or give --distribution-url or "
            + "--repository-url (or set CAIRN_REPOSITORY_URL)");
    served.put("/plain.tar.gz", "not gzip".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> WrapperCommand.in(repo).setDistributionUrl(base() + "/plain.tar.gz").call())
        .hasMessage(base() + "/plain.tar.gz is not a .tar.gz archive (it does not start as gzip data)");
    assertThatThrownBy(() -> WrapperCommand.in(repo).setDistributionUrl(base() + "/cairn.zip").call())
        .hasMessageStartingWith("--distribution-url '" + base() + "/cairn.zip' must name the .tar.gz distribution");
    assertThatThrownBy(() -> WrapperCommand.in(repo).setDistributionUrl("ftp://h/c.tar.gz").call())
        .hasMessage("--distribution-url 'ftp://h/c.tar.gz' must be an http, https or file URL");
    assertThatThrownBy(() -> WrapperCommand.in(repo).setDistributionUrl("http://h/a b.tar.gz").call())
        .hasMessage("--distribution-url 'http://h/a b.tar.gz' has a character the wrapper cannot carry "
            + "(whitespace or a control character): percent-encode it");
    assertThatThrownBy(() -> WrapperCommand.in(repo).setVersion("1.0").setRepositoryUrl("http://h/$(rm -rf)").call())
        .hasMessageContaining("has a character the wrapper cannot carry ('$')");
    assertThatThrownBy(() -> WrapperCommand.in(repo).setVersion("../1").setRepositoryUrl("http://h").call())
        .hasMessage("Bad version '../1': expected something like 0.1.0");
    assertThatThrownBy(() -> WrapperCommand.in(repo).setVersion(V).call())
        .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.kind()).isEqualTo(CairnException.Kind.INVALID_INPUT))
        .hasMessage("No repository to take Cairn 1.2.3 from: give --distribution-url or --repository-url, or set "
            + "CAIRN_REPOSITORY_URL");
    try (var s = Files.list(repo)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void repositoryLayout() {
    assertThat(DistributionUrls.inRepository("https://r.invalid/m2/", "0.1.0"))
        .isEqualTo("https://r.invalid/m2/dev/cairn/cairn-dist/0.1.0/cairn-dist-0.1.0.tar.gz");
    assertThat(DistributionUrls.repositoryOf("https://r.invalid/m2/dev/cairn/cairn-dist/0.1.0/cairn-dist-0.1.0.tar.gz"))
        .contains("https://r.invalid/m2");
    assertThat(DistributionUrls.repositoryOf("https://r.invalid/m2/dev/cairn/cairn-dist/0.1.0/other.tar.gz")).isEmpty();
    assertThat(DistributionUrls.repositoryOf("http://127.0.0.1:8080/cairn.tar.gz")).isEmpty();
  }

  @Test
  void propertiesThatLackAKeyAreRefused() throws Exception {
    Path f = tmp.resolve("w.properties");
    Files.writeString(f, "distributionUrl=http://h/c.tar.gz\n");
    assertThatThrownBy(() -> WrapperProperties.read(f))
        .hasMessage(f + ": distributionSha256Sum is missing or not 64 hex digits");
    assertThat(WrapperProperties.read(tmp.resolve("none"))).isEmpty();
    Files.writeString(f, "# c\r\ndistributionUrl=http://h/c.tar.gz\r\ndistributionSha256Sum=" + sha.toUpperCase() + "\r\n");
    assertThat(WrapperProperties.read(f)).contains(new WrapperProperties("http://h/c.tar.gz", sha));
  }

  @Test
  void aCommandRunsOnce() throws Exception {
    WrapperCommand c = WrapperCommand.in(repo).setVersion(V).setRepositoryUrl(maven.toUri().toString());
    c.call();
    assertThatThrownBy(c::call).isInstanceOf(IllegalStateException.class);
  }

  private void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      requests.incrementAndGet();
      byte[] body = served.get(ex.getRequestURI().getPath());
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
      } else {
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream o = ex.getResponseBody()) {
          o.write(body);
        }
      }
      ex.close();
    });
    server.start();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  static void publish(Path mavenRepo, String version, byte[] bytes, boolean withSum) throws Exception {
    Path dir = Files.createDirectories(mavenRepo.resolve("dev/cairn/cairn-dist/" + version));
    Path f = dir.resolve("cairn-dist-" + version + ".tar.gz");
    Files.write(f, bytes);
    if (withSum) {
      Files.writeString(dir.resolve(f.getFileName() + ".sha256"), sha256(bytes));
    }
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

}
