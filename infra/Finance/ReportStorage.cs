using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Backoffice.Infra.Finance.Reports;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Finance;

/// <summary>Report files in the <c>reports</c> container. Written once: a file that is already there is the same bytes.</summary>
public sealed class ReportStorage(StorageClients clients)
{
    private BlobContainerClient Container => clients.Container(ContainerNames.Reports);

    public async Task UploadAsync(string path, ReportFile file, CancellationToken ct)
    {
        await using var content = File.OpenRead(file.Path);
        try
        {
            await Container.GetBlobClient(path).UploadAsync(content, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = ReportPaths.ContentType(file.Format) },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                Metadata = new Dictionary<string, string> { ["sha256"] = file.Sha256 },
            }, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Written by an earlier or concurrent run of the same period: deterministic, so identical.
        }
    }

    /// <summary>Whether a report file exists (one request).</summary>
    public async Task<bool> ExistsAsync(string path, CancellationToken ct) =>
        (await Container.GetBlobClient(path).ExistsAsync(ct).ConfigureAwait(false)).Value;

    /// <summary>Opens a report for streaming to a client; null when it does not exist.</summary>
    public async Task<Stream?> OpenAsync(string path, CancellationToken ct)
    {
        try
        {
            var response = await Container.GetBlobClient(path).DownloadStreamingAsync(cancellationToken: ct).ConfigureAwait(false);
            return response.Value.Content;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
