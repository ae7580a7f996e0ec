package dev.cairn.storage.sftp;

import dev.cairn.storage.ObjectNotFoundException;
import dev.cairn.storage.Redact;
import dev.cairn.storage.StorageException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.apache.sshd.common.SshException;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/** Maps MINA SSHD and SFTP failures to {@link StorageException}s without secrets. */
final class SftpErrors {
  private final SftpProperties props;

  SftpErrors(SftpProperties props) {
    this.props = props;
  }

  StorageException map(Throwable e, String action, String key) {
    if (e instanceof StorageException se) {
      return se;
    }
    String what = key == null ? props.describe() : "'" + key + "' in " + props.describe();
    String server = props.host() + ":" + props.port();
    if (e instanceof SftpException sftp) {
      int status = sftp.getStatus();
      if (status == SftpConstants.SSH_FX_NO_SUCH_FILE || status == SftpConstants.SSH_FX_NO_SUCH_PATH) {
        return new ObjectNotFoundException("No object " + what);
      }
      if (status == SftpConstants.SSH_FX_PERMISSION_DENIED) {
        return new StorageException(scrub("Permission denied trying to " + action + " " + what
            + ": check the remote directory's permissions for user '" + props.user() + "'"), e, false);
      }
      if (status == SftpConstants.SSH_FX_NO_SPACE_ON_FILESYSTEM || status == SftpConstants.SSH_FX_QUOTA_EXCEEDED) {
        return new StorageException(scrub("No space left on " + server + " to " + action + " " + what), e, false);
      }
      return new StorageException(scrub("SFTP server " + server + " refused to " + action + " " + what + " ("
          + SftpConstants.getStatusName(status) + ")"), e, false);
    }
    if (has(e, UnknownHostException.class)) {
      return new StorageException(scrub("Cannot resolve host '" + props.host() + "' of " + props.describe()), e,
          false);
    }
    if (has(e, ConnectException.class) || has(e, NoRouteToHostException.class)) {
      return new StorageException(scrub("Cannot connect to " + server + " for " + props.describe()
          + ": is the SSH server running and the port right?"), e, true);
    }
    String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (e instanceof SshException && (msg.contains("authentication") || msg.contains("auth"))) {
      return new StorageException(scrub("Authentication failed for user '" + props.user() + "' at " + server
          + ": check the remote's password or keyfile"), e, false);
    }
    if (has(e, SocketTimeoutException.class) || has(e, InterruptedIOException.class) || msg.contains("timeout")
        || msg.contains("timed out")) {
      return new StorageException(scrub("Timed out trying to " + action + " " + what + " at " + server
          + "; try again or raise the remote's timeout"), e, true);
    }
    if (e instanceof IOException) {
      return new StorageException(scrub("Connection to " + server + " failed while trying to " + action + " " + what
          + " (" + e.getClass().getSimpleName() + "); try again"), e, true);
    }
    return new StorageException(scrub("Cannot " + action + " " + what + ": " + e.getClass().getSimpleName()), e,
        false);
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    Throwable t = e;
    for (int i = 0; t != null && i < 20; i++, t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private String scrub(String message) {
    return Redact.values(message, props.secrets());
  }
}
