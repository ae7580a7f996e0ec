package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** exp show, diff, apply, branch, remove, push and pull on a real Git + DVC repository with two experiments. */
class ExpCmdTest {
  @TempDir Path tmp;
  ExpRepo repo;
  String a7;
  String b7;

  @BeforeEach
  void setUp() throws Exception {
    repo = ExpRepo.create(tmp.resolve("repo"));
    a7 = repo.exp("exp-a", 0.2, 0.85, 0.3, "model-a", 30).name().substring(0, 7);
    b7 = repo.exp("exp-b", 0.05, 0.75, 0.4, "model-b", 60).name().substring(0, 7);
  }

  private CliRun run(String... args) {
    return CliRun.in(repo.root, args);
  }

  private String subst(String golden) {
    return golden.replace("<A7>", a7).replace("<B7>", b7);
  }

  private static String localIso(int minutes) {
    return LocalDateTime.ofInstant(ExpRepo.BASE_TIME.plusSeconds(60L * minutes), ZoneId.systemDefault())
        .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
  }

  @Test
  void showPlain() {
    CliRun r = run("exp", "show");
    assertThat(r.code()).isZero();
    // DVC 3's table (issue 18): rules around the header and at the bottom, metrics aligned right
    assertThat(r.out()).isEqualTo(subst("""
         ────────────────────────────────────────────────────────────────────────────────────────────
          Experiment            Created         acc   loss   train.lr   train.epochs   src/train.txt
         ────────────────────────────────────────────────────────────────────────────────────────────
          workspace             -               0.8   0.35   0.1        10             7fb6b82
          main                  Jan 15, 2024    0.8   0.35   0.1        10             7fb6b82
          ├── <B7> [exp-b]   Jan 15, 2024   0.75    0.4   0.05       10             7fb6b82
          └── <A7> [exp-a]   Jan 15, 2024   0.85    0.3   0.2        10             7fb6b82
         ────────────────────────────────────────────────────────────────────────────────────────────
        """));
  }

  @Test
  void showMarkdown() {
    assertThat(run("exp", "show", "--md").out()).isEqualTo(subst("""
        | Experiment          | Created      | acc   | loss   | train.lr   | train.epochs   | src/train.txt   |
        |---------------------|--------------|-------|--------|------------|----------------|-----------------|
        | workspace           | -            | 0.8   | 0.35   | 0.1        | 10             | 7fb6b82         |
        | main                | Jan 15, 2024 | 0.8   | 0.35   | 0.1        | 10             | 7fb6b82         |
        | ├── <B7> [exp-b] | Jan 15, 2024 | 0.75  | 0.4    | 0.05       | 10             | 7fb6b82         |
        | └── <A7> [exp-a] | Jan 15, 2024 | 0.85  | 0.3    | 0.2        | 10             | 7fb6b82         |

        """));
  }

  @Test
  void showCsv() {
    assertThat(run("exp", "show", "--csv").out()).isEqualTo(subst(
        "Experiment,rev,typ,Created,parent,acc,loss,train.lr,train.epochs,src/train.txt\r\n"
        + ",workspace,baseline,,,0.8,0.35,0.1,10,7fb6b82\r\n"
        + ",main,baseline," + localIso(0) + ",,0.8,0.35,0.1,10,7fb6b82\r\n"
        + "exp-b,<B7>,branch_commit," + localIso(60) + ",,0.75,0.4,0.05,10,7fb6b82\r\n"
        + "exp-a,<A7>,branch_base," + localIso(30) + ",,0.85,0.3,0.2,10,7fb6b82\r\n"));
  }

