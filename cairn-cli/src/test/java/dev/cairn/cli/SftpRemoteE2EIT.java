package dev.cairn.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** SSH remote (password auth) against an in-process MINA SSHD with SFTP on loopback. */
class SftpRemoteE2EIT extends RemoteE2E {
  static final String USER = "cairn";
  static final String PASSWORD = "sftp-pass-4711";
  static final String PLANTED = "PLANTED-sftp-secret-5b2c";

  SshServer sshd;
  Path root;

  @BeforeEach
  void startServer() throws IOException {
    root = Files.createDirectories(tmp.resolve("sftp-root"));
    Files.createDirectories(root.resolve("store"));
    sshd = SshServer.setUpDefaultServer();
    sshd.setHost(InetAddress.getLoopbackAddress().getHostAddress());
    sshd.setPort(0);
    sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(tmp.resolve("host-key.ser")));
    sshd.setPasswordAuthenticator((u, p, s) -> USER.equals(u) && PASSWORD.equals(p));
    sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
    sshd.start();
  }

  @AfterEach
  void stopServer() throws IOException {
    sshd.stop(true);
  }

  @Override
  String url() {
    return "ssh://" + USER + "@127.0.0.1:" + sshd.getPort() + "/store";
  }

  @Override
  Map<String, String> goodConfig() {
    return Map.of("password", PASSWORD, "timeout", "10");
  }

  @Override
  Map<String, String> wrongCredentials() {
    return Map.of("password", PLANTED, "timeout", "10");
  }

  @Override
  String missingBucketUrl() throws IOException {
    // a root the user cannot write: a plain file stands where the remote directory should be
    Files.writeString(root.resolve("not-a-dir"), "x");
    return "ssh://" + USER + "@127.0.0.1:" + sshd.getPort() + "/not-a-dir/store";
  }

  @Override
  String unreachableUrl(int closedPort) {
    return "ssh://" + USER + "@127.0.0.1:" + closedPort + "/store";
  }

  @Override
  Map<String, String> unreachableConfig(int closedPort) {
    return wrongCredentials();
  }

  @Override
  String plantedSecret() {
    return PLANTED;
  }
}
