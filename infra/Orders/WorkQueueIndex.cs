using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Orders;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Orders;

/// <summary>One row of an operator work queue. <see cref="DisplayName"/> is the shop's order name ("#1047"), when it sent one.</summary>
public sealed record WorkQueueEntry(string MerchantId, string OrderId, Stage Stage, DateTimeOffset DueAt, int Misses, string? DisplayName = null);

/// <summary>A page of results and the token for the next one (null at the end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);

/// <summary>
/// Cross-merchant work queues by stage, ordered by due time (overdue first), without scanning: each stage is a
/// partition whose row keys start with the due time; a second partition per (stage, merchant) serves the filter.
/// </summary>
public sealed class WorkQueueIndex(StorageClients clients)
{
    public const int MaxPageSize = 200;

    private TableClient Table => clients.Table(TableNames.WorkQueue);

    public async Task ApplyAsync(UpdateWorkItem change, CancellationToken ct = default)
    {
        if (change.Previous is { } previous)
        {
            foreach (var partition in Partitions(previous.Stage, change.MerchantId))
            {
                await Table.DeleteEntityAsync(partition, Row(previous, change.MerchantId, change.OrderId), ETag.All, ct).ConfigureAwait(false);
            }
        }

        if (change.Current is { } current)
        {
            foreach (var partition in Partitions(current.Stage, change.MerchantId))
            {
                await Table.UpsertEntityAsync(Entity(partition, current, change.MerchantId, change.OrderId), TableUpdateMode.Replace, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Removes an entry the sweeper found pointing at an order that has moved on.</summary>
    public async Task RemoveAsync(WorkQueueEntry entry, CancellationToken ct = default)
    {
        var item = new WorkItem(entry.Stage, entry.DueAt, entry.Misses, entry.DisplayName);
        foreach (var partition in Partitions(entry.Stage, entry.MerchantId))
        {
            await Table.DeleteEntityAsync(partition, Row(item, entry.MerchantId, entry.OrderId), ETag.All, ct).ConfigureAwait(false);
        }
    }

    public async Task<Page<WorkQueueEntry>> PageAsync(Stage stage, string? merchantId, int pageSize, string? continuation, CancellationToken ct = default)
    {
        var partition = merchantId is null ? stage.ToString() : $"{stage}~{merchantId}";
        var filter = $"PartitionKey eq {Keys.Literal(partition)}";
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, Math.Clamp(pageSize, 1, MaxPageSize), cancellationToken: ct)
            .AsPages(continuation, Math.Clamp(pageSize, 1, MaxPageSize)).ConfigureAwait(false))
        {
            return new Page<WorkQueueEntry>(page.Values.Select(Read).ToArray(), page.ContinuationToken);
        }

        return new Page<WorkQueueEntry>([], null);
    }

    /// <summary>Entries of a stage due before <paramref name="now"/>: the deadline sweep's input, a range query.</summary>
    public async Task<IReadOnlyList<WorkQueueEntry>> OverdueAsync(Stage stage, DateTimeOffset now, int max, CancellationToken ct = default)
    {
        var filter = $"PartitionKey eq {Keys.Literal(stage.ToString())} and RowKey lt '{Keys.Ticks(now)}'";
        var result = new List<WorkQueueEntry>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, max, cancellationToken: ct).ConfigureAwait(false))
        {
            result.Add(Read(entity));
            if (result.Count >= max)
            {
                break;
            }
        }

        return result;
    }

    private static string[] Partitions(Stage stage, string merchantId) => [stage.ToString(), $"{stage}~{merchantId}"];

    private static string Row(WorkItem item, string merchantId, string orderId) => $"{Keys.Ticks(item.DueAt)}~{merchantId}~{orderId}";

    private static TableEntity Entity(string partition, WorkItem item, string merchantId, string orderId) => new(partition, Row(item, merchantId, orderId))
    {
        ["MerchantId"] = merchantId,
        ["OrderId"] = orderId,
        ["Stage"] = item.Stage.ToString(),
        ["DueAt"] = item.DueAt,
        ["Misses"] = item.Misses,
        ["DisplayName"] = item.DisplayName,
    };

    private static WorkQueueEntry Read(TableEntity e) => new(
        e.GetString("MerchantId"), e.GetString("OrderId"), Enum.Parse<Stage>(e.GetString("Stage")),
        e.GetDateTimeOffset("DueAt") ?? default, e.GetInt32("Misses") ?? 0, e.GetString("DisplayName"));
}
