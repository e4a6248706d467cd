using System.Globalization;

namespace Backoffice.Core.Finance;

/// <summary>A calendar month, the invoice period. Its label is <c>2026-11</c>; labels sort in time order.</summary>
public readonly record struct BillingMonth(int Year, int Month) : IComparable<BillingMonth>
{
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    public DateOnly FirstDay => new(Year, Month, 1);

    public BillingMonth Previous => Of(FirstDay.AddMonths(-1));

    public BillingMonth Next => Of(FirstDay.AddMonths(1));

    /// <summary>The month an instant falls in, on the merchant's calendar.</summary>
    public static BillingMonth Containing(DateTimeOffset at, TimeZoneInfo zone) => Of(MerchantCalendar.LocalDate(at, zone));

    public static BillingMonth Of(DateOnly date) => new(date.Year, date.Month);

    public static BillingMonth LatestEnded(DateTimeOffset at, TimeZoneInfo zone) => Of(MerchantCalendar.LocalDate(at, zone)).Previous;

    public (DateTimeOffset Start, DateTimeOffset End) Bounds(TimeZoneInfo zone) =>
        (MerchantCalendar.StartOfDay(FirstDay, zone), MerchantCalendar.StartOfDay(FirstDay.AddMonths(1), zone));

    public static bool TryParse(string? text, out BillingMonth month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year is < 2000 or > 2999 || number is < 1 or > 12)
        {
            return false;
        }

        month = new BillingMonth(year, number);
        return true;
    }

    public int CompareTo(BillingMonth other) => (Year, Month).CompareTo((other.Year, other.Month));

    public override string ToString() => Label;
}
