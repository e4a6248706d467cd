namespace Backoffice.Infra.Storage;

/// <summary>
/// Where storage lives. Locally a connection string (Azurite); in Azure service URIs with a managed identity, so
/// no key ever appears in configuration.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public Uri? BlobServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty means DefaultAzureCredential's own choice.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prefix for every table, queue and container name, so several installations (or tests) share one account.</summary>
    public string Prefix { get; set; } = string.Empty;
}
