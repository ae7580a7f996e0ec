package dev.cairn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigFileTest {
  @Test
  void parsesDvcConfigSyntax() throws Exception {
    ConfigFile f = ConfigFile.parse("""
        [core]
            remote = Storage
            autostage = true  # comment
        ['remote "Storage"']
            url = s3://my-bucket/dvcstore
            region = eu-west-1
        ['remote "nas"']
            url = ../../nas-store
        [cache]
            type = "reflink,copy"
            dir = a, b
            quoted = 'x # y'
        """, "config");
    assertThat(f.get("core", "remote")).isEqualTo("Storage");
    assertThat(f.get("core", "autostage")).isEqualTo("true");
    assertThat(f.get("remote \"storage\"", "url")).isEqualTo("s3://my-bucket/dvcstore");
    assertThat(f.get("cache", "type")).isEqualTo("reflink,copy");
    assertThat(f.get("cache", "dir")).isEqualTo("a,b");
    assertThat(f.get("cache", "quoted")).isEqualTo("x # y");
  }

  @Test
  void writesLikeConfigobj() throws Exception {
    ConfigFile f = new ConfigFile();
    f.set("core", "remote", "storage");
    f.set("remote \"storage\"", "url", "s3://bucket/path");
    f.set("cache", "type", "reflink,copy");
    assertThat(f.toText()).isEqualTo("""
        [core]
            remote = storage
        ['remote "storage"']
            url = s3://bucket/path
        [cache]
            type = "reflink,copy"
        """);
    assertThat(ConfigFile.parse(f.toText(), "x").get("cache", "type")).isEqualTo("reflink,copy");
  }

  @Test
  void syntaxErrorsGiveTheNextStep() {
    assertThatThrownBy(() -> ConfigFile.parse("[core\n", ".dvc/config"))
        .hasMessage(".dvc/config:1: invalid section header '[core'; fix it in the file by hand and run again");
  }

  @Test
  void syntaxErrorsNameFileAndLine() {
    assertThatThrownBy(() -> ConfigFile.parse("[core\n", ".dvc/config")).hasMessageContaining(".dvc/config:1");
    assertThatThrownBy(() -> ConfigFile.parse("x = 1\n", ".dvc/config")).hasMessageContaining("outside any [section]");
    assertThatThrownBy(() -> ConfigFile.parse("[core]\nnovalue\n", ".dvc/config")).hasMessageContaining(".dvc/config:2");
  }
}
