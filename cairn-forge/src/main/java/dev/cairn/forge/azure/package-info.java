/**
 * Azure DevOps Services and Server (Azure Repos) through the REST API, version 7.0 (Microsoft's
 * description: MicrosoftDocs/vsts-rest-api-specs, {@code specification/git/7.0/git.json}): pull
 * request threads as comments, commit and pull request statuses as checks, pull requests with
 * labels and auto-complete, and pull request attachments for images. Azure Repos has no commit
 * comments and no issues.
 */
package dev.cairn.forge.azure;
