package dev.cairn.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job script: valid POSIX sh (sh -n, dash -n and shellcheck where installed), values quoted. */
class WorkerScriptTest {
  static final String REV = "0123456789abcdef0123456789abcdef01234567";

  @TempDir
  Path tmp;

  @Test
  void theScriptClonesRunsAndPushesWithQuotedValues() throws Exception {
    String s = new WorkerScript("ssh://git@host/it's/repo.git", REV, "c-1", "/opt/cairn dir/bin/cairn", "store", null)
        .text();
    assertThat(s).startsWith("#!/bin/sh\n").contains("set -eu\n")
        .contains("git_url='ssh://git@host/it'\\''s/repo.git'\n")
        .contains("queue_ref=refs/exps/celery/queue/" + REV + "\n")
        .contains("base=\"${TMPDIR:-/tmp}\"\n")
        .contains("rm -rf \"$base\"/cairn-exp-0123456789ab-*\n")
        .contains("trap cleanup EXIT\n")
        .contains("git fetch -q \"$git_url\" \"+$queue_ref:$queue_ref\"\n")
        .contains("if [ -f ./cairnw ]; then\n  set -- sh ./cairnw\nelse\n  set -- '/opt/cairn dir/bin/cairn'\nfi\n")
        .endsWith("\"$@\" queue exec \"$entry\" --name 'c-1' --git-remote \"$git_url\" -r 'store'\n");
    assertThat(new WorkerScript("/srv/git/p.git", REV, "x", "cairn", null, "/scratch/$USER").text())
        .contains("base='/scratch/$USER'\n").doesNotContain(" -r ");
    Path f = tmp.resolve("job.sh");
    Files.writeString(f, s, StandardCharsets.UTF_8);
    for (List<String> check : List.of(List.of("sh", "-n"), List.of("dash", "-n"), List.of("shellcheck", "-s", "sh"))) {
      if (!onPath(check.get(0))) {
        continue;
      }
      List<String> cmd = new ArrayList<>(check);
      cmd.add(f.toString());
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(String.join(" ", check) + ":\n" + out).isZero();
    }
  }

  static boolean onPath(String name) {
    for (String d : System.getenv("PATH").split(":")) {
      if (Files.isExecutable(Path.of(d, name))) {
        return true;
      }
    }
    return false;
  }
}
