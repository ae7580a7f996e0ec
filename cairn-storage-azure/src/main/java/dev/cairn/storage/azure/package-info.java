/**
 * The {@code azure://container/prefix} backend on the Azure Storage Blob SDK. Credentials come
 * from DVC's keys ({@code connection_string}, {@code account_name} with {@code account_key} or
 * {@code sas_token}, {@code allow_anonymous_login}) or, when a key is unset, from DVC's
 * environment variables ({@code AZURE_STORAGE_CONNECTION_STRING}, {@code AZURE_STORAGE_ACCOUNT},
 * {@code AZURE_STORAGE_KEY}, {@code AZURE_STORAGE_SAS_TOKEN}). Uploads are block blobs written
 * on close (one Put Blob, or staged blocks committed at the end), so a partial object is never
 * visible.
 */
package dev.cairn.storage.azure;
