package dev.cairn.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** Our SigV4 gives, header for header, what the SDK's signer gives for the requests S3Direct sends. */
class SigV4Test {
  private static final AwsCredentials BASIC = AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
  private static final AwsCredentials SESSION =
      AwsSessionCredentials.create("ASIAEXAMPLE", "secret/with+chars", "token//with==padding");

  @Test
  void matchesTheSdkSignerForEveryRequestShape() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-28T23:59:59.750Z"), ZoneOffset.UTC);
    String[] bases = {"http://127.0.0.1:19000/bucket/", "https://bucket.s3.eu-west-1.amazonaws.com/",
        "https://minio.example:443/b/", "http://ceph.example/b/"};
    String[] keys = {"files/md5/36/505c01fce332dc4d1956ba5cd34e49", "pre fix/ünï+code~x(1).bin", "a/b//c"};
    for (String base : bases) {
      for (String key : keys) {
        for (AwsCredentials creds : new AwsCredentials[] {BASIC, SESSION}) {
          String at = base + " " + key + " " + creds.accessKeyId();
          check(at + " GET", clock, SdkHttpMethod.GET, base, key, Map.of(), Map.of(), false, creds);
          check(at + " ranged GET", clock, SdkHttpMethod.GET, base, key, Map.of(),
              Map.of("Range", "bytes=16777216-33554431", "If-Match", "\"36505c01fce332dc4d1956ba5cd34e49\""), false, creds);
          check(at + " HEAD", clock, SdkHttpMethod.HEAD, base, key, Map.of(), Map.of(), false, creds);
          Map<String, String> put = new LinkedHashMap<>();
          put.put("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==");
          put.put("x-amz-server-side-encryption", "aws:kms");
          put.put("x-amz-acl", "bucket-owner-full-control");
          put.put("Content-Length", "4096");
          put.put("Content-Type", "application/octet-stream");
          check(at + " PUT", clock, SdkHttpMethod.PUT, base, key, Map.of(), put, true, creds);
          check(at + " part", clock, SdkHttpMethod.PUT, base, key,
              Map.of("partNumber", "7", "uploadId", "2~abc+/def=="), put, true, creds);
        }
      }
    }
  }

  private static void check(String what, Clock clock, SdkHttpMethod method, String base, String key,
      Map<String, String> query, Map<String, String> headers, boolean unsignedBody, AwsCredentials creds) {
    URI uri = URI.create(base + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
    SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder().method(method).uri(uri);
    query.forEach(b::putRawQueryParameter);
    headers.forEach(b::putHeader);
    SdkHttpFullRequest request = b.build();
    SdkHttpRequest sdk = AwsV4HttpSigner.create().sign(s -> s.identity(creds)
        .request(request)
        .payload(null)
        .putProperty(HttpSigner.SIGNING_CLOCK, clock)
        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1")
        .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
        .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
        .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false)
        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, !unsignedBody)).request();
    Map<String, String> ours = new SigV4("eu-west-1", clock).sign(method.name(), uri, query, headers,
        unsignedBody ? SigV4.UNSIGNED_PAYLOAD : SigV4.EMPTY_SHA256, creds);
    for (Map.Entry<String, String> h : ours.entrySet()) {
      assertThat(h.getValue()).as(what + ": " + h.getKey()).isEqualTo(sdk.firstMatchingHeader(h.getKey()).orElse(null));
    }
    assertThat(ours).containsKeys("Authorization", "x-amz-date", "x-amz-content-sha256", "Host");
  }
}
