using Backoffice.Core.Common;
using Backoffice.Core.Finance;
using Backoffice.Core.Orders;
using Backoffice.Infra.Finance;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Orders;

/// <summary>
/// Posts cash movements from orders (PostCash effects) to the merchant's cash ledger. The idempotency key is the
/// movement's identity (order + kind), so a redelivered effect is recognised, not posted twice. A collection carries
/// what the settlement line needs (external id, delivered value, the tariff in force), read once here.
/// </summary>
public sealed class CashLedgerWriter(StorageClients clients, TimeProvider clock)
{
    private static readonly Actor Workflow = Actor.System("order-workflow");
    private readonly CashLedger _ledger = new(clients, clock);
    private readonly OrderStore _orders = new(clients);
    private readonly MerchantStore _merchants = new(clients, clock);

    public static string KeyOf(string orderId, CashMovement movement) => $"order~{orderId}~{movement}";

    public async Task PostAsync(PostCash cash, CancellationToken ct = default)
    {
        var order = (await _orders.LoadAsync(cash.MerchantId, cash.OrderId, ct).ConfigureAwait(false)).State as PlacedOrder;
        var collected = cash.Movement == CashMovement.Collected;
        var merchant = collected ? await _merchants.FindAsync(cash.MerchantId, ct).ConfigureAwait(false) : null;
        await _ledger.PostAsync(new LedgerPosting(
            cash.MerchantId,
            KeyOf(cash.OrderId, cash.Movement),
            collected ? LedgerEntryKind.CashCollected : LedgerEntryKind.CashHandedOver,
            cash.Amount,
            cash.Currency,
            cash.At,
            cash.OrderId,
            order?.Draft.ExternalOrderId,
            cash.CourierId,
            collected ? order?.DeliveredValue ?? cash.Amount : 0,
            merchant?.Tariff,
            By: Workflow), ct).ConfigureAwait(false);
    }
}
