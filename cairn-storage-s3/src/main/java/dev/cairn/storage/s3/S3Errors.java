package dev.cairn.storage.s3;

import dev.cairn.storage.ObjectNotFoundException;
import dev.cairn.storage.Redact;
import dev.cairn.storage.StorageException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns SDK and transport failures into {@link StorageException}s: one line for the user, the
 * right retryable flag, and never a credential. Server messages are not quoted (S3 may echo the
 * signed request), only the status and error code.
 */
final class S3Errors {
  private static final Set<String> AUTH_CODES = Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
      "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "AllAccessDisabled", "AccountProblem");
  private static final Set<String> RETRY_CODES = Set.of("SlowDown", "RequestTimeout", "InternalError",
      "ServiceUnavailable", "Throttling", "ThrottlingException", "RequestTimeTooSkewed", "OperationAborted",
      // the body did not match the Content-MD5 computed from the very bytes sent: damaged on the way
      "BadDigest");

  private final S3Properties props;

  S3Errors(S3Properties props) {
    this.props = props;
  }

  /**
   * Maps a failure of {@code action} ("read", "write", "check", "delete", "list") on {@code key}
   * ({@code null} for the whole remote).
   */
  StorageException map(Throwable e, String action, String key) {
    String what = key == null ? props.describe() : "'" + key + "' in " + props.describe();
    if (e instanceof StorageException se) {
      return se;
    }
    if (e instanceof NoSuchKeyException) {
      return new ObjectNotFoundException("No object " + what);
    }
    if (e instanceof NoSuchBucketException) {
      return noBucket(e);
    }
    if (e instanceof S3Exception s3) {
      int status = s3.statusCode();
      String code = s3.awsErrorDetails() == null || s3.awsErrorDetails().errorCode() == null ? ""
          : s3.awsErrorDetails().errorCode();
      String detail = status + (code.isBlank() ? "" : " " + code);
      if ("NoSuchBucket".equals(code)) {
        return noBucket(e);
      }
      if ("NoSuchKey".equals(code) || (status == 404 && code.isBlank() && !action.equals("list"))) {
        return new ObjectNotFoundException("No object " + what);
      }
      if (status == 403 || status == 401 || AUTH_CODES.contains(code)) {
        return new StorageException(scrub("Access denied to " + what + " (" + detail
            + "): check the remote's credentials (access_key_id, secret_access_key, profile) and permissions"), e, false);
      }
      if (status == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)) {
        return new StorageException(scrub("Bucket '" + props.bucket() + "' is in another region (" + detail
            + "): set the remote's 'region'"), e, false);
      }
      if ((status >= 500 && status != 501) || status == 429 || s3.isThrottlingException() || RETRY_CODES.contains(code)) {
        return new StorageException(scrub("S3 server at " + endpoint() + " could not " + action + " " + what
            + " (" + detail + "); try again later"), e, true);
      }
      return new StorageException(scrub("S3 refused to " + action + " " + what + " (" + detail + ")"), e, false);
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return new StorageException(scrub("Timed out trying to " + action + " " + what + " at " + endpoint()
          + "; try again or raise read_timeout"), e, true);
    }
    Throwable root = rootOf(e);
    if (root instanceof UnknownHostException) {
      return new StorageException(scrub("Cannot resolve the host of " + endpoint() + " for " + props.describe()
          + ": check endpointurl and the network"), e, false);
    }
    if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
      return new StorageException(scrub("Cannot connect to " + endpoint() + " for " + props.describe()
          + ": is the server running and the endpointurl right?"), e, true);
    }
    if (root instanceof SSLHandshakeException) {
      return new StorageException(scrub("TLS handshake with " + endpoint() + " failed: check the certificate or "
          + "the remote's ssl_verify"), e, false);
    }
    if (root instanceof SocketTimeoutException || root instanceof InterruptedIOException) {
      return new StorageException(scrub("Timed out trying to " + action + " " + what + " at " + endpoint()
          + "; try again or raise read_timeout"), e, true);
    }
    if (root instanceof IOException) {
      return new StorageException(scrub("Connection to " + endpoint() + " failed while trying to " + action + " "
          + what + " (" + root.getClass().getSimpleName() + "); try again"), e, true);
    }
    if (e instanceof SdkClientException && String.valueOf(e.getMessage()).contains("credentials")) {
      return new StorageException(scrub("No AWS credentials found for " + props.describe()
          + ": set access_key_id and secret_access_key, a profile, or allow_anonymous_login"), e, false);
    }
    return new StorageException(scrub("Cannot " + action + " " + what + ": " + e.getClass().getSimpleName()), e,
        false);
  }

  private StorageException noBucket(Throwable e) {
    return new StorageException(scrub("Bucket '" + props.bucket() + "' does not exist at " + endpoint()
        + ": create it or fix the remote URL"), e, false);
  }

  private String endpoint() {
    return props.endpoint() == null ? "AWS S3" : Redact.url(props.endpoint().toString());
  }

  private String scrub(String message) {
    return Redact.values(message, props.secrets());
  }

  private static Throwable rootOf(Throwable e) {
    Throwable t = e;
    for (int i = 0; i < 20 && t.getCause() != null && t.getCause() != t; i++) {
      if (t instanceof IOException) {
        return t;
      }
      t = t.getCause();
    }
    return t;
  }
}
