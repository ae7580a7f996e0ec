package dev.cairn.storage.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.storage.StorageException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SftpPropertiesTest {
  @Test
  void urlGivesUserHostPortAndPath() throws StorageException {
    SftpProperties p = SftpProperties.parse(URI.create("ssh://alice@example.com:2222/srv/dvc/"), Map.of());
    assertThat(p.user()).isEqualTo("alice");
    assertThat(p.host()).isEqualTo("example.com");
    assertThat(p.port()).isEqualTo(2222);
    assertThat(p.root()).isEqualTo("/srv/dvc");
    assertThat(p.path("files/md5/aa/bb")).isEqualTo("/srv/dvc/files/md5/aa/bb");
    assertThat(p.timeout()).isEqualTo(SftpProperties.TIMEOUT_DEFAULT);
  }

  @Test
  void keysWinOverTheUrl() throws StorageException {
    SftpProperties p = SftpProperties.parse(URI.create("ssh://alice@example.com/x"),
        Map.of("user", "bob", "port", "2200", "keyfile", "/home/bob/.ssh/id", "timeout", "7", "password", "pw"));
    assertThat(p.user()).isEqualTo("bob");
    assertThat(p.port()).isEqualTo(2200);
    assertThat(p.keyFile()).isEqualTo(Path.of("/home/bob/.ssh/id"));
    assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(p.describe()).isEqualTo("ssh://bob@example.com:2200/x").doesNotContain("pw");
  }

  @Test
  void badValuesAreRejected() {
    assertThatThrownBy(() -> SftpProperties.parse(URI.create("ssh://h/x"), Map.of("port", "ssh")))
        .isInstanceOf(StorageException.class).hasMessageContaining("'port'");
    assertThatThrownBy(() -> SftpProperties.parse(URI.create("ssh://h/x"), Map.of("timeout", "-1")))
        .hasMessageContaining("'timeout'");
  }
}
