using System.Globalization;
using Backoffice.Core.Kpi;
using Microsoft.AspNetCore.Http;

namespace Backoffice.Api.Kpi;

public enum KpiFormat
{
    Json,
    Csv,
}

/// <summary>What a KPI read asks for: view, period size, an inclusive date range, and JSON or CSV.</summary>
public sealed record KpiQuery(KpiView View, KpiGranularity Granularity, DateOnly From, DateOnly To, KpiFormat Format)
{
    public const int MaxDays = 731;
    public const int DefaultDays = 30;

    /// <summary>Parses the query string; <paramref name="today"/> is the scope's local today (the default end).</summary>
    public static (KpiQuery? Query, IResult? Problem) Parse(string? view, string? period, string? from, string? to, string? format, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!KpiViews.TryParse(view, out var v))
        {
            errors["view"] = [$"Use {KpiViews.CohortName} or {KpiViews.DeliveryDayName}."];
        }

        var granularity = period switch
        {
            null or "" or "day" => KpiGranularity.Day,
            "week" => KpiGranularity.Week,
            "month" => KpiGranularity.Month,
            "range" => KpiGranularity.Range,
            _ => (KpiGranularity?)null,
        };
        if (granularity is null)
        {
            errors["period"] = ["Use day, week, month or range."];
        }

        var kind = format switch
        {
            null or "" or "json" => KpiFormat.Json,
            "csv" => KpiFormat.Csv,
            _ => (KpiFormat?)null,
        };
        if (kind is null)
        {
            errors["format"] = ["Use json or csv."];
        }

        var end = Date("to", to, errors) ?? today;
        var start = Date("from", from, errors) ?? end.AddDays(-(DefaultDays - 1));
        if (!errors.ContainsKey("from") && !errors.ContainsKey("to"))
        {
            if (start > end)
            {
                errors["from"] = ["Must not be after to."];
            }
            else if (end.DayNumber - start.DayNumber + 1 > MaxDays)
            {
                errors["to"] = [$"A range holds at most {MaxDays} days."];
            }
        }

        return errors.Count > 0
            ? (null, Problems.Problems.Validation(errors, StatusCodes.Status400BadRequest))
            : (new KpiQuery(v, granularity!.Value, start, end, kind!.Value), null);
    }

    public IReadOnlyList<KpiPeriod> Periods => KpiCalendar.Periods(From, To, Granularity);

    public string PeriodName => Granularity.ToString().ToLowerInvariant();

    private static DateOnly? Date(string field, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, KpiBucket.DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year >= 2000)
        {
            return day;
        }

        errors[field] = ["A date as yyyy-MM-dd, from 2000 on."];
        return null;
    }
}
