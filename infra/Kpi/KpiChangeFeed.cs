using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Kpi;

/// <summary>
/// "What changed, when": one row per observed change, partitioned by the UTC hour it was recorded in and keyed by the
/// recording time, so the roll-up reads exactly the changes since its watermark with one range query and never scans
/// the orders. Rows are keyed by the time they are written, not by the time of the event, so a late, redelivered or
/// retried status still lands after the watermark (the roll-up re-reads a short overlap for writes in flight).
/// Writing the same change twice is harmless: the roll-up replaces a subject's contribution, it does not add it.
/// </summary>
public sealed class KpiChangeFeed(StorageClients clients, TimeProvider clock) : IOrderChangeObserver
{
    public const int PageSize = 1000;

    /// <summary>Spans up to this many hours are read hour by hour; longer gaps jump from one non-empty hour to the next.</summary>
    private const int WalkHours = 6;

    private TableClient Table => clients.Table(TableNames.KpiChanges);

    public Task OnChangedAsync(PublishStatus change, PlacedOrder? order, CancellationToken ct) =>
        RecordAsync(KpiSubject.Order(change.MerchantId, change.OrderId), change.Version, change.PlacedAt, ct);

    /// <summary>
    /// Records that <paramref name="subject"/> reached <paramref name="version"/>. An order's placing time lets the
    /// roll-up find its stored contribution without loading the order, and skip it when that is already as new.
    /// </summary>
    public async Task RecordAsync(KpiSubject subject, long version, DateTimeOffset? placedAt = null, CancellationToken ct = default)
    {
        var at = clock.GetUtcNow();
        var entity = new TableEntity(Bucket(at), $"{Keys.Ticks(at)}~{subject.MerchantId}~{subject.Key}~{version.ToString("D10", CultureInfo.InvariantCulture)}")
        {
            ["MerchantId"] = subject.MerchantId,
            ["Kind"] = subject.Kind.ToString(),
            ["SubjectId"] = subject.Id,
            ["Version"] = version,
            ["RecordedAt"] = at,
            ["PlacedAt"] = placedAt,
        };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Changes recorded in [from, to] (both inclusive), in recording order, a page at a time. Every query names one hour's
    /// partition by equality (a partition range with a row filter makes the service walk every row of every hour in the
    /// range). Hours are visited one by one while the span is short (the usual run: the overlap hour and the current
    /// one); across a longer gap — a first run, a host that was down — a one-row probe jumps to the next hour that holds
    /// anything, so empty hours cost nothing.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<KpiChange>> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var last = Bucket(to);
        var walk = to - from <= TimeSpan.FromHours(WalkHours);
        var bucket = walk ? Bucket(from) : await FirstBucketAsync($"PartitionKey ge '{Bucket(from)}' and PartitionKey le '{last}'", ct).ConfigureAwait(false);
        while (bucket is not null)
        {
            var filter = $"PartitionKey eq '{bucket}' and RowKey ge '{Keys.Ticks(from)}' and RowKey lt '{Keys.Ticks(to.AddTicks(1))}'";
            await foreach (var page in Table.QueryAsync<TableEntity>(filter, PageSize, cancellationToken: ct).AsPages().ConfigureAwait(false))
            {
                yield return page.Values.Select(Read).OfType<KpiChange>().ToArray();
            }

            bucket = string.CompareOrdinal(bucket, last) >= 0 ? null
                : walk ? NextHour(bucket)
                : await FirstBucketAsync($"PartitionKey gt '{bucket}' and PartitionKey le '{last}'", ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes rows recorded in hours before <paramref name="before"/>: the feed holds recent changes only. A one-row
    /// probe finds the oldest hour left (it answers at once: everything older is gone), and that hour is read and
    /// deleted by partition equality; an empty backlog costs the one probe.
    /// </summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct = default)
    {
        var deleted = 0;
        var limit = Bucket(before);
        while (await FirstBucketAsync($"PartitionKey lt '{limit}'", ct).ConfigureAwait(false) is { } bucket)
        {
            await foreach (var page in Table.QueryAsync<TableEntity>($"PartitionKey eq '{bucket}'", PageSize, ["PartitionKey", "RowKey"], ct).AsPages().ConfigureAwait(false))
            {
                foreach (var chunk in page.Values.Chunk(100))
                {
                    try
                    {
                        await Table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), ct).ConfigureAwait(false);
                    }
                    catch (TableTransactionFailedException ex) when (ex.Status == 404)
                    {
                        // Another run pruned some of them first, and the whole transaction rolled back: delete one by one,
                        // or the probe would find this hour again and again.
                        foreach (var e in chunk)
                        {
                            await Table.DeleteEntityAsync(e.PartitionKey, e.RowKey, ETag.All, ct).ConfigureAwait(false);
                        }
                    }

                    deleted += chunk.Length;
                }
            }
        }

        return deleted;
    }

    /// <summary>The first hour partition matching <paramref name="filter"/>, from a one-row, key-only probe.</summary>
    private async Task<string?> FirstBucketAsync(string filter, CancellationToken ct)
    {
        await foreach (var e in Table.QueryAsync<TableEntity>(filter, 1, ["PartitionKey"], ct).ConfigureAwait(false))
        {
            return e.PartitionKey;
        }

        return null;
    }

    private static string NextHour(string bucket) =>
        Bucket(new DateTimeOffset(DateTime.ParseExact(bucket, "yyyyMMddHH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero).AddHours(1));

    private static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    private static KpiChange? Read(TableEntity e)
    {
        if (!Enum.TryParse<KpiSubjectKind>(e.GetString("Kind"), out var kind) || e.GetString("MerchantId") is not { } merchant || e.GetString("SubjectId") is not { } id)
        {
            return null;
        }

        return new KpiChange(new KpiSubject(merchant, kind, id), e.GetInt64("Version") ?? 0, e.GetDateTimeOffset("RecordedAt") ?? default, e.GetDateTimeOffset("PlacedAt"));
    }
}
