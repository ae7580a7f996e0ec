package dev.cairn.storage.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.storage.StorageException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpPropertiesTest {
  @Test
  void defaultsFollowDvc() throws StorageException {
    HttpProperties p = HttpProperties.parse(URI.create("https://example.org/dvc/store/"), Map.of());
    assertThat(p.base()).isEqualTo("https://example.org/dvc/store");
    assertThat(p.method()).isEqualTo("POST");
    assertThat(p.auth()).isEqualTo(HttpProperties.Auth.NONE);
    assertThat(p.sslVerify()).isTrue();
    assertThat(p.caBundle()).isNull();
    assertThat(p.readTimeout()).isNull();
  }

  @Test
  void userInfoIsTakenOutOfTheBase() throws StorageException {
    HttpProperties p = HttpProperties.parse(URI.create("http://u:pw@host:8080/x"),
        Map.of("auth", "Basic", "password", "pw", "read_timeout", "5", "ssl_verify", "/etc/ca.pem"));
    assertThat(p.base()).isEqualTo("http://host:8080/x");
    assertThat(p.user()).isEqualTo("u");
    assertThat(p.auth()).isEqualTo(HttpProperties.Auth.BASIC);
    assertThat(p.readTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.caBundle()).isEqualTo(Path.of("/etc/ca.pem"));
    assertThat(p.toString()).doesNotContain("pw");
  }

  @Test
  void keysArePercentEncoded() {
    assertThat(HttpStorage.encode("files/md5/ab/c d#?.dir")).isEqualTo("files/md5/ab/c%20d%23%3F.dir");
  }

  @Test
  void digestParamsParseQuotedAndBareValues() {
    assertThat(DigestAuth.params("realm=\"a, b\", nonce=\"n\\\"x\", qop=auth, algorithm=MD5"))
        .containsEntry("realm", "a, b").containsEntry("nonce", "n\"x").containsEntry("qop", "auth")
        .containsEntry("algorithm", "MD5");
  }

  @Test
  void digestResponseMatchesRfc2617Example() {
    DigestAuth d = new DigestAuth("Mufasa", "Circle Of Life");
    assertThat(d.accept("Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
        + "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")).isTrue();
    assertThat(d.header("GET", "/dir/index.html"))
        .contains("response=\"670fd8c2df070c60b045671b8b24ff02\"");
  }
}
