using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Backoffice.Core.Common;
using Backoffice.Testing;
using Xunit;
using static Backoffice.Stock.Tests.StockApi;

namespace Backoffice.Stock.Tests;

/// <summary>Confirmation with real stock, through the real host: reserve, pick up, pack, cancel, return.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StockEndpointTests(AzuriteFixture azurite)
{
    private const string Shop = "shop-one";

    private async Task<BackofficeHost> HostAsync()
    {
        var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync(Shop);
        return host;
    }

    [Fact]
    public async Task Confirmation_reserves_what_is_on_hand_and_sends_only_the_rest_to_supplier_pickup()
    {
        using var host = await HostAsync();
        await ReceiveAsync(host, Shop, "SHIRT", 5);
        await ReceiveAsync(host, Shop, "SHOES", 1);
        var order = await PlaceAsync(host, Shop, "1001", ("SHIRT", 2, 1000, true), ("SHOES", 3, 5000, true), ("HAT", 1, 700, true));

        var confirmed = await OkAsync(await CommandAsync(host, Roles.Operator, Shop, order, "confirm", new { }));

        Assert.Equal("supplierPickup", confirmed.GetProperty("stage").GetString());
        var statuses = confirmed.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("status").GetString()).ToArray();
        Assert.Equal(new[] { "active", "awaitingPickup", "awaitingPickup" }, statuses);
        var reservations = (await OkAsync(await host.As(Roles.Warehouse).GetAsync($"/api/merchants/{Shop}/orders/{order}/reservations")))
            .EnumerateArray().ToDictionary(r => r.GetProperty("sku").GetString()!, r => (r.GetProperty("reserved").GetInt32(), r.GetProperty("missing").GetInt32()));
        Assert.Equal((2, 0), reservations["SHIRT"]);
        Assert.Equal((1, 2), reservations["SHOES"]);
        Assert.Equal((0, 1), reservations["HAT"]);
        Assert.Equal((5, 2, 3), Level(await BalanceAsync(host, Shop, "SHIRT")));
        Assert.Equal((1, 1, 0), Level(await BalanceAsync(host, Shop, "SHOES")));
    }

    [Fact]
    public async Task Reservations_are_empty_for_an_unconfirmed_order_and_404_for_an_order_the_merchant_does_not_have()
    {
        using var host = await HostAsync();
        await host.AddMerchantAsync("shop-two");
        var order = await PlaceAsync(host, Shop, "1001", ("SHIRT", 2, 1000, true));
        var supervisor = host.As(Roles.Supervisor);

        var unconfirmed = await supervisor.GetAsync($"/api/merchants/{Shop}/orders/{order}/reservations");
        var otherShop = await supervisor.GetAsync($"/api/merchants/shop-two/orders/{order}/reservations");
        var unknown = await supervisor.GetAsync($"/api/merchants/{Shop}/orders/ORD-0000000000ZZ/reservations");

        Assert.Empty((await OkAsync(unconfirmed)).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, otherShop.StatusCode);
        Assert.Equal("application/problem+json", otherShop.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Stock_that_covers_every_line_sends_the_order_to_packing_whatever_the_webhook_said()
    {
        using var host = await HostAsync();
        await ReceiveAsync(host, Shop, "SHIRT", 5);
        var order = await PlaceAsync(host, Shop, "1001", ("SHIRT", 2, 1000, false));

        var confirmed = await OkAsync(await CommandAsync(host, Roles.Operator, Shop, order, "confirm", new { }));

        Assert.Equal("packing", confirmed.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task Parallel_confirmations_over_http_promise_exactly_the_units_that_exist()
    {
        using var host = await HostAsync();
        await ReceiveAsync(host, Shop, "HOT", 3);
        var orders = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            orders.Add(await PlaceAsync(host, Shop, $"hot-{i}", ("HOT", 1, 1000, true)));
        }

        var responses = await Task.WhenAll(orders.Select(o => Task.Run(() => CommandAsync(host, Roles.Operator, Shop, o, "confirm", new { }))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var stages = await Task.WhenAll(orders.Select(o => StageAsync(host, Shop, o)));
        Assert.Equal(3, stages.Count(s => s == "packing"));
        Assert.Equal(5, stages.Count(s => s == "supplierPickup"));
        Assert.Equal((3, 3, 0), Level(await BalanceAsync(host, Shop, "HOT")));
    }

    [Fact]
    public async Task A_confirmation_that_loses_the_last_unit_answers_200_saying_stock_ran_short_for_that_line_and_a_later_read_says_so_too()
    {
        using var host = await HostAsync();
        await ReceiveAsync(host, Shop, "LAST", 1);
        await ReceiveAsync(host, Shop, "SOCKS", 10);
        var a = await PlaceAsync(host, Shop, "race-a", ("LAST", 1, 1000, true), ("SOCKS", 2, 300, true));
        var b = await PlaceAsync(host, Shop, "race-b", ("LAST", 1, 1000, true), ("SOCKS", 2, 300, true));

        var answers = await Task.WhenAll(new[] { a, b }.Select(o => Task.Run(async () => (Order: o, Body: await OkAsync(await CommandAsync(host, Roles.Operator, Shop, o, "confirm", new { }))))));

        var (loser, lost) = Assert.Single(answers, x => x.Body.GetProperty("stage").GetString() == "supplierPickup");
        var (_, won) = Assert.Single(answers, x => x.Order != loser);
        Assert.Equal("packing", won.GetProperty("stage").GetString());
        Assert.Equal(new[] { ("LAST", 1, 0), ("SOCKS", 2, 0) }, Stock(won));
        Assert.Equal(new[] { ("LAST", 0, 1), ("SOCKS", 2, 0) }, Stock(lost));
        Assert.Equal("awaitingPickup", Line(lost, "LAST").GetProperty("status").GetString());
        var later = await OkAsync(await host.As(Roles.Supervisor).GetAsync($"/api/orders/{Shop}/{loser}"));
        Assert.Equal(Stock(lost), Stock(later));

        static JsonElement Line(JsonElement order, string sku) => order.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("sku").GetString() == sku);

        static (string Sku, int Reserved, int Short)[] Stock(JsonElement order) => order.GetProperty("lines").EnumerateArray()
            .Select(l => (l.GetProperty("sku").GetString()!, l.GetProperty("reservedFromStock").GetInt32(), l.GetProperty("shortOfStock").GetInt32()))
            .OrderBy(l => l.Item1, StringComparer.Ordinal)
            .ToArray();
    }

    [Fact]
    public async Task An_unconfirmed_order_says_nothing_about_stock_yet()
    {
        using var host = await HostAsync();
        var order = await PlaceAsync(host, Shop, "1001", ("SHIRT", 2, 1000, true));

        var line = (await OkAsync(await host.As(Roles.Supervisor).GetAsync($"/api/orders/{Shop}/{order}"))).GetProperty("lines")[0];

        Assert.Equal("active", line.GetProperty("status").GetString());
        Assert.False(line.TryGetProperty("reservedFromStock", out _)); // the API leaves nulls out
        Assert.False(line.TryGetProperty("shortOfStock", out _));
    }

    [Fact]
    public async Task Cancelling_a_confirmed_order_gives_its_units_back()
    {
        using var host = await HostAsync();
        await ReceiveAsync(host, Shop, "SHIRT", 2);
        var order = await PlaceAsync(host, Shop, "1001", ("SHIRT", 2, 1000, true));
        await OkAsync(await CommandAsync(host, Roles.Operator, Shop, order, "confirm", new { }));
        Assert.Equal((2, 2, 0), Level(await BalanceAsync(host, Shop, "SHIRT")));

        await OkAsync(await CommandAsync(host, Roles.Operator, Shop, order, "cancel", new { reason = "customerChangedMind" }));

        Assert.Equal((2, 0, 2), Level(await BalanceAsync(host, Shop, "SHIRT")));
    }

    [Fact]
    public async Task A_refused_confirmation_reserves_nothing()
    {
        using var host = await HostAsync();
        await ReceiveAsync(host, Shop, "SHIRT", 2);
        var order = await PlaceAsync(host, Shop, "1001", ("SHIRT", 2, 1000, true));
        await OkAsync(await CommandAsync(host, Roles.Operator, Shop, order, "cancel", new { reason = "duplicate" }));

        var refused = await CommandAsync(host, Roles.Operator, Shop, order, "confirm", new { });
        var stale = await PlaceAsync(host, Shop, "1002", ("SHIRT", 1, 1000, true));
        var wrongVersion = await CommandAsync(host, Roles.Operator, Shop, stale, "confirm", new { expectedVersion = 99 });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, wrongVersion.StatusCode);
        Assert.Equal((2, 0, 2), Level(await BalanceAsync(host, Shop, "SHIRT")));
    }

    [Fact]
    public async Task Goods_fetched_from_the_supplier_come_in_and_packing_takes_everything_out()
    {
        using var host = await HostAsync();
        await ReceiveAsync(host, Shop, "SHOES", 1);
        var order = await PlaceAsync(host, Shop, "1001", ("SHOES", 3, 5000, true));
        await OkAsync(await CommandAsync(host, Roles.Operator, Shop, order, "confirm", new { }));

        await OkAsync(await CommandAsync(host, Roles.Warehouse, Shop, order, "pickup", new { pickedUp = new[] { "1" } }));
        Assert.Equal((3, 3, 0), Level(await BalanceAsync(host, Shop, "SHOES")));
        await OkAsync(await CommandAsync(host, Roles.Warehouse, Shop, order, "pack", new { }));

        Assert.Equal((0, 0, 0), Level(await BalanceAsync(host, Shop, "SHOES")));
        var movements = (await OkAsync(await host.As(Roles.Merchant, Shop).GetAsync($"/api/merchants/{Shop}/stock/SHOES/movements"))).GetProperty("items")
            .EnumerateArray().Select(m => (m.GetProperty("kind").GetString()!, m.GetProperty("quantity").GetInt32(), m.GetProperty("role").GetString()!)).ToArray();
        Assert.Equal(new[] { ("packed", -3, "warehouse"), ("supplierPickup", 2, "warehouse"), ("receipt", 1, "warehouse") }, movements);
    }

    [Fact]
    public async Task A_refused_parcel_goes_back_to_stock_once_when_the_warehouse_records_it()
    {
        using var host = await HostAsync();
        await ReceiveAsync(host, Shop, "SHIRT", 2);
        var order = await PlaceAsync(host, Shop, "1001", ("SHIRT", 2, 1000, true));
        await OkAsync(await CommandAsync(host, Roles.Operator, Shop, order, "confirm", new { }));
        await OkAsync(await CommandAsync(host, Roles.Warehouse, Shop, order, "pack", new { }));
        await OkAsync(await CommandAsync(host, Roles.Courier, Shop, order, "dispatch", new { courierId = "c-1" }));
        await OkAsync(await CommandAsync(host, Roles.Courier, Shop, order, "delivery", new { result = "refused" }));
        Assert.Equal((0, 0, 0), Level(await BalanceAsync(host, Shop, "SHIRT")));

        var warehouse = host.As(Roles.Warehouse);
        var returned = await OkAsync(await warehouse.PostAsJsonAsync($"/api/merchants/{Shop}/stock/returns", new { orderId = order, lines = new[] { new { lineId = "1" } } }));
        var again = await OkAsync(await warehouse.PostAsJsonAsync($"/api/merchants/{Shop}/stock/returns", new { orderId = order, lines = new[] { new { lineId = "1" } } }));

        Assert.False(returned.GetProperty("lines")[0].GetProperty("alreadyReturned").GetBoolean());
        Assert.True(again.GetProperty("lines")[0].GetProperty("alreadyReturned").GetBoolean());
        Assert.Equal((2, 0, 2), Level(await BalanceAsync(host, Shop, "SHIRT")));
    }

    [Fact]
    public async Task Lines_that_never_left_cannot_be_returned()
    {
        using var host = await HostAsync();
        var order = await PlaceAsync(host, Shop, "1001", ("SHIRT", 2, 1000, true));

        var response = await host.As(Roles.Warehouse).PostAsJsonAsync($"/api/merchants/{Shop}/stock/returns", new { orderId = order, lines = new[] { new { lineId = "1" }, new { lineId = "7" } } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await BackofficeHost.JsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("lines[0].lineId", out _));
        Assert.True(errors.TryGetProperty("lines[1].lineId", out _));
    }

    [Fact]
    public async Task A_storefront_reads_its_availability_with_its_own_token_and_a_changed_since_filter()
    {
        using var host = await HostAsync();
        await ReceiveAsync(host, Shop, "A", 4);
        await ReceiveAsync(host, Shop, "B", 1);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        var since = host.Clock.GetUtcNow();
        var order = await PlaceAsync(host, Shop, "1001", ("A", 3, 1000, true));
        await OkAsync(await CommandAsync(host, Roles.Operator, Shop, order, "confirm", new { }));
        var storefront = host.As(Roles.Merchant, Shop);

        var all = await OkAsync(await storefront.GetAsync($"/api/merchants/{Shop}/availability"));
        var changed = await OkAsync(await storefront.GetAsync($"/api/merchants/{Shop}/availability?changedSince={Uri.EscapeDataString(since.ToString("O"))}"));

        Assert.Equal(new[] { ("B", 1), ("A", 1) }, all.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("sku").GetString()!, i.GetProperty("available").GetInt32())));
        var item = Assert.Single(changed.GetProperty("items").EnumerateArray());
        Assert.Equal(("A", 1, 3), (item.GetProperty("sku").GetString(), item.GetProperty("available").GetInt32(), item.GetProperty("reserved").GetInt32()));
        Assert.Equal(since, changed.GetProperty("latestChangeAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Availability_pages_with_an_opaque_continuation_token()
    {
        using var host = await HostAsync();
        for (var i = 0; i < 5; i++)
        {
            await ReceiveAsync(host, Shop, $"SKU-{i}", 1);
        }

        var storefront = host.As(Roles.Merchant, Shop);
        var first = await OkAsync(await storefront.GetAsync($"/api/merchants/{Shop}/availability?pageSize=3"));
        var token = first.GetProperty("continuationToken").GetString();
        var second = await OkAsync(await storefront.GetAsync($"/api/merchants/{Shop}/availability?pageSize=3&continuationToken={token}"));

        Assert.Equal(3, first.GetProperty("items").GetArrayLength());
        Assert.Equal(2, second.GetProperty("items").GetArrayLength());
        Assert.False(second.TryGetProperty("continuationToken", out _));
    }

    [Fact]
    public async Task Warehouse_entries_and_queries_are_validated_with_field_paths()
    {
        using var host = await HostAsync();
        var warehouse = host.As(Roles.Warehouse);

        var zero = await warehouse.PostAsJsonAsync($"/api/merchants/{Shop}/stock/A/receipts", new { quantity = 0 });
        var negative = await warehouse.PostAsJsonAsync($"/api/merchants/{Shop}/stock/A/counts", new { counted = -1 });
        var wrongType = await warehouse.PostAsJsonAsync($"/api/merchants/{Shop}/stock/A/receipts", new { quantity = "many" });
        var badSince = await warehouse.GetAsync($"/api/merchants/{Shop}/availability?changedSince=yesterday");
        var unknownMerchant = await warehouse.PostAsJsonAsync("/api/merchants/nobody/stock/A/receipts", new { quantity = 1 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, zero.StatusCode);
        Assert.True((await BackofficeHost.JsonAsync(zero)).GetProperty("errors").TryGetProperty("quantity", out _));
        Assert.True((await BackofficeHost.JsonAsync(negative)).GetProperty("errors").TryGetProperty("counted", out _));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSince.StatusCode);
        Assert.True((await BackofficeHost.JsonAsync(badSince)).GetProperty("errors").TryGetProperty("changedSince", out _));
        Assert.Equal(HttpStatusCode.NotFound, unknownMerchant.StatusCode);
        Assert.Null(await host.Service<Infra.Stock.StockLedger>().GetAsync("nobody", "A"));
    }

    [Fact]
    public async Task A_stock_count_and_a_sku_with_a_slash_work_through_the_api()
    {
        using var host = await HostAsync();
        var warehouse = host.As(Roles.Warehouse);
        await warehouse.PostAsJsonAsync($"/api/merchants/{Shop}/stock/{Uri.EscapeDataString("A/1")}/receipts", new { quantity = 10, movementId = "dn-1" });

        var counted = await OkAsync(await warehouse.PostAsJsonAsync($"/api/merchants/{Shop}/stock/{Uri.EscapeDataString("A/1")}/counts", new { counted = 7, note = "shelf 3" }));

        Assert.Equal("A/1", counted.GetProperty("balance").GetProperty("sku").GetString());
        Assert.Equal(7, counted.GetProperty("balance").GetProperty("onHand").GetInt32());
    }
}
