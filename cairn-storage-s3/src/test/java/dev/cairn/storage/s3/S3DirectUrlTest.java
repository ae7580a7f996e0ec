package dev.cairn.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** With an endpoint, S3Direct's URLs are the ones the SDK client resolves, without building the client. */
class S3DirectUrlTest {
  @Test
  void endpointUrlsAreTheClientsPathStyleUrls() {
    var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
    try (var http = Apache5HttpClient.builder().build()) {
      for (String endpoint : new String[] {"http://127.0.0.1:19000", "http://127.0.0.1:19000/", "https://minio.example",
          "https://s3.example:8443/base", "https://s3.example/base/"}) {
        try (S3Client s3 = S3Client.builder().httpClient(http).credentialsProvider(creds).region(Region.US_EAST_1)
            .endpointOverride(URI.create(endpoint)).forcePathStyle(true).build()) {
          boolean[] built = {false};
          S3Direct direct = S3Direct.create(() -> {
            built[0] = true;
            return s3;
          }, URI.create(endpoint), http, creds, Region.US_EAST_1, "my.bucket-1").orElseThrow();
          for (String key : new String[] {"files/md5/36/505c01fce332dc4d1956ba5cd34e49", "a b/ü+~(x)"}) {
            String sdk = s3.utilities().getUrl(r -> r.bucket("my.bucket-1").key(key)).toExternalForm();
            assertThat(direct.signed(SdkHttpMethod.GET, key, Map.of(), Map.of(), false, 0).getUri().toString())
                .as(endpoint + " " + key).isEqualTo(sdk);
          }
          assertThat(built[0]).as("the client is not built for an endpoint").isFalse();
        }
      }
    }
  }
}
