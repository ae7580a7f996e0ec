package dev.cairn.repro;

import dev.cairn.api.Cairn;
import dev.cairn.api.ReproCommand;
import dev.cairn.errors.CairnException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A throw-away repository in a temp dir, with helpers to write files and run repro. */
final class TestRepo {
  final Path root;
  final Map<String, String> env;

  TestRepo(Path root) throws CairnException {
    this.root = root.toAbsolutePath().normalize();
    Map<String, String> e = new HashMap<>(System.getenv());
    e.put("CAIRN_FSYNC", "0");
    e.put("SHELL", "/bin/sh");
    this.env = Map.copyOf(e);
    Cairn.init(this.root).setNoScm(true).call();
  }

  Path write(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    if (Files.exists(p) && !Files.isWritable(p)) {
      Files.delete(p);
    }
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  String read(String rel) throws IOException {
    return Files.readString(root.resolve(rel), StandardCharsets.UTF_8);
  }

  boolean exists(String rel) {
    return Files.exists(root.resolve(rel));
  }

  /** Lines in a side-effect counter file (0 when absent). */
  int count(String rel) throws IOException {
    return exists(rel) ? read(rel).split("\n", -1).length - 1 : 0;
  }

  /** One repro run's result and what it reported. */
  record Run(ReproResult result, List<String> messages, List<String> output, CairnException error) {
    String log() {
      return String.join("\n", messages);
    }
  }

  Run repro(Consumer<ReproCommand> config) throws CairnException {
    List<String> messages = Collections.synchronizedList(new ArrayList<>());
    List<String> output = Collections.synchronizedList(new ArrayList<>());
    ReproListener l = new ReproListener() {
      @Override
      public void message(String stage, String text) {
        messages.add(text);
      }

      @Override
      public void output(String stage, boolean stderr, String line) {
        output.add("[" + stage + "] " + line);
      }
    };
    try (Cairn cairn = Cairn.open(root, env)) {
      ReproCommand cmd = cairn.repro().setListener(l);
      config.accept(cmd);
      try {
        return new Run(cmd.call(), messages, output, null);
      } catch (StageFailedException e) {
        return new Run(e.result(), messages, output, e);
      }
    }
  }

  Run repro() throws CairnException {
    return repro(c -> {});
  }
}
