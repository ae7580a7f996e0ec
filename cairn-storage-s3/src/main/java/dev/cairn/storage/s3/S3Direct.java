package dev.cairn.storage.s3;

import dev.cairn.storage.Md5;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * GetObject, HeadObject and PutObject of one buffer, the requests a push or pull makes per object,
 * signed by {@link SigV4} and sent through the SDK's HTTP client, without the SDK's
 * per-request pipeline (interceptors, endpoint and auth-scheme resolution, marshalling, metrics,
 * retries), which costs about 4 ms of CPU per request and made small-object transfers CPU-bound.
 *
 * <p>The object URL is the one the SDK client itself resolves for the bucket (its endpoint rules,
 * path style, region), read once. Only plain bucket names use this path (not access-point ARNs nor
 * directory buckets, whose endpoints and auth differ); see {@link #create}. Failures are turned into
 * the SDK's {@link S3Exception} so that {@link S3Errors} maps them as before; retries are the
 * caller's (the transfer layer retries retryable failures with backoff).
 */
final class S3Direct {
  private static final Pattern PLAIN_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]{1,128})</Code>");
  private static final String PROBE = "cairn-probe";

  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final SigV4 sigV4;
  private final String base;

  private S3Direct(SdkHttpClient http, AwsCredentialsProvider credentials, String region, String base) {
    this.http = http;
    this.credentials = credentials;
    this.sigV4 = new SigV4(region, java.time.Clock.systemUTC());
    this.base = base;
  }

  /**
   * The direct path for a bucket, or empty when the SDK client must make every request (bucket
   * names that are ARNs or directory buckets, or a URL the client does not resolve). With an
   * endpoint the URL is the path-style one the client uses there ({@code <endpoint>/<bucket>/<key>})
   * and the client is not built; AWS's own endpoints come from the client's endpoint rules.
   */
  static Optional<S3Direct> create(java.util.function.Supplier<S3Client> s3, URI endpoint, SdkHttpClient http,
      AwsCredentialsProvider credentials, Region region, String bucket) {
    if (!PLAIN_BUCKET.matcher(bucket).matches() || bucket.endsWith("--x-s3") || bucket.contains("..")) {
      return Optional.empty();
    }
    try {
      String u;
      if (endpoint != null) {
        if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null || endpoint.getHost() == null) {
          return Optional.empty();
        }
        String e = endpoint.toString();
        u = (e.endsWith("/") ? e.substring(0, e.length() - 1) : e) + "/" + bucket + "/" + PROBE;
      } else {
        URL url = s3.get().utilities().getUrl(r -> r.bucket(bucket).key(PROBE));
        if (url.getQuery() != null) {
          return Optional.empty();
        }
        u = url.toExternalForm();
      }
      if (!u.endsWith("/" + PROBE)) {
        return Optional.empty();
      }
      return Optional.of(new S3Direct(http, credentials, region.id(), u.substring(0, u.length() - PROBE.length())));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * A response whose body the caller reads and closes.
   *
   * @param contentLength the body's length, or -1 when the server did not say
   * @param etag the object's ETag, or null
   */
  record Response(long contentLength, String etag, AbortableInputStream body) {}

  /** GetObject: the body of {@code key}, or an {@link S3Exception} for any status but 200. */
  Response get(String key) throws IOException {
    return get(key, Map.of(), 200);
  }

  /**
   * GetObject of bytes {@code [from, from + length)} of the object with ETag {@code etag} (a
   * changed object fails with 412 instead of mixing two versions).
   */
  Response getRange(String key, long from, long length, String etag) throws IOException {
    Map<String, String> h = new HashMap<>();
    h.put("Range", "bytes=" + from + "-" + (from + length - 1));
    if (etag != null) {
      h.put("If-Match", etag);
    }
    return get(key, h, 206);
  }

  private Response get(String key, Map<String, String> headers, int expected) throws IOException {
    HttpExecuteResponse r = execute(SdkHttpMethod.GET, key, Map.of(), headers, null, 0);
    AbortableInputStream body = r.responseBody().orElseGet(() -> AbortableInputStream.create(InputStream.nullInputStream()));
    if (r.httpResponse().statusCode() != expected) {
      throw failure(r.httpResponse().statusCode(), body);
    }
    return new Response(r.httpResponse().firstMatchingHeader("Content-Length").map(Long::parseLong).orElse(-1L),
        r.httpResponse().firstMatchingHeader("ETag").orElse(null), body);
  }

  /** HeadObject: the object's length, or an {@link S3Exception} for any status but 200. */
  long head(String key) throws IOException {
    HttpExecuteResponse r = execute(SdkHttpMethod.HEAD, key, Map.of(), Map.of(), null, 0);
    int status = r.httpResponse().statusCode();
    if (r.responseBody().isPresent()) {
      r.responseBody().get().close();
    }
    if (status != 200) {
      throw failure(status, null);
    }
    return r.httpResponse().firstMatchingHeader("Content-Length").map(Long::parseLong)
        .orElseThrow(() -> new IOException("HEAD of '" + key + "' returned no Content-Length"));
  }

  /**
   * PutObject of {@code data[0, len)} with the extra headers (encryption, ACL), or, with an
   * {@code uploadId}, UploadPart number {@code part} of that multipart upload. The body is sent with
   * its {@code Content-MD5}, which the server checks, and not hashed into the signature (as rclone
   * does): one MD5 pass instead of a SHA-256 pass on each side.
   *
   * @return the ETag the server gave the object or part
   */
  String put(String key, byte[] data, int len, Map<String, String> headers, String uploadId, int part)
      throws IOException {
    return put(key, data, len, headers, uploadId, part, md5(data, len));
  }

  /** {@link #put} with the MD5 to announce (tests announce a wrong one). */
  String put(String key, byte[] data, int len, Map<String, String> headers, String uploadId, int part, byte[] md5)
      throws IOException {
    Map<String, String> h = new HashMap<>(headers);
    h.put("Content-MD5", Base64.getEncoder().encodeToString(md5));
    Map<String, String> query = uploadId == null ? Map.of()
        : Map.of("partNumber", Integer.toString(part), "uploadId", uploadId);
    ContentStreamProvider body = () -> new ByteArrayInputStream(data, 0, len);
    HttpExecuteResponse r = execute(SdkHttpMethod.PUT, key, query, h, body, len);
    int status = r.httpResponse().statusCode();
    AbortableInputStream in = r.responseBody().orElse(null);
    if (status != 200) {
      throw failure(status, in);
    }
    if (in != null) {
      in.close();
    }
    return r.httpResponse().firstMatchingHeader("ETag").orElse(null);
  }

  private static byte[] md5(byte[] data, int len) {
    return Md5.of(data, 0, len);
  }

  private HttpExecuteResponse execute(SdkHttpMethod method, String key, Map<String, String> query,
      Map<String, String> headers, ContentStreamProvider body, long length) throws IOException {
    SdkHttpRequest request = signed(method, key, query, headers, body != null, length);
    return http.prepareRequest(HttpExecuteRequest.builder().request(request).contentStreamProvider(body).build())
        .call();
  }

  /**
   * The request, signed unless the credentials are anonymous. A body is not part of the signature
   * ({@code UNSIGNED-PAYLOAD}; it goes with its Content-MD5, see {@link #put}); GET and HEAD sign
   * the empty payload.
   */
  SdkHttpRequest signed(SdkHttpMethod method, String key, Map<String, String> query, Map<String, String> headers,
      boolean hasBody, long length) {
    URI uri = URI.create(base + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
    Map<String, String> all = new HashMap<>(headers);
    if (hasBody) {
      all.put("Content-Length", Long.toString(length));
      all.put("Content-Type", "application/octet-stream");
    }
    SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder().method(method).uri(uri);
    query.forEach(b::putRawQueryParameter);
    all.forEach(b::putHeader);
    AwsCredentials id = credentials.resolveCredentials();
    if (id.accessKeyId() != null && id.secretAccessKey() != null) {
      sigV4.sign(method.name(), uri, query, all, hasBody ? SigV4.UNSIGNED_PAYLOAD : SigV4.EMPTY_SHA256, id)
          .forEach(b::putHeader);
    }
    return b.build();
  }

  /** The error of a non-2xx response, as the SDK client would have raised it (code read from the XML body). */
  private static S3Exception failure(int status, AbortableInputStream body) {
    String code = null;
    if (body != null) {
      try (body) {
        byte[] head = body.readNBytes(4096);
        Matcher m = ERROR_CODE.matcher(new String(head, StandardCharsets.UTF_8));
        if (m.find()) {
          code = m.group(1);
        }
      } catch (IOException e) {
        // the status alone decides
      }
    }
    if (code == null && status == 404) {
      code = "";
    }
    return (S3Exception) S3Exception.builder()
        .statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).serviceName("S3").build())
        .message("Status " + status + (code == null || code.isEmpty() ? "" : " " + code))
        .build();
  }
}
