package dev.cairn.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in-process in a directory and captures exit code, stdout and stderr. */
record CliRun(int code, String out, String err) {
  static CliRun in(Path dir, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("-C", dir.toString()));
    all.addAll(List.of(args));
    int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), false);
    return new CliRun(code, out.toString(), err.toString());
  }

  static void write(Path dir, String rel, String text) throws java.io.IOException {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  static String read(Path dir, String rel) throws java.io.IOException {
    return Files.readString(dir.resolve(rel), StandardCharsets.UTF_8);
  }

  List<String> errLines() {
    return err.isEmpty() ? List.of() : List.of(err.split("\n"));
  }
}
