namespace Backoffice.Web.Api;

// KPI reports (api/Kpi/KpiReportViews.cs). Money in minor units of the report's currency; a ratio is null when its
// denominator is zero (undefined, not zero).

public sealed record Ratio(long Numerator, long Denominator, decimal Value);

public sealed record KpiReport<T>(string Scope, string? MerchantId, string Currency, string View, string ViewDescription, string Period, DateOnly From, DateOnly To, IReadOnlyList<T> Rows, T? Total)
    where T : class;

public sealed record IndicatorRow(
    string Period, DateOnly From, DateOnly To, long Tr, long TrafficDays, long GrossOrders, long GrossDemand, long NetOrders, long GrossRevenue,
    long? InFlightOrders, long? InFlightValue, long CancelledOrders, long LostValue, Ratio? Conv, Ratio? GrossAov, Ratio? NetAov, Ratio? OperFf, Ratio? FinFf)
{
    /// <summary>Percentages for charts; an undefined ratio is left out of the line rather than drawn as zero.</summary>
    public double? OperFfPercent => OperFf is null ? null : (double)(OperFf.Value * 100);

    public double? FinFfPercent => FinFf is null ? null : (double)(FinFf.Value * 100);
}

public sealed record FunnelRow(string Period, DateOnly From, DateOnly To, long Created, long Confirmed, long PickedUp, long Packed, long Delivered);

public sealed record LossRow(string Period, DateOnly From, DateOnly To, string Stage, string Reason, string Department, long Orders, long Lines, long Value);

/// <summary>One bar of a chart: a label and a number.</summary>
public sealed record ChartPoint(string Label, double Value);

/// <summary>One point of a line chart over time.</summary>
public sealed record TimePoint(string Period, double Value);
