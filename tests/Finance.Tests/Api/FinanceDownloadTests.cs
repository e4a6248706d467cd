using System.Net;
using System.Net.Http.Headers;
using Backoffice.Api.Auth;
using Backoffice.Core.Common;
using Backoffice.Core.Finance;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Finance;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Backoffice.Finance.Tests.Api;

/// <summary>
/// With <c>Finance:Downloads:UseSas</c> on (as bicep sets it in Azure), a file download answers 302 to a signed link
/// instead of streaming. The signer is a fake here (Azurite cannot issue user delegation keys); what is tested is the
/// decision, the authorization in front of it and the response.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FinanceDownloadTests(AzuriteFixture azurite)
{
    private static readonly SettlementWeek W47 = new(2026, 47);

    private static async Task<BackofficeHost> HostAsync(AzuriteFixture azurite, bool useSas)
    {
        var host = new BackofficeHost(azurite, new DateTimeOffset(2026, 11, 18, 9, 0, 0, TimeSpan.Zero),
            settings: new Dictionary<string, string> { ["Finance:Downloads:UseSas"] = useSas ? "true" : "false" },
            services: s => s.AddSingleton<IReportLinkSigner, FakeSigner>());
        await StorageProvisioner.EnsureCreatedAsync(host.Service<StorageClients>());
        foreach (var id in new[] { "shop-one", "shop-two" })
        {
            await host.Service<MerchantStore>().CreateAsync(
                new Merchant(id, id, "EUR", "Europe/Berlin", DeadlinePolicy.Default, new Tariff(0, 0, 0), null), new WebhookSecrets(["s"], "s"));
            await host.Service<CashLedger>().PostAsync(new LedgerPosting(id, "order~ORD-1~Collected", LedgerEntryKind.CashCollected, 1_000, "EUR",
                host.Clock.GetUtcNow(), "ORD-1", "ext-1", "courier-1", 1_000, new Tariff(0, 0, 0)));
        }

        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero));
        await host.Service<SettlementRun>().RunAsync("shop-one", W47);
        await host.Service<SettlementRun>().RunAsync("shop-two", W47);
        return host;
    }

    private static HttpClient Client(BackofficeHost host, string role, string? merchantId = null)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.Service<DevTokenIssuer>().Issue(role, merchantId));
        return client;
    }

    [Fact]
    public async Task With_sas_on_a_download_is_a_302_to_a_signed_link_for_that_blob_that_is_never_cached()
    {
        await using var host = await HostAsync(azurite, useSas: true);
        var merchant = Client(host, Roles.Merchant, "shop-one");

        var response = await merchant.GetAsync("/api/finance/merchants/shop-one/settlements/2026-W47/files/pdf");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://signed.example/settlements/shop-one/2026-W47.pdf?format=pdf&name=settlements_shop-one_2026-W47.pdf&sig=fake",
            response.Headers.Location!.AbsoluteUri);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task With_sas_on_another_merchants_file_is_refused_and_a_missing_file_is_not_signed()
    {
        await using var host = await HostAsync(azurite, useSas: true);
        var signer = (FakeSigner)host.Service<IReportLinkSigner>();

        var foreign = await Client(host, Roles.Merchant, "shop-one").GetAsync("/api/finance/merchants/shop-two/settlements/2026-W47/files/csv");
        var courier = await Client(host, Roles.Courier).GetAsync("/api/finance/merchants/shop-one/settlements/2026-W47/files/csv");
        var noStatement = await Client(host, Roles.Finance).GetAsync("/api/finance/merchants/shop-one/settlements/2026-W40/files/csv");
        await host.Service<StorageClients>().Container(ContainerNames.Reports).GetBlobClient("settlements/shop-one/2026-W47.xlsx").DeleteAsync();
        var noFile = await Client(host, Roles.Finance).GetAsync("/api/finance/merchants/shop-one/settlements/2026-W47/files/xlsx");

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, courier.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noStatement.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noFile.StatusCode);
        Assert.Equal(0, signer.Signed);
    }

    [Fact]
    public async Task With_sas_off_the_file_is_streamed_and_nothing_is_signed()
    {
        await using var host = await HostAsync(azurite, useSas: false);

        var response = await Client(host, Roles.Finance).GetAsync("/api/finance/merchants/shop-one/settlements/2026-W47/files/csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ORD-1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, ((FakeSigner)host.Service<IReportLinkSigner>()).Signed);
    }

    private sealed class FakeSigner : IReportLinkSigner
    {
        public int Signed { get; private set; }

        public Task<Uri> SignAsync(string path, string format, string fileName, CancellationToken ct)
        {
            Signed++;
            return Task.FromResult(new Uri($"https://signed.example/{path}?format={format}&name={fileName}&sig=fake"));
        }
    }
}
