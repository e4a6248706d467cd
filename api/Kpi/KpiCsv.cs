using System.Globalization;
using System.Text;
using Backoffice.Contracts.Kpi;
using Backoffice.Core.Kpi;
using Backoffice.Core.Orders;
using Backoffice.Infra.Csv;
using CsvHelper;
using Microsoft.AspNetCore.Http;

namespace Backoffice.Api.Kpi;

/// <summary>
/// CSV exports, one flat row per report row. Counts and money (minor units) are exact; ratio columns hold the
/// rounded value and are empty when undefined (their exact numerators and denominators are the count columns).
/// Text cells follow the product's one CSV rule (<see cref="CsvCells"/>: formulas defused, cells with ; , tab, line breaks
/// or quotes quoted).
/// </summary>
public static class KpiCsv
{
    private static readonly (string Name, Func<KpiCsvContext<IndicatorRow>, object?> Value)[] IndicatorColumns =
    [
        .. Common<IndicatorRow>(r => r.Period, r => r.From, r => r.To),
        ("tr", c => c.Row.Tr), ("trafficDays", c => c.Row.TrafficDays),
        ("trafficComplete", c => c.Row.TrafficComplete ? "true" : "false"), ("grossOrders", c => c.Row.GrossOrders), ("grossDemand", c => c.Row.GrossDemand),
        ("netOrders", c => c.Row.NetOrders), ("grossRevenue", c => c.Row.GrossRevenue), ("inFlightOrders", c => c.Row.InFlightOrders),
        ("inFlightValue", c => c.Row.InFlightValue), ("cancelledOrders", c => c.Row.CancelledOrders), ("lostValue", c => c.Row.LostValue),
        ("conv", c => c.Row.Conv?.Value), ("grossAov", c => c.Row.GrossAov?.Value), ("netAov", c => c.Row.NetAov?.Value),
        ("operFf", c => c.Row.OperFf?.Value), ("finFf", c => c.Row.FinFf?.Value),
    ];

    private static readonly (string Name, Func<KpiCsvContext<FunnelRow>, object?> Value)[] FunnelColumns =
    [
        .. Common<FunnelRow>(r => r.Period, r => r.From, r => r.To),
        ("created", c => c.Row.Created), ("confirmed", c => c.Row.Confirmed), ("pickedUp", c => c.Row.PickedUp), ("packed", c => c.Row.Packed),
        ("delivered", c => c.Row.Delivered),
    ];

    private static readonly (string Name, Func<KpiCsvContext<LossRow>, object?> Value)[] LossColumns =
    [
        .. Common<LossRow>(r => r.Period, r => r.From, r => r.To),
        ("stage", c => Member<Stage>(c.Row.Stage)), ("reason", c => Member<CancellationReason>(c.Row.Reason)), ("department", c => Member<Department>(c.Row.Department)),
        ("orders", c => c.Row.Orders), ("lines", c => c.Row.Lines), ("value", c => c.Row.Value),
    ];

    private static readonly (string Name, Func<KpiCsvContext<DeadlineMissRow>, object?> Value)[] MissColumns =
    [
        .. Common<DeadlineMissRow>(r => r.Period, r => r.From, r => r.To),
        ("stage", c => Member<Stage>(c.Row.Stage)), ("department", c => Member<Department>(c.Row.Department)), ("misses", c => c.Row.Misses),
    ];

    public static IResult Indicators(KpiReport<IndicatorRow> report) => File(report, "indicators", IndicatorColumns);

    public static IResult Funnel(KpiReport<FunnelRow> report) => File(report, "funnel", FunnelColumns);

    public static IResult Losses(KpiReport<LossRow> report) => File(report, "losses", LossColumns);

    public static IResult DeadlineMisses(KpiReport<DeadlineMissRow> report) => File(report, "deadline-misses", MissColumns);

    public static string Write<T>(KpiReport<T> report, IReadOnlyList<(string Name, Func<KpiCsvContext<T>, object?> Value)> columns)
        where T : class
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        var options = CsvCells.Options(new CsvWriterOptions { FormatProvider = CultureInfo.InvariantCulture });
        using (var csv = CsvWriter.Create(text, options, leaveOpen: true))
        {
            csv.WriteHeader(columns.Select(c => c.Name).ToArray());
            foreach (var row in report.Rows)
            {
                var context = new KpiCsvContext<T>(report, row);
                foreach (var (_, value) in columns)
                {
                    WriteValue(csv, value(context));
                }

                csv.EndRecord();
            }
        }

        return text.ToString();
    }

    private static void WriteValue(CsvWriter csv, object? value)
    {
        switch (value)
        {
            case null:
                csv.WriteField((string?)null);
                break;
            case DateOnly day:
                csv.WriteField(day, KpiBucket.DayFormat);
                break;
            case string s:
                csv.WriteField(CsvCells.Defused(s));
                break;
            default:
                csv.WriteField(value);
                break;
        }
    }

    /// <summary>
    /// The CSV names stages, reasons and departments by their members ("SupplierPickup", "CallCentre"), as it always
    /// has; the rows carry the JSON's camelCase spelling.
    /// </summary>
    private static string Member<TEnum>(string wire)
        where TEnum : struct, Enum => Enum.TryParse<TEnum>(wire, ignoreCase: true, out var member) ? member.ToString() : wire;

    private static (string, Func<KpiCsvContext<T>, object?>)[] Common<T>(Func<T, string> period, Func<T, DateOnly> from, Func<T, DateOnly> to)
        where T : class =>
    [
        ("scope", c => c.Report.Scope), ("merchantId", c => c.Report.MerchantId), ("currency", c => c.Report.Currency), ("view", c => c.Report.View),
        ("period", c => period(c.Row)), ("from", c => from(c.Row)), ("to", c => to(c.Row)),
    ];

    private static IResult File<T>(KpiReport<T> report, string what, IReadOnlyList<(string Name, Func<KpiCsvContext<T>, object?> Value)> columns)
        where T : class
    {
        var scope = report.MerchantId ?? "all-" + report.Currency;
        var name = FormattableString.Invariant($"kpi-{what}-{scope}-{report.View}-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.csv");
        return Results.File(Encoding.UTF8.GetBytes(Write(report, columns)), "text/csv; charset=utf-8", name);
    }
}

/// <summary>A row with the report it belongs to (scope, currency and view go on every CSV line).</summary>
public sealed record KpiCsvContext<T>(KpiReport<T> Report, T Row)
    where T : class;
