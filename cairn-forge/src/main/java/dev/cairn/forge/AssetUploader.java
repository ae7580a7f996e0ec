package dev.cairn.forge;

/**
 * Stores an image somewhere a comment can embed it. {@link PublishUrlUploader} is the generic one
 * (a {@code PUT} to the user's own asset server, like CML's {@code --publish-url}).
 */
@FunctionalInterface
public interface AssetUploader {
  /**
   * Uploads the image.
   *
   * @param image the image to store
   * @return the image's address and Markdown reference
   * @throws ForgeException if the upload fails or the server's answer is not a usable URL
   */
  ImageLink upload(ImageAsset image) throws ForgeException;
}
