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

    /// <summary>Changes recorded in [from, to] (both inclusive), in recording order, a page at a time.</summary>
    public async IAsyncEnumerable<IReadOnlyList<KpiChange>> ReadAsync(
        DateTimeOffset from, DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var filter = $"PartitionKey ge '{Bucket(from)}' and PartitionKey le '{Bucket(to)}' and RowKey ge '{Keys.Ticks(from)}' and RowKey lt '{Keys.Ticks(to.AddTicks(1))}'";
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, PageSize, cancellationToken: ct).AsPages().ConfigureAwait(false))
        {
            yield return page.Values.Select(Read).OfType<KpiChange>().ToArray();
        }
    }

    /// <summary>Deletes rows recorded in hours before <paramref name="before"/>: the feed holds recent changes only.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct = default)
    {
        var deleted = 0;
        var filter = $"PartitionKey lt '{Bucket(before)}'";
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, PageSize, ["PartitionKey", "RowKey"], ct).AsPages().ConfigureAwait(false))
        {
            foreach (var partition in page.Values.GroupBy(e => e.PartitionKey))
            {
                foreach (var chunk in partition.Chunk(100))
                {
                    try
                    {
                        await Table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), ct).ConfigureAwait(false);
                    }
                    catch (TableTransactionFailedException ex) when (ex.Status == 404)
                    {
                        // Another run pruned some of them first.
                    }

                    deleted += chunk.Length;
                }
            }
        }

        return deleted;
    }

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
