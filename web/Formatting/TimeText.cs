using System.Globalization;

namespace Backoffice.Web.Formatting;

/// <summary>Times in the browser's own time zone, and a deadline as a countdown people can read at a glance.</summary>
internal static class TimeText
{
    public static string At(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Precise(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>"1h 05m left", "overdue by 12m 30s": the time between now and the due time, to the second.</summary>
    public static string Countdown(DateTimeOffset dueAt, DateTimeOffset now)
    {
        var left = dueAt - now;
        var text = Span(left.Duration());
        return left < TimeSpan.Zero ? $"overdue by {text}" : $"{text} left";
    }

    public static string Span(TimeSpan span)
    {
        if (span.TotalDays >= 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d {span.Hours:D2}h");
        }

        if (span.TotalHours >= 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:D2}m");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m {span.Seconds:D2}s");
    }
}
