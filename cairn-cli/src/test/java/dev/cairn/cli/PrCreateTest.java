package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.forge.github.FakeGitHub;
import dev.cairn.forge.stub.StubServer;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn pr create} end to end: a project in a temporary Git repository whose remote is a
 * bare repository, a pipeline whose metric changes, a scheduled GitHub Actions run against the
 * stubbed GitHub ({@link FakeGitHub}: every request and response checked against GitHub's OpenAPI
 * description). The pushed branch is read back from the bare repository.
 */
class PrCreateTest {
  @TempDir
  Path tmp;

  FakeGitHub github;
  PrRepo repo;
  Path bare;
  Map<String, String> env;
  ObjectId head;

  @BeforeEach
  void setUp() throws Exception {
    github = new FakeGitHub();
    repo = new PrRepo(tmp.resolve("repo"));
    bare = tmp.resolve("remote.git");
    try (Git git = Git.open(repo.root.toFile())) {
      git.checkout().setName("main").call();
      Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
      git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(bare.toUri().toString())).call();
      git.push().setRemote("origin").add("main").call();
      head = git.getRepository().resolve("HEAD");
    }
    env = new HashMap<>(repo.env);
    env.putAll(Map.of("GITHUB_ACTIONS", "true", "GITHUB_REPOSITORY", FakeGitHub.OWNER + "/" + FakeGitHub.REPO,
        "GITHUB_EVENT_NAME", "schedule", "GITHUB_SHA", head.name(), "GITHUB_REF", "refs/heads/main",
        "GITHUB_REF_NAME", "main", "GITHUB_RUN_ID", "42", "GITHUB_SERVER_URL", "https://github.example",
        "GITHUB_API_URL", github.stub.uri("/api/v3").toString(), "GITHUB_TOKEN", FakeGitHub.TOKEN));
  }

  @AfterEach
  void tearDown() {
    github.close();
  }

  /** The file at {@code path} in the tip of {@code branch} of the bare remote, or null. */
  String pushed(String branch, String path) throws Exception {
    try (Repository r = Git.open(bare.toFile()).getRepository(); RevWalk rw = new RevWalk(r)) {
      ObjectId tip = r.resolve("refs/heads/" + branch);
      if (tip == null) {
        return null;
      }
      try (TreeWalk tw = TreeWalk.forPath(r, path, rw.parseCommit(tip).getTree())) {
        return tw == null ? null : new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  RevCommit tip(String branch) throws Exception {
    try (Repository r = Git.open(bare.toFile()).getRepository(); RevWalk rw = new RevWalk(r)) {
      ObjectId id = r.resolve("refs/heads/" + branch);
      return id == null ? null : rw.parseCommit(id);
    }
  }

  long calls(String method, String pathSuffix) {
    return github.stub.exchanges(method).stream().filter(x -> x.request().path().endsWith(pathSuffix)).count();
  }

  @Test
  void pushesTheResultsAndOpensOnePullRequestThenARerunUpdatesIt() throws Exception {
    // the scheduled job: new parameters (as new data would), repro changes the metric, the report
    repo.write("params.yaml", "train:\n  C: 10\n");
    assertThat(repo.run(env, "repro").code()).isZero();
    assertThat(Files.readString(repo.root.resolve("dvclive/metrics.json"))).contains("0.52");
    PrRepo.Result report = repo.run(env, "report", "--md-out", "report/report.md");
    assertThat(report.code()).as(report.err()).isEqualTo(1); // the gate fails: accuracy dropped 0.08

    PrRepo.Result r = repo.run(env, "pr", "create", "--body-file", "report/report.md", "--label", "retrain");
    assertThat(r.code()).as(r.err()).isZero();
    String branch = "cairn/" + head.abbreviate(7).name();
    assertThat(r.out()).isEqualTo("https://github.example/octo/wine/pull/40\n");
    assertThat(r.err()).contains("Committed 3 files on top of " + head.abbreviate(7).name(),
        "dvc.lock, dvclive/metrics.json, params.yaml", "Pushed " + branch + " to origin",
        "Opened pull request #40 from " + branch + " into main, labels retrain");

    // the pushed tree: HEAD's files with the three changed ones as in the workspace; nothing else
    RevCommit pushed = tip(branch);
    assertThat(pushed.getParent(0).getId()).isEqualTo(head);
    assertThat(pushed.getFullMessage()).isEqualTo("Cairn: results for " + head.abbreviate(7).name());
    assertThat(pushed("" + branch, "dvc.lock")).isEqualTo(Files.readString(repo.root.resolve("dvc.lock")));
    assertThat(pushed(branch, "dvclive/metrics.json")).contains("0.52");
    assertThat(pushed(branch, "params.yaml")).isEqualTo("train:\n  C: 10\n");
    assertThat(pushed(branch, "train.sh")).isEqualTo(Files.readString(repo.root.resolve("train.sh")));
    assertThat(pushed(branch, "report/report.md")).isNull();
    assertThat(tip("main").getId()).isEqualTo(head);
    try (Git git = Git.open(repo.root.toFile())) {
      assertThat(git.getRepository().resolve("HEAD")).isEqualTo(head);
      assertThat(git.getRepository().getBranch()).isEqualTo("main");
      assertThat(git.status().call().getModified()).contains("params.yaml", "dvclive/metrics.json");
    }

    // the forge: asked once to open the pull request, with the report as its body
    assertThat(calls("POST", "/pulls")).isEqualTo(1);
    assertThat(github.pulls).hasSize(1);
    assertThat(github.pulls.get(0).path("body").asText()).contains("# Cairn report", "accuracy");
    assertThat(github.pulls.get(0).at("/head/ref").asText()).isEqualTo(branch);
    assertThat(github.pulls.get(0).path("labels").toString()).contains("retrain");
    assertThat(github.stub.failures()).isEmpty();

    // a rerun with another result: the branch is replaced, the same pull request updated
    repo.write("params.yaml", "train:\n  C: 10\n# retrained\n");
    PrRepo.Result again = repo.run(env, "pr", "create", "--body", "Second run", "--title", "Retrained", "--md");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).isEqualTo("[Retrained](https://github.example/octo/wine/pull/40)\n");
    assertThat(again.err()).contains("Updated pull request #40");
    assertThat(calls("POST", "/pulls")).isEqualTo(1);
    assertThat(calls("PATCH", "/pulls/40")).isEqualTo(1);
    assertThat(github.pulls).hasSize(1);
    assertThat(github.pull(40).path("title").asText()).isEqualTo("Retrained");
    assertThat(github.pull(40).path("body").asText()).isEqualTo("Second run");
    RevCommit replaced = tip(branch);
    assertThat(replaced.getId()).isNotEqualTo(pushed.getId());
    assertThat(replaced.getParent(0).getId()).isEqualTo(head);
    assertThat(pushed(branch, "params.yaml")).isEqualTo("train:\n  C: 10\n# retrained\n");
    assertThat(github.stub.failures()).isEmpty();
    assertThat(String.join("\n", r.out(), r.err(), again.out(), again.err())).doesNotContain(FakeGitHub.TOKEN);
  }

  @Test
  void givenPathsBranchSkipCiAndAutoMerge() throws Exception {
    repo.write("params.yaml", "train:\n  C: 10\n");
    assertThat(repo.run(env, "repro").code()).isZero();
    PrRepo.Result r = repo.run(env, "pr", "create", "dvc.lock", "dvclive", "--branch", "retrain/weekly", "--skip-ci",
        "--squash", "-m", "Weekly retraining", "--user-name", "Trainer", "--user-email", "trainer@example.org");
    assertThat(r.code()).as(r.err()).isZero();
    RevCommit c = tip("retrain/weekly");
    assertThat(c.getFullMessage()).isEqualTo("Weekly retraining [skip ci]");
    assertThat(c.getAuthorIdent().getName()).isEqualTo("Trainer");
    assertThat(c.getAuthorIdent().getEmailAddress()).isEqualTo("trainer@example.org");
    assertThat(pushed("retrain/weekly", "params.yaml")).isEqualTo("train:\n  C: 1\n"); // not among the paths
    assertThat(pushed("retrain/weekly", "dvclive/metrics.json")).contains("0.52");
    assertThat(github.autoMergeOf).containsValue("SQUASH");
    assertThat(r.err()).contains("Auto-merge (squash)");
    assertThat(github.pulls.get(0).path("body").asText()).contains("`dvc.lock`", "`dvclive/metrics.json`",
        "https://github.example/octo/wine/actions/runs/42");
    assertThat(github.stub.failures()).isEmpty();
  }

  @Test
  void nothingToCommitPushesNothingAndCallsNoForge() throws Exception {
    PrRepo.Result r = repo.run(env, "pr", "create");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("Nothing to commit: no tracked file changed, no new .dvc file, no dvc.lock change\n");
    PrRepo.Result same = repo.run(env, "pr", "create", "params.yaml");
    assertThat(same.code()).isZero();
    assertThat(same.err()).isEqualTo("Nothing to commit: params.yaml is as in HEAD (" + head.abbreviate(7).name() + ")\n");
    assertThat(github.stub.exchanges()).isEmpty();
    try (Repository b = Git.open(bare.toFile()).getRepository()) {
      assertThat(b.getRefDatabase().getRefsByPrefix("refs/heads/cairn/")).isEmpty();
    }
  }

  @Test
  void badInputIsOneLineWithTheRightExitCode() throws Exception {
    repo.write("params.yaml", "train:\n  C: 10\n");
    PrRepo.Result missing = repo.run(env, "pr", "create", "nope.txt");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).isEqualTo("ERROR: 'nope.txt' is neither in the working tree nor in HEAD: give paths of "
        + "files or directories of the repository\n");
    repo.write("target/model.bin", "weights");
    PrRepo.Result ignored = repo.run(env, "pr", "create", "target/model.bin");
    assertThat(ignored.code()).isEqualTo(2);
    assertThat(ignored.err()).startsWith("ERROR: 'target/model.bin' is ignored by Git");
    PrRepo.Result outside = repo.run(env, "pr", "create", "../elsewhere.txt");
    assertThat(outside.code()).isEqualTo(2);
    assertThat(outside.err()).contains("is outside the repository");

    Map<String, String> noToken = new HashMap<>(env);
    noToken.remove("GITHUB_TOKEN");
    PrRepo.Result token = repo.run(noToken, "pr", "create");
    assertThat(token.code()).isEqualTo(2);
    assertThat(token.err()).startsWith("ERROR: No GitHub token: pass --token or set REPO_TOKEN or GITHUB_TOKEN");

    PrRepo.Result noForge = repo.run(repo.env, "pr", "create", "--remote", "nowhere");
    assertThat(noForge.code()).isEqualTo(2);
    assertThat(noForge.err()).startsWith("ERROR: No Git remote 'nowhere'");
    PrRepo.Result local = repo.run(repo.env, "pr", "create");
    assertThat(local.code()).isEqualTo(2);
    assertThat(local.err()).contains("Cannot read the remote URL").contains("give --forge and --repo");

    PrRepo.Result labels = repo.run(env, "pr", "create", "--label", "x", "--forge", "bitbucket", "--repo", "w/r",
        "--token", "t");
    assertThat(labels.code()).isEqualTo(2);
    assertThat(labels.err()).isEqualTo("ERROR: Bitbucket pull requests have no labels: drop --label\n");
    PrRepo.Result two = repo.run(env, "pr", "create", "--merge", "--rebase");
    assertThat(two.code()).isEqualTo(2);
    for (PrRepo.Result x : List.of(missing, ignored, outside, token, noForge, local, labels)) {
      assertThat(x.err().strip()).doesNotContain("\n").doesNotContain("\tat ");
    }
    assertThat(github.stub.exchanges()).isEmpty();
  }

  @Test
  void aRejectedPushOverHttpsIsOneLineAndNeverShowsTheToken() throws Exception {
    List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    HttpServer git = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    git.createContext("/", x -> {
      String auth = x.getRequestHeaders().getFirst("Authorization");
      x.getRequestBody().readAllBytes();
      if (auth == null) {
        x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"GitHub\"");
        x.sendResponseHeaders(401, -1);
      } else {
        authorizations.add(auth);
        byte[] b = "Permission to octo/wine.git denied to github-actions[bot].".getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(403, b.length);
        x.getResponseBody().write(b);
      }
      x.close();
    });
    git.start();
    try (Git g = Git.open(repo.root.toFile())) {
      g.remoteSetUrl().setRemoteName("origin").setRemoteUri(new org.eclipse.jgit.transport.URIish(
          "http://127.0.0.1:" + git.getAddress().getPort() + "/octo/wine.git")).call();
    }
    repo.write("params.yaml", "train:\n  C: 10\n");
    PrRepo.Result r = repo.run(env, "pr", "create");
    git.stop(0);
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    String[] lines = r.err().strip().split("\n");
    assertThat(lines[0]).startsWith("Committed 1 file on top of " + head.abbreviate(7).name());
    assertThat(lines).hasSize(2);
    assertThat(lines[1]).startsWith("ERROR: Push of branch cairn/" + head.abbreviate(7).name()
        + " to remote 'origin' (http://127.0.0.1:").contains("not permitted")
        .endsWith("; the token needs 'permissions: contents: write'");
    assertThat(r.err()).doesNotContain(FakeGitHub.TOKEN);
    assertThat(authorizations).isNotEmpty().allSatisfy(a -> assertThat(new String(
        Base64.getDecoder().decode(a.substring("Basic ".length())), StandardCharsets.UTF_8))
        .isEqualTo("x-access-token:" + FakeGitHub.TOKEN));
    assertThat(github.stub.exchanges()).isEmpty();
    PrRepo.Result verbose = repo.run(env, "-v", "pr", "create");
    assertThat(verbose.err()).doesNotContain(FakeGitHub.TOKEN);
  }
}
