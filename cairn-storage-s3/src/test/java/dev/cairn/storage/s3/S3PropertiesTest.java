package dev.cairn.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.storage.StorageException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3PropertiesTest {
  @Test
  void parsesBucketPrefixAndKeys() throws StorageException {
    S3Properties p = S3Properties.parse(URI.create("s3://ml-data/team/cache/"), Map.of(
        "region", "eu-west-1", "read_timeout", "2.5", "connect_timeout", "3", "sse", "aws:kms",
        "sse_kms_key_id", "kid", "acl", "private", "allow_anonymous_login", "true"));
    assertThat(p.bucket()).isEqualTo("ml-data");
    assertThat(p.prefix()).isEqualTo("team/cache");
    assertThat(p.objectKey("files/md5/aa/bb")).isEqualTo("team/cache/files/md5/aa/bb");
    assertThat(p.region()).isEqualTo("eu-west-1");
    assertThat(p.readTimeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(p.uploadHeaders()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
        "x-amz-server-side-encryption", "aws:kms", "x-amz-server-side-encryption-aws-kms-key-id", "kid",
        "x-amz-acl", "private"));
    assertThat(p.sse()).isEqualTo("aws:kms");
    assertThat(p.allowAnonymous()).isTrue();
    assertThat(p.endpoint()).isNull();
    assertThat(p.sslVerify()).isTrue();
  }

  @Test
  void bucketWithoutPrefix() throws StorageException {
    S3Properties p = S3Properties.parse(URI.create("s3://bucket"), Map.of());
    assertThat(p.prefix()).isEmpty();
    assertThat(p.objectKey("k")).isEqualTo("k");
    assertThat(p.describe()).isEqualTo("s3://bucket");
  }

  @Test
  void endpointWithoutSchemeFollowsUseSsl() throws StorageException {
    assertThat(S3Properties.parse(URI.create("s3://b"), Map.of("endpointurl", "minio:9000", "use_ssl", "false"))
        .endpoint()).isEqualTo(URI.create("http://minio:9000"));
    assertThat(S3Properties.parse(URI.create("s3://b"), Map.of("endpointurl", "minio:9000")).endpoint())
        .isEqualTo(URI.create("https://minio:9000"));
  }

  @Test
  void sslVerifyIsABooleanOrACaBundle() throws StorageException {
    assertThat(S3Properties.parse(URI.create("s3://b"), Map.of("ssl_verify", "false")).sslVerify()).isFalse();
    S3Properties ca = S3Properties.parse(URI.create("s3://b"), Map.of("ssl_verify", "/etc/ca.pem"));
    assertThat(ca.sslVerify()).isTrue();
    assertThat(ca.caBundle()).isEqualTo(Path.of("/etc/ca.pem"));
  }

  @Test
  void badValuesGetClearMessagesWithoutSecrets() {
    assertThatThrownBy(() -> S3Properties.parse(URI.create("s3://b"), Map.of("read_timeout", "soon")))
        .isInstanceOf(StorageException.class).hasMessageContaining("read_timeout");
    assertThatThrownBy(() -> S3Properties.parse(URI.create("s3://b"), Map.of("use_ssl", "maybe")))
        .hasMessageContaining("use_ssl");
    assertThatThrownBy(() -> S3Properties.parse(URI.create("s3:///nobucket"), Map.of()))
        .hasMessageContaining("expected s3://bucket/prefix");
  }

  @Test
  void toStringNeverShowsSecrets() throws StorageException {
    S3Properties p = S3Properties.parse(URI.create("s3://b/p"),
        Map.of("access_key_id", "AKIAEXAMPLE", "secret_access_key", "very-secret", "session_token", "tok-secret"));
    assertThat(p.toString()).isEqualTo("s3://b/p").doesNotContain("very-secret");
  }
}
