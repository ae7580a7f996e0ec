package dev.cairn.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cairn.workspace.DvcFile;
import dev.cairn.workspace.InvalidDvcFileException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code .dvc} files, through {@link DvcFile#read} on a real file: a file whose outputs all have a
 * typed view, or {@link InvalidDvcFileException}.
 */
class DvcFileFuzzTest {
  private static final Path FILE;

  static {
    try {
      FILE = Files.createTempDirectory("cairn-fuzz-dvcfile").resolve("data.dvc");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = Fuzz.DURATION)
  void dvcFile(byte[] input) throws IOException {
    check(input);
  }

  /** The property, also run by {@link ParsersFuzzTest}. */
  static void check(byte[] input) throws IOException {
    Files.write(FILE, input);
    DvcFile f;
    try {
      f = DvcFile.read(FILE);
    } catch (InvalidDvcFileException e) {
      Fuzz.checkMessage(e);
      return;
    }
    f.baseDir();
    f.hasDeps();
    f.isFrozen();
    for (Map<String, Object> out : f.outs()) {
      DvcFile.entry(out);
    }
    f.toText();
  }
}
