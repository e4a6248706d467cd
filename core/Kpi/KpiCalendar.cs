using System.Globalization;

namespace Backoffice.Core.Kpi;

/// <summary>Days in the merchant's time zone, ISO weeks and calendar months: the periods the figures are rolled into.</summary>
public static class KpiCalendar
{
    /// <summary>The merchant's local calendar day of an instant.</summary>
    public static DateOnly Day(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    public static string Month(DateOnly day) => day.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>Calendar months touching [from, to], as <c>yyyy-MM</c>, in order.</summary>
    public static IReadOnlyList<string> Months(DateOnly from, DateOnly to)
    {
        var result = new List<string>();
        for (var m = FirstOfMonth(from); m <= to; m = m.AddMonths(1))
        {
            result.Add(Month(m));
        }

        return result;
    }

    /// <summary>The ISO 8601 week label of a day, e.g. <c>2026-W53</c> for 2027-01-01.</summary>
    public static string IsoWeek(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):D2}");
    }

    /// <summary>Splits [from, to] into day, ISO-week or month periods (the first and last may be partial), or one period for the range.</summary>
    public static IReadOnlyList<KpiPeriod> Periods(DateOnly from, DateOnly to, KpiGranularity granularity)
    {
        var result = new List<KpiPeriod>();
        for (var day = from; day <= to;)
        {
            var (label, end) = granularity switch
            {
                KpiGranularity.Day => (day.ToString(KpiBucket.DayFormat, CultureInfo.InvariantCulture), day),
                KpiGranularity.Week => (IsoWeek(day), day.AddDays((7 - (((int)day.DayOfWeek + 6) % 7)) - 1)),
                KpiGranularity.Month => (Month(day), FirstOfMonth(day).AddMonths(1).AddDays(-1)),
                _ => (FormattableString.Invariant($"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}"), to),
            };
            var last = end < to ? end : to;
            result.Add(new KpiPeriod(label, day, last));
            day = last.AddDays(1);
        }

        return result;
    }
}

public enum KpiGranularity
{
    Day,
    Week,
    Month,

    /// <summary>The whole range as one period.</summary>
    Range,
}

/// <summary>A labelled run of days; <see cref="From"/> and <see cref="To"/> are inclusive and clipped to the range asked for.</summary>
public sealed record KpiPeriod(string Label, DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly day) => day >= From && day <= To;
}
