package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import dev.cairn.odb.ObjectDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A Git + DVC repository with one pipeline stage (params.yaml → model.bin in the cache, metrics.json
 * in Git) committed as the baseline, and experiments made as {@code exp run} makes them: a commit
 * on top of the baseline holding changed params.yaml, metrics.json and dvc.lock, pointed at by
 * {@code refs/exps/<sha[0:2]>/<sha[2:]>/<name>}, HEAD unmoved; the model object in the cache.
 */
final class ExpRepo {
  static final Instant BASE_TIME = Instant.parse("2024-01-15T12:00:00Z");

  final Path root;
  ObjectId baseline;
  final Map<String, ObjectId> exps = new LinkedHashMap<>();

  ExpRepo(Path root) {
    this.root = root;
  }

  static String params(double lr) {
    return "train:\n  lr: " + lr + "\n  epochs: 10\n";
  }

  static String metrics(double acc, double loss) {
    return "{\"acc\": " + acc + ", \"loss\": " + loss + "}";
  }

  static String lock(String params, String metrics, String model) {
    return "schema: '2.0'\nstages:\n  train:\n    cmd: java Train\n    deps:\n    - path: src/train.txt\n      hash: md5\n"
        + "      md5: " + Hashing.md5Hex("code v1\n".getBytes(StandardCharsets.UTF_8)) + "\n      size: 8\n"
        + "    params:\n      params.yaml:\n        train.epochs: 10\n        train.lr: " + lrOf(params) + "\n"
        + "    outs:\n    - path: metrics.json\n      hash: md5\n      md5: " + md5(metrics) + "\n      size: "
        + metrics.length() + "\n    - path: model.bin\n      hash: md5\n      md5: " + md5(model) + "\n      size: "
        + model.length() + "\n";
  }

  private static String lrOf(String params) {
    return params.substring(params.indexOf("lr: ") + 4, params.indexOf('\n', params.indexOf("lr: ")));
  }

  static String md5(String s) {
    return Hashing.md5Hex(s.getBytes(StandardCharsets.UTF_8));
  }

  static ExpRepo create(Path root) throws Exception {
    ExpRepo r = new ExpRepo(root);
    Files.createDirectories(root);
    try (Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
      Cairn.init(root).call();
      r.write(".dvc/config", "[core]\n    remote = store\n['remote \"store\"']\n    url = "
          + root.resolveSibling("store").toAbsolutePath() + "\n");
      r.write("dvc.yaml", "stages:\n  train:\n    cmd: java Train\n    deps:\n    - src/train.txt\n    params:\n"
          + "    - train.lr\n    - train.epochs\n    outs:\n    - model.bin\n    metrics:\n    - metrics.json:\n"
          + "        cache: false\n");
      r.write("src/train.txt", "code v1\n");
      r.write(".gitignore", "/model.bin\n");
      String p = params(0.1);
      String m = metrics(0.8, 0.35);
      r.write("params.yaml", p);
      r.write("metrics.json", m);
      r.write("dvc.lock", lock(p, m, "model-base"));
      r.write("model.bin", "model-base");
      r.cache("model-base");
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("t", "t@example.com", Date.from(BASE_TIME), TimeZone.getTimeZone("UTC"));
      r.baseline = git.commit().setMessage("baseline").setAuthor(who).setCommitter(who).call().getId();
    }
    return r;
  }

  void write(String rel, String text) throws Exception {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  String read(String rel) throws Exception {
    return Files.readString(root.resolve(rel), StandardCharsets.UTF_8);
  }

  void cache(String content) throws Exception {
    ObjectDb odb = new ObjectDb(root.resolve(".dvc/cache"), false);
    odb.insertBytes(new HashInfo(HashInfo.MD5, md5(content)), content.getBytes(StandardCharsets.UTF_8));
  }

  /** Adds an experiment of the baseline with learning rate {@code lr}, {@code minutes} after the baseline. */
  ObjectId exp(String name, double lr, double acc, double loss, String model, int minutes) throws Exception {
    String p = params(lr);
    String m = metrics(acc, loss);
    cache(model);
    return exp(name, Map.of("params.yaml", p, "metrics.json", m, "dvc.lock", lock(p, m, model)), minutes);
  }

  /** Adds an experiment of the baseline whose commit replaces or adds {@code files}. */
  ObjectId exp(String name, Map<String, String> files, int minutes) throws Exception {
    try (Repository git = Git.open(root.toFile()).getRepository(); ObjectInserter ins = git.newObjectInserter();
        ObjectReader reader = git.newObjectReader(); RevWalk walk = new RevWalk(git)) {
      RevCommit base = walk.parseCommit(baseline);
      DirCache dc = DirCache.newInCore();
      DirCacheBuilder b = dc.builder();
      b.addTree(new byte[0], 0, reader, base.getTree());
      b.finish();
      DirCacheEditor ed = dc.editor();
      for (Map.Entry<String, String> f : files.entrySet()) {
        ObjectId blob = ins.insert(Constants.OBJ_BLOB, f.getValue().getBytes(StandardCharsets.UTF_8));
        ed.add(new DirCacheEditor.PathEdit(f.getKey()) {
          @Override
          public void apply(DirCacheEntry ent) {
            ent.setFileMode(FileMode.REGULAR_FILE);
            ent.setObjectId(blob);
          }
        });
      }
      ed.finish();
      ObjectId tree = dc.writeTree(ins);
      PersonIdent who = new PersonIdent("t", "t@example.com", Date.from(BASE_TIME.plusSeconds(60L * minutes)),
          TimeZone.getTimeZone("UTC"));
      CommitBuilder cb = new CommitBuilder();
      cb.setTreeId(tree);
      cb.setParentId(baseline);
      cb.setAuthor(who);
      cb.setCommitter(who);
      cb.setMessage("dvc: commit experiment " + md5(name + files));
      ObjectId commit = ins.insert(cb);
      ins.flush();
      String sha = baseline.name();
      RefUpdate ru = git.updateRef("refs/exps/" + sha.substring(0, 2) + "/" + sha.substring(2) + "/" + name);
      ru.setNewObjectId(commit);
      ru.setExpectedOldObjectId(ObjectId.zeroId());
      if (ru.update() != RefUpdate.Result.NEW) {
        throw new IllegalStateException("ref not created");
      }
      exps.put(name, commit);
      return commit;
    }
  }

  /** Commits the workspace's Git-tracked changes as a new HEAD commit, which becomes the baseline. */
  ObjectId commitBaseline(String message, int minutes) throws Exception {
    try (Git git = Git.open(root.toFile())) {
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("t", "t@example.com", Date.from(BASE_TIME.plusSeconds(60L * minutes)),
          TimeZone.getTimeZone("UTC"));
      baseline = git.commit().setMessage(message).setAuthor(who).setCommitter(who).call().getId();
      return baseline;
    }
  }

  ObjectId ref(String name) throws Exception {
    try (Repository git = Git.open(root.toFile()).getRepository()) {
      return git.exactRef(name) == null ? null : git.exactRef(name).getObjectId();
    }
  }

  ObjectId head() throws Exception {
    try (Repository git = Git.open(root.toFile()).getRepository()) {
      return git.resolve("HEAD");
    }
  }
}
