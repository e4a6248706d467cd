using System.Globalization;

namespace Backoffice.Core.Finance;

/// <summary>An ISO 8601 week (Monday to Sunday), the settlement period. Its label is <c>2026-W53</c>; labels sort in time order.</summary>
public readonly record struct SettlementWeek(int Year, int Week) : IComparable<SettlementWeek>
{
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Week:D2}");

    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public SettlementWeek Previous => Of(Monday.AddDays(-7));

    public SettlementWeek Next => Of(Monday.AddDays(7));

    public static SettlementWeek Of(DateOnly date)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        return new SettlementWeek(ISOWeek.GetYear(day), ISOWeek.GetWeekOfYear(day));
    }

    /// <summary>The week an instant falls in, on the merchant's calendar.</summary>
    public static SettlementWeek Containing(DateTimeOffset at, TimeZoneInfo zone) => Of(MerchantCalendar.LocalDate(at, zone));

    /// <summary>The most recent week that has ended by <paramref name="at"/> in the merchant's time zone.</summary>
    public static SettlementWeek LatestEnded(DateTimeOffset at, TimeZoneInfo zone) => Containing(at, zone).Previous;

    /// <summary>[start, end) of the week as UTC instants: local Monday 00:00 to the next local Monday 00:00.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Bounds(TimeZoneInfo zone) =>
        (MerchantCalendar.StartOfDay(Monday, zone), MerchantCalendar.StartOfDay(Monday.AddDays(7), zone));

    public static bool TryParse(string? text, out SettlementWeek week)
    {
        week = default;
        if (text is not { Length: 8 } || text[4] != '-' || text[5] != 'W'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year is < 2000 or > 2999 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        week = new SettlementWeek(year, number);
        return true;
    }

    public int CompareTo(SettlementWeek other) => (Year, Week).CompareTo((other.Year, other.Week));

    public override string ToString() => Label;
}
