using Backoffice.Contracts;
using Backoffice.Contracts.Orders;
using Backoffice.Core.Customers;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Customers;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;

namespace Backoffice.Api.Orders;

/// <summary>
/// Fills a page of work-queue rows (<see cref="WorkItemView"/>) from the orders themselves when the page is read, not
/// when the entry is written. Why: the entry is written by the <see cref="UpdateWorkItem"/> effect, which is an activity input of the Durable engine
/// and must hold no personal data (ids only); copying the customer into the entry would cost an order read on every
/// queue change, the webhook intake's included; and the risk flag changes whenever another of the customer's parcels
/// is refused, so a copy would go stale. Cost per page: one order read per row (in parallel), the merchant from
/// <see cref="MerchantStore"/>'s cache, and two reads (the order's customer pointer and profile) only for
/// cash-on-delivery rows, the only ones the refusal risk applies to (<see cref="RefusalRisk.Flags"/>).
/// </summary>
internal static class WorkQueueView
{
    public static async Task<WorkItemView[]> RowsAsync(
        IReadOnlyList<WorkQueueEntry> entries, DateTimeOffset now, OrderStore orders, MerchantStore merchants, CustomerStore customers, RefusalRisk risk, CancellationToken ct)
    {
        var zones = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var merchantId in entries.Select(e => e.MerchantId).Distinct(StringComparer.Ordinal))
        {
            zones[merchantId] = (await merchants.FindForWebhookAsync(merchantId, ct).ConfigureAwait(false)).Merchant?.TimeZone ?? "UTC";
        }

        return await Task.WhenAll(entries.Select(e => RowAsync(e, zones[e.MerchantId], now, orders, customers, risk, ct))).ConfigureAwait(false);
    }

    private static async Task<WorkItemView> RowAsync(
        WorkQueueEntry e, string zone, DateTimeOffset now, OrderStore orders, CustomerStore customers, RefusalRisk risk, CancellationToken ct)
    {
        var order = (await orders.LoadAsync(e.MerchantId, e.OrderId, ct).ConfigureAwait(false)).State as PlacedOrder;
        var flagged = order is { Draft.Payment: PaymentMethod.CashOnDelivery } && await HighRiskAsync(order, customers, risk, ct).ConfigureAwait(false);
        return new WorkItemView(
            e.MerchantId, e.OrderId, WireJson.Name(e.Stage), e.DueAt, e.Misses, e.Misses > 0, e.DueAt < now, zone,
            order?.Draft.Customer.Name, order?.Draft.Customer.Phone, order?.Draft.Customer.Address.City,
            order is null ? null : (order.Stage == Stage.Cancelled ? 0 : order.LiveValue), order?.Draft.Currency, WireJson.Name(order?.Draft.Payment), flagged,
            e.DisplayName ?? order?.Draft.DisplayName);
    }

    private static async Task<bool> HighRiskAsync(PlacedOrder order, CustomerStore customers, RefusalRisk risk, CancellationToken ct) =>
        await customers.CustomerOfOrderAsync(order.MerchantId, order.OrderId, ct).ConfigureAwait(false) is { } customerId
        && await customers.GetAsync(order.MerchantId, customerId, ct).ConfigureAwait(false) is { } profile
        && risk.Flags(profile.Stats, order.Draft.Payment);
}
