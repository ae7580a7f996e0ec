package dev.cairn.storage.sftp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/** An in-process MINA SSHD server with SFTP on a free loopback port, serving a directory. */
final class SftpFixture implements AutoCloseable {
  static final String USER = "cairn";
  static final String PASSWORD = "PLANTED-sftp-password-777";

  private final SshServer sshd;
  private final Path root;
  private final KeyPair clientKey;

  SftpFixture(Path dir) throws IOException, GeneralSecurityException {
    root = Files.createDirectories(dir.resolve("sftp-root"));
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(256);
    clientKey = gen.generateKeyPair();
    sshd = SshServer.setUpDefaultServer();
    sshd.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    sshd.setPort(0);
    sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("host-key.ser")));
    sshd.setPasswordAuthenticator((u, p, s) -> USER.equals(u) && PASSWORD.equals(p));
    sshd.setPublickeyAuthenticator((u, k, s) -> USER.equals(u) && KeyUtils.compareKeys(k, clientKey.getPublic()));
    sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
    sshd.start();
  }

  int port() {
    return sshd.getPort();
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), sshd.getPort());
  }

  Path root() {
    return root;
  }

  String url(String path) {
    return "ssh://" + USER + "@127.0.0.1:" + port() + path;
  }

  /** Writes the client's private key in OpenSSH format, encrypted when {@code passphrase} is set. */
  Path writeKey(Path file, String passphrase) throws IOException, GeneralSecurityException {
    OpenSSHKeyEncryptionContext ctx = null;
    if (passphrase != null) {
      ctx = new OpenSSHKeyEncryptionContext();
      ctx.setPassword(passphrase);
      ctx.setCipherName("AES");
      ctx.setCipherMode("CTR");
      ctx.setCipherType("256");
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "cairn-test", ctx, out);
    }
    return file;
  }

  static Map<String, String> passwordProps() {
    Map<String, String> m = new HashMap<>();
    m.put("password", PASSWORD);
    m.put("timeout", "10");
    return m;
  }

  @Override
  public void close() throws IOException {
    sshd.stop(true);
  }
}
