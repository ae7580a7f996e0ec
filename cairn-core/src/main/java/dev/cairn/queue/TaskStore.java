package dev.cairn.queue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The task records and logs under {@code .dvc/tmp/exps/run/} (DVC's directory for its executors'
 * info files): {@code <rev>/cairn-task.json}, the local log {@code <rev>/<rev>.out}, a kill request
 * {@code <rev>/kill}; the local workers' files under {@code workers/}.
 */
final class TaskStore {
  static final String RECORD = "cairn-task.json";
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path runDir;

  TaskStore(Path dvcDir) {
    this.runDir = dvcDir.resolve("tmp").resolve("exps").resolve("run");
  }

  Path runDir() {
    return runDir;
  }

  Path dir(String rev) {
    return runDir.resolve(rev);
  }

  /** The log a local run writes. */
  Path localLog(String rev) {
    return dir(rev).resolve(rev + ".out");
  }

  Path killRequest(String rev) {
    return dir(rev).resolve("kill");
  }

  Path workersDir() {
    return runDir.resolve("workers");
  }

  Optional<TaskRecord> read(String rev) throws IOException {
    Path f = dir(rev).resolve(RECORD);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(f.toFile(), TaskRecord.class));
    } catch (IOException e) {
      return Optional.empty(); // a torn or foreign file: as if there were none (writes are atomic)
    }
  }

  void write(TaskRecord r) throws IOException {
    Path d = dir(r.rev());
    Files.createDirectories(d);
    atomicWrite(d.resolve(RECORD), JSON.writeValueAsBytes(r));
  }

  /** Deletes the record, its kill request and, with {@code withLogs}, the whole task directory. */
  void delete(String rev, boolean withLogs) throws IOException {
    Path d = dir(rev);
    Files.deleteIfExists(d.resolve(RECORD));
    Files.deleteIfExists(killRequest(rev));
    if (withLogs && Files.isDirectory(d)) {
      dev.cairn.internal.FileTrees.delete(d);
    }
  }

  /** Every record, in no particular order. */
  List<TaskRecord> all() throws IOException {
    List<TaskRecord> out = new ArrayList<>();
    if (!Files.isDirectory(runDir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(runDir)) {
      for (Path d : s.toList()) {
        String n = d.getFileName().toString();
        if (n.matches("[0-9a-f]{40}")) {
          read(n).ifPresent(out::add);
        }
      }
    }
    return out;
  }

  static void atomicWrite(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
