using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Backoffice.Core.Kpi;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Kpi;

/// <summary>A subject's contribution as stored, with its version and the ETag to replace it with.</summary>
public sealed record KpiStoredPart(long Version, KpiContribution Contribution, ETag ETag);

/// <summary>A subject whose contribution could not be applied, and why (for parking).</summary>
public sealed record KpiFailedUpdate(KpiUpdate Update, Exception Error);

/// <summary>How a batch of updates went for one partition; <see cref="Failed"/> lists subjects isolated as unappliable.</summary>
public sealed record KpiApplyResult(int Applied, int Skipped, IReadOnlySet<KpiBucket> Touched)
{
    public IReadOnlyList<KpiFailedUpdate> Failed { get; init; } = [];
}

/// <summary>
/// The KPI rows. One partition per (scope, cohort month) holds the day aggregates (<c>agg~c~day</c> for the cohort
/// view, <c>agg~a~day</c> for the delivery-day view) and the last contribution of every subject created in that month
/// (<c>part~o~order</c>, <c>part~t~day</c>). A subject's new contribution and the aggregates it changes are written
/// in one entity-group transaction with ETags, so an aggregate is always exactly the sum of the parts beside it:
/// re-running, crashing half-way or running twice at once can neither lose nor double an order.
/// Totals across merchants live in their own scope and mirror each merchant aggregate by its revision
/// (<c>sync~merchant~bucket</c>), again in one transaction with the total it changes.
/// Delivery-day facts of a month's cohort may fall in later months; an index row per (scope, month of those days)
/// lists the cohort months holding them, so a read finds them without scanning.
/// </summary>
public sealed class KpiFactStore(StorageClients clients)
{
    /// <summary>Entity-group transactions take at most 100 operations.</summary>
    public const int MaxActions = 100;

    private const int MaxAttempts = 30;
    private const int ChunkBudget = 90;
    private readonly ConcurrentDictionary<string, bool> _indexed = new(StringComparer.Ordinal);

    private TableClient Table => clients.Table(TableNames.KpiFacts);

    public static string Partition(string scope, string month) => KpiRows.Partition(scope, month);

    public static string AggRow(KpiBucket bucket) => KpiRows.AggRow(bucket);

    private static string PartRow(KpiSubject subject) => KpiRows.PartRow(subject);

    private static string IndexPartition(string scope) => KpiRows.IndexPartition(scope);

    private static string SyncRow(string merchantId, KpiBucket bucket) => KpiRows.SyncRow(merchantId, bucket);

