/**
 * {@code cairn ui}: a local experiments dashboard served by the JDK's HTTP server. {@link UiServer}
 * is the entry point; everything it shows is read through the library ({@code exp show}, the plots
 * model, the pipeline and its status, the report builder, DVCLive files) and every action is a
 * library command. The page, its script and the Vega libraries are resources of this jar.
 *
 * <p>Security model: loopback only unless a host is given; a per-session token (sent by the page in
 * a header, and in the URL only after {@code #}, so it never reaches a request line or a log) is
 * required for every API call, reads included; requests whose {@code Host} or {@code Origin} is not
 * this server's are refused (DNS rebinding, cross-site requests); static files come from a fixed list.
 */
package dev.cairn.ui;
