using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Backoffice.Api.Webhooks;
using Backoffice.Core.Common;
using Backoffice.Core.Kpi;
using Backoffice.Core.Orders;
using Backoffice.Infra.Kpi;
using Backoffice.Infra.Orders;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Kpi.Tests;

/// <summary>Shortcuts for driving the real host in KPI tests: orders through the webhook and the processor, roll-ups, reads.</summary>
internal static class KpiTestHost
{
    public static readonly Actor Staff = new("tester", Roles.Supervisor, "test");

    public static async Task<string> PlaceAsync(this BackofficeHost host, string merchantId, string externalId, string currency = "EUR", params (string Sku, int Qty, long Price, bool InWarehouse)[] lines)
    {
        var response = await host.PostOrderAsync(merchantId, BackofficeHost.OrderJson(externalId, currency, "cashOnDelivery", lines));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return OrderIds.For(merchantId, externalId);
    }

    public static async Task<PlacedOrder> DoAsync(this BackofficeHost host, string merchantId, string orderId, Func<PlacedOrder, DateTimeOffset, OrderCommand> command)
    {
        var outcome = await host.Service<OrderProcessor>().ExecuteAsync(merchantId, orderId, s => command((PlacedOrder)s, host.Clock.GetUtcNow()));
        Assert.True(outcome.Kind == OutcomeKind.Applied, outcome.Rejection?.Message);
        return outcome.State!;
    }

    /// <summary>Confirm, pack, dispatch and deliver everything that is left.</summary>
    public static async Task<PlacedOrder> DeliverAsync(this BackofficeHost host, string merchantId, string orderId)
    {
        await host.DoAsync(merchantId, orderId, (_, now) => new ConfirmOrder([], Staff, now));
        await host.DoAsync(merchantId, orderId, (_, now) => new RecordPacking([], Staff, now));
        await host.DoAsync(merchantId, orderId, (_, now) => new DispatchToCourier("courier-1", Staff, now));
        return await host.DoAsync(merchantId, orderId, (o, now) => new RecordDelivery(DeliveryResult.AcceptedAll, [], o.LiveValue, null, Staff, now));
    }

    public static Task<KpiRollupResult> RollupAsync(this BackofficeHost host) => host.Service<KpiRollup>().RunAsync();

    public static Task<SortedDictionary<DateOnly, KpiFacts>> DaysAsync(this BackofficeHost host, string scope, KpiView view, DateOnly from, DateOnly to) =>
        host.Service<KpiFactStore>().ReadDaysAsync(scope, view, from, to);

    public static async Task<KpiFacts> SumAsync(this BackofficeHost host, string scope, KpiView view, DateOnly from, DateOnly to) =>
        KpiPeriodTotals.Sum((await host.DaysAsync(scope, view, from, to)).Values);

    public static Task<HttpResponseMessage> PostTrafficAsync(this BackofficeHost host, string merchantId, string json, string? id = null, string? secret = null, string contentType = "application/json", DateTimeOffset? sentAt = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = (sentAt ?? host.Clock.GetUtcNow()).ToUnixTimeSeconds();
        id ??= "msg_" + Guid.NewGuid().ToString("N");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{merchantId}/traffic") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignatures.SignStandard(secret ?? BackofficeHost.Secret, id, timestamp, body));
        return host.CreateClient().SendAsync(request);
    }

    public static string Traffic(DateOnly date, long visits) =>
        FormattableString.Invariant($$"""{"date":"{{date:yyyy-MM-dd}}","visits":{{visits}}}""");

    public static DateOnly Day(string text) => DateOnly.ParseExact(text, KpiBucket.DayFormat, CultureInfo.InvariantCulture);
}
