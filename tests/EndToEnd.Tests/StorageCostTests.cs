using System.Net;
using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Runner;
using Backoffice.Infra.Status;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
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
    /// Requests for one new order from a new customer, answer and runner work included: 13 to answer (commit 1,
    /// safety-net send and delete 2, work queue 2, timer 1, merchant list 1, customer 3 — phone and e-mail rows, one
    /// transaction; no link lookup for a new order — KPI feed 1, status message 1, outbox rows deleted 1) and 2 for the
    /// status pump (receive, delete). It was 20 plus ≈2 for the safety net later, then 16.
    /// </summary>
    public const int MaxOperationsPerAcceptedWebhook = 15;

    [Fact]
    public async Task An_accepted_webhook_costs_no_more_storage_operations_than_measured()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var counter = host.Service<StorageClients>().Counter;
        var statusQueue = host.Service<StorageClients>().Queue(QueueNames.Status);
        var statusPoison = host.Service<StorageClients>().Queue(QueueNames.Status + "-poison");

        // Steady state: the merchant is cached (a busy merchant's webhooks find it there) and the status pump is ready.
        await host.Service<MerchantStore>().FindForWebhookAsync("shop-one");
        await statusPoison.CreateIfNotExistsAsync();
        var before = counter.Count;

        var response = await host.PostOrderAsync("shop-one", NewCustomerOrder("8001"));
        var answered = counter.Count - before;
        await host.Service<StatusPump>().PumpOnceAsync(statusQueue, statusPoison, CancellationToken.None);
        var spent = counter.Count - before;

        output.WriteLine($"answered after {answered} storage operations; {spent} with the runner's share");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.InRange(spent, 1, MaxOperationsPerAcceptedWebhook);

        // Nothing is left for later that the count above did not see: the inline dispatch ran every outbox row and
        // took its safety-net message back, so the runner will not receive it and query an empty outbox.
        Assert.Equal(0, (await host.Service<StorageClients>().Queue(QueueNames.Outbox).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty(await host.Service<OrderStore>().PendingEffectsAsync("shop-one", OrderIds.For("shop-one", "8001")));
    }

    /// <summary>The suite's order JSON with a customer nobody has ordered as before.</summary>
    private static string NewCustomerOrder(string externalId) => BackofficeHost.OrderJson(externalId)
        .Replace("+49 151 1234 5678", "+49 151 9876 5432", StringComparison.Ordinal)
        .Replace("anna@example.com", "berta@example.com", StringComparison.Ordinal);
}
