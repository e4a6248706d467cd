using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;
using Backoffice.Core.Kpi;
using Backoffice.Core.Orders;
using Backoffice.Infra.Kpi;
using Backoffice.Infra.Storage;

namespace Backoffice.Kpi.Bench;

/// <summary>How the synthesized history was laid out, and what writing it took.</summary>
internal sealed record HistoryStats(int Orders, int Merchants, int Months, long Rows, double Seconds);

/// <summary>
/// Writes a history of N orders straight into the KPI rows, exactly as the roll-up would have left them: one stored
/// contribution per order (computed by the real decider and <see cref="OrderContributions"/>), the day aggregates
/// beside them, the all-merchant totals with their mirrors, and the index. It does not go through the order pipeline
/// (that would take hours on Azurite), so these orders are not in the Orders table. History grows the way it does in
/// practice, as more merchants and more months, about a thousand orders per merchant and month.
/// </summary>
internal sealed class HistoryLoader(StorageClients clients, TimeZoneInfo zone)
{
    public const string Currency = "EUR";
    public const int Months = 12;
    public static readonly DateOnly FirstMonth = new(2025, 12, 1);

    private readonly ConcurrentDictionary<(string Month, KpiBucket Bucket), KpiFacts> _totals = new();
    private readonly ConcurrentDictionary<(string Scope, string ActivityMonth), ConcurrentDictionary<string, bool>> _index = new();
    private long _rows;

    private TableClient Table => clients.Table(TableNames.KpiFacts);

    public static int MerchantsFor(int orders) => Math.Max(1, (int)Math.Ceiling(orders / (Months * 1000.0)));

    public static string MerchantId(int i) => $"bench-{i:D3}";

    public async Task<HistoryStats> LoadAsync(int orders, Action<string> progress)
    {
        var stopwatch = Stopwatch.StartNew();
        var merchants = MerchantsFor(orders);
        var cells = Enumerable.Range(0, merchants).SelectMany(m => Enumerable.Range(0, Months).Select(k => (Merchant: m, Month: k))).ToArray();
        var done = 0;
        await Parallel.ForEachAsync(cells, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (cell, ct) =>
        {
            var index = (cell.Merchant * Months) + cell.Month;
            var count = (orders / cells.Length) + (index < orders % cells.Length ? 1 : 0);
            await LoadMerchantMonthAsync(MerchantId(cell.Merchant), FirstMonth.AddMonths(cell.Month), count, index, ct);
            var n = Interlocked.Increment(ref done);
            if (n % Math.Max(1, cells.Length / 10) == 0)
            {
                progress($"  history: {n}/{cells.Length} merchant-months, {Interlocked.Read(ref _rows):N0} rows, {stopwatch.Elapsed.TotalSeconds:F0} s");
            }
        });

        await WriteAsync(_totals.GroupBy(t => t.Key.Month).SelectMany(g =>
            g.Select(t => KpiRows.Facts(KpiRows.Partition(KpiScopes.Total(Currency), g.Key), KpiRows.AggRow(t.Key.Bucket), t.Value, 1))).ToArray(), CancellationToken.None);
        await WriteAsync(_index.Select(i => KpiRows.Index(i.Key.Scope, i.Key.ActivityMonth, i.Value.Keys)).ToArray(), CancellationToken.None);
        return new HistoryStats(orders, merchants, Months, Interlocked.Read(ref _rows), Math.Round(stopwatch.Elapsed.TotalSeconds, 1));
    }

    private async Task LoadMerchantMonthAsync(string merchantId, DateOnly month, int count, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        var scope = KpiScopes.Merchant(merchantId, Currency);
        var monthKey = KpiCalendar.Month(month);
        var partition = KpiRows.Partition(scope, monthKey);
        var start = new DateTimeOffset(month.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var minutes = (int)(start.AddMonths(1) - start).TotalMinutes - 120;
        var aggregates = new Dictionary<KpiBucket, KpiFacts>();
        var parts = new List<TableEntity>(count);
        for (var i = 0; i < count; i++)
        {
            var external = $"H-{seed}-{i}";
            var (state, events) = SyntheticOrders.Decide(merchantId, random, external, Currency, start.AddMinutes(60 + random.Next(minutes)));
            var contribution = OrderContributions.For(state, events, zone);
            parts.Add(KpiRows.Part(partition, KpiSubject.Order(merchantId, state.OrderId), state.Version, contribution));
            foreach (var (bucket, facts) in contribution.Cells)
            {
                aggregates[bucket] = aggregates.TryGetValue(bucket, out var sum) ? sum.Plus(facts) : facts;
            }
        }

        var rows = new List<TableEntity>(parts);
        foreach (var (bucket, facts) in aggregates)
        {
            rows.Add(KpiRows.Facts(partition, KpiRows.AggRow(bucket), facts, 1));
            _totals.AddOrUpdate((monthKey, bucket), facts, (_, sum) => sum.Plus(facts));
            if (bucket.View == KpiView.DeliveryDay)
            {
                _index.GetOrAdd((scope, bucket.Month), _ => new())[monthKey] = true;
                _index.GetOrAdd((KpiScopes.Total(Currency), bucket.Month), _ => new())[monthKey] = true;
            }
        }

        await WriteAsync(rows, ct);
        var totalPartition = KpiRows.Partition(KpiScopes.Total(Currency), monthKey);
        await WriteAsync(aggregates.Select(a => KpiRows.Facts(totalPartition, KpiRows.SyncRow(merchantId, a.Key), a.Value, 1)).ToArray(), ct);
    }

    private async Task WriteAsync(IReadOnlyList<TableEntity> rows, CancellationToken ct)
    {
        foreach (var partition in rows.GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                await Table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
                Interlocked.Add(ref _rows, chunk.Length);
            }
        }
    }
}
