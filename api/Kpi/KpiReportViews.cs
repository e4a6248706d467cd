using System.Text.Json.Serialization;
using Backoffice.Core.Kpi;
using Backoffice.Core.Orders;

namespace Backoffice.Api.Kpi;

/// <summary>An exact ratio: <c>numerator / denominator</c>; <c>value</c> is that rounded half away from zero to 6 places.</summary>
public sealed record RatioView(long Numerator, long Denominator, decimal Value)
{
    public static RatioView? From(Ratio? ratio) => ratio is null ? null : new RatioView(ratio.Numerator, ratio.Denominator, ratio.Value);
}

/// <summary>
/// One row of indicators. Money is in minor units of <see cref="KpiReport{T}.Currency"/>. A ratio is <c>null</c> when
/// its denominator is zero (undefined, not zero); in-flight figures are <c>null</c> in the delivery-day view.
/// <see cref="TrafficDays"/> of the row's days have a traffic report; conversion is <c>null</c> unless
/// <see cref="TrafficComplete"/> (every day has one), and always in the all-merchant totals.
/// </summary>
public sealed record IndicatorRow(
    string Period,
    DateOnly From,
    DateOnly To,
    long Tr,
    long TrafficDays,
    bool TrafficComplete,
    long GrossOrders,
    long GrossDemand,
    long NetOrders,
    long GrossRevenue,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? InFlightOrders,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? InFlightValue,
    long CancelledOrders,
    long LostValue,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] RatioView? Conv,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] RatioView? GrossAov,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] RatioView? NetAov,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] RatioView? OperFf,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] RatioView? FinFf)
{
    /// <param name="ofOneMerchant">False for the all-merchant totals, whose traffic coverage cannot be established.</param>
    public static IndicatorRow Of(KpiPeriod period, KpiFacts facts, KpiView view, bool ofOneMerchant)
    {
        var f = KpiFigures.From(facts, view, ofOneMerchant ? period.To.DayNumber - period.From.DayNumber + 1 : null);
        return new IndicatorRow(
            period.Label, period.From, period.To, f.Tr, f.TrafficDays, f.TrafficComplete, f.GrossOrders, f.GrossDemand, f.NetOrders, f.GrossRevenue,
            f.InFlightOrders, f.InFlightValue, f.CancelledOrders, f.LostValue,
            RatioView.From(f.Conv), RatioView.From(f.GrossAov), RatioView.From(f.NetAov), RatioView.From(f.OperFf), RatioView.From(f.FinFf));
    }
}

public sealed record FunnelRow(string Period, DateOnly From, DateOnly To, long Created, long Confirmed, long PickedUp, long Packed, long Delivered)
{
    public static FunnelRow Of(KpiPeriod period, KpiFacts facts)
    {
        var f = KpiFunnel.From(facts);
        return new FunnelRow(period.Label, period.From, period.To, f.Created, f.Confirmed, f.PickedUp, f.Packed, f.Delivered);
    }
}

public sealed record LossRow(string Period, DateOnly From, DateOnly To, Stage Stage, CancellationReason Reason, Department Department, long Orders, long Lines, long Value);

public sealed record DeadlineMissRow(string Period, DateOnly From, DateOnly To, Stage Stage, Department Department, long Misses);

/// <summary>A report: whose figures, in which currency, which view (named and explained), which periods.</summary>
public sealed record KpiReport<T>(
    string Scope,
    string? MerchantId,
    string Currency,
    string View,
    string ViewDescription,
    string Period,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<T> Rows,
    T? Total)
    where T : class;
