package dev.cairn.wrapper;

import dev.cairn.errors.CairnException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The content of {@code .cairn/wrapper.properties}: which distribution {@code ./cairnw} runs.
 *
 * @param distributionUrl the {@code .tar.gz} to download ({@code http}, {@code https} or {@code file})
 * @param distributionSha256Sum its SHA-256 in lowercase hex; {@code ./cairnw} refuses other bytes
 */
public record WrapperProperties(String distributionUrl, String distributionSha256Sum) {
  /** Where the file lives, relative to the repository root. */
  public static final String PATH = ".cairn/wrapper.properties";

  /** Validates both values: a URL {@link DistributionUrls#check checked} as for writing, 64 hex digits. */
  public WrapperProperties {
    if (!distributionSha256Sum.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a lowercase SHA-256: " + distributionSha256Sum);
    }
  }

  /**
   * Reads the file; empty when it does not exist.
   *
   * @throws CairnException (invalid input) when it exists but lacks {@code distributionUrl}
   */
  public static Optional<WrapperProperties> read(Path file) throws IOException, CairnException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    String url = p.getProperty("distributionUrl", "").strip();
    String sum = p.getProperty("distributionSha256Sum", "").strip();
    if (url.isEmpty()) {
      throw CairnException.invalidInput(file + ": distributionUrl is missing");
    }
    if (!sum.matches("[0-9a-fA-F]{64}")) {
      throw CairnException.invalidInput(file + ": distributionSha256Sum is missing or not 64 hex digits");
    }
    return Optional.of(new WrapperProperties(url, sum.toLowerCase(java.util.Locale.ROOT)));
  }

  /** The file's text: a comment, then the two keys (values unescaped: {@code ./cairnw} reads them as they are). */
  public String render() {
    return "# Written by 'cairn wrapper': the Cairn distribution that ./cairnw downloads once, checks against\n"
        + "# the SHA-256 and runs. Pin another version with './cairnw wrapper --version <version>'.\n"
        + "distributionUrl=" + distributionUrl + "\n"
        + "distributionSha256Sum=" + distributionSha256Sum + "\n";
  }
}
