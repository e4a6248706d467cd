using Backoffice.Contracts.Kpi;
using Backoffice.Core.Kpi;
using Backoffice.Infra.Kpi;

namespace Backoffice.Api.Kpi;

/// <summary>Whose figures a request reads: a merchant (in its currency) or all merchants in one currency.</summary>
public sealed record KpiTarget(string Scope, string? MerchantId, string Currency)
{
    public static KpiTarget ForMerchant(string merchantId, string currency) => new(KpiScopes.Merchant(merchantId, currency), merchantId, currency);

    public static KpiTarget ForCurrency(string currency) => new(KpiScopes.Total(currency), null, currency);
}

/// <summary>Reads day aggregates and shapes them into the four reports: indicators, funnel, losses, deadline misses.</summary>
public sealed class KpiReports(KpiFactStore store)
{
    public async Task<KpiReport<IndicatorRow>> IndicatorsAsync(KpiTarget target, KpiQuery query, CancellationToken ct)
    {
        var (periods, total) = await SumsAsync(target, query, ct).ConfigureAwait(false);
        return Report(target, query,
            periods.Select(p => KpiRows.Indicators(p.Period, p.Facts, query.View, target.MerchantId is not null)).ToArray(),
            KpiRows.Indicators(RangeOf(query), total, query.View, target.MerchantId is not null));
    }

    public async Task<KpiReport<FunnelRow>> FunnelAsync(KpiTarget target, KpiQuery query, CancellationToken ct)
    {
        var (periods, total) = await SumsAsync(target, query, ct).ConfigureAwait(false);
        return Report(target, query, periods.Select(p => KpiRows.Funnel(p.Period, p.Facts)).ToArray(), KpiRows.Funnel(RangeOf(query), total));
    }

    public async Task<KpiReport<LossRow>> LossesAsync(KpiTarget target, KpiQuery query, CancellationToken ct)
    {
        var (periods, _) = await SumsAsync(target, query, ct).ConfigureAwait(false);
        var rows = periods.SelectMany(p => KpiLoss.From(p.Facts).Select(l => KpiRows.Loss(p.Period, l))).ToArray();
        return Report<LossRow>(target, query, rows, null);
    }

    public async Task<KpiReport<DeadlineMissRow>> DeadlineMissesAsync(KpiTarget target, KpiQuery query, CancellationToken ct)
    {
        var (periods, _) = await SumsAsync(target, query, ct).ConfigureAwait(false);
        var rows = periods.SelectMany(p => KpiDeadlineMisses.From(p.Facts).Select(m => KpiRows.Miss(p.Period, m))).ToArray();
        return Report<DeadlineMissRow>(target, query, rows, null);
    }

    private static KpiPeriod RangeOf(KpiQuery query) => KpiCalendar.Periods(query.From, query.To, KpiGranularity.Range)[0];

    private static KpiReport<T> Report<T>(KpiTarget target, KpiQuery query, IReadOnlyList<T> rows, T? total)
        where T : class =>
        new(target.Scope, target.MerchantId, target.Currency, query.View.Name(), query.View.Description(), query.PeriodName, query.From, query.To, rows, total);

    private async Task<(IReadOnlyList<(KpiPeriod Period, KpiFacts Facts)> Periods, KpiFacts Total)> SumsAsync(KpiTarget target, KpiQuery query, CancellationToken ct)
    {
        var days = await store.ReadDaysAsync(target.Scope, query.View, query.From, query.To, ct).ConfigureAwait(false);
        return (KpiPeriodTotals.Sum(days, query.Periods), KpiPeriodTotals.Sum(days.Values));
    }
}
