using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Backoffice.Infra.Kpi;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Kpi.Tests;

/// <summary>POST /api/webhooks/{merchantId}/traffic: signed, idempotent per delivery, later value wins, audited.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TrafficWebhookTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Monday = new(2026, 11, 16);

    [Fact]
    public async Task A_report_is_created_replaced_by_a_later_one_deduplicated_by_delivery_id_and_kept_in_the_history()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();

        var first = await host.PostTrafficAsync("shop-one", KpiTestHost.Traffic(Monday, 1200), id: "msg_1");
        var second = await host.PostTrafficAsync("shop-one", KpiTestHost.Traffic(Monday, 1500), id: "msg_2");
        var again = await host.PostTrafficAsync("shop-one", KpiTestHost.Traffic(Monday, 1500), id: "msg_2");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var replaced = await BackofficeHost.JsonAsync(second);
        Assert.Equal(("replaced", 1500, 2), (replaced.GetProperty("outcome").GetString(), replaced.GetProperty("visits").GetInt64(), replaced.GetProperty("revision").GetInt64()));
        Assert.Equal("duplicate", (await BackofficeHost.JsonAsync(again)).GetProperty("outcome").GetString());

        var audit = await BackofficeHost.JsonAsync(await host.As("merchant", "shop-one").GetAsync("/api/kpi/merchants/shop-one/traffic?from=2026-11-16&to=2026-11-16"));
        Assert.Equal(1500, audit.GetProperty("days")[0].GetProperty("visits").GetInt64());
        var reports = audit.GetProperty("reports").EnumerateArray().Select(r => (r.GetProperty("visits").GetInt64(), r.TryGetProperty("previousVisits", out var previous) && previous.ValueKind == JsonValueKind.Number ? previous.GetInt64() : (long?)null)).ToArray();
        Assert.Equal([(1200L, (long?)null), (1500L, 1200L)], reports);
    }

    [Fact]
    public async Task An_older_report_arriving_late_is_kept_in_the_history_but_does_not_replace_the_newer_value()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var now = host.Clock.GetUtcNow();

        await host.PostTrafficAsync("shop-one", KpiTestHost.Traffic(Monday, 1500), id: "msg_new", sentAt: now);
        var late = await host.PostTrafficAsync("shop-one", KpiTestHost.Traffic(Monday, 1200), id: "msg_old", sentAt: now.AddMinutes(-2));

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var answer = await BackofficeHost.JsonAsync(late);
        Assert.Equal(("superseded", 1500, 1), (answer.GetProperty("outcome").GetString(), answer.GetProperty("visits").GetInt64(), answer.GetProperty("revision").GetInt64()));
        var current = await host.Service<TrafficStore>().CurrentAsync("shop-one", Monday);
        Assert.Equal((1500, 1, "msg_new", now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond))), (current!.Visits, current.Revision, current.DeliveryId, current.SentAt));
        var (_, history) = await host.Service<TrafficStore>().ListAsync("shop-one", Monday, Monday);
        Assert.Equal([("msg_new", true), ("msg_old", false)], history.Select(h => (h.DeliveryId, h.Applied)).ToArray());
        Assert.Single(await ChangeRowsAsync(host));
    }

    [Fact]
    public async Task Reports_sent_in_the_same_second_are_decided_by_delivery_id_whatever_order_they_arrive_in()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync("shop-one");
        await host.AddMerchantAsync("shop-two");
        var now = host.Clock.GetUtcNow();

        await host.PostTrafficAsync("shop-one", KpiTestHost.Traffic(Monday, 10), id: "msg_a", sentAt: now);
        await host.PostTrafficAsync("shop-one", KpiTestHost.Traffic(Monday, 20), id: "msg_b", sentAt: now);
        await host.PostTrafficAsync("shop-two", KpiTestHost.Traffic(Monday, 20), id: "msg_b", sentAt: now);
        await host.PostTrafficAsync("shop-two", KpiTestHost.Traffic(Monday, 10), id: "msg_a", sentAt: now);

        var traffic = host.Service<TrafficStore>();
        Assert.Equal(("msg_b", 20), ((await traffic.CurrentAsync("shop-one", Monday))!.DeliveryId, (await traffic.CurrentAsync("shop-one", Monday))!.Visits));
        Assert.Equal(("msg_b", 20), ((await traffic.CurrentAsync("shop-two", Monday))!.DeliveryId, (await traffic.CurrentAsync("shop-two", Monday))!.Visits));
    }

    [Fact]
    public async Task A_duplicate_delivery_bumps_neither_the_revision_nor_the_change_feed()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();

        await host.PostTrafficAsync("shop-one", KpiTestHost.Traffic(Monday, 1200), id: "msg_1");
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        var again = await host.PostTrafficAsync("shop-one", KpiTestHost.Traffic(Monday, 1200), id: "msg_1");

        var answer = await BackofficeHost.JsonAsync(again);
        Assert.Equal(("duplicate", 1), (answer.GetProperty("outcome").GetString(), answer.GetProperty("revision").GetInt64()));
        Assert.Equal(1, (await host.Service<TrafficStore>().CurrentAsync("shop-one", Monday))!.Revision);
        Assert.Single(await ChangeRowsAsync(host));
        Assert.Single((await host.Service<TrafficStore>().ListAsync("shop-one", Monday, Monday)).History);
    }

    private static async Task<TableEntity[]> ChangeRowsAsync(BackofficeHost host) =>
        await host.Service<StorageClients>().Table(TableNames.KpiChanges)
            .QueryAsync<TableEntity>("Kind eq 'Traffic'").ToArrayAsync();

    [Fact]
    public async Task Rejections_follow_the_webhook_order_and_store_nothing()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync();
        var good = KpiTestHost.Traffic(Monday, 10);

        Assert.Equal(HttpStatusCode.NotFound, (await host.PostTrafficAsync("Bad_Id!", good)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await host.PostTrafficAsync("shop-one", "{\"date\":\"" + new string('x', 20_000) + "\"}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.PostTrafficAsync("shop-none", good)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostTrafficAsync("shop-one", good, secret: "whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("another-secret-entirely")))).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await host.PostTrafficAsync("shop-one", good, contentType: "text/plain")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.PostTrafficAsync("shop-one", "{\"date\":\"2026-11-16\",\"visits\":\"many\"}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.PostTrafficAsync("shop-one", "{\"date\":")).StatusCode);

        var invalid = await host.PostTrafficAsync("shop-one", "{\"date\":\"2026-11-17\",\"visits\":-5}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var errors = (await BackofficeHost.JsonAsync(invalid)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("date", out _), "a day after today (in the shop's time zone) is refused");
        Assert.True(errors.TryGetProperty("visits", out _));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await host.PostTrafficAsync("shop-one", "{\"visits\":5}")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await host.PostTrafficAsync("shop-one", "{\"date\":\"16.11.2026\",\"visits\":5}")).StatusCode);

        Assert.Null(await host.Service<TrafficStore>().CurrentAsync("shop-one", Monday));
        Assert.Null(await host.Service<TrafficStore>().CurrentAsync("shop-one", Monday.AddDays(1)));
    }
}
