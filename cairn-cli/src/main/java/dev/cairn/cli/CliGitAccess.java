package dev.cairn.cli;

import dev.cairn.registry.GitAccess;
import java.io.File;
import java.util.Map;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * Git access for the registry commands: the core's token and credential-helper chain, and SSH
 * through JGit's MINA SSHD transport with the keys, {@code known_hosts} and {@code config} of
 * {@code $HOME/.ssh} (the environment's {@code HOME}, so tests can point it at a temporary home).
 */
final class CliGitAccess {
  private CliGitAccess() {}

  static GitAccess of(Map<String, String> env) {
    GitAccess access = GitAccess.fromEnvironment(env);
    String home = env.get("HOME");
    if (home == null || home.isBlank()) {
      return access;
    }
    File h = new File(home);
    SshdSessionFactory[] factory = new SshdSessionFactory[1];
    return access.withTransport(t -> {
      if (t instanceof SshTransport ssh) {
        if (factory[0] == null) {
          factory[0] = new SshdSessionFactoryBuilder().setHomeDirectory(h).setSshDirectory(new File(h, ".ssh"))
              .build(null);
        }
        ssh.setSshSessionFactory(factory[0]);
      }
    });
  }
}
