package dev.cairn.forge.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A {@code multipart/form-data} body with one file part. */
public final class Multipart {
  private final String boundary;
  private final byte[] body;

  private Multipart(String boundary, byte[] body) {
    this.boundary = boundary;
    this.body = body;
  }

  /** One file in field {@code field}, named {@code fileName}, of type {@code mediaType}. */
  public static Multipart file(String field, String fileName, String mediaType, byte[] content) {
    String boundary = "cairn-" + UUID.randomUUID();
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 512);
    String head =
        "--" + boundary + "\r\n"
            + "Content-Disposition: form-data; name=\"" + field + "\"; filename=\""
            + fileName.replace("\"", "") + "\"\r\n"
            + "Content-Type: " + mediaType + "\r\n\r\n";
    out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return new Multipart(boundary, out.toByteArray());
  }

  /** The {@code Content-Type} header value, with the boundary. */
  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /** The encoded body. */
  public byte[] body() {
    return body;
  }
}
