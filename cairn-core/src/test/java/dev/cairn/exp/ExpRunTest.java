package dev.cairn.exp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.api.Cairn;
import dev.cairn.errors.CairnException;
import dev.cairn.repro.ReproListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** exp run / save / queue / run-all in real Git repositories, with stage commands run by sh. */
class ExpRunTest {
  @TempDir Path dir;
  @TempDir Path logs;
  Map<String, String> env;
  List<String> output = Collections.synchronizedList(new ArrayList<>());

  static final String TRAIN_SH = """
      C=$(awk '/^C:/{print $2}' params.yaml)
      echo "$DVC_EXP_NAME start $(date +%s%N) $(pwd)" >> "$EXP_LOG"
      if [ "$C" = "fail" ]; then exit 7; fi
      sleep "${EXP_SLEEP:-0}"
      echo "model C=$C exp=$DVC_EXP_NAME base=$DVC_EXP_BASELINE_REV" > model.txt
      echo "{\\"acc\\": $(awk "BEGIN{print $C * 2}")}" > metrics.json
      echo "$DVC_EXP_NAME end $(date +%s%N) $(pwd)" >> "$EXP_LOG"
      """;

  static final String DVC_YAML = """
      stages:
        train:
          cmd: sh train.sh
          deps:
          - train.sh
          params:
          - C
          outs:
          - model.txt
          metrics:
          - metrics.json:
              cache: false
      """;

