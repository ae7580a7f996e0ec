package dev.cairn.storage.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobStorageException;
import dev.cairn.storage.ObjectNotFoundException;
import dev.cairn.storage.Redact;
import dev.cairn.storage.StorageException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Maps Azure SDK and transport failures to {@link StorageException}s: one line for the user, the
 * right retryable flag, no credentials. Server messages are not quoted, only status and error code.
 */
final class AzureErrors {
  private final AzureProperties props;

  AzureErrors(AzureProperties props) {
    this.props = props;
  }

  StorageException map(Throwable e, String action, String key) {
    if (e instanceof StorageException se) {
      return se;
    }
    String what = key == null ? props.describe() : "'" + key + "' in " + props.describe();
    HttpResponseException http = find(e, HttpResponseException.class);
    if (http != null && http.getResponse() != null) {
      int status = http.getResponse().getStatusCode();
      BlobErrorCode code = http instanceof BlobStorageException bse ? bse.getErrorCode() : null;
      String detail = status + (code == null ? "" : " " + code);
      if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(code)) {
        return new StorageException(scrub("Container '" + props.container() + "' does not exist in the storage "
            + "account: create it or fix the remote URL"), e, false);
      }
      if (status == 404) {
        return new ObjectNotFoundException("No object " + what);
      }
      if (status == 401 || status == 403) {
        return new StorageException(scrub("Access denied to " + what + " (" + detail
            + "): check the remote's account_key, sas_token or connection_string"), e, false);
      }
      if (status >= 500 && status != 501 || status == 429 || status == 408) {
        return new StorageException(scrub("Azure could not " + action + " " + what + " (" + detail
            + "); try again later"), e, true);
      }
      return new StorageException(scrub("Azure refused to " + action + " " + what + " (" + detail + ")"), e, false);
    }
    if (find(e, UnknownHostException.class) != null) {
      return new StorageException(scrub("Cannot resolve the Azure endpoint of " + props.describe()
          + ": check the account name or connection string"), e, false);
    }
    if (find(e, ConnectException.class) != null) {
      return new StorageException(scrub("Cannot connect to the Azure endpoint of " + props.describe()
          + ": is the service reachable?"), e, true);
    }
    if (find(e, TimeoutException.class) != null || find(e, SocketTimeoutException.class) != null
        || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("timeout")) {
      return new StorageException(scrub("Timed out trying to " + action + " " + what
          + "; try again or raise the remote's timeout"), e, true);
    }
    if (find(e, IOException.class) != null) {
      return new StorageException(scrub("Connection to Azure failed while trying to " + action + " " + what + " ("
          + find(e, IOException.class).getClass().getSimpleName() + "); try again"), e, true);
    }
    return new StorageException(scrub("Cannot " + action + " " + what + ": " + e.getClass().getSimpleName()), e,
        false);
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    Throwable t = e;
    for (int i = 0; t != null && i < 20; i++, t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private String scrub(String message) {
    return Redact.values(message, props.secrets());
  }
}
