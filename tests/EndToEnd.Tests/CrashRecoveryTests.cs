using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Backoffice.Api.Webhooks;
using Backoffice.Core.Common;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Core.Stock;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Stock;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Backoffice.EndToEnd.Tests;

/// <summary>
/// The real local host as a separate process, killed with SIGKILL mid-flow and started again on the same storage:
/// nothing accepted is lost and nothing is duplicated.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CrashRecoveryTests(AzuriteFixture azurite)
{
    private const string Secret = "whsec_Y3Jhc2gtdGVzdC1zZWNyZXQtMTIzNDU2Nzg5MA==";

    [Fact]
    public async Task Killing_the_host_mid_flow_loses_and_duplicates_nothing()
    {
        var storage = azurite.NewNamespace();
        var clients = new StorageClients(storage);
        await StorageProvisioner.EnsureCreatedAsync(clients);
        var merchants = new MerchantStore(clients, TimeProvider.System);
        await merchants.CreateAsync(new Merchant("crash-shop", "Crash shop", "EUR", "UTC", DeadlinePolicy.Default, Tariff.Default, null), new WebhookSecrets([Secret], Secret));
        var externalIds = Enumerable.Range(1, 40).Select(i => $"C-{i:D3}").ToArray();

        // The warehouse holds exactly one unit per order: confirmations reserve them, and a crash must not reserve twice.
        var stock = new StockLedger(clients, TimeProvider.System, new QueueStockChangeSink(clients), NullLogger<StockLedger>.Instance);
        await stock.ReceiveAsync("crash-shop", "SKU-1", externalIds.Length, "Item SKU-1", null, "crash-receipt", Actor.System("test"));
        var acknowledged = new ConcurrentDictionary<string, string>();

        // Round 1: storefronts post while the host dies under them.
        using (var first = await LocalHostProcess.StartAsync(storage))
        {
            var sending = SendAllAsync(first.Client, externalIds, acknowledged);
            await WaitUntilAsync(() => acknowledged.Count >= 10);
            first.Kill();
            await sending;
        }

        Assert.InRange(acknowledged.Count, 10, externalIds.Length - 1);

        // Round 2: storefronts retry everything (a real sender retries whatever was not acknowledged, and sometimes more).
        using (var second = await LocalHostProcess.StartAsync(storage))
        {
            await SendAllAsync(second.Client, externalIds, acknowledged);
            Assert.Equal(externalIds.Length, acknowledged.Count);

            // Operators confirm every order while the host dies again.
            var confirmed = new ConcurrentDictionary<string, bool>();
            var confirming = ConfirmAllAsync(second.Client, acknowledged.Values, confirmed);
            await WaitUntilAsync(() => confirmed.Count >= 10);
            second.Kill();
            await confirming;
        }

        using (var third = await LocalHostProcess.StartAsync(storage))
        {
            var confirmed = new ConcurrentDictionary<string, bool>();
            await ConfirmAllAsync(third.Client, acknowledged.Values, confirmed);
            Assert.Equal(externalIds.Length, confirmed.Count);

            var store = new OrderStore(clients);
            var workQueue = new WorkQueueIndex(clients);
            foreach (var (external, orderId) in acknowledged)
            {
                Assert.Equal(OrderIds.For("crash-shop", external), orderId);
                var events = await store.EventsAsync("crash-shop", orderId);
                Assert.Equal(["OrderPlaced", "StageEntered", "OrderConfirmed", "StageEntered"], events.Select(e => e.Event.Name));
            }

            // Effects of commits whose process died are completed by the outbox safety net of the restarted host.
            await WaitUntilAsync(async () => (await AllAsync(workQueue, Stage.Packing)).Count == externalIds.Length, TimeSpan.FromSeconds(90));
            Assert.Empty(await AllAsync(workQueue, Stage.Confirmation));
            Assert.Empty(await AllAsync(workQueue, Stage.SupplierPickup));
            Assert.Equal(new StockLevel(externalIds.Length, externalIds.Length), (await stock.GetAsync("crash-shop", "SKU-1"))!.Level);
            var listed = await new MerchantOrderIndex(clients).PageAsync("crash-shop", 200, null);
            Assert.Equal(externalIds.Order(), listed.Items.Select(i => i.ExternalOrderId).Order());
        }
    }

    private static async Task<List<WorkQueueEntry>> AllAsync(WorkQueueIndex index, Stage stage)
    {
        var all = new List<WorkQueueEntry>();
        string? token = null;
        do
        {
            var page = await index.PageAsync(stage, "crash-shop", 200, token);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return all;
    }

    private static Task SendAllAsync(HttpClient client, string[] externalIds, ConcurrentDictionary<string, string> acknowledged) =>
        Parallel.ForEachAsync(externalIds, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (external, ct) =>
        {
            try
            {
                var body = Encoding.UTF8.GetBytes(BackofficeHost.OrderJson(external));
                var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                var id = "msg_" + external;
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/crash-shop/orders") { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add("webhook-id", id);
                request.Headers.Add("webhook-timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.Add("webhook-signature", WebhookSignatures.SignStandard(Secret, id, ts, body));
                using var response = await client.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    acknowledged[external] = (await BackofficeHost.JsonAsync(response)).GetProperty("orderId").GetString()!;
                }
            }
            catch (HttpRequestException)
            {
                // The host died under this request: the storefront will retry it.
            }
        });

    private static Task ConfirmAllAsync(HttpClient client, IEnumerable<string> orderIds, ConcurrentDictionary<string, bool> confirmed) =>
        Parallel.ForEachAsync(orderIds, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (orderId, ct) =>
        {
            try
            {
                using var response = await client.PostAsync($"/api/orders/crash-shop/{orderId}/confirm", JsonContent("{}"), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    confirmed[orderId] = true;
                }
                else if (response.StatusCode == HttpStatusCode.Conflict
                    && (await BackofficeHost.JsonAsync(response)).GetProperty("order").GetProperty("stage").GetString() != "confirmation")
                {
                    confirmed[orderId] = true; // An earlier attempt landed before the process died.
                }
            }
            catch (HttpRequestException)
            {
            }
        });

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    private static Task WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()), TimeSpan.FromSeconds(60));

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(stopwatch.Elapsed < limit, "Timed out waiting for the condition.");
            await Task.Delay(50);
        }
    }

    /// <summary>Backoffice.Local.dll in its own process on a free port, with a dev token for an operator.</summary>

}
