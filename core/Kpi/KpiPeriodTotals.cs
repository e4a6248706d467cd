namespace Backoffice.Core.Kpi;

/// <summary>Weeks and months are sums of their days' counters (never averages of ratios), so every identity still holds.</summary>
public static class KpiPeriodTotals
{
    public static IReadOnlyList<(KpiPeriod Period, KpiFacts Facts)> Sum(IReadOnlyDictionary<DateOnly, KpiFacts> days, IReadOnlyList<KpiPeriod> periods) =>
        periods.Select(p => (p, days.Where(d => p.Contains(d.Key)).Aggregate(KpiFacts.Empty, (sum, d) => sum.Plus(d.Value)))).ToArray();

    public static KpiFacts Sum(IEnumerable<KpiFacts> facts) => facts.Aggregate(KpiFacts.Empty, (sum, f) => sum.Plus(f));
}
