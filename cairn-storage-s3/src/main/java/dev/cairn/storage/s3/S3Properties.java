package dev.cairn.storage.s3;

import dev.cairn.storage.Redact;
import dev.cairn.storage.RemoteProps;
import dev.cairn.storage.StorageException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An S3 remote's settings, parsed once from the URL and DVC's config keys. Absent values are
 * {@code null} and leave the SDK's defaults (credential chain, region chain) in charge.
 *
 * @param sslVerify {@code true}/{@code false}, or {@code true} with {@code caBundle} set when the
 *     config names a CA bundle file
 */
record S3Properties(
    String bucket,
    String prefix,
    URI endpoint,
    String region,
    String profile,
    Path credentialPath,
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    boolean sslVerify,
    Path caBundle,
    String sse,
    String sseKmsKeyId,
    String acl,
    Duration readTimeout,
    Duration connectTimeout,
    boolean allowAnonymous,
    long multipartThreshold,
    long partSize) {

  static final String ENDPOINT_URL = "endpointurl";
  static final String REGION = "region";
  static final String PROFILE = "profile";
  static final String CREDENTIAL_PATH = "credentialpath";
  static final String ACCESS_KEY_ID = "access_key_id";
  static final String SECRET_ACCESS_KEY = "secret_access_key";
  static final String SESSION_TOKEN = "session_token";
  static final String USE_SSL = "use_ssl";
  static final String SSL_VERIFY = "ssl_verify";
  static final String SSE = "sse";
  static final String SSE_KMS_KEY_ID = "sse_kms_key_id";
  static final String ACL = "acl";
  static final String READ_TIMEOUT = "read_timeout";
  static final String CONNECT_TIMEOUT = "connect_timeout";
  static final String ALLOW_ANONYMOUS_LOGIN = "allow_anonymous_login";

  /**
   * Objects up to this size go up in one PutObject; larger ones as a multipart upload of parts of
   * {@link #PART_SIZE_DEFAULT}, several at once (16 MiB parts: a 1 GiB object is 64 parallel-able
   * requests, and the parts in flight stay within a bounded amount of memory).
   */
  static final long MULTIPART_THRESHOLD_DEFAULT = 16L * 1024 * 1024;
  static final long PART_SIZE_DEFAULT = 16L * 1024 * 1024;

  static S3Properties parse(URI uri, Map<String, String> props) throws StorageException {
    String bucket = uri.getHost() != null ? uri.getHost() : uri.getAuthority();
    if (bucket == null || bucket.isEmpty()) {
      throw new StorageException("Invalid S3 URL '" + Redact.url(uri.toString()) + "': expected s3://bucket/prefix");
    }
    String prefix = stripSlashes(uri.getPath());
    boolean useSsl = RemoteProps.bool(props, USE_SSL, true, "S3");
    URI endpoint = null;
    String ep = props.get(ENDPOINT_URL);
    if (ep != null && !ep.isBlank()) {
      endpoint = URI.create(ep.contains("://") ? ep : (useSsl ? "https://" : "http://") + ep);
    }
    String sslVerifyRaw = props.getOrDefault(SSL_VERIFY, "true");
    boolean sslVerify = true;
    Path caBundle = null;
    switch (sslVerifyRaw.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> sslVerify = true;
      case "false", "no", "0" -> sslVerify = false;
      default -> caBundle = Path.of(sslVerifyRaw);
    }
    String path = props.get(CREDENTIAL_PATH);
    return new S3Properties(
        bucket,
        prefix,
        endpoint,
        blankToNull(props.get(REGION)),
        blankToNull(props.get(PROFILE)),
        path == null || path.isBlank() ? null : Path.of(path),
        blankToNull(props.get(ACCESS_KEY_ID)),
        blankToNull(props.get(SECRET_ACCESS_KEY)),
        blankToNull(props.get(SESSION_TOKEN)),
        sslVerify,
        caBundle,
        blankToNull(props.get(SSE)),
        blankToNull(props.get(SSE_KMS_KEY_ID)),
        blankToNull(props.get(ACL)),
        RemoteProps.seconds(props, READ_TIMEOUT, "S3"),
        RemoteProps.seconds(props, CONNECT_TIMEOUT, "S3"),
        RemoteProps.bool(props, ALLOW_ANONYMOUS_LOGIN, false, "S3"),
        MULTIPART_THRESHOLD_DEFAULT,
        PART_SIZE_DEFAULT);
  }

  /** A copy with other multipart sizes (tests use small parts). */
  S3Properties withMultipart(long threshold, long part) {
    return new S3Properties(bucket, prefix, endpoint, region, profile, credentialPath, accessKeyId, secretAccessKey,
        sessionToken, sslVerify, caBundle, sse, sseKmsKeyId, acl, readTimeout, connectTimeout, allowAnonymous,
        threshold, part);
  }

  /**
   * The headers that give a new object (PutObject, CreateMultipartUpload) the configured
   * server-side encryption ({@code sse}, {@code sse_kms_key_id}) and canned ACL ({@code acl}).
   */
  Map<String, String> uploadHeaders() {
    Map<String, String> h = new java.util.LinkedHashMap<>();
    if (sse != null) {
      h.put("x-amz-server-side-encryption", sse);
    }
    if (sseKmsKeyId != null) {
      h.put("x-amz-server-side-encryption-aws-kms-key-id", sseKmsKeyId);
    }
    if (acl != null) {
      h.put("x-amz-acl", acl);
    }
    return Map.copyOf(h);
  }

  /** Every secret value, so that messages can be scrubbed of them. */
  List<String> secrets() {
    List<String> s = new ArrayList<>();
    s.add(secretAccessKey);
    s.add(sessionToken);
    s.add(accessKeyId);
    return s;
  }

  /** The object key for a storage key. */
  String objectKey(String key) {
    return prefix.isEmpty() ? key : prefix + "/" + key;
  }

  /** {@code s3://bucket/prefix}, for messages. */
  String describe() {
    return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
  }

  @Override
  public String toString() {
    return describe();
  }

  private static String stripSlashes(String p) {
    if (p == null) {
      return "";
    }
    int s = 0;
    int e = p.length();
    while (s < e && p.charAt(s) == '/') {
      s++;
    }
    while (e > s && p.charAt(e - 1) == '/') {
      e--;
    }
    return p.substring(s, e);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

}
