using System.Globalization;
using Backoffice.Web.Localization;

namespace Backoffice.Web.Formatting;

/// <summary>
/// Times in the merchant's time zone and the person's culture (ru-RU "04.12.2026 23:09", en-GB "04/12/2026 23:09"), the
/// zone named where they are shown, and a deadline as a countdown people can read at a glance.
/// </summary>
internal static class TimeText
{
    /// <summary>The merchant's zone from its IANA id (Europe/Moscow); UTC when the id is missing or unknown to ICU.</summary>
    public static TimeZoneInfo Zone(string? ianaId) =>
        ianaId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone) ? zone : TimeZoneInfo.Utc;

    public static string At(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("g", CultureInfo.CurrentCulture);

    public static string Precise(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("G", CultureInfo.CurrentCulture);

    /// <summary>A calendar date (a KPI day, a settlement's payment date) in the current culture.</summary>
    public static string Date(DateOnly date) => date.ToString("d", CultureInfo.CurrentCulture);

    /// <summary>"times in Europe/Berlin (UTC+01:00)": which zone the times on a page are in, with its offset now.</summary>
    public static string ZoneCaption(TimeZoneInfo zone, DateTimeOffset now) => ConsoleText.Format("Time.ZoneCaption", ZoneName(zone), Offset(zone, now));

    /// <summary>"Europe/Berlin (UTC+01:00)".</summary>
    public static string ZoneWithOffset(TimeZoneInfo zone, DateTimeOffset now) => $"{ZoneName(zone)} ({Offset(zone, now)})";

    /// <summary>"1h 05m left", "overdue by 12m 30s": the time between now and the due time, to the second.</summary>
    public static string Countdown(DateTimeOffset dueAt, DateTimeOffset now)
    {
        var left = dueAt - now;
        var text = Span(left.Duration());
        return left < TimeSpan.Zero ? ConsoleText.Format("Time.Overdue", text) : ConsoleText.Format("Time.Left", text);
    }

    public static string Span(TimeSpan span)
    {
        if (span.TotalDays >= 1)
        {
            return ConsoleText.Format("Time.DaysHours", (int)span.TotalDays, span.Hours);
        }

        if (span.TotalHours >= 1)
        {
            return ConsoleText.Format("Time.HoursMinutes", (int)span.TotalHours, span.Minutes);
        }

        return ConsoleText.Format("Time.MinutesSeconds", span.Minutes, span.Seconds);
    }

    private static string ZoneName(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;

    private static string Offset(TimeZoneInfo zone, DateTimeOffset now)
    {
        var offset = zone.GetUtcOffset(now);
        return "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }
}
