using System.Diagnostics;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Jobs;
using Backoffice.Infra.Status;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Status.Tests;

/// <summary>
/// Issue 15, item 15: one merchant's hanging endpoint delayed another merchant's status from 0.3 s to 39 s, because
/// the pump waited for a whole batch. Each message is now delivered on its own, with bounded slots per merchant.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StatusIsolationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_hanging_merchant_endpoint_does_not_delay_another_merchants_status_and_occupies_only_its_own_slots()
    {
        await using var slow = await StatusReceiver.StartAsync();
        await using var fast = await StatusReceiver.StartAsync();
        slow.Answer = slow.Hang;
        await using var world = await StatusWorld.CreateAsync(azurite, new() { ["StatusDelivery:Timeout"] = "00:00:30" });
        await AddAsync(world, "slow-shop", slow.StatusUrl);
        await AddAsync(world, "fast-shop", fast.StatusUrl);
        var queue = world.Clients.Queue(QueueNames.Status);
        for (var i = 1; i <= 10; i++)
        {
            await queue.SendMessageAsync(StatusQueueMessage.Format(Message("slow-shop", i), 1));
        }

        using var stop = new CancellationTokenSource();
        await world.Pump.StartAsync(stop.Token);
        try
        {
            await WaitUntilAsync(() => slow.Received.Count >= world.Options.MaxConcurrentPerMerchant, TimeSpan.FromSeconds(10));

            // The slow merchant's deliveries are hanging now; the fast merchant's status arrives behind them.
            var clock = Stopwatch.StartNew();
            await queue.SendMessageAsync(StatusQueueMessage.Format(Message("fast-shop", 1), 1));
            await WaitUntilAsync(() => !fast.Received.IsEmpty, TimeSpan.FromSeconds(10));

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"The fast merchant's status took {clock.Elapsed}.");
            Assert.Equal(world.Options.MaxConcurrentPerMerchant, world.Pump.InFlight("slow-shop"));
            Assert.Equal(world.Options.MaxConcurrentPerMerchant, slow.Received.Count);
        }
        finally
        {
            await stop.CancelAsync();
            await world.Pump.StopAsync(CancellationToken.None);
        }
    }

    private static Task AddAsync(StatusWorld world, string merchantId, Uri statusUrl) =>
        world.Merchants.CreateAsync(
            new Merchant(merchantId, merchantId, "EUR", "Europe/Berlin", DeadlinePolicy.Default, Tariff.Default, statusUrl.ToString()),
            new WebhookSecrets(["whsec_aW5ib3VuZA=="], StatusWorld.Outbound));

    private static StatusMessage Message(string merchantId, int version) =>
        StatusWorld.Message(version) with { MerchantId = merchantId, Id = $"ORD-{merchantId}:{version}:status", OrderId = $"ORD-{merchantId}" };

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < limit, "Timed out waiting.");
            await Task.Delay(50);
        }
    }
}
