package dev.cairn.merge;

import dev.cairn.odb.ObjectDb;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;

/**
 * Git's merge driver for DVC's files ({@code git config merge.cairn.driver}, called with {@code %O
 * %A %B %P}): merges entry by entry with {@link MetafileMerge} and writes the result over ours, or
 * leaves ours holding Git's usual conflict markers and reports every conflicting entry with both
 * sides' hashes.
 */
public final class MergeDriver {
  /** The outcome; {@code problems} names each conflicting entry (or why the file could not be merged). */
  public record Outcome(boolean merged, List<String> problems) {}

  private MergeDriver() {}

  /**
   * Merges {@code ancestor} and {@code theirs} into {@code ours} (rewritten atomically) for the
   * repository file {@code path}.
   *
   * @param odb the cache, to merge directory outputs through their manifests; may be null
   * @throws IOException when a file cannot be read or written
   */
  public static Outcome run(Path ancestor, Path ours, Path theirs, String path, ObjectDb odb) throws IOException {
    byte[] b = Files.readAllBytes(ancestor);
    byte[] o = Files.readAllBytes(ours);
    byte[] t = Files.readAllBytes(theirs);
    List<String> problems = new ArrayList<>();
    if (MetafileMerge.Kind.of(path) == null) {
      problems.add(path + ": not a dvc.lock, .dvc file or .dir manifest; merged line by line");
    } else {
      try {
        MetafileMerge.Result r = MetafileMerge.merge(path, b, o, t, odb);
        if (r.clean()) {
          write(ours, r.merged());
          return new Outcome(true, List.of());
        }
        problems.addAll(r.conflicts());
      } catch (IOException e) {
        problems.add(e.getMessage() + "; merged line by line");
      }
    }
    MergeResult<RawText> text = new MergeAlgorithm().merge(RawTextComparator.DEFAULT, new RawText(b),
        new RawText(o), new RawText(t));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new MergeFormatter().formatMerge(out, text, List.of("base", "ours", "theirs"), StandardCharsets.UTF_8);
    write(ours, out.toByteArray());
    return new Outcome(false, problems);
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".cairn-merge-", ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
