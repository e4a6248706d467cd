using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Finance;

/// <summary>A report file to hand to a client: a stream to send, or a signed link to redirect to.</summary>
public sealed record ReportDownload(Stream? Content, Uri? Link);

/// <summary>
/// Decides how a report file reaches a client: streamed through the API (locally), or, with
/// <c>Finance:Downloads:UseSas</c>, a redirect to a short-lived read-only SAS for exactly that blob (Azure), so large
/// files do not pass through the Function App.
/// </summary>
public sealed class ReportDownloads(ReportStorage storage, IReportLinkSigner? signer)
{
    public bool SignsLinks => signer is not null;

    /// <summary>The download of <paramref name="path"/>; null when the file does not exist.</summary>
    public async Task<ReportDownload?> OpenAsync(string path, string format, string fileName, CancellationToken ct)
    {
        if (signer is null)
        {
            return await storage.OpenAsync(path, ct).ConfigureAwait(false) is { } stream ? new ReportDownload(stream, null) : null;
        }

        return await storage.ExistsAsync(path, ct).ConfigureAwait(false)
            ? new ReportDownload(null, await signer.SignAsync(path, format, fileName, ct).ConfigureAwait(false))
            : null;
    }
}

/// <summary>Signs a short-lived, read-only link to one report blob.</summary>
public interface IReportLinkSigner
{
    Task<Uri> SignAsync(string path, string format, string fileName, CancellationToken ct);
}

/// <summary>Where user delegation keys come from: Blob Storage (an Entra ID identity asks for them); a fake in tests.</summary>
public interface IUserDelegationKeySource
{
    Task<UserDelegationKey> GetAsync(DateTimeOffset startsOn, DateTimeOffset expiresOn, CancellationToken ct);
}

/// <summary>
/// Asks Blob Storage for user delegation keys with the app's managed identity (Storage Blob Data Owner or Contributor
/// allows it). Needs identity-based clients (<c>Storage:BlobServiceUri</c>): shared keys are disabled on the account,
/// and Azurite cannot issue user delegation keys, so this part does not run locally.
/// </summary>
public sealed class BlobServiceDelegationKeys(StorageClients clients) : IUserDelegationKeySource
{
    public async Task<UserDelegationKey> GetAsync(DateTimeOffset startsOn, DateTimeOffset expiresOn, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(clients.Options.ConnectionString))
        {
            throw new InvalidOperationException(
                "Finance:Downloads:UseSas needs identity-based storage (Storage:BlobServiceUri with a managed identity), not a connection string.");
        }

        return (await clients.Blobs.GetUserDelegationKeyAsync(startsOn, expiresOn, ct).ConfigureAwait(false)).Value;
    }
}

/// <summary>
/// User-delegation SAS links: read permission on one blob (<c>sr=b</c>), HTTPS only, expiring after
/// <see cref="FinanceDownloadOptions.LinkLifetime"/>, with the file name and type the browser should use. The
/// delegation key is kept for an hour and renewed before a link could outlive it (a SAS must expire before its key).
/// </summary>
public sealed class UserDelegationReportLinks(StorageClients clients, IUserDelegationKeySource keys, FinanceOptions options, TimeProvider clock) : IReportLinkSigner
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private UserDelegationKey? _key;

    public async Task<Uri> SignAsync(string path, string format, string fileName, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expiresOn = now + options.Downloads.LinkLifetime;
        var key = await KeyAsync(now, expiresOn, ct).ConfigureAwait(false);
        var blob = clients.Container(ContainerNames.Reports).GetBlobClient(path);
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresOn)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            Protocol = SasProtocol.Https,
            ContentDisposition = $"attachment; filename=\"{fileName}\"",
            ContentType = ReportPaths.ContentType(format),
        };
        return new Azure.Storage.Blobs.BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, clients.Blobs.AccountName) }.ToUri();
    }

    private async Task<UserDelegationKey> KeyAsync(DateTimeOffset now, DateTimeOffset linkExpiresOn, CancellationToken ct)
    {
        if (_key is { } current && current.SignedExpiresOn > linkExpiresOn)
        {
            return current;
        }

        await _renewal.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_key is not { } key || key.SignedExpiresOn <= linkExpiresOn)
            {
                key = await keys.GetAsync(now - ClockSkew, now + KeyLifetime, ct).ConfigureAwait(false);
                _key = key;
            }

            return key;
        }
        finally
        {
            _renewal.Release();
        }
    }
}
