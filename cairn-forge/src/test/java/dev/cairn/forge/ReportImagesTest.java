package dev.cairn.forge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportImagesTest {
  @TempDir Path dir;
  private final List<ImageAsset> uploaded = new ArrayList<>();
  private final AssetUploader uploader = img -> {
    uploaded.add(img);
    return ImageLink.of("https://assets.example/" + uploaded.size() + "/" + img.fileName(), "");
  };

  @Test
  void uploadsLocalImagesOnceAndRewritesTheirReferences() throws Exception {
    Path report = Files.createDirectories(dir.resolve("report"));
    Files.createDirectories(report.resolve("plots"));
    Files.write(report.resolve("plots/roc.png"), new byte[] {1});
    String md = "# R\n![ROC](plots/roc.png \"curve\")\ntext ![again](./plots/roc.png)\n";

    String out = ReportImages.publish(md, report, uploader);

    assertThat(out).isEqualTo("# R\n![ROC](https://assets.example/1/roc.png \"curve\")\n"
        + "text ![again](https://assets.example/1/roc.png)\n");
    assertThat(uploaded).hasSize(1);
  }

  @Test
  void leavesRemoteMissingAbsoluteAndEscapingPathsAlone() throws Exception {
    Path report = Files.createDirectories(dir.resolve("report"));
    Files.write(dir.resolve("secret.png"), new byte[] {7});
    String md = "![a](https://x.example/a.png) ![b](missing.png) ![c](../secret.png)"
        + " ![d](/etc/passwd.png) ![](https://cml.dev/watermark.png#ab \"CML watermark\")"
        + " ![e](notes.txt)";
    Files.writeString(report.resolve("notes.txt"), "x");

    assertThat(ReportImages.publish(md, report, uploader)).isEqualTo(md);
    assertThat(uploaded).isEmpty();
  }

  @Test
  void uploadsEmbeddedDataUris() throws Exception {
    String b64 = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'});

    String out = ReportImages.publish("![live](data:image/png;base64," + b64 + ")", dir, uploader);

    assertThat(out).isEqualTo("![live](https://assets.example/1/image.png)");
    assertThat(uploaded.get(0).mediaType()).isEqualTo("image/png");
    assertThat(uploaded.get(0).content()).hasSize(4);
  }
}
