using System.Runtime.CompilerServices;
using Backoffice.Core.Finance;
using Backoffice.Core.Merchants;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Finance;

/// <summary>
/// Every delivered order per merchant (table FinanceDeliveries, partition = merchant), cash or prepaid, on a
/// <see cref="FencedLog"/>: the monthly invoice bills the deliveries recorded since the previous invoice closed, so
/// it never scans the Orders table and never bills an order twice.
/// </summary>
public sealed class DeliveredOrders(StorageClients clients, TimeProvider clock)
{
    private readonly FencedLog _log = new(() => clients.Table(TableNames.FinanceDeliveries), clock);

    public FencedLog Log => _log;

    public Task<AppendResult> RecordAsync(DeliveredOrder order, CancellationToken ct = default) =>
        _log.AppendAsync(order.MerchantId, "order~" + order.OrderId, _ => new Dictionary<string, object?>
        {
            ["OrderId"] = order.OrderId,
            ["ExternalOrderId"] = order.ExternalOrderId,
            ["DeliveredAt"] = order.DeliveredAt,
            ["CashOnDelivery"] = order.CashOnDelivery,
            ["DeliveredValue"] = order.DeliveredValue,
            ["CashCollected"] = order.CashCollected,
            ["Currency"] = order.Currency,
            ["Tariff"] = Json.Serialize(order.Tariff),
        }, fence => FencedLog.AddTo(fence, "Delivered", 1), ct);

    public Task<ClosedPeriod?> CloseAsync(string merchantId, string period, DateTimeOffset cutoff, CancellationToken ct = default) =>
        _log.CloseAsync(merchantId, period, cutoff, ct);

    public Task<FenceView> FenceAsync(string merchantId, CancellationToken ct = default) => _log.ReadFenceAsync(merchantId, ct);

    /// <summary>When the merchant's first delivery was recorded; null when none was.</summary>
    public Task<DateTimeOffset?> FirstRecordedAsync(string merchantId, CancellationToken ct = default) => _log.FirstRecordedAsync(merchantId, ct);

    public async IAsyncEnumerable<DeliveredOrder> ReadAsync(string merchantId, long fromTicks, long toTicks, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var e in _log.ReadAsync(merchantId, fromTicks, toTicks, ct).ConfigureAwait(false))
        {
            yield return new DeliveredOrder(e.PartitionKey, e.GetString("OrderId"), e.GetString("ExternalOrderId"), e.GetDateTimeOffset("DeliveredAt") ?? default,
                e.GetBoolean("CashOnDelivery") ?? false, e.GetInt64("DeliveredValue") ?? 0, e.GetInt64("CashCollected") ?? 0, e.GetString("Currency"),
                Json.Deserialize<Tariff>(e.GetString("Tariff")));
        }
    }
}
