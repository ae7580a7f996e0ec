package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code exp clean} removes only temp workspaces that nothing touched for a day. */
class ExpCleanCommandTest {
  @TempDir
  Path tmp;

  @Test
  void removesStaleTempWorkspacesOnly() throws Exception {
    Path root = tmp.resolve("repo");
    Files.createDirectories(root);
    Cairn.init(root).setNoScm(true).call();
    Path ws = root.resolve(".dvc/tmp/exps/tmpabc");
    Files.createDirectories(ws.resolve(".dvc"));
    Files.writeString(ws.resolve("params.yaml"), "C: 1\n");
    Path other = root.resolve(".dvc/tmp/exps/keep-me");
    Files.createDirectories(other);
    Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString(),
        "DVC_SYSTEM_CONFIG_DIR", tmp.resolve("sys").toString());
    try (Cairn c = Cairn.open(root, env)) {
      assertThat(c.expClean().setClock(Clock.systemUTC()).call()).isEmpty();
      assertThat(ws).exists();
    }
    try (Cairn c = Cairn.open(root, env)) {
      Clock later = Clock.offset(Clock.fixed(java.time.Instant.now(), ZoneOffset.UTC), Duration.ofDays(2));
      assertThat(c.expClean().setClock(later).call()).containsExactly(ws);
      assertThat(ws).doesNotExist();
      assertThat(other).exists(); // not a temp workspace of ours
    }
  }
}