    /// <summary>
    /// Replaces each subject's contribution in the (scope, month) partition. A stored contribution of a newer version
    /// is kept (a slower run never rolls a subject back); the same version is skipped unless <paramref name="force"/>
    /// (a rebuild) finds it different. Returns every cell the subjects touch, applied or not, so totals can be synced.
    /// A chunk that fails for any reason other than a lost race (an aggregate that would overflow, a corrupt row) is
    /// halved until the failing subject stands alone; that subject is returned in <see cref="KpiApplyResult.Failed"/>
    /// and every other subject of the partition is still applied. One merchant's poisoned order must never stop the
    /// KPIs of anyone else, nor its own other orders.
    /// </summary>
    public async Task<KpiApplyResult> ApplyAsync(string scope, string month, IReadOnlyList<KpiUpdate> updates, bool force, CancellationToken ct = default)
    {
        var partition = Partition(scope, month);
        var touched = new HashSet<KpiBucket>();
        var failed = new List<KpiFailedUpdate>();
        int applied = 0, skipped = 0;
        var work = new Stack<IReadOnlyList<KpiUpdate>>(Chunk(updates).Reverse());
        while (work.TryPop(out var chunk))
        {
            (int Applied, int Skipped)? result;
            var cells = new HashSet<KpiBucket>();
            try
            {
                await EnsureIndexedAsync(scope, month, chunk.SelectMany(u => u.Contribution.Cells.Keys), ct).ConfigureAwait(false);
                result = await ApplyChunkAsync(partition, chunk, force, cells, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // Nothing of a failed transaction is stored: split it so the subject at fault is found and only it is held back.
                if (chunk.Count == 1)
                {
                    failed.Add(new KpiFailedUpdate(chunk[0], ex));
                    continue;
                }

                result = null;
            }

            if (result is null)
            {
                // More cells than one transaction holds, or a subject at fault inside: halve the chunk.
                var half = chunk.Count / 2;
                work.Push(chunk.Skip(half).ToArray());
                work.Push(chunk.Take(half).ToArray());
                continue;
            }

            touched.UnionWith(cells);
            applied += result.Value.Applied;
            skipped += result.Value.Skipped;
        }

        return new KpiApplyResult(applied, skipped, touched) { Failed = failed };
    }

    /// <summary>
    /// Brings the all-merchant totals of <paramref name="currency"/> up to date with one merchant's aggregates for the
    /// given cells. Each merchant aggregate carries a revision; the totals remember the revision they reflect, so this
    /// is idempotent and a slower run never undoes a faster one.
    /// </summary>
    public async Task<int> SyncTotalsAsync(string merchantId, string currency, string month, IEnumerable<KpiBucket> buckets, CancellationToken ct = default)
    {
        var source = Partition(KpiScopes.Merchant(merchantId, currency), month);
        var totalScope = KpiScopes.Total(currency);
        var target = Partition(totalScope, month);
        var synced = 0;
        foreach (var chunk in buckets.Distinct().Chunk(MaxActions / 2))
        {
            await EnsureIndexedAsync(totalScope, month, chunk, ct).ConfigureAwait(false);
            for (var attempt = 1; ; attempt++)
            {
                var merchantAggs = await Task.WhenAll(chunk.Select(b => ReadAggAsync(source, AggRow(b), ct))).ConfigureAwait(false);
                var syncs = await Task.WhenAll(chunk.Select(b => ReadAggAsync(target, SyncRow(merchantId, b), ct))).ConfigureAwait(false);
                var pending = chunk.Select((b, i) => (Bucket: b, Merchant: merchantAggs[i], Sync: syncs[i]))
                    .Where(x => x.Merchant is not null && x.Merchant.Revision > (x.Sync?.Revision ?? 0))
                    .ToArray();
                if (pending.Length == 0)
                {
                    break;
                }

                var deltas = pending.Select(x => (x.Bucket, Delta: x.Merchant!.Facts.Minus(x.Sync?.Facts ?? KpiFacts.Empty))).Where(x => !x.Delta.IsEmpty).ToArray();
                var totals = await Task.WhenAll(deltas.Select(d => ReadAggAsync(target, AggRow(d.Bucket), ct))).ConfigureAwait(false);
                var actions = new List<TableTransactionAction>();
                foreach (var x in pending)
                {
                    actions.Add(Write(FactsEntity(target, SyncRow(merchantId, x.Bucket), x.Merchant!.Facts, x.Merchant.Revision), x.Sync?.ETag));
                }

                for (var i = 0; i < deltas.Length; i++)
                {
                    var before = totals[i];
                    actions.Add(Write(FactsEntity(target, AggRow(deltas[i].Bucket), (before?.Facts ?? KpiFacts.Empty).Plus(deltas[i].Delta), (before?.Revision ?? 0) + 1), before?.ETag));
                }

                if (await TrySubmitAsync(actions, attempt, ct).ConfigureAwait(false))
                {
                    synced += pending.Length;
                    break;
                }
            }
        }

        return synced;
    }

    /// <summary>
    /// Makes every aggregate of a partition equal to the sum of the contributions stored beside it (a rebuild's last
    /// step: it repairs aggregates however they drifted). Returns the cells it corrected.
    /// </summary>
    public async Task<IReadOnlyList<KpiBucket>> ReconcileAsync(string scope, string month, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ReconcileOnceAsync(Partition(scope, month), ct).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // A roll-up changed the partition while we summed it: sum again.
            }
        }
    }

    private async Task<IReadOnlyList<KpiBucket>> ReconcileOnceAsync(string partition, CancellationToken ct)
    {
        var sums = new Dictionary<KpiBucket, KpiFacts>();
        var aggs = new Dictionary<KpiBucket, StoredFacts>();
        await foreach (var e in Table.QueryAsync<TableEntity>($"PartitionKey eq {Keys.Literal(partition)}", cancellationToken: ct).ConfigureAwait(false))
        {
            if (e.RowKey.StartsWith("part~", StringComparison.Ordinal))
            {
                foreach (var (bucket, facts) in KpiCodec.ReadContribution(ChunkedProperty.Read(e, "Contribution")).Cells)
                {
                    sums[bucket] = sums.TryGetValue(bucket, out var s) ? s.Plus(facts) : facts;
                }
            }
            else if (e.RowKey.StartsWith("agg~", StringComparison.Ordinal))
            {
                aggs[KpiBucket.Parse(e.RowKey["agg~".Length..])] = ReadStored(e);
            }
        }

        var wrong = sums.Keys.Union(aggs.Keys)
            .Where(b => !(sums.GetValueOrDefault(b) ?? KpiFacts.Empty).Equals(aggs.GetValueOrDefault(b)?.Facts ?? KpiFacts.Empty))
            .ToArray();
        foreach (var chunk in wrong.Chunk(MaxActions))
        {
            var actions = chunk.Select(b =>
            {
                var before = aggs.GetValueOrDefault(b);
                return Write(FactsEntity(partition, AggRow(b), sums.GetValueOrDefault(b) ?? KpiFacts.Empty, (before?.Revision ?? 0) + 1), before?.ETag);
            }).ToArray();
            await Table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
        }

        return wrong;
    }

    /// <summary>The cohort months that hold facts of this scope (from the index): where a rebuild reconciles.</summary>
    public async Task<IReadOnlyList<string>> MonthsAsync(string scope, CancellationToken ct = default)
    {
        var months = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var e in Table.QueryAsync<TableEntity>($"PartitionKey eq {Keys.Literal(IndexPartition(scope))}", cancellationToken: ct).ConfigureAwait(false))
        {
            months.UnionWith(ReadMonths(e));
        }

        return months.ToArray();
    }

    /// <summary>Day aggregates of one scope and view for [from, to] (days without any fact are absent).</summary>
    public async Task<SortedDictionary<DateOnly, KpiFacts>> ReadDaysAsync(string scope, KpiView view, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        IEnumerable<string> partitions;
        if (view == KpiView.Cohort)
        {
            partitions = KpiCalendar.Months(from, to);
        }
        else
        {
            var lists = await Task.WhenAll(KpiCalendar.Months(from, to).Select(a => IndexedMonthsAsync(scope, a, ct))).ConfigureAwait(false);
            partitions = lists.SelectMany(l => l).Distinct(StringComparer.Ordinal);
        }

        var prefix = view == KpiView.Cohort ? "agg~c~" : "agg~a~";
        var pages = await Task.WhenAll(partitions.Select(async month =>
        {
            var rows = new List<(DateOnly Day, KpiFacts Facts)>();
            var filter = $"PartitionKey eq {Keys.Literal(Partition(scope, month))} and RowKey ge '{prefix}{Day(from)}' and RowKey le '{prefix}{Day(to)}'";
            await foreach (var e in Table.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
            {
                rows.Add((KpiBucket.Parse(e.RowKey["agg~".Length..]).Day, ReadStored(e).Facts));
            }

            return rows;
        })).ConfigureAwait(false);

        var result = new SortedDictionary<DateOnly, KpiFacts>();
        foreach (var (day, facts) in pages.SelectMany(p => p))
        {
            result[day] = result.TryGetValue(day, out var sum) ? sum.Plus(facts) : facts;
        }

        return result;
    }

    /// <summary>The stored contribution of one subject, with the ETag to replace it with (null: none stored).</summary>
    public Task<KpiStoredPart?> ReadPartAsync(string scope, string month, KpiSubject subject, CancellationToken ct = default) =>
        ReadStoredPartAsync(Partition(scope, month), subject, ct);

    private async Task<(int Applied, int Skipped)?> ApplyChunkAsync(
        string partition, IReadOnlyList<KpiUpdate> chunk, bool force, HashSet<KpiBucket> touched, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            // The first attempt may use what the caller already read; a retry always reads afresh.
            var stored = await Task.WhenAll(chunk.Select(u => attempt == 1 && u.Prior is { } prior
                ? Task.FromResult(prior.Part)
                : ReadStoredPartAsync(partition, u.Subject, ct))).ConfigureAwait(false);
            var changes = new List<(KpiUpdate Update, KpiStoredPart? Old)>();
            var skipped = 0;
            for (var i = 0; i < chunk.Count; i++)
            {
                var (update, old) = (chunk[i], stored[i]);
                touched.UnionWith(update.Contribution.Cells.Keys);
                if (old is not null)
                {
                    touched.UnionWith(old.Contribution.Cells.Keys);
                    if (old.Version > update.Version || (old.Version == update.Version && (!force || old.Contribution.Equals(update.Contribution))))
                    {
                        skipped++;
                        continue;
                    }
                }

                changes.Add((update, old));
            }

            if (changes.Count == 0)
            {
                return (0, skipped);
            }

            var deltas = new SortedDictionary<KpiBucket, KpiFacts>();
            foreach (var (update, old) in changes)
            {
                foreach (var (bucket, delta) in update.Contribution.DeltaFrom(old?.Contribution))
                {
                    deltas[bucket] = deltas.TryGetValue(bucket, out var sum) ? sum.Plus(delta) : delta;
                }
            }

            var nonZero = deltas.Where(kv => !kv.Value.IsEmpty).ToArray();
            if (changes.Count + nonZero.Length > MaxActions)
            {
                return chunk.Count > 1 ? null : throw new InvalidOperationException($"One subject touches more than {MaxActions - 1} cells.");
            }

            var aggs = await Task.WhenAll(nonZero.Select(kv => ReadAggAsync(partition, AggRow(kv.Key), ct))).ConfigureAwait(false);
            var actions = new List<TableTransactionAction>(changes.Count + nonZero.Length);
            foreach (var (update, old) in changes)
            {
                actions.Add(Write(KpiRows.Part(partition, update.Subject, update.Version, update.Contribution), old?.ETag));
            }

            for (var i = 0; i < nonZero.Length; i++)
            {
                var before = aggs[i];
                actions.Add(Write(FactsEntity(partition, AggRow(nonZero[i].Key), (before?.Facts ?? KpiFacts.Empty).Plus(nonZero[i].Value), (before?.Revision ?? 0) + 1), before?.ETag));
            }

            if (await TrySubmitAsync(actions, attempt, ct).ConfigureAwait(false))
            {
                return (changes.Count, skipped);
            }
        }
    }

    /// <summary>Write-ahead: the index learns that <paramref name="month"/>'s partition holds delivery-day facts of later months.</summary>
    private async Task EnsureIndexedAsync(string scope, string month, IEnumerable<KpiBucket> buckets, CancellationToken ct)
    {
        foreach (var activityMonth in buckets.Where(b => b.View == KpiView.DeliveryDay).Select(b => b.Month).Distinct(StringComparer.Ordinal))
        {
            var cacheKey = $"{scope}|{activityMonth}|{month}";
            if (_indexed.ContainsKey(cacheKey))
            {
                continue;
            }

            for (var attempt = 1; ; attempt++)
            {
                var row = await Table.GetEntityIfExistsAsync<TableEntity>(IndexPartition(scope), KpiRows.IndexRow(activityMonth), cancellationToken: ct).ConfigureAwait(false);
                var existing = row.HasValue && row.Value is { } e ? e : null;
                var months = existing is null ? new SortedSet<string>(StringComparer.Ordinal) : ReadMonths(existing);
                if (!months.Add(month))
                {
                    break;
                }

                var entity = KpiRows.Index(scope, activityMonth, months);
                try
                {
                    if (existing is null)
                    {
                        await Table.AddEntityAsync(entity, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        await Table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
                    }

                    break;
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
                {
                    // Someone else extended the list first: reload and merge.
                }
            }

            _indexed[cacheKey] = true;
        }
    }

    private async Task<IReadOnlyList<string>> IndexedMonthsAsync(string scope, string activityMonth, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(IndexPartition(scope), KpiRows.IndexRow(activityMonth), cancellationToken: ct).ConfigureAwait(false);
        return row.HasValue && row.Value is { } e ? ReadMonths(e).ToArray() : [];
    }

    private async Task<bool> TrySubmitAsync(IReadOnlyList<TableTransactionAction> actions, int attempt, CancellationToken ct)
    {
        try
        {
            await Table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxAttempts)
        {
            // Someone else wrote one of these rows since we read it: reload and recompute.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * Math.Min(attempt, 10))), ct).ConfigureAwait(false);
            return false;
        }
    }

    private async Task<KpiStoredPart?> ReadStoredPartAsync(string partition, KpiSubject subject, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(partition, PartRow(subject), cancellationToken: ct).ConfigureAwait(false);
        return row.HasValue && row.Value is { } e
            ? new KpiStoredPart(e.GetInt64("Version") ?? 0, KpiCodec.ReadContribution(ChunkedProperty.Read(e, "Contribution")), e.ETag)
            : null;
    }

    private async Task<StoredFacts?> ReadAggAsync(string partition, string rowKey, CancellationToken ct)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: ct).ConfigureAwait(false);
        return row.HasValue && row.Value is { } e ? ReadStored(e) : null;
    }

    private static StoredFacts ReadStored(TableEntity e) => new(KpiCodec.ReadFacts(ChunkedProperty.Read(e, "Facts")), e.GetInt64("Revision") ?? 0, e.ETag);

    private static TableEntity FactsEntity(string partition, string rowKey, KpiFacts facts, long revision) => KpiRows.Facts(partition, rowKey, facts, revision);

    private static TableTransactionAction Write(TableEntity entity, ETag? etag) => etag is { } e
        ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, e)
        : new TableTransactionAction(TableTransactionActionType.Add, entity);

    private static SortedSet<string> ReadMonths(TableEntity e) =>
        new((e.GetString("Months") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    private static string Day(DateOnly day) => day.ToString(KpiBucket.DayFormat, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Greedy chunks whose parts plus distinct cells fit in one transaction (with room for cells only the old contributions touch).</summary>
    private static IEnumerable<IReadOnlyList<KpiUpdate>> Chunk(IReadOnlyList<KpiUpdate> updates)
    {
        var chunk = new List<KpiUpdate>();
        var cells = new HashSet<KpiBucket>();
        foreach (var update in updates)
        {
            var added = update.Contribution.Cells.Keys.Count(k => !cells.Contains(k));
            if (chunk.Count > 0 && chunk.Count + 1 + cells.Count + added > ChunkBudget)
            {
                yield return chunk;
                chunk = [];
                cells.Clear();
            }

            chunk.Add(update);
            cells.UnionWith(update.Contribution.Cells.Keys);
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private sealed record StoredFacts(KpiFacts Facts, long Revision, ETag ETag);
}
