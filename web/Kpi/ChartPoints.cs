namespace Backoffice.Web.Kpi;

/// <summary>One bar of a chart: a label and a number.</summary>
public sealed record ChartPoint(string Label, double Value);

/// <summary>One point of a line chart over time.</summary>
public sealed record TimePoint(string Period, double Value);
