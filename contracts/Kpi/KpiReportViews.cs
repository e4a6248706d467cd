using System.Text.Json.Serialization;

namespace Backoffice.Contracts.Kpi;

/// <summary>An exact ratio: <c>numerator / denominator</c>; <c>value</c> is that rounded half away from zero to 6 places.</summary>
public sealed record RatioView(long Numerator, long Denominator, decimal Value);

/// <summary>
/// One row of indicators. Money is in minor units of <see cref="KpiReport{T}.Currency"/>. A ratio is <c>null</c> when
/// its denominator is zero (undefined, not zero); in-flight figures are <c>null</c> in the delivery-day view. Those
/// properties are always written, null included. <see cref="TrafficDays"/> of the row's days have a traffic report;
/// conversion is <c>null</c> unless <see cref="TrafficComplete"/> (every day has one), and always in the all-merchant totals.
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] RatioView? FinFf);

/// <summary>Created → confirmed → picked up (goods in hand) → packed → delivered, in orders.</summary>
public sealed record FunnelRow(string Period, DateOnly From, DateOnly To, long Created, long Confirmed, long PickedUp, long Packed, long Delivered);

/// <summary>Orders, lines and value (minor units) lost in a period, by stage × reason × department.</summary>
public sealed record LossRow(string Period, DateOnly From, DateOnly To, string Stage, string Reason, string Department, long Orders, long Lines, long Value);

/// <summary>Missed stage deadlines in a period, by stage and department.</summary>
public sealed record DeadlineMissRow(string Period, DateOnly From, DateOnly To, string Stage, string Department, long Misses);

/// <summary>A report: whose figures (scope, merchant), in which currency, which view (named and explained), which periods, and the total over all of them.</summary>
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
