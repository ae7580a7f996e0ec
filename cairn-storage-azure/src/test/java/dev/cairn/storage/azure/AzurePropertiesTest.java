package dev.cairn.storage.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.storage.StorageException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AzurePropertiesTest {
  private static final URI URL = URI.create("azure://models/team/cache/");

  @Test
  void keysWinOverTheEnvironment() throws StorageException {
    AzureProperties p = AzureProperties.parse(URL, Map.of("account_name", "acct", "account_key", "k1",
        "timeout", "30", "read_timeout", "5", "connection_timeout", "2"),
        Map.of("AZURE_STORAGE_ACCOUNT", "other", "AZURE_STORAGE_KEY", "k2"));
    assertThat(p.container()).isEqualTo("models");
    assertThat(p.prefix()).isEqualTo("team/cache");
    assertThat(p.blobName("files/md5/aa/bb")).isEqualTo("team/cache/files/md5/aa/bb");
    assertThat(p.accountName()).isEqualTo("acct");
    assertThat(p.accountKey()).isEqualTo("k1");
    assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.readTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void environmentFillsUnsetKeys() throws StorageException {
    AzureProperties p = AzureProperties.parse(URL, Map.of(),
        Map.of("AZURE_STORAGE_ACCOUNT", "acct", "AZURE_STORAGE_SAS_TOKEN", "?sv=1&sig=abc"));
    assertThat(p.accountName()).isEqualTo("acct");
    assertThat(p.sasToken()).isEqualTo("?sv=1&sig=abc");
    assertThat(p.secrets()).contains("?sv=1&sig=abc", "sv=1&sig=abc");
  }

  @Test
  void connectionStringSecretsAreKnown() throws StorageException {
    AzureProperties p = AzureProperties.parse(URL, Map.of("connection_string",
        "AccountName=a;AccountKey=SECRETKEY==;BlobEndpoint=http://x/a"), Map.of());
    assertThat(p.secrets()).contains("SECRETKEY==");
    assertThat(p.toString()).isEqualTo("azure://models/team/cache");
  }

  @Test
  void missingAccountOrCredentialsAreExplained() {
    assertThatThrownBy(() -> AzureProperties.parse(URL, Map.of(), Map.of()))
        .isInstanceOf(StorageException.class).hasMessageContaining("connection_string or account_name");
    assertThatThrownBy(() -> AzureProperties.parse(URL, Map.of("account_name", "a"), Map.of()))
        .hasMessageContaining("account_key");
  }

  @Test
  void anonymousAccessNeedsOnlyTheAccount() throws StorageException {
    assertThat(AzureProperties.parse(URL, Map.of("account_name", "a", "allow_anonymous_login", "true"), Map.of())
        .allowAnonymous()).isTrue();
  }
}
