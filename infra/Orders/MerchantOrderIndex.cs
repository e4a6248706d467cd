using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Orders;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Orders;

public sealed record MerchantOrderEntry(
    string MerchantId, string OrderId, string ExternalOrderId, DateTimeOffset PlacedAt, string Stage, DateTimeOffset UpdatedAt, string? DisplayName = null);

/// <summary>
/// Per-merchant order list, newest first; its partition is the merchant, so a merchant's query never sees another's rows.
/// The same partition holds a lookup row per shop order name ("#1047"), keyed after every list row (<c>~name~…</c>), so
/// listing an order and its name is one entity-group transaction and finding it by name is a range query.
/// </summary>
public sealed class MerchantOrderIndex(StorageClients clients)
{
    private const string NamePrefix = "~name~";

    private TableClient Table => clients.Table(TableNames.MerchantOrders);

    public async Task AddAsync(IndexMerchantOrder added, CancellationToken ct = default)
    {
        await Table.UpsertEntityAsync(
            new TableEntity(added.MerchantId, Row(added.PlacedAt, added.OrderId))
            {
                ["OrderId"] = added.OrderId,
                ["ExternalOrderId"] = added.ExternalOrderId,
                ["PlacedAt"] = added.PlacedAt,
                ["DisplayName"] = added.DisplayName,
            },
            TableUpdateMode.Merge,
            ct).ConfigureAwait(false);
        if (NameRow(added.MerchantId, added.OrderId, added.PlacedAt, added.DisplayName) is { } name)
        {
            await Table.UpsertEntityAsync(name, TableUpdateMode.Replace, ct).ConfigureAwait(false);
        }
    }

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
        var name = NameRow(first.MerchantId, first.OrderId, first.PlacedAt, first.DisplayName);
        try
        {
            if (name is null)
            {
                await Table.AddEntityAsync(Entry(first), ct).ConfigureAwait(false);
            }
            else
            {
                await Table.SubmitTransactionAsync(
                    [new TableTransactionAction(TableTransactionActionType.Add, Entry(first)), new TableTransactionAction(TableTransactionActionType.UpsertReplace, name)],
                    ct).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            await UpdateStageAsync(first, ct).ConfigureAwait(false);
            if (name is not null)
            {
                await Table.UpsertEntityAsync(name, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The merchant's orders the shop named <paramref name="displayName"/> (case and a leading "#" do not matter), with
    /// their current stage; usually one, more when two channels reuse a number.
    /// </summary>
    public async Task<IReadOnlyList<MerchantOrderEntry>> FindByDisplayNameAsync(string merchantId, string displayName, int max = 20, CancellationToken ct = default)
    {
        var prefix = NamePrefix + NameKey(displayName) + "~";
        var filter = $"PartitionKey eq {Keys.Literal(merchantId)} and RowKey ge {Keys.Literal(prefix)} and RowKey lt {Keys.Literal(prefix + "~")}";
        var found = new List<MerchantOrderEntry>();
        await foreach (var lookup in Table.QueryAsync<TableEntity>(filter, max, cancellationToken: ct).ConfigureAwait(false))
        {
            var placedAt = lookup.GetDateTimeOffset("PlacedAt") ?? default;
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(merchantId, Row(placedAt, lookup.GetString("OrderId")), cancellationToken: ct).ConfigureAwait(false);
            if (row.HasValue && row.Value is { } e)
            {
                found.Add(Read(e));
            }

            if (found.Count >= max)
            {
                break;
            }
        }

        return found;
    }

    public async Task<Page<MerchantOrderEntry>> PageAsync(string merchantId, int pageSize, string? continuation, CancellationToken ct = default)
    {
        var size = Math.Clamp(pageSize, 1, WorkQueueIndex.MaxPageSize);
        // List rows start with digits; the name lookups after them ("~name~…") are left out.
        var filter = $"PartitionKey eq {Keys.Literal(merchantId)} and RowKey lt {Keys.Literal(NamePrefix)}";
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, size, cancellationToken: ct)
            .AsPages(continuation, size).ConfigureAwait(false))
        {
            return new Page<MerchantOrderEntry>(page.Values.Select(Read).ToArray(), page.ContinuationToken);
        }

        return new Page<MerchantOrderEntry>([], null);
    }

    /// <summary>The key a shop order name is found by: trimmed, without a leading "#", lower case, hex (row keys forbid "#").</summary>
    internal static string NameKey(string displayName) =>
        Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(displayName.Trim().TrimStart('#').Trim().ToLowerInvariant()));

    private static TableEntity? NameRow(string merchantId, string orderId, DateTimeOffset placedAt, string? displayName) =>
        string.IsNullOrWhiteSpace(displayName) || NameKey(displayName).Length is 0 or > 400
            ? null
            : new TableEntity(merchantId, $"{NamePrefix}{NameKey(displayName)}~{orderId}") { ["OrderId"] = orderId, ["PlacedAt"] = placedAt };

    private static MerchantOrderEntry Read(TableEntity e) => new(
        e.PartitionKey, e.GetString("OrderId"), e.GetString("ExternalOrderId"), e.GetDateTimeOffset("PlacedAt") ?? default,
        e.GetString("Stage") ?? nameof(Stage.Confirmation), e.GetDateTimeOffset("UpdatedAt") ?? e.GetDateTimeOffset("PlacedAt") ?? default, e.GetString("DisplayName"));

    private static TableEntity Entry(PublishStatus status) => new(status.MerchantId, Row(status.PlacedAt, status.OrderId))
    {
        ["OrderId"] = status.OrderId,
        ["ExternalOrderId"] = status.ExternalOrderId,
        ["PlacedAt"] = status.PlacedAt,
        ["Stage"] = status.Stage.ToString(),
        ["UpdatedAt"] = status.At,
        ["Version"] = status.Version,
        ["DisplayName"] = status.DisplayName,
    };

    private static string Row(DateTimeOffset placedAt, string orderId) => $"{Keys.ReverseTicks(placedAt)}~{orderId}";
}
