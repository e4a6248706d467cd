using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Backoffice.Core.Common;
using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders.Lifecycle;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Microsoft.DurableTask.Client;
using Xunit;

namespace Backoffice.EndToEnd.Tests;

/// <summary>
/// The real order engine: the Durable Task worker and client over the in-process sidecar on DurableTask.AzureStorage
/// (Azurite), running <see cref="OrderLifecycle"/> with real durable timers — so deadlines here are seconds long.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class OrderEngineTests(AzuriteFixture azurite)
{
    private static readonly DeadlinePolicy Seconds = new(
        TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), MaxDeliveryAttempts: 2, MaxDeadlineMisses: 2);

    [Fact]
    public async Task Durable_timers_escalate_a_missed_deadline_and_cancel_the_order_when_it_is_missed_again()
    {
        await using var host = new BackofficeHost(azurite, engine: true);
        await host.AddMerchantAsync(deadlines: Seconds);
        var created = await BackofficeHost.JsonAsync(await host.PostOrderAsync("shop-one", BackofficeHost.OrderJson("E-1")));
        var path = $"/api/orders/shop-one/{created.GetProperty("orderId").GetString()}";
        var supervisor = host.As(Roles.Supervisor);

        var cancelled = await EventuallyAsync(supervisor, path, o => o.GetProperty("stage").GetString() == "cancelled", TimeSpan.FromSeconds(40));

        Assert.Equal("deadlineMissed", cancelled.GetProperty("cancellation").GetProperty("reason").GetString());
        var misses = cancelled.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "DeadlineMissed");
        Assert.True(misses >= 1, $"{misses} DeadlineMissed events");
        var instance = await WaitForStatusAsync(host, created.GetProperty("orderId").GetString()!, OrchestrationRuntimeStatus.Completed);
        Assert.Contains("\"settled\":true", instance.SerializedOutput ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_order_runs_its_orchestration_from_webhook_to_cash_handover_and_commands_answer_synchronously()
    {
        await using var host = new BackofficeHost(azurite, engine: true);
        await host.AddMerchantAsync();
        var json = BackofficeHost.OrderJson("E-2");
        var first = await host.PostOrderAsync("shop-one", json);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var orderId = (await BackofficeHost.JsonAsync(first)).GetProperty("orderId").GetString()!;
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await WaitForStatusAsync(host, orderId, OrchestrationRuntimeStatus.Running)).RuntimeStatus);

        var again = await host.PostOrderAsync("shop-one", json);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False((await BackofficeHost.JsonAsync(again)).GetProperty("created").GetBoolean());

        var path = $"/api/orders/shop-one/{orderId}";
        var operatorClient = host.As(Roles.Operator);
        var warehouse = host.As(Roles.Warehouse);
        var courier = host.As(Roles.Courier);
        var stale = await operatorClient.SendAsync(new HttpRequestMessage(HttpMethod.Post, path + "/confirm") { Content = JsonContent.Create(new { }), Headers = { { "If-Match", "\"1\"" } } });
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var confirmed = await operatorClient.PostAsJsonAsync(path + "/confirm", new { });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var stage = (await BackofficeHost.JsonAsync(confirmed)).GetProperty("stage").GetString();
        if (stage == "supplierPickup")
        {
            Assert.Equal(HttpStatusCode.OK, (await warehouse.PostAsJsonAsync(path + "/pickup", new { pickedUp = new[] { "1" } })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Conflict, (await courier.PostAsJsonAsync(path + "/delivery", new { result = "acceptedAll", cashCollected = 1500 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await warehouse.PostAsJsonAsync(path + "/pack", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await courier.PostAsJsonAsync(path + "/dispatch", new { courierId = "courier-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await courier.PostAsJsonAsync(path + "/delivery", new { result = "acceptedAll", cashCollected = 1500 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await courier.PostAsJsonAsync(path + "/cash-handover", new { amount = 1500 })).StatusCode);

        var done = await WaitForStatusAsync(host, orderId, OrchestrationRuntimeStatus.Completed);
        Assert.Contains("\"settled\":true", done.SerializedOutput ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Anna", done.SerializedInput + done.SerializedOutput + done.SerializedCustomStatus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_killed_right_after_a_commit_has_the_orchestration_finish_the_commands_effects_after_restart()
    {
        var storage = azurite.NewNamespace();
        await StorageProvisioner.EnsureCreatedAsync(new StorageClients(storage));
        string orderId;
        await using (var setup = new BackofficeHost(azurite, engine: false, storage: storage))
        {
            await setup.AddMerchantAsync();
        }

        var killAfterConfirm = new Dictionary<string, string> { ["Faults__KillAfterCommit"] = nameof(ConfirmOrder) };
        using (var doomed = await LocalHostProcess.StartAsync(storage, killAfterConfirm))
        {
            var webhook = await doomed.Client.SendAsync(BackofficeHost.SignedOrderRequest("shop-one", BackofficeHost.OrderJson("K-1"), DateTimeOffset.UtcNow));
            Assert.Equal(HttpStatusCode.Created, webhook.StatusCode);
            orderId = (await BackofficeHost.JsonAsync(webhook)).GetProperty("orderId").GetString()!;
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => doomed.Client.PostAsJsonAsync($"/api/orders/shop-one/{orderId}/confirm", new { }));
            Assert.True(doomed.WaitForExit(TimeSpan.FromSeconds(10)));
        }

        // The commit landed, the inline dispatch did not: the order is confirmed, its work item still says Confirmation.
        var store = new Infra.Orders.OrderStore(new StorageClients(storage));
        var order = (PlacedOrder)(await store.LoadAsync("shop-one", orderId)).State;
        Assert.NotEqual(Stage.Confirmation, order.Stage);
        Assert.NotEmpty(await store.PendingEffectsAsync("shop-one", orderId));

        using var restarted = await LocalHostProcess.StartAsync(storage);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90) && (await store.PendingEffectsAsync("shop-one", orderId)).Count > 0)
        {
            await Task.Delay(250);
        }

        Assert.Empty(await store.PendingEffectsAsync("shop-one", orderId));
        var queue = await BackofficeHost.JsonAsync(await restarted.Client.GetAsync($"/api/work/{order.Stage}"));
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), i => i.GetProperty("orderId").GetString() == orderId);
    }

    [Fact]
    public async Task An_order_started_under_version_1_finishes_after_the_engine_moves_to_version_2()
    {
        var storage = azurite.NewNamespace();
        string oldOrder;
        await using (var before = new BackofficeHost(azurite, engine: true, storage: storage, settings: new Dictionary<string, string> { ["OrderEngine:Version"] = OrderLifecycleVersions.V1 }))
        {
            await before.AddMerchantAsync();
            oldOrder = (await BackofficeHost.JsonAsync(await before.PostOrderAsync("shop-one", BackofficeHost.OrderJson("V-1")))).GetProperty("orderId").GetString()!;
            var running = await WaitForStatusAsync(before, oldOrder, OrchestrationRuntimeStatus.Running, s => s.SerializedCustomStatus?.Contains("engineVersion", StringComparison.OrdinalIgnoreCase) == true);
            Assert.Equal(OrderLifecycleVersions.V1, EngineVersion(running.SerializedCustomStatus));
        }

        // The deployment moves to version 2 while the order is in flight; the same storage, the same task hub.
        await using var after = new BackofficeHost(azurite, engine: true, storage: storage);
        var newOrder = (await BackofficeHost.JsonAsync(await after.PostOrderAsync("shop-one", BackofficeHost.OrderJson("V-2")))).GetProperty("orderId").GetString()!;
        var fresh = await WaitForStatusAsync(after, newOrder, OrchestrationRuntimeStatus.Running, s => s.SerializedCustomStatus?.Contains("engineVersion", StringComparison.OrdinalIgnoreCase) == true);
        Assert.Equal(OrderLifecycleVersions.V2, EngineVersion(fresh.SerializedCustomStatus));

        await DeliverAndHandOverAsync(after, oldOrder);

        var done = await WaitForStatusAsync(after, oldOrder, OrchestrationRuntimeStatus.Completed);
        Assert.Equal(OrderLifecycleVersions.V1, EngineVersion(done.SerializedOutput));
        Assert.Contains("\"settled\":true", done.SerializedOutput ?? string.Empty, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Erasing_a_customer_purges_the_finished_orchestrations_of_their_orders()
    {
        await using var host = new BackofficeHost(azurite, engine: true);
        await host.AddMerchantAsync();
        var orderId = (await BackofficeHost.JsonAsync(await host.PostOrderAsync("shop-one", BackofficeHost.OrderJson("P-1")))).GetProperty("orderId").GetString()!;
        var path = $"/api/orders/shop-one/{orderId}";
        Assert.Equal(HttpStatusCode.OK, (await host.As(Roles.Supervisor).PostAsJsonAsync(path + "/cancel", new { reason = "duplicate" })).StatusCode);
        await WaitForStatusAsync(host, orderId, OrchestrationRuntimeStatus.Completed);
        var customerId = (await BackofficeHost.JsonAsync(await host.As(Roles.Operator).GetAsync($"/api/merchants/shop-one/customers/by-order/{orderId}")))
            .GetProperty("customer").GetProperty("customerId").GetString();

        var erased = await host.As(Roles.Supervisor).PostAsync($"/api/merchants/shop-one/customers/{customerId}/erasure", null);

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Null(await host.Service<DurableTaskClient>().GetInstanceAsync(OrderLifecycle.InstanceId("shop-one", orderId)));
    }

    /// <summary>The version in an orchestration's custom status or output (the data converter's property casing).</summary>
    private static string? EngineVersion(string? json) =>
        json is null ? null : System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateObject()
            .FirstOrDefault(p => p.NameEquals("engineVersion") || p.NameEquals("EngineVersion")).Value is { ValueKind: System.Text.Json.JsonValueKind.String } v ? v.GetString() : null;

    private static async Task DeliverAndHandOverAsync(BackofficeHost host, string orderId)
    {
        var path = $"/api/orders/shop-one/{orderId}";
        var warehouse = host.As(Roles.Warehouse);
        var courier = host.As(Roles.Courier);
        var confirmed = await host.As(Roles.Operator).PostAsJsonAsync(path + "/confirm", new { });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        if ((await BackofficeHost.JsonAsync(confirmed)).GetProperty("stage").GetString() == "supplierPickup")
        {
            Assert.Equal(HttpStatusCode.OK, (await warehouse.PostAsJsonAsync(path + "/pickup", new { pickedUp = new[] { "1" } })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await warehouse.PostAsJsonAsync(path + "/pack", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await courier.PostAsJsonAsync(path + "/dispatch", new { courierId = "courier-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await courier.PostAsJsonAsync(path + "/delivery", new { result = "acceptedAll", cashCollected = 1500 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await courier.PostAsJsonAsync(path + "/cash-handover", new { amount = 1500 })).StatusCode);
    }

    private static async Task<System.Text.Json.JsonElement> EventuallyAsync(HttpClient client, string path, Func<System.Text.Json.JsonElement, bool> done, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var order = await BackofficeHost.JsonAsync(await client.GetAsync(path));
            if (done(order) || clock.Elapsed > limit)
            {
                return order;
            }

            await Task.Delay(250);
        }
    }

    private static async Task<OrchestrationMetadata> WaitForStatusAsync(
        BackofficeHost host, string orderId, OrchestrationRuntimeStatus status, Func<OrchestrationMetadata, bool>? also = null)
    {
        var client = host.Service<DurableTaskClient>();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var instance = await client.GetInstanceAsync(OrderLifecycle.InstanceId("shop-one", orderId), getInputsAndOutputs: true);
            if ((instance?.RuntimeStatus == status && (also is null || also(instance))) || clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.NotNull(instance);
                Assert.Equal(status, instance.RuntimeStatus);
                return instance;
            }

            await Task.Delay(200);
        }
    }
}
