using System.Diagnostics;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Kpi;

public sealed record KpiRebuildResult(string MerchantId, int Orders, int TrafficDays, int Applied, int CellsCorrected, long StorageOperations, double Seconds);

/// <summary>
/// Recomputes a merchant's KPI rows from the source of truth: every order in its order index (paged, not a scan of
/// the orders table) and every traffic day, then makes every aggregate equal to the sum of the stored contributions.
/// Its cost grows with the merchant's history by nature; the hourly roll-up never does this.
/// </summary>
public sealed class KpiRebuild(
    StorageClients clients, KpiRollup rollup, KpiFactStore facts, MerchantOrderIndex index, TrafficStore traffic, MerchantStore merchants, KpiRollupOptions options)
{
    public async Task<KpiRebuildResult> RebuildMerchantAsync(string merchantId, CancellationToken ct = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var operations = clients.Counter.Count;
        var orderCount = 0;
        var applied = 0;
        string? token = null;
        var batch = new List<KpiSubject>();
        do
        {
            var page = await index.PageAsync(merchantId, WorkQueueIndex.MaxPageSize, token, ct).ConfigureAwait(false);
            batch.AddRange(page.Items.Select(e => KpiSubject.Order(merchantId, e.OrderId)));
            token = page.ContinuationToken;
            if (batch.Count >= options.BatchSize || (token is null && batch.Count > 0))
            {
                orderCount += batch.Count;
                applied += (await rollup.ProcessAsync(batch, force: true, ct).ConfigureAwait(false)).Applied;
                batch.Clear();
            }
        }
        while (token is not null);

        var days = await traffic.DaysAsync(merchantId, ct).ConfigureAwait(false);
        if (days.Count > 0)
        {
            applied += (await rollup.ProcessAsync(days.Select(d => KpiSubject.Traffic(merchantId, d)).ToArray(), force: true, ct).ConfigureAwait(false)).Applied;
        }

        var corrected = 0;
        var merchant = await merchants.FindAsync(merchantId, ct).ConfigureAwait(false);
        if (merchant is not null)
        {
            var scope = KpiScopes.Merchant(merchantId, merchant.Currency);
            foreach (var month in await facts.MonthsAsync(scope, ct).ConfigureAwait(false))
            {
                var wrong = await facts.ReconcileAsync(scope, month, ct).ConfigureAwait(false);
                corrected += wrong.Count;
                if (wrong.Count > 0)
                {
                    await facts.SyncTotalsAsync(merchantId, merchant.Currency, month, wrong, ct).ConfigureAwait(false);
                }
            }
        }

        return new KpiRebuildResult(merchantId, orderCount, days.Count, applied, corrected, clients.Counter.Count - operations, Math.Round(stopwatch.Elapsed.TotalSeconds, 3));
    }
}
