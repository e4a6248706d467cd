using System.Web;
using Azure.Storage.Blobs.Models;
using Backoffice.Infra.Finance;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Backoffice.Finance.Tests.Downloads;

/// <summary>
/// The shape of the user-delegation SAS links, signed with a key from a fake key source: Azurite cannot issue user
/// delegation keys, so asking Blob Storage for one (BlobServiceDelegationKeys) is not runnable here. Nothing here talks
/// to storage: the link is computed from the blob's address and the key.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class UserDelegationLinkTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_link_reads_exactly_one_blob_over_https_for_five_minutes()
    {
        var clients = new StorageClients(azurite.NewNamespace());
        var keys = new FakeKeys();
        var links = new UserDelegationReportLinks(clients, keys, new FinanceOptions(), new FakeTimeProvider(Now));

        var link = await links.SignAsync("settlements/berlin/2026-W47.pdf", "pdf", "settlements_berlin_2026-W47.pdf", CancellationToken.None);

        var blob = clients.Container(ContainerNames.Reports).GetBlobClient("settlements/berlin/2026-W47.pdf");
        Assert.Equal(blob.Uri.GetLeftPart(UriPartial.Path), link.GetLeftPart(UriPartial.Path));
        var q = HttpUtility.ParseQueryString(link.Query);
        Assert.Equal("r", q["sp"]);          // read only
        Assert.Equal("b", q["sr"]);          // this blob, not its container
        Assert.Equal("https", q["spr"]);
        Assert.Equal("2026-11-23T09:05:00Z", q["se"]);
        Assert.Null(q["st"]);                // valid from now
        Assert.Equal(("object-1", "tenant-1", "b"), (q["skoid"], q["sktid"], q["sks"]));  // signed with the delegation key
        Assert.Equal("2026-11-23T10:00:00Z", q["ske"]);
        Assert.Equal("attachment; filename=\"settlements_berlin_2026-W47.pdf\"", q["rscd"]);
        Assert.Equal("application/pdf", q["rsct"]);
        Assert.False(string.IsNullOrEmpty(q["sig"]));
        Assert.False(string.IsNullOrEmpty(q["sv"]));
    }

    [Fact]
    public async Task Links_for_different_blobs_have_different_signatures_and_share_one_key_until_it_would_expire_first()
    {
        var clients = new StorageClients(azurite.NewNamespace());
        var keys = new FakeKeys();
        var clock = new FakeTimeProvider(Now);
        var links = new UserDelegationReportLinks(clients, keys, new FinanceOptions(), clock);

        var pdf = await links.SignAsync("settlements/berlin/2026-W47.pdf", "pdf", "a.pdf", CancellationToken.None);
        var csv = await links.SignAsync("settlements/berlin/2026-W47.csv", "csv", "a.pdf", CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(50));
        await links.SignAsync("settlements/berlin/2026-W47.pdf", "pdf", "a.pdf", CancellationToken.None);
        Assert.Equal(1, keys.Requests);
        clock.Advance(TimeSpan.FromMinutes(6)); // a link made now would outlive the key: a new key first
        var later = await links.SignAsync("settlements/berlin/2026-W47.pdf", "pdf", "a.pdf", CancellationToken.None);

        Assert.NotEqual(HttpUtility.ParseQueryString(pdf.Query)["sig"], HttpUtility.ParseQueryString(csv.Query)["sig"]);
        Assert.Equal(2, keys.Requests);
        Assert.Equal(("2026-11-23T10:01:00Z", "2026-11-23T10:56:00Z"), (HttpUtility.ParseQueryString(later.Query)["se"], HttpUtility.ParseQueryString(later.Query)["ske"]));
    }

    [Fact]
    public async Task Asking_for_a_key_with_connection_string_storage_is_refused_with_what_to_configure()
    {
        var keys = new BlobServiceDelegationKeys(new StorageClients(azurite.NewNamespace()));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => keys.GetAsync(Now, Now.AddHours(1), CancellationToken.None));

        Assert.Contains("Storage:BlobServiceUri", refused.Message, StringComparison.Ordinal);
    }

    private sealed class FakeKeys : IUserDelegationKeySource
    {
        public int Requests { get; private set; }

        public Task<UserDelegationKey> GetAsync(DateTimeOffset startsOn, DateTimeOffset expiresOn, CancellationToken ct)
        {
            Requests++;
            return Task.FromResult(BlobsModelFactory.UserDelegationKey("object-1", "tenant-1", startsOn, expiresOn, "b", "2025-01-05",
                Convert.ToBase64String(new byte[32])));
        }
    }
}
