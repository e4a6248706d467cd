using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Customers;
using Backoffice.Core.Orders;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Customers;

/// <summary>
/// Erasure reaches into the orders: an order's state and its <see cref="OrderPlaced"/> event carry the customer as the
/// storefront sent them. Both are rewritten with <see cref="PersonalData.Anonymise"/>; lines, money, stages and the
/// rest of the event log stay for finance. This is the one sanctioned rewrite of the append-only log, and it follows
/// the row layout of <see cref="Orders.OrderStore"/> (state row "state", events "evt-NNNNNNNNNN", chunked JSON); the
/// tests read redacted orders back through OrderStore so a layout change fails them.
/// </summary>
public sealed class OrderPersonalData(StorageClients clients)
{
    private const int MaxAttempts = 20;

    private TableClient Table => clients.Table(TableNames.Orders);

    /// <summary>Anonymises the customer on one order; false when there is no such order. Idempotent.</summary>
    public async Task<bool> RedactAsync(string merchantId, string orderId, CancellationToken ct = default)
    {
        var partition = Keys.OrderPartition(merchantId, orderId);
        for (var attempt = 1; ; attempt++)
        {
            var response = await Table.GetEntityIfExistsAsync<TableEntity>(partition, "state", cancellationToken: ct).ConfigureAwait(false);
            if (!response.HasValue || response.Value is not { } state)
            {
                return false;
            }

            var order = Json.Deserialize<PlacedOrder>(ChunkedProperty.Read(state, "State"));
            if (PersonalData.IsAnonymised(order.Draft.Customer))
            {
                break;
            }

            var redacted = order with { Draft = order.Draft with { Customer = PersonalData.Anonymise(order.Draft.Customer) } };
            var update = new TableEntity(partition, "state");
            ChunkedProperty.Write(update, "State", Json.Serialize(redacted));
            try
            {
                // Merge keeps the other columns (version, last command id); an order command racing us reloads on 412.
                await Table.UpdateEntityAsync(update, state.ETag, TableUpdateMode.Merge, ct).ConfigureAwait(false);
                break;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < MaxAttempts)
            {
            }
        }

        await RedactPlacedEventAsync(partition, ct).ConfigureAwait(false);
        return true;
    }

    private async Task RedactPlacedEventAsync(string partition, CancellationToken ct)
    {
        const string placedRow = "evt-0000000001";
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(partition, placedRow, cancellationToken: ct).ConfigureAwait(false);
        if (!response.HasValue || response.Value is not { } row || Json.Deserialize<OrderEvent>(ChunkedProperty.Read(row, "Body")) is not OrderPlaced placed
            || PersonalData.IsAnonymised(placed.Draft.Customer))
        {
            return;
        }

        var redacted = placed with { Draft = placed.Draft with { Customer = PersonalData.Anonymise(placed.Draft.Customer) } };
        var update = new TableEntity(partition, placedRow);
        ChunkedProperty.Write(update, "Body", Json.Serialize<OrderEvent>(redacted));
        await Table.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, ct).ConfigureAwait(false);
    }
}
