/**
 * The {@code http://} and {@code https://} backend on the JDK {@link java.net.http.HttpClient}, as
 * DVC's HTTP remotes: {@code GET} reads, {@code HEAD} checks, uploads use the remote's
 * {@code method} ({@code POST} by default, {@code PUT} for Artifactory-style servers) and are sent
 * only once the whole object is written, and {@code DELETE} removes. Authentication follows DVC's
 * {@code auth} key: {@code basic}, {@code digest} or {@code custom} (a header named by
 * {@code custom_auth_header} carrying {@code password}). Plain HTTP servers cannot list, so this
 * backend does not implement {@link dev.cairn.storage.SupportsListing}.
 */
package dev.cairn.storage.http;
