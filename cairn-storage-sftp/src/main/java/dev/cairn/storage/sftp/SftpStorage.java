package dev.cairn.storage.sftp;

import dev.cairn.storage.Keys;
import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.SupportsListing;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.client.extensions.openssh.OpenSSHPosixRenameExtension;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * A {@link Storage} over SFTP. One SSH session per storage, opened on first use and reopened if
 * it drops; up to {@value #MAX_CHANNELS} SFTP channels on it serve threads in parallel (an open
 * stream holds its channel until closed). Writes go to {@code .<name>.<random>.tmp} beside the
 * target and are renamed over it on close (the {@code posix-rename@openssh.com} extension where
 * the server has it), so readers see the old object or the new one, never a part.
 */
final class SftpStorage implements Storage, SupportsListing {
  static final int MAX_CHANNELS = 8;

  private final SftpProperties props;
  private final SftpErrors errors;
  private final SshClient client;
  private final Semaphore channels = new Semaphore(MAX_CHANNELS);
  private final Deque<SftpClient> idle = new ArrayDeque<>();
  private ClientSession session;

  SftpStorage(SftpProperties props) {
    this.props = props;
    this.errors = new SftpErrors(props);
    this.client = SshClient.setUpDefaultClient();
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
    client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, props.timeout());
    CoreModuleProperties.AUTH_TIMEOUT.set(client, props.timeout());
    client.start();
  }

  /** A checked-out SFTP channel; closing returns it to the pool, or drops it after a failure. */
  private final class Lease implements AutoCloseable {
    final SftpClient sftp;
    private boolean broken;

    Lease(SftpClient sftp) {
      this.sftp = sftp;
    }

    void broken() {
      broken = true;
    }

    @Override
    public void close() {
      release(sftp, broken || !sftp.isOpen());
    }
  }

  private Lease lease(String action, String key) throws IOException {
    try {
      channels.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("Interrupted while waiting for an SFTP channel to " + props.describe(), e);
    }
    try {
      synchronized (this) {
        SftpClient c;
        while ((c = idle.poll()) != null) {
          if (c.isOpen()) {
            return new Lease(c);
          }
        }
        return new Lease(SftpClientFactory.instance().createSftpClient(session()));
      }
    } catch (IOException | RuntimeException e) {
      channels.release();
      throw errors.map(e, action, key);
    }
  }

  private void release(SftpClient c, boolean drop) {
    try {
      if (drop) {
        try {
          c.close();
        } catch (IOException ignored) {
          // a broken channel
        }
      } else {
        synchronized (this) {
          idle.push(c);
        }
      }
    } finally {
      channels.release();
    }
  }

  private ClientSession session() throws IOException {
    if (session != null && session.isOpen()) {
      return session;
    }
    idle.clear();
    ClientSession s = client.connect(props.user(), props.host(), props.port()).verify(props.timeout()).getSession();
    try {
      if (props.password() != null) {
        s.addPasswordIdentity(props.password());
      }
      if (props.keyFile() != null) {
        FileKeyPairProvider keys = new FileKeyPairProvider(props.keyFile());
        if (props.passphrase() != null) {
          keys.setPasswordFinder(FilePasswordProvider.of(props.passphrase()));
        }
        try {
          for (var kp : keys.loadKeys(s)) {
            s.addPublicKeyIdentity(kp);
          }
        } catch (RuntimeException e) {
          throw new StorageException("Cannot read the SSH key file '" + props.keyFile() + "' of " + props.describe()
              + " (" + e.getClass().getSimpleName() + "): check the file and its passphrase", e, false);
        }
      }
      s.auth().verify(props.timeout());
    } catch (IOException | RuntimeException e) {
      s.close(true);
      throw e;
    }
    session = s;
    return s;
  }

  @Override
  public InputStream open(String key) throws IOException {
    String path = props.path(Keys.check(key));
    Lease lease = lease("read", key);
    InputStream in;
    try {
      in = lease.sftp.read(path);
    } catch (IOException | RuntimeException e) {
      if (!(e instanceof SftpException)) {
        lease.broken();
      }
      lease.close();
      throw errors.map(e, "read", key);
    }
    return new FilterInputStream(in) {
      private boolean closed;

      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (IOException e) {
          lease.broken();
          throw errors.map(e, "read", key);
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return super.read(b, off, len);
        } catch (IOException e) {
          lease.broken();
          throw errors.map(e, "read", key);
        }
      }

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        try {
          super.close();
        } catch (IOException e) {
          lease.broken();
        } finally {
          lease.close();
        }
      }
    };
  }

  @Override
  public AtomicOutput create(String key) throws IOException {
    String path = props.path(Keys.check(key));
    int slash = path.lastIndexOf('/');
    String tmp = path.substring(0, slash + 1) + "." + path.substring(slash + 1) + "."
        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp";
    Lease lease = lease("write", key);
    OutputStream out;
    try {
      mkdirs(lease.sftp, path.substring(0, slash));
      out = lease.sftp.write(tmp);
    } catch (IOException | RuntimeException e) {
      if (!(e instanceof SftpException)) {
        lease.broken();
      }
      lease.close();
      throw errors.map(e, "write", key);
    }
    return new AtomicOutput() {
      private boolean done;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        try {
          out.write(b, off, len);
        } catch (IOException e) {
          lease.broken();
          throw errors.map(e, "write", key);
        }
      }

      @Override
      public void close() throws IOException {
        if (done) {
          return;
        }
        done = true;
        try {
          out.close();
          rename(lease.sftp, tmp, path);
        } catch (IOException | RuntimeException e) {
          removeQuietly(lease.sftp, tmp);
          if (!(e instanceof SftpException)) {
            lease.broken();
          }
          throw errors.map(e, "write", key);
        } finally {
          lease.close();
        }
      }

      @Override
      public void abort() {
        if (done) {
          return;
        }
        done = true;
        try {
          out.close();
        } catch (IOException e) {
          lease.broken();
        }
        removeQuietly(lease.sftp, tmp);
        lease.close();
      }
    };
  }

  private static void rename(SftpClient sftp, String from, String to) throws IOException {
    OpenSSHPosixRenameExtension posix = sftp.getExtension(OpenSSHPosixRenameExtension.class);
    if (posix != null && posix.isSupported()) {
      posix.posixRename(from, to);
    } else if (sftp.getVersion() >= SftpConstants.SFTP_V5) {
      sftp.rename(from, to, SftpClient.CopyMode.Atomic, SftpClient.CopyMode.Overwrite);
    } else {
      try {
        sftp.remove(to);
      } catch (SftpException e) {
        if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE) {
          throw e;
        }
      }
      sftp.rename(from, to);
    }
  }

  private static void removeQuietly(SftpClient sftp, String path) {
    try {
      sftp.remove(path);
    } catch (IOException | RuntimeException ignored) {
      // the temp file may not exist or the connection is gone; it is hidden either way
    }
  }

  private static void mkdirs(SftpClient sftp, String dir) throws IOException {
    if (dir.isEmpty() || isDir(sftp, dir)) {
      return;
    }
    int slash = dir.lastIndexOf('/');
    if (slash > 0) {
      mkdirs(sftp, dir.substring(0, slash));
    }
    try {
      sftp.mkdir(dir);
    } catch (SftpException e) {
      if (!isDir(sftp, dir)) {
        throw e;
      }
    }
  }

  private static boolean isDir(SftpClient sftp, String dir) throws IOException {
    try {
      return sftp.stat(dir).isDirectory();
    } catch (SftpException e) {
      if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public boolean exists(String key) throws IOException {
    return size(key) >= 0;
  }

  @Override
  public long size(String key) throws IOException {
    String path = props.path(Keys.check(key));
    try (Lease lease = lease("check", key)) {
      try {
        SftpClient.Attributes a = lease.sftp.stat(path);
        return a.isRegularFile() ? a.getSize() : -1;
      } catch (SftpException e) {
        if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH) {
          return -1;
        }
        throw errors.map(e, "check", key);
      } catch (IOException | RuntimeException e) {
        lease.broken();
        throw errors.map(e, "check", key);
      }
    }
  }

  @Override
  public void delete(String key) throws IOException {
    String path = props.path(Keys.check(key));
    try (Lease lease = lease("delete", key)) {
      try {
        lease.sftp.remove(path);
      } catch (SftpException e) {
        if (e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_FILE && e.getStatus() != SftpConstants.SSH_FX_NO_SUCH_PATH) {
          throw errors.map(e, "delete", key);
        }
      } catch (IOException | RuntimeException e) {
        lease.broken();
        throw errors.map(e, "delete", key);
      }
    }
  }

  @Override
  public void list(String prefix, Consumer<String> sink) throws IOException {
    int slash = prefix.lastIndexOf('/');
    String start = slash < 0 ? "" : prefix.substring(0, slash);
    try (Lease lease = lease("list", null)) {
      try {
        walk(lease.sftp, start, prefix, sink);
      } catch (StopListing stop) {
        // the sink has seen enough
      } catch (SftpException e) {
        throw errors.map(e, "list", null);
      } catch (IOException | RuntimeException e) {
        lease.broken();
        throw errors.map(e, "list", null);
      }
    }
  }

  private void walk(SftpClient sftp, String rel, String prefix, Consumer<String> sink) throws IOException {
    String dir = rel.isEmpty() ? (props.root().isEmpty() ? "/" : props.root()) : props.path(rel);
    List<SftpClient.DirEntry> entries = new ArrayList<>();
    try {
      sftp.readDir(dir).forEach(entries::add);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof SftpException se && (se.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE
          || se.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH)) {
        return;
      }
      throw e.getCause();
    } catch (SftpException e) {
      if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH) {
        return;
      }
      throw e;
    }
    for (SftpClient.DirEntry entry : entries) {
      String name = entry.getFilename();
      if (name.equals(".") || name.equals("..")) {
        continue;
      }
      String key = rel.isEmpty() ? name : rel + "/" + name;
      SftpClient.Attributes a = entry.getAttributes();
      if (a.isDirectory()) {
        if (key.startsWith(prefix) || prefix.startsWith(key + "/")) {
          walk(sftp, key, prefix, sink);
        }
      } else if (a.isRegularFile() && key.startsWith(prefix) && !(name.startsWith(".") && name.endsWith(".tmp"))) {
        sink.accept(key);
      }
    }
  }

  @Override
  public String describe() {
    return props.describe();
  }

  @Override
  public void close() throws IOException {
    synchronized (this) {
      for (SftpClient c : idle) {
        try {
          c.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
      idle.clear();
      if (session != null) {
        session.close(true);
      }
    }
    client.stop();
  }
}
