using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Orders;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Orders;

/// <summary>
/// Posts cash movements from orders to the per-merchant cash ledger. The row key is the movement's identity
/// (order + kind), so a redelivered effect is a conflict, not a second posting.
/// </summary>
public sealed class CashLedgerWriter(StorageClients clients, TimeProvider clock)
{
    private TableClient Table => clients.Table(TableNames.CashLedger);

    public async Task PostAsync(PostCash cash, CancellationToken ct = default)
    {
        var entity = new TableEntity(cash.MerchantId, $"order~{cash.OrderId}~{cash.Movement}")
        {
            ["OrderId"] = cash.OrderId,
            ["Movement"] = cash.Movement.ToString(),
            ["Amount"] = cash.Amount,
            ["Currency"] = cash.Currency,
            ["CourierId"] = cash.CourierId,
            ["At"] = cash.At,
            ["RecordedAt"] = clock.GetUtcNow(),
        };
        try
        {
            await Table.AddEntityAsync(entity, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Already posted by an earlier delivery of the same effect.
        }
    }
}
