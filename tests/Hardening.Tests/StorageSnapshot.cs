using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Backoffice.Infra.Storage;

namespace Backoffice.Hardening.Tests;

/// <summary>
/// Everything a test's private namespace holds: every row of every table whose name starts with the prefix (with its
/// ETag, so an update shows), the message count of every queue and the blobs of every container. Two snapshots
/// differ exactly when something was stored, changed or removed.
/// </summary>
internal sealed record StorageSnapshot(IReadOnlyDictionary<string, string> Items)
{
    public static async Task<StorageSnapshot> TakeAsync(StorageOptions options)
    {
        var items = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var tables = new TableServiceClient(options.ConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            if (!table.Name.StartsWith(options.Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            items[$"table {table.Name}"] = "exists";
            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                items[$"row {table.Name}/{row.PartitionKey}/{row.RowKey}"] = row.ETag.ToString();
            }
        }

        var prefix = options.Prefix.ToLowerInvariant();
        var queues = new QueueServiceClient(options.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync(prefix: prefix))
        {
            var properties = await queues.GetQueueClient(queue.Name).GetPropertiesAsync();
            items[$"queue {queue.Name}"] = $"{properties.Value.ApproximateMessagesCount} messages";
        }

        var blobs = new BlobServiceClient(options.ConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: prefix))
        {
            items[$"container {container.Name}"] = "exists";
            await foreach (var blob in blobs.GetBlobContainerClient(container.Name).GetBlobsAsync())
            {
                items[$"blob {container.Name}/{blob.Name}"] = blob.Properties.ETag?.ToString() ?? string.Empty;
            }
        }

        return new StorageSnapshot(items);
    }

    /// <summary>What differs from <paramref name="before"/>, one line per item; empty when nothing changed.</summary>
    public IReadOnlyList<string> ChangesSince(StorageSnapshot before)
    {
        var changes = new List<string>();
        foreach (var (key, value) in Items)
        {
            if (!before.Items.TryGetValue(key, out var was))
            {
                changes.Add($"added   {key}");
            }
            else if (was != value)
            {
                changes.Add($"changed {key}: {was} -> {value}");
            }
        }

        changes.AddRange(before.Items.Keys.Where(k => !Items.ContainsKey(k)).Select(k => $"removed {k}"));
        return changes;
    }
}