  @Test
  void showJson() throws Exception {
    String base = repo.baseline.name();
    String a = repo.exps.get("exp-a").name();
    String b = repo.exps.get("exp-b").name();
    String deps = "\"deps\": {\"src/train.txt\": {\"hash\": \"7fb6b8265733bf2160e0e479de5907d9\", \"size\": 8,"
        + " \"nfiles\": null}}";
    String expected = "[{\"rev\": \"workspace\", \"name\": null, \"data\": {\"rev\": \"workspace\", \"timestamp\": null,"
        + " \"params\": {\"params.yaml\": {\"data\": {\"train\": {\"lr\": 0.1, \"epochs\": 10}}}}, \"metrics\":"
        + " {\"metrics.json\": {\"data\": {\"acc\": 0.8, \"loss\": 0.35}}}, " + deps + ", \"outs\": {\"model.bin\":"
        + " {\"hash\": \"" + ExpRepo.md5("model-base") + "\", \"size\": 10, \"nfiles\": null, \"use_cache\": true,"
        + " \"is_data_source\": false}}, \"meta\": {}}, \"error\": null, \"experiments\": null},"
        + " {\"rev\": \"" + base + "\", \"name\": \"main\", \"data\": {\"rev\": \"" + base + "\", \"timestamp\": \""
        + localIso(0) + "\", \"params\": {\"params.yaml\": {\"data\": {\"train\": {\"lr\": 0.1, \"epochs\": 10}}}},"
        + " \"metrics\": {\"metrics.json\": {\"data\": {\"acc\": 0.8, \"loss\": 0.35}}}, " + deps + ", \"outs\":"
        + " {\"model.bin\": {\"hash\": \"" + ExpRepo.md5("model-base") + "\", \"size\": 10, \"nfiles\": null,"
        + " \"use_cache\": true, \"is_data_source\": false}}, \"meta\": {}}, \"error\": null, \"experiments\":"
        + " [{\"revs\": [{\"rev\": \"" + b + "\", \"name\": \"exp-b\", \"data\": {\"rev\": \"" + b + "\","
        + " \"timestamp\": \"" + localIso(60) + "\", \"params\": {\"params.yaml\": {\"data\": {\"train\": {\"lr\":"
        + " 0.05, \"epochs\": 10}}}}, \"metrics\": {\"metrics.json\": {\"data\": {\"acc\": 0.75, \"loss\": 0.4}}}, "
        + deps + ", \"outs\": {\"model.bin\": {\"hash\": \"" + ExpRepo.md5("model-b") + "\", \"size\": 7, \"nfiles\":"
        + " null, \"use_cache\": true, \"is_data_source\": false}}, \"meta\": {}}, \"error\": null, \"experiments\":"
        + " null}], \"executor\": null, \"name\": \"exp-b\"}, {\"revs\": [{\"rev\": \"" + a + "\", \"name\":"
        + " \"exp-a\", \"data\": {\"rev\": \"" + a + "\", \"timestamp\": \"" + localIso(30) + "\", \"params\":"
        + " {\"params.yaml\": {\"data\": {\"train\": {\"lr\": 0.2, \"epochs\": 10}}}}, \"metrics\": {\"metrics.json\":"
        + " {\"data\": {\"acc\": 0.85, \"loss\": 0.3}}}, " + deps + ", \"outs\": {\"model.bin\": {\"hash\": \""
        + ExpRepo.md5("model-a") + "\", \"size\": 7, \"nfiles\": null, \"use_cache\": true, \"is_data_source\":"
        + " false}}, \"meta\": {}}, \"error\": null, \"experiments\": null}], \"executor\": null, \"name\":"
        + " \"exp-a\"}]}]\n";
    assertThat(run("exp", "show", "--json").out()).isEqualTo(expected);
  }