  @BeforeEach
  void setUp() throws Exception {
    Map<String, String> e = new HashMap<>(System.getenv());
    e.put("CAIRN_FSYNC", "0");
    e.put("SHELL", "/bin/sh");
    e.put("EXP_LOG", logs.resolve("log.txt").toString());
    env = e;
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      Cairn.init(dir).call();
      write("params.yaml", "# model\nC: 1  # strength\nseed: 7\n");
      write("dvc.yaml", DVC_YAML);
      write("train.sh", TRAIN_SH);
      git.add().addFilepattern(".").call();
      git.commit().setMessage("pipeline").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
    }
  }

  private void write(String rel, String text) throws Exception {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private String read(String rel) throws Exception {
    return Files.readString(dir.resolve(rel), StandardCharsets.UTF_8);
  }

  private ReproListener listener() {
    return new ReproListener() {
      @Override
      public void message(String stage, String text) {
        output.add("[" + stage + "] " + text);
      }

      @Override
      public void output(String stage, boolean stderr, String line) {
        output.add("[" + stage + "] " + line);
      }
    };
  }

  private Cairn open() throws CairnException {
    return Cairn.open(dir, env);
  }

  /** The files of a commit, path → text. */
  private static Map<String, String> files(Repository git, ObjectId commit) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (RevWalk rw = new RevWalk(git); TreeWalk tw = new TreeWalk(git)) {
      tw.addTree(rw.parseCommit(commit).getTree());
      tw.setRecursive(true);
      while (tw.next()) {
        out.put(tw.getPathString(), new String(git.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Test
  void runCommitsTheExperimentUnderDvcsRefLayout() throws Exception {
    try (Git git = Git.open(dir.toFile())) {
      Repository r = git.getRepository();
      ObjectId head = r.resolve("HEAD");
      String branchBefore = r.getFullBranch();
      List<String> indexBefore = Files.exists(r.getIndexFile().toPath())
          ? List.of(Files.readString(r.getIndexFile().toPath(), StandardCharsets.ISO_8859_1)) : List.of();

      ExpRunResult res;
      try (Cairn c = open()) {
        res = c.expRun().addSetParam("C=5").setName("c5").setListener(listener()).call();
      }
      assertThat(res.workspace()).isTrue();
      ExpRunResult.Experiment x = res.experiments().get(0);
      String sha = head.name();
      assertThat(x.ref()).isEqualTo("refs/exps/" + sha.substring(0, 2) + "/" + sha.substring(2) + "/c5");
      assertThat(r.exactRef(x.ref()).getObjectId().name()).isEqualTo(x.commit());
      // HEAD, branch and index unchanged
      assertThat(r.resolve("HEAD")).isEqualTo(head);
      assertThat(r.getFullBranch()).isEqualTo(branchBefore);
      assertThat(r.resolve("refs/heads/main")).isEqualTo(head);
      assertThat(Files.readString(r.getIndexFile().toPath(), StandardCharsets.ISO_8859_1)).isEqualTo(indexBefore.get(0));

      RevCommit commit;
      try (RevWalk rw = new RevWalk(r)) {
        commit = rw.parseCommit(ObjectId.fromString(x.commit()));
      }
      assertThat(commit.getParentCount()).isEqualTo(1);
      assertThat(commit.getParent(0).getId()).isEqualTo(head);
      assertThat(commit.getFullMessage()).isEqualTo("dvc: commit experiment " + x.expHash());
      assertThat(x.expHash()).matches("[0-9a-f]{64}");
      Map<String, String> files = files(r, commit);
      assertThat(files.get("params.yaml")).isEqualTo("# model\nC: 5  # strength\nseed: 7\n");
      assertThat(files.get("metrics.json")).isEqualTo("{\"acc\": 10}\n");
      assertThat(files.get("dvc.lock")).contains("C: 5").contains("path: model.txt");
      assertThat(files).containsKeys(".gitignore", "dvc.yaml", "train.sh", ".dvc/config")
          .doesNotContainKey("model.txt");
      // the workspace keeps the results; the stage saw the experiment's env
      assertThat(read("metrics.json")).isEqualTo("{\"acc\": 10}\n");
      assertThat(read("model.txt")).isEqualTo("model C=5 exp=c5 base=" + sha + "\n");
      assertThat(files.get("dvc.lock")).isEqualTo(read("dvc.lock"));

      // the same name again is refused, one line, exit 2
      try (Cairn c = open()) {
        assertThatThrownBy(() -> c.expRun().addSetParam("C=6").setName("c5").call())
            .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.kind()).isEqualTo(CairnException.Kind.INVALID_INPUT))
            .hasMessage("experiment 'c5' already exists for baseline " + sha.substring(0, 7)
                + "; choose another name with -n, or use -f to replace it");
      }
      // an unknown param key: exit 2, nothing written
      try (Cairn c = open()) {
        assertThatThrownBy(() -> c.expRun().addSetParam("gamma=1").call())
            .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.kind()).isEqualTo(CairnException.Kind.INVALID_INPUT))
            .hasMessageContaining("unknown param key 'gamma' in params.yaml");
      }
      assertThat(read("params.yaml")).contains("C: 5");
      // a random name, unique for this baseline
      ExpRunResult second;
      try (Cairn c = open()) {
        second = c.expRun().addSetParam("C=3").call();
      }
      String name = second.experiments().get(0).name();
      assertThat(name).matches("[a-z]+-[a-z]+").isNotEqualTo("c5");
      assertThat(ExpRefs.ofBaseline(r, sha)).extracting(e -> e.ref().name()).containsExactlyInAnyOrder("c5", name);
      assertThat(r.resolve("HEAD")).isEqualTo(head);
    }
  }

  @Test
  void noGitOrNoCommitIsUnexpectedState(@TempDir Path other) throws Exception {
    Cairn.init(other).setNoScm(true).call();
    try (Cairn c = Cairn.open(other, env)) {
      assertThatThrownBy(() -> c.expRun().call())
          .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.kind()).isEqualTo(CairnException.Kind.UNEXPECTED_STATE))
          .hasMessageContaining("need a Git repository");
    }
    Git.init().setDirectory(other.toFile()).call().close();
    try (Cairn c = Cairn.open(other, env)) {
      assertThatThrownBy(() -> c.expRun().call())
          .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.kind()).isEqualTo(CairnException.Kind.UNEXPECTED_STATE))
          .hasMessageContaining("no commits yet");
    }
  }

  @Test
  void queueThenRunAllInParallelIsolatedWorkspaces() throws Exception {
    env.put("EXP_SLEEP", "2");
    String paramsBefore = read("params.yaml");
    try (Cairn c = open()) {
      ExpRunResult q1 = c.expRun().addSetParam("C=2").setName("two").setQueue(true).call();
      c.expRun().addSetParam("C=3").setName("three").setQueue(true).call();
      c.expRun().addSetParam("C=fail").setName("broken").setQueue(true).call();
      assertThat(q1.queued()).hasSize(1);
      assertThat(q1.queued().get(0).params()).containsExactly("C=2");
      assertThat(new ExpRunner(c.repo()).queued()).extracting(ExpRunResult.Queued::name, ExpRunResult.Queued::params)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("two", List.of("C=2")),
              org.assertj.core.groups.Tuple.tuple("three", List.of("C=3")),
              org.assertj.core.groups.Tuple.tuple("broken", List.of("C=fail")));
      // the name is taken by the queued entry
      assertThatThrownBy(() -> c.expRun().setName("two").setQueue(true).call()).hasMessageContaining("already exists");
    }
    // the workspace is untouched by --queue
    assertThat(read("params.yaml")).isEqualTo(paramsBefore);
    assertThat(Files.exists(dir.resolve("dvc.lock"))).isFalse();
    try (Git git = Git.open(dir.toFile())) {
      Repository r = git.getRepository();
      ObjectId head = r.resolve("HEAD");
      assertThat(new ExpQueue(r, ExpRef.CELERY_STASH).list()).extracting(ExpQueue.Entry::name)
          .containsExactly("two", "three", "broken");
      assertThat(new ExpQueue(r, ExpRef.CELERY_STASH).list().get(0).message())
          .isEqualTo("dvc-exp:" + head.name() + ":" + head.name() + ":two");
      // git itself lists the entries from the reflog, newest first
      assertThat(git.reflog().setRef(ExpRef.CELERY_STASH).call()).extracting(e -> e.getComment())
          .containsExactly("dvc-exp:" + head.name() + ":" + head.name() + ":broken",
              "dvc-exp:" + head.name() + ":" + head.name() + ":three",
              "dvc-exp:" + head.name() + ":" + head.name() + ":two");

      ExpFailedException failure;
      try (Cairn c = open()) {
        failure = org.junit.jupiter.api.Assertions.assertThrows(ExpFailedException.class,
            () -> c.expRun().setRunAll(true).setJobs(2).setListener(listener()).call());
      }
      assertThat(failure.kind()).isEqualTo(CairnException.Kind.FAILED);
      ExpRunResult res = failure.result();
      assertThat(res.failed()).singleElement().satisfies(f -> {
        assertThat(f.name()).isEqualTo("broken");
        assertThat(f.exitCode()).isEqualTo(7);
      });
      assertThat(res.experiments()).extracting(ExpRunResult.Experiment::name).containsExactly("two", "three");
      for (ExpRunResult.Experiment x : res.experiments()) {
        Map<String, String> files = files(r, ObjectId.fromString(x.commit()));
        String c = x.name().equals("two") ? "2" : "3";
        assertThat(files.get("params.yaml")).isEqualTo("# model\nC: " + c + "  # strength\nseed: 7\n");
        assertThat(files.get("metrics.json")).isEqualTo("{\"acc\": " + (Integer.parseInt(c) * 2) + "}\n");
        assertThat(files.get("dvc.lock")).contains("C: " + c);
        assertThat(files).doesNotContainKeys("model.txt", ExpRunner.ARGS_FILE);
        assertThat(r.exactRef(x.ref()).getObjectId().name()).isEqualTo(x.commit());
        assertThat(x.ref()).startsWith(ExpRef.baselinePrefix(head.name()));
      }
      // queue emptied, failure kept aside, workspace and HEAD untouched, temp dirs gone
      assertThat(new ExpQueue(r, ExpRef.CELERY_STASH).list()).isEmpty();
      assertThat(r.exactRef(ExpRef.CELERY_STASH)).isNull();
      assertThat(new ExpQueue(r, ExpRef.CELERY_FAILED_STASH).list()).extracting(ExpQueue.Entry::name)
          .containsExactly("broken");
      assertThat(r.resolve("HEAD")).isEqualTo(head);
      assertThat(read("params.yaml")).isEqualTo(paramsBefore);
      assertThat(Files.exists(dir.resolve("metrics.json"))).isFalse();
      // the temp workspaces are gone; what stays is the queue's lock file and its task records (queue status)
      try (var s = Files.list(dir.resolve(".dvc/tmp/exps"))) {
        assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("queue.lock", "run");
      }
      // the outputs went to the main cache: model.txt of "two" can be checked out from it
      assertThat(files(r, ObjectId.fromString(res.experiments().get(0).commit())).get("dvc.lock"))
          .containsPattern("md5: [0-9a-f]{32}");
      // isolation and parallelism: each ran in its own dir, and the two runs overlapped in time
      List<String> log = Files.readAllLines(logs.resolve("log.txt"));
      Map<String, long[]> span = new HashMap<>();
      Map<String, String> cwd = new HashMap<>();
      for (String line : log) {
        String[] p = line.split(" ");
        span.computeIfAbsent(p[0], k -> new long[2])[p[1].equals("start") ? 0 : 1] = Long.parseLong(p[2]);
        cwd.put(p[0], p[3]);
      }
      assertThat(cwd.get("two")).isNotEqualTo(cwd.get("three")).startsWith(dir.resolve(".dvc/tmp/exps").toString());
      assertThat(cwd.get("three")).startsWith(dir.resolve(".dvc/tmp/exps").toString());
      long[] a = span.get("two");
      long[] b = span.get("three");
      assertThat(a[0] < b[1] && b[0] < a[1]).as("runs overlap: two=%s three=%s", a, b).isTrue();
    }
    // nothing queued: nothing to do
    try (Cairn c = open()) {
      assertThat(c.expRun().setRunAll(true).call().experiments()).isEmpty();
    }
  }

  @Test
  void tempRunLeavesTheWorkspaceAlone() throws Exception {
    try (Cairn c = open()) {
      ExpRunResult res = c.expRun().addSetParam("C=4").setName("t4").setTemp(true).call();
      assertThat(res.workspace()).isFalse();
      try (Git git = Git.open(dir.toFile())) {
        assertThat(files(git.getRepository(), ObjectId.fromString(res.experiments().get(0).commit())).get("metrics.json"))
            .isEqualTo("{\"acc\": 8}\n");
      }
    }
    assertThat(read("params.yaml")).contains("C: 1 ");
    assertThat(Files.exists(dir.resolve("metrics.json"))).isFalse();
  }

  @Test
  void aTempRunGetsTheDependenciesGitIgnoresFromTheWorkspace() throws Exception {
    // a build artifact the stage depends on: ignored by Git, produced by no stage (like a jar)
    write(".gitignore", "/build/\n");
    write("dvc.yaml", DVC_YAML.replace("    - train.sh\n", "    - train.sh\n    - build/tool.txt\n"));
    try (Git git = Git.open(dir.toFile())) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("tool dep").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
    }
    assertThat(read("dvc.yaml")).contains("- build/tool.txt");
    write("build/tool.txt", "tool v1\n");
    try (Cairn c = open()) {
      ExpRunResult res = c.expRun().addSetParam("C=5").setName("t5").setTemp(true).setListener(listener()).call();
      assertThat(res.experiments()).hasSize(1);
      try (Git git = Git.open(dir.toFile())) {
        Map<String, String> files = files(git.getRepository(), ObjectId.fromString(res.experiments().get(0).commit()));
        assertThat(files.get("metrics.json")).isEqualTo("{\"acc\": 10}\n");
        assertThat(files).doesNotContainKey("build/tool.txt");
      }
    }
    assertThat(output).anyMatch(l -> l.contains("Copied 'build/tool.txt'"));
  }

  @Test
  void saveCommitsAnUpToDateWorkspace() throws Exception {
    try (Cairn c = open()) {
      // no dvc.lock yet: the pipeline is not up to date
      assertThatThrownBy(() -> c.expSave().setName("s").call())
          .isInstanceOfSatisfying(CairnException.class, e -> assertThat(e.kind()).isEqualTo(CairnException.Kind.UNEXPECTED_STATE))
          .hasMessageContaining("run 'cairn repro' or 'cairn commit' before 'cairn exp save'");
    }
    write("params.yaml", "C: 9\nseed: 7\n");
    try (Cairn c = open()) {
      c.repro().call();
    }
    try (Cairn c = open()) {
      ExpRunResult res = c.expSave().setName("saved").call();
      try (Git git = Git.open(dir.toFile())) {
        Repository r = git.getRepository();
        ExpRunResult.Experiment x = res.experiments().get(0);
        Map<String, String> files = files(r, ObjectId.fromString(x.commit()));
        assertThat(files.get("metrics.json")).isEqualTo("{\"acc\": 18}\n");
        assertThat(files.get("params.yaml")).isEqualTo("C: 9\nseed: 7\n");
        assertThat(files.get("dvc.lock")).isEqualTo(read("dvc.lock"));
        assertThat(x.ref()).endsWith("/saved");
        assertThat(r.resolve("HEAD")).isEqualTo(r.resolve("refs/heads/main"));
      }
    }
  }
}
