package dev.cairn.queue;

import java.util.Objects;

/**
 * The script every batch job runs (POSIX sh, the same for every engine): make a temporary clone,
 * fetch the entry from the Git remote (the submitting side pushed it as {@code
 * refs/exps/celery/queue/<rev>}), check it out, and run {@code queue exec} with the repository's
 * wrapper {@code ./cairnw} when the entry has one, else with the configured {@code cairn}; {@code
 * queue exec} pulls the inputs, reproduces, commits the experiment and pushes outputs and ref. The
 * clone ({@code <workdir>/cairn-exp-<rev[0:12]>-XXXXXXXX}) is deleted on exit, also when the engine
 * stops the job with SIGTERM; one left by a job killed outright is deleted by the entry's next
 * attempt (an entry has one job at a time).
 *
 * @param gitUrl the URL (or path) of the Git remote, as the node sees it
 * @param rev the entry's commit, full SHA
 * @param name the experiment name
 * @param cairn the Cairn command when there is no {@code ./cairnw} (one word: a name on the node's
 *     {@code PATH} or a path)
 * @param remote the DVC remote for {@code -r}, or null for the repository's default
 * @param workdir where the clone is made, or null for {@code $TMPDIR} (else {@code /tmp})
 */
record WorkerScript(String gitUrl, String rev, String name, String cairn, String remote, String workdir) {
  /** Where the submitting side puts an entry for workers to fetch; DVC ignores {@code refs/exps/celery/}. */
  static final String QUEUE_REF_PREFIX = "refs/exps/celery/queue/";

  WorkerScript {
    Objects.requireNonNull(gitUrl, "gitUrl");
    Objects.requireNonNull(rev, "rev");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cairn, "cairn");
  }

  static String queueRef(String rev) {
    return QUEUE_REF_PREFIX + rev;
  }

  /** The script's text. */
  String text() {
    StringBuilder sb = new StringBuilder();
    sb.append("#!/bin/sh\n")
        .append("# Written by Cairn: runs queued experiment '").append(name.replace("\n", " ")).append("' (entry ")
        .append(rev, 0, 7).append(")\n")
        .append("# in a temporary clone of the Git remote, then pushes the experiment back.\n")
        .append("set -eu\n")
        .append("git_url=").append(quote(gitUrl)).append('\n')
        .append("entry=").append(rev).append('\n')
        .append("queue_ref=").append(queueRef(rev)).append('\n')
        .append("base=").append(workdir == null ? "\"${TMPDIR:-/tmp}\"" : quote(workdir)).append('\n')
        .append("mkdir -p \"$base\"\n")
        .append("# an earlier attempt at this entry that was killed outright (SIGKILL) left its clone: drop it\n")
        .append("rm -rf \"$base\"/cairn-exp-").append(rev, 0, 12).append("-*\n")
        .append("work=$(mktemp -d \"$base/cairn-exp-").append(rev, 0, 12).append("-XXXXXXXX\")\n")
        .append("cleanup() {\n  cd /\n  rm -rf \"$work\"\n}\n")
        .append("trap cleanup EXIT\n")
        .append("trap 'exit 143' TERM\n")
        .append("trap 'exit 130' INT\n")
        .append("echo \"cairn: experiment ").append(quoteInDouble(name)).append(" (entry ").append(rev, 0, 7)
        .append(") on $(hostname), in $work\"\n")
        .append("git init -q \"$work/repo\"\n")
        .append("cd \"$work/repo\"\n")
        .append("git fetch -q \"$git_url\" \"+$queue_ref:$queue_ref\"\n")
        .append("git -c advice.detachedHead=false checkout -q --detach \"$entry\"\n")
        .append("if [ -f ./cairnw ]; then\n  set -- sh ./cairnw\nelse\n  set -- ").append(quote(cairn)).append("\nfi\n")
        .append("\"$@\" queue exec \"$entry\" --name ").append(quote(name)).append(" --git-remote \"$git_url\"");
    if (remote != null) {
      sb.append(" -r ").append(quote(remote));
    }
    sb.append('\n');
    return sb.toString();
  }

  /** A single-quoted shell word. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static String quoteInDouble(String s) {
    return "'" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$").replace("`", "\\`")
        .replace("'", "") + "'";
  }
}
