using Backoffice.Contracts;
using Backoffice.Contracts.Kpi;
using Backoffice.Core.Kpi;

namespace Backoffice.Api.Kpi;

/// <summary>The report rows of the contract (<see cref="IndicatorRow"/>, <see cref="FunnelRow"/>...) from a period's KPI facts.</summary>
internal static class KpiRows
{
    /// <param name="ofOneMerchant">False for the all-merchant totals, whose traffic coverage cannot be established.</param>
    public static IndicatorRow Indicators(KpiPeriod period, KpiFacts facts, KpiView view, bool ofOneMerchant)
    {
        var f = KpiFigures.From(facts, view, ofOneMerchant ? period.To.DayNumber - period.From.DayNumber + 1 : null);
        return new IndicatorRow(
            period.Label, period.From, period.To, f.Tr, f.TrafficDays, f.TrafficComplete, f.GrossOrders, f.GrossDemand, f.NetOrders, f.GrossRevenue,
            f.InFlightOrders, f.InFlightValue, f.CancelledOrders, f.LostValue,
            Ratio(f.Conv), Ratio(f.GrossAov), Ratio(f.NetAov), Ratio(f.OperFf), Ratio(f.FinFf));
    }

    public static FunnelRow Funnel(KpiPeriod period, KpiFacts facts)
    {
        var f = KpiFunnel.From(facts);
        return new FunnelRow(period.Label, period.From, period.To, f.Created, f.Confirmed, f.PickedUp, f.Packed, f.Delivered);
    }

    public static LossRow Loss(KpiPeriod period, KpiLoss l) => new(
        period.Label, period.From, period.To, WireJson.Name(l.Stage), WireJson.Name(l.Reason), WireJson.Name(l.Department), l.Orders, l.Lines, l.Value);

    public static DeadlineMissRow Miss(KpiPeriod period, KpiDeadlineMisses m) =>
        new(period.Label, period.From, period.To, WireJson.Name(m.Stage), WireJson.Name(m.Department), m.Misses);

    private static RatioView? Ratio(Ratio? ratio) => ratio is null ? null : new RatioView(ratio.Numerator, ratio.Denominator, ratio.Value);
}
