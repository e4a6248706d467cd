using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Backoffice.Core.Common;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.EndToEnd.Tests;

/// <summary>The whole pipe over HTTP against the real host and Azurite, as storefronts and people drive it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OrderPipelineTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_order_runs_from_webhook_to_cash_handed_over_with_losses_recorded_at_each_stage()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var json = BackofficeHost.OrderJson("1001", lines: [("WH-1", 2, 1500, true), ("SUP-1", 1, 4000, false), ("SUP-2", 1, 2500, false), ("WH-2", 1, 900, true)]);

        var created = await host.PostOrderAsync("shop-one", json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var orderId = (await BackofficeHost.JsonAsync(created)).GetProperty("orderId").GetString()!;
        var path = $"/api/orders/shop-one/{orderId}";

        var operatorClient = host.As(Roles.Operator);
        var warehouse = host.As(Roles.Warehouse);
        var courier = host.As(Roles.Courier);

        // The warehouse holds the WH lines (confirmation reserves them); the SUP lines must come from a supplier.
        foreach (var (sku, quantity) in new[] { ("WH-1", 2), ("WH-2", 1) })
        {
            var received = await warehouse.PostAsJsonAsync($"/api/merchants/shop-one/stock/{sku}/receipts", new { quantity });
            Assert.True(received.IsSuccessStatusCode, $"receipt of {sku}: {(int)received.StatusCode}");
        }

        var confirmed = await operatorClient.PostAsJsonAsync(path + "/confirm", new { droppedLines = new[] { new { lineId = "4", reason = "customerChangedMind" } } });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("supplierPickup", (await BackofficeHost.JsonAsync(confirmed)).GetProperty("stage").GetString());

        var picked = await warehouse.PostAsJsonAsync(path + "/pickup", new { pickedUp = new[] { "2" }, failed = new[] { new { lineId = "3", reason = "supplierOutOfStock" } } });
        Assert.Equal(HttpStatusCode.OK, picked.StatusCode);
        Assert.Equal("packing", (await BackofficeHost.JsonAsync(picked)).GetProperty("stage").GetString());

        Assert.Equal(HttpStatusCode.OK, (await warehouse.PostAsJsonAsync(path + "/pack", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await courier.PostAsJsonAsync(path + "/dispatch", new { courierId = "courier-7" })).StatusCode);

        var due = 4000 + 500; // line 2 accepted plus delivery; line 1 rejected at the door.
        var delivered = await courier.PostAsJsonAsync(path + "/delivery", new
        {
            result = "acceptedSome",
            rejectedLines = new[] { new { lineId = "1", reason = "rejectedOnInspection", note = "wrong colour" } },
            cashCollected = due,
        });
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        var deliveredView = await BackofficeHost.JsonAsync(delivered);
        Assert.Equal("delivered", deliveredView.GetProperty("stage").GetString());
        Assert.Equal(due, deliveredView.GetProperty("cashCollected").GetInt64());
        Assert.Contains("cash-handover", deliveredView.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));

        var handed = await courier.PostAsJsonAsync(path + "/cash-handover", new { amount = due });
        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);

        var detail = await BackofficeHost.JsonAsync(await host.As(Roles.Supervisor).GetAsync(path));
        var lines = detail.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("lineId").GetString()!);
        Assert.Equal(("rejected", "delivery", "customer"), Loss(lines["1"]));
        Assert.Equal("delivered", lines["2"].GetProperty("status").GetString());
        Assert.Equal(("cancelled", "supplierPickup", "purchasing"), Loss(lines["3"]));
        Assert.Equal(("cancelled", "confirmation", "customer"), Loss(lines["4"]));
        Assert.Equal(0, detail.GetProperty("cashCollected").GetInt64() - detail.GetProperty("cashHandedOver").GetInt64());

        var timeline = detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray();
        Assert.Equal(
            ["OrderPlaced", "StageEntered", "LinesCancelled", "OrderConfirmed", "StageEntered", "LinesPickedUp", "LinesCancelled", "StageEntered",
             "OrderPacked", "StageEntered", "DispatchedToCourier", "LinesCancelled", "OrderDelivered", "CashHandedOver"],
            timeline);
        var who = detail.GetProperty("timeline").EnumerateArray().Select(e => (e.GetProperty("role").GetString(), e.GetProperty("channel").GetString())).ToArray();
        Assert.Equal(("storefront", "webhook:own"), who[0]);
        Assert.Equal(("courier", "api"), who[^1]);

        foreach (var stage in new[] { "Confirmation", "SupplierPickup", "Packing", "Delivery" })
        {
            var queue = await BackofficeHost.JsonAsync(await operatorClient.GetAsync($"/api/work/{stage}"));
            Assert.Empty(queue.GetProperty("items").EnumerateArray());
        }
    }

    [Fact]
    public async Task A_missed_deadline_escalates_and_repeated_misses_cancel_the_order()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var created = await BackofficeHost.JsonAsync(await host.PostOrderAsync("shop-one", BackofficeHost.OrderJson("2001")));
        var path = $"/api/orders/shop-one/{created.GetProperty("orderId").GetString()}";
        var supervisor = host.As(Roles.Supervisor);

        host.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await host.ReachDueDeadlinesAsync());

        var escalated = await BackofficeHost.JsonAsync(await supervisor.GetAsync(path));
        Assert.True(escalated.GetProperty("deadline").GetProperty("escalated").GetBoolean());
        var queue = await BackofficeHost.JsonAsync(await supervisor.GetAsync("/api/work/Confirmation"));
        Assert.Equal(1, queue.GetProperty("items")[0].GetProperty("misses").GetInt32());

        host.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        await host.ReachDueDeadlinesAsync();
        host.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        await host.ReachDueDeadlinesAsync();

        var cancelled = await BackofficeHost.JsonAsync(await supervisor.GetAsync(path));
        Assert.Equal("cancelled", cancelled.GetProperty("stage").GetString());
        Assert.Equal("deadlineMissed", cancelled.GetProperty("cancellation").GetProperty("reason").GetString());
        Assert.Equal("callCentre", cancelled.GetProperty("cancellation").GetProperty("department").GetString());
        Assert.Equal(3, cancelled.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "DeadlineMissed"));
    }

    [Fact]
    public async Task Two_operators_acting_at_once_get_one_success_and_one_conflict_with_the_fresh_state()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var created = await BackofficeHost.JsonAsync(await host.PostOrderAsync("shop-one", BackofficeHost.OrderJson("3001")));
        var path = $"/api/orders/shop-one/{created.GetProperty("orderId").GetString()}";

        var responses = await Task.WhenAll(
            host.As(Roles.Operator).PostAsJsonAsync(path + "/confirm", new { }),
            host.As(Roles.Supervisor).PostAsJsonAsync(path + "/cancel", new { reason = "fraud" }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var conflict = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        var problem = await BackofficeHost.JsonAsync(conflict);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        Assert.Contains(problem.GetProperty("code").GetString(), new[] { "stage-forbids", "reason-not-allowed" });
        Assert.NotEqual("confirmation", problem.GetProperty("order").GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_command_against_a_stale_version_answers_412_and_changes_nothing()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var created = await BackofficeHost.JsonAsync(await host.PostOrderAsync("shop-one", BackofficeHost.OrderJson("4001")));
        var path = $"/api/orders/shop-one/{created.GetProperty("orderId").GetString()}";
        var client = host.As(Roles.Operator);
        var etag = (await client.GetAsync(path)).Headers.ETag!.Tag;
        Assert.Equal("\"2\"", etag);

        var request = new HttpRequestMessage(HttpMethod.Post, path + "/cancel") { Content = JsonContent.Create(new { reason = "duplicate" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var stale = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("confirmation", (await BackofficeHost.JsonAsync(await client.GetAsync(path))).GetProperty("stage").GetString());
        var ok = await client.PostAsJsonAsync(path + "/cancel", new { reason = "duplicate", expectedVersion = 2 });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task A_command_the_state_forbids_answers_409_with_the_reason()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var created = await BackofficeHost.JsonAsync(await host.PostOrderAsync("shop-one", BackofficeHost.OrderJson("5001")));
        var path = $"/api/orders/shop-one/{created.GetProperty("orderId").GetString()}";

        var response = await host.As(Roles.Warehouse).PostAsJsonAsync(path + "/pack", new { });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await BackofficeHost.JsonAsync(response);
        Assert.Contains("Packing", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_command_bodies_answer_with_field_paths()
    {
        await using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var created = await BackofficeHost.JsonAsync(await host.PostOrderAsync("shop-one", BackofficeHost.OrderJson("6001")));
        var path = $"/api/orders/shop-one/{created.GetProperty("orderId").GetString()}";
        var client = host.As(Roles.Operator);

        var missing = await client.PostAsJsonAsync(path + "/cancel-lines", new { lines = new[] { new { lineId = "1" } } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.True((await BackofficeHost.JsonAsync(missing)).GetProperty("errors").TryGetProperty("lines[0].reason", out _));

        var wrongType = await client.PostAsync(path + "/cancel", new StringContent("{\"reason\": 42}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.True((await BackofficeHost.JsonAsync(wrongType)).GetProperty("errors").TryGetProperty("$.reason", out _));

        var unknownReason = await client.PostAsync(path + "/cancel", new StringContent("{\"reason\": \"bored\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownReason.StatusCode);
        var allowed = (await BackofficeHost.JsonAsync(unknownReason)).GetProperty("errors").GetProperty("reason")[0].GetString();
        Assert.Contains("duplicate", allowed, StringComparison.Ordinal);

        Assert.Equal(2, (await BackofficeHost.JsonAsync(await client.GetAsync(path))).GetProperty("version").GetInt32());
    }

    private static (string?, string?, string?) Loss(JsonElement line) => (
        line.GetProperty("status").GetString(),
        line.GetProperty("cancellation").GetProperty("stage").GetString(),
        line.GetProperty("cancellation").GetProperty("department").GetString());
}