  @Test
  void sortByAndOnlyChanged() {
    assertThat(run("exp", "show", "--sort-by", "acc", "--sort-order", "desc").out()).isEqualTo(subst("""
         ────────────────────────────────────────────────────────────────────────────────────────────
          Experiment            Created         acc   loss   train.lr   train.epochs   src/train.txt
         ────────────────────────────────────────────────────────────────────────────────────────────
          workspace             -               0.8   0.35   0.1        10             7fb6b82
          main                  Jan 15, 2024    0.8   0.35   0.1        10             7fb6b82
          ├── <A7> [exp-a]   Jan 15, 2024   0.85    0.3   0.2        10             7fb6b82
          └── <B7> [exp-b]   Jan 15, 2024   0.75    0.4   0.05       10             7fb6b82
         ────────────────────────────────────────────────────────────────────────────────────────────
        """));
    assertThat(run("exp", "show", "--sort-by", "params.yaml:train.lr").out().lines().skip(5).findFirst().orElseThrow())
        .startsWith("  ├── " + b7 + " [exp-b]");
    assertThat(run("exp", "show", "--only-changed").out()).isEqualTo(subst("""
         ─────────────────────────────────────────────────────────────
          Experiment            Created         acc   loss   train.lr
         ─────────────────────────────────────────────────────────────
          workspace             -               0.8   0.35   0.1
          main                  Jan 15, 2024    0.8   0.35   0.1
          ├── <B7> [exp-b]   Jan 15, 2024   0.75    0.4   0.05
          └── <A7> [exp-a]   Jan 15, 2024   0.85    0.3   0.2
         ─────────────────────────────────────────────────────────────
        """));
    CliRun bad = run("exp", "show", "--sort-by", "nope");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.errLines()).hasSize(1);
    assertThat(bad.err()).contains("Unknown sort column 'nope'");
  }

  @Test
  void numAndAllCommitsShowOlderBaselinesWithTheirExperiments() throws Exception {
    String first7 = repo.baseline.name().substring(0, 7);
    repo.write("notes.txt", "second\n");
    repo.commitBaseline("second", 120);
    assertThat(run("exp", "show").out().lines().count()).isEqualTo(6); // 3 rules, header, workspace, main
    String n2 = run("exp", "show", "-n", "2").out();
    assertThat(n2.lines().map(String::strip).filter(l -> !l.startsWith("\u2500")).map(l -> l.split("\\s+")[0] + (l.contains("[") ? l.substring(l.indexOf('['), l.indexOf(']') + 1) : ""))
        .toList()).containsExactly("Experiment", "workspace", "main", first7, "├──[exp-b]", "└──[exp-a]");
    assertThat(run("exp", "show", "-A", "--csv").out()).contains(",main,baseline,").contains("," + first7
        + ",baseline,").contains("exp-a," + a7 + ",branch_base");
  }

  @Test
  void diffTables() {
    CliRun r = run("exp", "diff", "exp-a", "exp-b");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("""
        Path          Metric    exp-a    exp-b    Change
        metrics.json  acc       0.85     0.75     -0.1
        metrics.json  loss      0.3      0.4      0.1

        Path         Param     exp-a    exp-b    Change
        params.yaml  train.lr  0.2      0.05     -0.15000000000000002
        """);
    assertThat(run("exp", "diff", "HEAD", "exp-b", "--all", "--md").out()).isEqualTo("""
        | Path         | Metric   | HEAD   | exp-b   | Change   |
        |--------------|----------|--------|---------|----------|
        | metrics.json | acc      | 0.8    | 0.75    | -0.05    |
        | metrics.json | loss     | 0.35   | 0.4     | 0.05     |


        | Path        | Param        | HEAD   | exp-b   | Change   |
        |-------------|--------------|--------|---------|----------|
        | params.yaml | train.epochs | 10     | 10      | 0        |
        | params.yaml | train.lr     | 0.1    | 0.05    | -0.05    |

        """);
    assertThat(run("exp", "diff", "exp-a", "--json").out()).isEqualTo("{\"metrics\": {\"metrics.json\": {\"acc\":"
        + " {\"old\": 0.85, \"new\": 0.8, \"diff\": -0.04999999999999993}, \"loss\": {\"old\": 0.3, \"new\": 0.35,"
        + " \"diff\": 0.04999999999999999}}}, \"params\": {\"params.yaml\": {\"train.lr\": {\"old\": 0.2, \"new\": 0.1,"
        + " \"diff\": -0.1}}}}\n");
    assertThat(run("exp", "diff").out()).isEqualTo("\n");
  }

  @Test
  void showAndDiffReadCachedMetricsOfExperiments() throws Exception {
    String eval = "{\"auc\": 0.91}";
    repo.cache(eval);
    String p = ExpRepo.params(0.3);
    String m = ExpRepo.metrics(0.9, 0.2);
    String yaml = repo.read("dvc.yaml") + "    - eval.json\n";
    String lock = ExpRepo.lock(p, m, "model-a") + "    - path: eval.json\n      hash: md5\n      md5: "
        + ExpRepo.md5(eval) + "\n      size: " + eval.length() + "\n";
    String c7 = repo.exp("exp-c", java.util.Map.of("params.yaml", p, "metrics.json", m, "dvc.yaml", yaml,
        "dvc.lock", lock), 90).name().substring(0, 7);
    CliRun show = run("exp", "show", "--only-changed", "--md");
    assertThat(show.out()).contains("| auc ").containsPattern("\\| ├── " + c7 + " \\[exp-c\\] .*\\| 0\\.91 ");
    assertThat(run("exp", "show", "--json").out()).contains("\"eval.json\": {\"data\": {\"auc\": 0.91}}");
    assertThat(run("exp", "diff", "HEAD", "exp-c").out()).contains(
        "eval.json     auc       -       0.91     diff not supported");
  }

  @Test
  void unknownAndAmbiguousNames() throws Exception {
    CliRun r = run("exp", "apply", "nope");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).hasSize(1);
    assertThat(r.err()).contains("Unknown experiment 'nope'");
    assertThat(run("exp", "diff", "nope").code()).isEqualTo(2);

    ObjectId first = repo.baseline;
    repo.exp("dup", 0.3, 0.9, 0.2, "model-d1", 70);
    repo.write("src/train.txt", "code v1\n"); // unchanged; a second baseline commit
    repo.write("notes.txt", "second\n");
    ObjectId second = repo.commitBaseline("second", 80);
    repo.exp("dup", 0.4, 0.9, 0.2, "model-d2", 90);
    repo.write("notes.txt", "third\n");
    repo.commitBaseline("third", 100);
    CliRun amb = run("exp", "branch", "dup");
    assertThat(amb.code()).isEqualTo(2);
    assertThat(amb.errLines()).hasSize(1);
    assertThat(amb.err()).contains("ambiguous").contains("refs/exps/" + first.name().substring(0, 2) + "/"
        + first.name().substring(2) + "/dup").contains("refs/exps/" + second.name().substring(0, 2) + "/");
  }

  @Test
  void applyRestoresFilesAndOutputsWithoutMovingHead() throws Exception {
    ObjectId head = repo.head();
    CliRun r = run("exp", "apply", "exp-a");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(repo.read("params.yaml")).isEqualTo(ExpRepo.params(0.2));
    assertThat(repo.read("metrics.json")).isEqualTo(ExpRepo.metrics(0.85, 0.3));
    assertThat(repo.read("dvc.lock")).contains(ExpRepo.md5("model-a"));
    assertThat(repo.read("model.bin")).isEqualTo("model-a");
    assertThat(repo.head()).isEqualTo(head);
    assertThat(repo.ref("refs/exps/apply/ORIG_HEAD")).isEqualTo(head);
    assertThat(run("exp", "show", "--only-changed").out().lines().skip(3).findFirst().orElseThrow().strip())
        .startsWith("workspace").contains("0.85");

    repo.write("params.yaml", "train:\n  lr: 0.9\n  epochs: 10\n");
    CliRun refused = run("exp", "apply", "exp-b");
    assertThat(refused.code()).isEqualTo(3);
    assertThat(refused.errLines()).hasSize(1);
    assertThat(refused.err()).contains("params.yaml").contains("--force");
    assertThat(repo.read("params.yaml")).contains("0.9");

    assertThat(run("exp", "apply", "exp-b", "--force").code()).isZero();
    assertThat(repo.read("params.yaml")).isEqualTo(ExpRepo.params(0.05));
    assertThat(repo.read("model.bin")).isEqualTo("model-b");
    assertThat(repo.head()).isEqualTo(head);
  }

  @Test
  void branchCreatesABranchAtTheExperiment() throws Exception {
    assertThat(run("exp", "branch", "exp-a").code()).isZero();
    assertThat(repo.ref("refs/heads/exp-a-branch")).isEqualTo(repo.exps.get("exp-a"));
    assertThat(run("exp", "branch", "exp-b", "tuned").code()).isZero();
    assertThat(repo.ref("refs/heads/tuned")).isEqualTo(repo.exps.get("exp-b"));
    CliRun again = run("exp", "branch", "exp-b", "tuned");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("'tuned' already exists");
    assertThat(repo.ref("refs/heads/main")).isEqualTo(repo.baseline);
  }

  @Test
  void removeDeletesRefs() throws Exception {
    String prefix = "refs/exps/" + repo.baseline.name().substring(0, 2) + "/" + repo.baseline.name().substring(2) + "/";
    assertThat(run("exp", "remove", "exp-a").code()).isZero();
    assertThat(repo.ref(prefix + "exp-a")).isNull();
    assertThat(repo.ref(prefix + "exp-b")).isNotNull();
    assertThat(run("exp", "remove", "exp-a").code()).isEqualTo(2);
    repo.exp("exp-c", 0.3, 0.9, 0.2, "model-c", 70);
    assertThat(run("exp", "remove", "--all").code()).isZero();
    assertThat(repo.ref(prefix + "exp-b")).isNull();
    assertThat(repo.ref(prefix + "exp-c")).isNull();
    assertThat(run("exp", "show").out().lines().count()).isEqualTo(6);
  }

  @Test
  void pushAndPullRoundTripRefsAndData() throws Exception {
    Path bare = tmp.resolve("remote.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).call().close();
    CliRun push = run("exp", "push", bare.toString(), "exp-a");
    assertThat(push.code()).as(push.err()).isZero();
    assertThat(push.out()).contains("1 experiment pushed").contains("Data: 1 file pushed");
    String ref = "refs/exps/" + repo.baseline.name().substring(0, 2) + "/" + repo.baseline.name().substring(2)
        + "/exp-a";
    try (Git remote = Git.open(bare.toFile())) {
      assertThat(remote.getRepository().exactRef(ref).getObjectId()).isEqualTo(repo.exps.get("exp-a"));
    }
    String md5 = ExpRepo.md5("model-a");
    assertThat(tmp.resolve("store/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2))).exists();
    assertThat(tmp.resolve("store/files/md5/" + ExpRepo.md5("model-b").substring(0, 2))).doesNotExist();

    // forget the experiment and its data, then pull them back
    assertThat(run("exp", "remove", "exp-a").code()).isZero();
    dev.cairn.internal.FileTrees.delete(repo.root.resolve(".dvc/cache"));
    CliRun pull = run("exp", "pull", bare.toString(), "exp-a");
    assertThat(pull.code()).as(pull.err()).isZero();
    assertThat(repo.ref(ref)).isEqualTo(repo.exps.get("exp-a"));
    assertThat(repo.root.resolve(".dvc/cache/files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2))).exists();
    CliRun refused = run("exp", "apply", "exp-a"); // model.bin's base content is no longer in the cache
    assertThat(refused.code()).isEqualTo(3);
    assertThat(repo.read("params.yaml")).isEqualTo(ExpRepo.params(0.1)); // put back: nothing half-applied
    Files.delete(repo.root.resolve("model.bin"));
    assertThat(run("exp", "apply", "exp-a").code()).isZero();
    assertThat(Files.readString(repo.root.resolve("model.bin"))).isEqualTo("model-a");

    CliRun refsOnly = run("exp", "push", bare.toString(), "exp-b", "--no-cache");
    assertThat(refsOnly.code()).isZero();
    assertThat(tmp.resolve("store/files/md5/" + ExpRepo.md5("model-b").substring(0, 2))).doesNotExist();
    assertThat(run("exp", "pull", bare.toString(), "nope").code()).isEqualTo(2);
  }
}
