using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Orders;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Orders;

public sealed record MerchantOrderEntry(string MerchantId, string OrderId, string ExternalOrderId, DateTimeOffset PlacedAt, string Stage, DateTimeOffset UpdatedAt);

/// <summary>Per-merchant order list, newest first; its partition is the merchant, so a merchant's query never sees another's rows.</summary>
public sealed class MerchantOrderIndex(StorageClients clients)
{
    private TableClient Table => clients.Table(TableNames.MerchantOrders);

    public Task AddAsync(IndexMerchantOrder added, CancellationToken ct = default) =>
        Table.UpsertEntityAsync(
            new TableEntity(added.MerchantId, Row(added.PlacedAt, added.OrderId))
            {
                ["OrderId"] = added.OrderId,
                ["ExternalOrderId"] = added.ExternalOrderId,
                ["PlacedAt"] = added.PlacedAt,
            },
            TableUpdateMode.Merge,
            ct);

    /// <summary>Records the latest stage; an older status arriving late (lower version) never overwrites a newer one.</summary>
    public async Task UpdateStageAsync(PublishStatus status, CancellationToken ct = default)
    {
        var existing = await Table.GetEntityIfExistsAsync<TableEntity>(status.MerchantId, Row(status.PlacedAt, status.OrderId), cancellationToken: ct).ConfigureAwait(false);
        if (existing.HasValue && existing.Value is { } e && (e.GetInt32("Version") ?? 0) >= status.Version)
        {
            return;
        }

        await Table.UpsertEntityAsync(Entry(status), TableUpdateMode.Merge, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Lists a new order with its first stage in one write (the placement's <see cref="IndexMerchantOrder"/> and first
    /// status together): an insert, which cannot overwrite anything. When the row exists (this placement ran before,
    /// or a later status got there first) it falls back to the version-checked <see cref="UpdateStageAsync"/>.
    /// </summary>
    public async Task ListNewAsync(PublishStatus first, CancellationToken ct = default)
    {
        try
        {
            await Table.AddEntityAsync(Entry(first), ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            await UpdateStageAsync(first, ct).ConfigureAwait(false);
        }
    }

    public async Task<Page<MerchantOrderEntry>> PageAsync(string merchantId, int pageSize, string? continuation, CancellationToken ct = default)
    {
        var size = Math.Clamp(pageSize, 1, WorkQueueIndex.MaxPageSize);
        await foreach (var page in Table.QueryAsync<TableEntity>($"PartitionKey eq {Keys.Literal(merchantId)}", size, cancellationToken: ct)
            .AsPages(continuation, size).ConfigureAwait(false))
        {
            return new Page<MerchantOrderEntry>(page.Values.Select(e => new MerchantOrderEntry(
                e.PartitionKey, e.GetString("OrderId"), e.GetString("ExternalOrderId"), e.GetDateTimeOffset("PlacedAt") ?? default,
                e.GetString("Stage") ?? nameof(Stage.Confirmation), e.GetDateTimeOffset("UpdatedAt") ?? e.GetDateTimeOffset("PlacedAt") ?? default)).ToArray(), page.ContinuationToken);
        }

        return new Page<MerchantOrderEntry>([], null);
    }

    private static TableEntity Entry(PublishStatus status) => new(status.MerchantId, Row(status.PlacedAt, status.OrderId))
    {
        ["OrderId"] = status.OrderId,
        ["ExternalOrderId"] = status.ExternalOrderId,
        ["PlacedAt"] = status.PlacedAt,
        ["Stage"] = status.Stage.ToString(),
        ["UpdatedAt"] = status.At,
        ["Version"] = status.Version,
    };

    private static string Row(DateTimeOffset placedAt, string orderId) => $"{Keys.ReverseTicks(placedAt)}~{orderId}";
}
