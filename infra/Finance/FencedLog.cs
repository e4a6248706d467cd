using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Backoffice.Infra.Finance;

/// <summary>The outcome of an append: written now, or already there under the same idempotency key.</summary>
public sealed record AppendResult(bool Appended, string RowKey, DateTimeOffset RecordedAt);

/// <summary>One entry of an append: its idempotency key and its row's properties for the recording time chosen.</summary>
public sealed record LogAppend(string Key, Func<DateTimeOffset, IDictionary<string, object?>> Entry);

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

    /// <summary>Each entry is two rows and the fence is one: an entity-group transaction holds at most 100 operations.</summary>
    private const int MaxEntriesPerAppend = 49;

    private TableClient Table => table();

    public static string EntryRow(long ticks, string key) => string.Create(CultureInfo.InvariantCulture, $"{EntryPrefix}{ticks:D19}~{key}");

    /// <summary>Idempotency keys become row keys: a narrow alphabet, so no key can break a filter or a path.</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= 200 } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' or ':');

    /// <summary>
    /// Appends once per <paramref name="key"/>. <paramref name="entry"/> builds the row's properties for the recording
    /// time chosen; <paramref name="onFence"/> may update running totals on the fence row in the same transaction.
    /// </summary>
    public Task<AppendResult> AppendAsync(
        string partition, string key, Func<DateTimeOffset, IDictionary<string, object?>> entry, Action<TableEntity>? onFence, CancellationToken ct) =>
        AppendAllAsync(partition, [new LogAppend(key, entry)], onFence, ct);

    /// <summary>
    /// Appends several entries in one transaction, at one recording time: all of them or none, once (the first key
    /// decides whether they are already there, so post the same entries together every time).
    /// </summary>
    public async Task<AppendResult> AppendAllAsync(
        string partition, IReadOnlyList<LogAppend> entries, Action<TableEntity>? onFence, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count is < 1 or > MaxEntriesPerAppend)
        {
            throw new ArgumentException($"An append takes 1 to {MaxEntriesPerAppend} entries.", nameof(entries));
        }

        if (entries.FirstOrDefault(e => !IsValidKey(e.Key)) is { } invalid)
        {
            throw new ArgumentException($"'{invalid.Key}' is not a valid idempotency key.", nameof(entries));
        }

        var firstKey = entries[0].Key;
        for (var attempt = 1; ; attempt++)
        {
            var fence = await ReadFenceAsync(partition, ct).ConfigureAwait(false);
            var ticks = Math.Max(clock.GetUtcNow().UtcTicks, fence.ClosedThroughTicks);
            var recordedAt = new DateTimeOffset(ticks, TimeSpan.Zero);
            var actions = new List<TableTransactionAction>();
            foreach (var append in entries)
            {
                var row = EntryRow(ticks, append.Key);
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add,
                    new TableEntity(partition, KeyPrefix + append.Key) { ["EntryRow"] = row, ["RecordedAt"] = recordedAt }));
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add,
                    new TableEntity(append.Entry(recordedAt)) { PartitionKey = partition, RowKey = row }));
            }

            var touched = new TableEntity(partition, FenceRow) { ["LastAppendAt"] = recordedAt };
            foreach (var (name, value) in fence.Entity)
            {
                if (name is not ("odata.etag" or "PartitionKey" or "RowKey" or "Timestamp" or "LastAppendAt"))
                {
                    touched[name] = value;
                }
            }

            onFence?.Invoke(touched);
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, touched, fence.Entity.ETag));
            try
            {
                await Table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
                return new AppendResult(true, EntryRow(ticks, firstKey), recordedAt);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                var existing = await Table.GetEntityIfExistsAsync<TableEntity>(partition, KeyPrefix + firstKey, cancellationToken: ct).ConfigureAwait(false);
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

    /// <summary>The entry appended under <paramref name="key"/>, or null (two point reads: the key row, then the entry).</summary>
    public async Task<TableEntity?> FindAsync(string partition, string key, CancellationToken ct)
    {
        var keyRow = await Table.GetEntityIfExistsAsync<TableEntity>(partition, KeyPrefix + key, cancellationToken: ct).ConfigureAwait(false);
        if (!keyRow.HasValue || keyRow.Value?.GetString("EntryRow") is not { } row)
        {
            return null;
        }

        var entry = await Table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: ct).ConfigureAwait(false);
        return entry.HasValue ? entry.Value : null;
    }

    /// <summary>When the oldest entry of the partition was recorded; null when it has none (one query, one row).</summary>
    public async Task<DateTimeOffset?> FirstRecordedAsync(string partition, CancellationToken ct)
    {
        var filter = $"PartitionKey eq {Storage.Keys.Literal(partition)} and RowKey ge '{EntryPrefix}' and RowKey lt '{EntryPrefix}~'";
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: ct).AsPages().ConfigureAwait(false))
        {
            if (page.Values.Count > 0)
            {
                var row = page.Values[0].RowKey;
                return new DateTimeOffset(long.Parse(row.AsSpan(EntryPrefix.Length, 19), NumberStyles.None, CultureInfo.InvariantCulture), TimeSpan.Zero);
            }
        }

        return null;
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
