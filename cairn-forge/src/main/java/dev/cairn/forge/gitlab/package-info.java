/**
 * GitLab.com and self-managed GitLab through REST API v4: merge request and issue notes (editable),
 * commit comments (GitLab cannot edit those, so an update posts a new one), and images through
 * project uploads. The token goes in the {@code PRIVATE-TOKEN} header; {@code CI_JOB_TOKEN} cannot
 * post notes, so a personal, project or group access token with scope {@code api} is needed.
 */
package dev.cairn.forge.gitlab;
