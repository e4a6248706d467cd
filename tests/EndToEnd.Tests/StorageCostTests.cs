using System.Net;
using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Status;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Backoffice.EndToEnd.Tests;

/// <summary>
/// What one accepted webhook costs in storage requests, counted by <see cref="StorageOperationCounter"/> in the real
/// host composition (every feature's observers included). The bound is what the code achieves today, so a change that
/// adds a request per order fails here instead of surfacing weeks later in a benchmark. docs/measurements.md lists
/// where the requests go.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StorageCostTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    /// <summary>
    /// Requests for one new order from a new customer, for a merchant with a status URL, answer and runner work
    /// included: 13 to answer (commit 1, safety-net send and delete 2, work queue 2, timer 1, merchant list 1, customer
    /// 3 — phone and e-mail rows, one transaction; no link lookup for a new order — KPI feed 1, status message 1, outbox
    /// rows deleted 1) and 2 for the status pump (receive, delete; the merchant's endpoint answers 200). It was 20 plus
    /// ≈2 for the safety net later, then 16.
    /// </summary>
    public const int MaxOperationsPerAcceptedWebhook = 15;

    /// <summary>The same for a merchant without a status URL: no status is queued, so neither sent nor received.</summary>
    public const int MaxOperationsPerAcceptedWebhookWithoutStatusUrl = 12;

    [Fact]
    public async Task An_accepted_webhook_costs_no_more_storage_operations_than_measured()
    {
        var endpoint = new CountingEndpoint();
        await using var host = new BackofficeHost(azurite, services: s => s.AddHttpClient(StatusDelivery.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => endpoint));
        await host.AddMerchantAsync(statusUrl: "https://status.example/orders");
        var counter = host.Service<StorageClients>().Counter;
        var statusQueue = host.Service<StorageClients>().Queue(QueueNames.Status);
        var statusPoison = host.Service<StorageClients>().Queue(QueueNames.Status + "-poison");

        // Steady state: the merchant is cached (a busy merchant's webhooks find it there) and the status pump is ready.
        await host.Service<MerchantStore>().FindForWebhookAsync("shop-one");
        await statusPoison.CreateIfNotExistsAsync();
        var before = counter.Count;

        var response = await host.PostOrderAsync("shop-one", NewCustomerOrder("8001"));
        var answered = counter.Count - before;
        var handled = await host.Service<StatusPump>().PumpOnceAsync(statusQueue, statusPoison, CancellationToken.None);
        var spent = counter.Count - before;

        output.WriteLine($"answered after {answered} storage operations; {spent} with the runner's share");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, handled);
        Assert.Equal(1, endpoint.Calls); // the status reached the merchant, so the count includes a real delivery
        Assert.InRange(spent, 1, MaxOperationsPerAcceptedWebhook);
        await AssertNothingLeftAsync(host);
    }

    [Fact]
    public async Task A_merchant_without_a_status_url_gets_no_status_queued_and_pays_less()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var counter = host.Service<StorageClients>().Counter;
        await host.Service<MerchantStore>().FindForWebhookAsync("shop-one");
        var before = counter.Count;

        var response = await host.PostOrderAsync("shop-one", NewCustomerOrder("8002"));
        var spent = counter.Count - before;

        output.WriteLine($"answered after {spent} storage operations; nothing left for the status pump");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.InRange(spent, 1, MaxOperationsPerAcceptedWebhookWithoutStatusUrl);
        var statusQueue = host.Service<StorageClients>().Queue(QueueNames.Status);
        await statusQueue.CreateIfNotExistsAsync();
        Assert.Empty((await statusQueue.PeekMessagesAsync(32)).Value);
        await AssertNothingLeftAsync(host);

        // The order itself went everywhere else a status goes: the merchant's list shows it.
        Assert.Contains((await host.Service<MerchantOrderIndex>().PageAsync("shop-one", 10, null)).Items, o => o.OrderId == OrderIds.For("shop-one", "8002"));
    }

    /// <summary>
    /// Nothing is left for later that the count did not see: the inline dispatch ran every outbox row.
    /// </summary>
    private static async Task AssertNothingLeftAsync(BackofficeHost host)
    {
        var orders = (await host.Service<MerchantOrderIndex>().PageAsync("shop-one", 10, null)).Items;
        foreach (var order in orders)
        {
            Assert.Empty(await host.Service<OrderStore>().PendingEffectsAsync("shop-one", order.OrderId));
        }
    }

    /// <summary>The merchant's status endpoint: answers 200 and counts the calls.</summary>
    private sealed class CountingEndpoint : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }

    /// <summary>The suite's order JSON with a customer nobody has ordered as before.</summary>
    private static string NewCustomerOrder(string externalId) => BackofficeHost.OrderJson(externalId)
        .Replace("+49 151 1234 5678", "+49 151 9876 5432", StringComparison.Ordinal)
        .Replace("anna@example.com", "berta@example.com", StringComparison.Ordinal);
}
