package dev.cairn.storage.s3;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * AWS Signature Version 4 for the few request shapes {@link S3Direct} sends (GET, HEAD, PUT of one
 * object or part, with the headers it sets), as the S3 documentation specifies it: canonical
 * request, string to sign, HMAC-SHA256 under the day's signing key. It gives the signature the
 * SDK's signer gives (tests compare the two), at a fraction of the cost: the SDK's general signer
 * took about 0.1 ms of CPU per request, a sixth of a pull of many small files. The day's signing
 * key is kept, and the timestamp formatted once a second.
 */
final class SigV4 {
  static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  });
  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  });

  private final String region;
  private final Clock clock;
  private volatile Stamp stamp = new Stamp(Long.MIN_VALUE, null);
  private volatile SigningKey signingKey = new SigningKey(null, null, null);

  private record Stamp(long second, String text) {}

  private record SigningKey(String secret, String day, byte[] key) {}

  SigV4(String region, Clock clock) {
    this.region = region;
    this.clock = clock;
  }

  /**
   * The headers that sign a request: {@code Host}, {@code x-amz-date}, {@code
   * x-amz-content-sha256}, the session token if any, and {@code Authorization}, which covers those
   * and every header in {@code headers}.
   *
   * @param uri the request's URI, path and query already percent-encoded as sent
   * @param query the query parameters, not encoded
   * @param headers the other headers sent
   * @param payloadHash the body's hex SHA-256, or {@link #UNSIGNED_PAYLOAD}
   */
  Map<String, String> sign(String method, URI uri, Map<String, String> query, Map<String, String> headers,
      String payloadHash, AwsCredentials credentials) {
    String amzDate = amzDate();
    String day = amzDate.substring(0, 8);
    TreeMap<String, String> signed = new TreeMap<>();
    headers.forEach((k, v) -> signed.put(k.toLowerCase(Locale.ROOT), canonicalValue(v)));
    String host = uri.getHost() + (uri.getPort() < 0 || isDefaultPort(uri) ? "" : ":" + uri.getPort());
    signed.put("host", host);
    signed.put("x-amz-date", amzDate);
    signed.put("x-amz-content-sha256", payloadHash);
    String token = credentials instanceof AwsSessionCredentials s ? s.sessionToken() : null;
    if (token != null) {
      signed.put("x-amz-security-token", token);
    }
    StringBuilder canonical = new StringBuilder(256)
        .append(method).append('\n')
        .append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath()).append('\n')
        .append(canonicalQuery(query)).append('\n');
    StringBuilder names = new StringBuilder(96);
    for (Map.Entry<String, String> h : signed.entrySet()) {
      canonical.append(h.getKey()).append(':').append(h.getValue()).append('\n');
      if (names.length() > 0) {
        names.append(';');
      }
      names.append(h.getKey());
    }
    canonical.append('\n').append(names).append('\n').append(payloadHash);
    String scope = day + "/" + region + "/s3/aws4_request";
    String toSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
        + HEX.formatHex(SHA256.get().digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    String signature = HEX.formatHex(hmac(key(credentials.secretAccessKey(), day), toSign));
    Map<String, String> out = new TreeMap<>();
    out.put("Host", host);
    out.put("x-amz-date", amzDate);
    out.put("x-amz-content-sha256", payloadHash);
    if (token != null) {
      out.put("x-amz-security-token", token);
    }
    out.put("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
        + ", SignedHeaders=" + names + ", Signature=" + signature);
    return out;
  }

  private static boolean isDefaultPort(URI uri) {
    return ("http".equalsIgnoreCase(uri.getScheme()) && uri.getPort() == 80)
        || ("https".equalsIgnoreCase(uri.getScheme()) && uri.getPort() == 443);
  }

  private String amzDate() {
    long now = clock.millis();
    long second = Math.floorDiv(now, 1000);
    Stamp s = stamp;
    if (s.second != second) {
      s = new Stamp(second, STAMP.format(Instant.ofEpochSecond(second)));
      stamp = s;
    }
    return s.text;
  }

  /** The signing key of {@code day}: kept, since every request of a day shares it. */
  private byte[] key(String secret, String day) {
    SigningKey k = signingKey;
    if (!day.equals(k.day) || !secret.equals(k.secret)) {
      byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day);
      key = hmac(key, region);
      key = hmac(key, "s3");
      key = hmac(key, "aws4_request");
      k = new SigningKey(secret, day, key);
      signingKey = k;
    }
    return k.key;
  }

  private static byte[] hmac(byte[] key, String data) {
    Mac mac = HMAC.get();
    try {
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  /** Sorted {@code name=value} pairs, each percent-encoded as SigV4 says (only unreserved characters kept). */
  private static String canonicalQuery(Map<String, String> query) {
    if (query.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>(query.size());
    query.forEach((k, v) -> pairs.add(new String[] {SdkHttpUtils.urlEncode(k), SdkHttpUtils.urlEncode(v == null ? "" : v)}));
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder sb = new StringBuilder();
    for (String[] kv : pairs) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      sb.append(kv[0]).append('=').append(kv[1]);
    }
    return sb.toString();
  }

  /** A header value as signed: trimmed, runs of spaces made one. */
  private static String canonicalValue(String v) {
    String t = v.strip();
    return t.indexOf("  ") < 0 ? t : t.replaceAll(" +", " ");
  }
}
