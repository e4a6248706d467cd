using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Backoffice.Infra.Finance;

/// <summary>The outcome of an append: written now, or already there under the same idempotency key.</summary>
public sealed record AppendResult(bool Appended, string RowKey, DateTimeOffset RecordedAt);

/// <summary>The range of recording times a closed period covers: [From, To).</summary>
public sealed record ClosedPeriod(string Period, long FromTicks, long ToTicks, bool WasClosedBefore);

/// <summary>The fence as last read: how far the log is closed, the last period closed and the running totals.</summary>
public sealed record FenceView(long ClosedThroughTicks, string? LastPeriod, long LastPeriodFromTicks, TableEntity Entity);

/// <summary>
/// A per-partition append-only log whose entries are assigned to periods (statements, invoices) by the time they were
/// recorded, with a fence that makes the cut-off exact. Each partition has one fence row. Every append commits its
/// entry, its idempotency key and an ETag-checked touch of the fence in one entity-group transaction; closing a period
/// moves the fence's <c>ClosedThrough</c> with an ETag-checked write. So an append that read the fence before a close
/// and commits after it fails (412) and retries above the new cut-off: no entry lands behind a period that was already
/// read, so none is lost and none is counted twice — "recorded after the week closed" always means "next statement".
/// Row keys: <c>fence</c>, <c>key~{idempotency key}</c>, <c>e~{recorded ticks:D19}~{idempotency key}</c>.
/// </summary>
public sealed class FencedLog(Func<TableClient> table, TimeProvider clock)
{
    public const string FenceRow = "fence";
    public const string EntryPrefix = "e~";
    private const string KeyPrefix = "key~";
    private const int MaxAttempts = 200;

    private TableClient Table => table();

    public static string EntryRow(long ticks, string key) => string.Create(CultureInfo.InvariantCulture, $"{EntryPrefix}{ticks:D19}~{key}");

    /// <summary>Idempotency keys become row keys: a narrow alphabet, so no key can break a filter or a path.</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= 200 } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or ':');

    /// <summary>
    /// Appends once per <paramref name="key"/>. <paramref name="entry"/> builds the row's properties for the recording
    /// time chosen; <paramref name="onFence"/> may update running totals on the fence row in the same transaction.
    /// </summary>
    public async Task<AppendResult> AppendAsync(
        string partition, string key, Func<DateTimeOffset, IDictionary<string, object?>> entry, Action<TableEntity>? onFence, CancellationToken ct)
    {
        if (!IsValidKey(key))
        {
            throw new ArgumentException($"'{key}' is not a valid idempotency key.", nameof(key));
        }

        for (var attempt = 1; ; attempt++)
        {
            var fence = await ReadFenceAsync(partition, ct).ConfigureAwait(false);
            var ticks = Math.Max(clock.GetUtcNow().UtcTicks, fence.ClosedThroughTicks);
            var recordedAt = new DateTimeOffset(ticks, TimeSpan.Zero);
            var row = EntryRow(ticks, key);
            var entity = new TableEntity(entry(recordedAt)) { PartitionKey = partition, RowKey = row };
            var keyRow = new TableEntity(partition, KeyPrefix + key) { ["EntryRow"] = row, ["RecordedAt"] = recordedAt };
            var touched = new TableEntity(partition, FenceRow) { ["LastAppendAt"] = recordedAt };
            foreach (var (name, value) in fence.Entity)
            {
                if (name is not ("odata.etag" or "PartitionKey" or "RowKey" or "Timestamp" or "LastAppendAt"))
                {
                    touched[name] = value;
                }
            }

            onFence?.Invoke(touched);
            try
            {
                await Table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, keyRow),
                    new TableTransactionAction(TableTransactionActionType.Add, entity),
                    new TableTransactionAction(TableTransactionActionType.UpdateMerge, touched, fence.Entity.ETag),
                ], ct).ConfigureAwait(false);
                return new AppendResult(true, row, recordedAt);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                var existing = await Table.GetEntityIfExistsAsync<TableEntity>(partition, KeyPrefix + key, cancellationToken: ct).ConfigureAwait(false);
                if (existing.HasValue && existing.Value is { } found)
                {
                    return new AppendResult(false, found.GetString("EntryRow"), found.GetDateTimeOffset("RecordedAt") ?? default);
                }

                if (attempt >= MaxAttempts)
                {
                    throw;
                }
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 412 && attempt < MaxAttempts)
            {
                // Another append or a close moved the fence first: read it again and take a new recording time.
                await Task.Delay(Random.Shared.Next(0, Math.Min(attempt, 20)), ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Closes <paramref name="period"/> at <paramref name="cutoff"/>: it covers everything recorded since the previous
    /// close. Closing the same period again returns the same range; a period older than the last closed one is refused
    /// (null), because its entries already went into the later period.
    /// </summary>
    public async Task<ClosedPeriod?> CloseAsync(string partition, string period, DateTimeOffset cutoff, CancellationToken ct)
    {
        while (true)
        {
            var fence = await ReadFenceAsync(partition, ct).ConfigureAwait(false);
            if (fence.LastPeriod == period)
            {
                return new ClosedPeriod(period, fence.LastPeriodFromTicks, fence.ClosedThroughTicks, WasClosedBefore: true);
            }

            if (fence.LastPeriod is { } last && string.CompareOrdinal(last, period) > 0)
            {
                return null;
            }

            var from = fence.ClosedThroughTicks;
            var to = Math.Max(cutoff.UtcTicks, from);
            var update = new TableEntity(partition, FenceRow)
            {
                ["ClosedThrough"] = to,
                ["LastPeriod"] = period,
                ["LastPeriodFrom"] = from,
            };
            try
            {
                await Table.UpdateEntityAsync(update, fence.Entity.ETag, TableUpdateMode.Merge, ct).ConfigureAwait(false);
                return new ClosedPeriod(period, from, to, WasClosedBefore: false);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                await Task.Delay(Random.Shared.Next(0, 10), ct).ConfigureAwait(false);
            }
        }
    }

    public async Task<FenceView> ReadFenceAsync(string partition, CancellationToken ct)
    {
        while (true)
        {
            var response = await Table.GetEntityIfExistsAsync<TableEntity>(partition, FenceRow, cancellationToken: ct).ConfigureAwait(false);
            if (response.HasValue && response.Value is { } fence)
            {
                return new FenceView(fence.GetInt64("ClosedThrough") ?? 0, fence.GetString("LastPeriod"), fence.GetInt64("LastPeriodFrom") ?? 0, fence);
            }

            try
            {
                await Table.AddEntityAsync(new TableEntity(partition, FenceRow) { ["ClosedThrough"] = 0L }, ct).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Someone else created it first; read theirs.
            }
        }
    }

    /// <summary>Entries recorded in [from, to), in recording order, streamed page by page.</summary>
    public async IAsyncEnumerable<TableEntity> ReadAsync(string partition, long fromTicks, long toTicks, [EnumeratorCancellation] CancellationToken ct)
    {
        var filter = $"PartitionKey eq {Storage.Keys.Literal(partition)} and RowKey ge '{EntryPrefix}{fromTicks:D19}' and RowKey lt '{EntryPrefix}{toTicks:D19}'";
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: ct).ConfigureAwait(false))
        {
            yield return entity;
        }
    }

    /// <summary>Adds <paramref name="delta"/> to a running total on the fence row.</summary>
    public static void AddTo(TableEntity fence, string name, long delta) => fence[name] = checked((fence.GetInt64(name) ?? 0) + delta);
}
