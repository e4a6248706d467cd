using System.Globalization;

namespace Backoffice.Core.Kpi;

/// <summary>One cell of the calendar: a day in one of the two views. Its <see cref="Key"/> sorts by view, then day.</summary>
public readonly record struct KpiBucket(KpiView View, DateOnly Day) : IComparable<KpiBucket>
{
    public const string DayFormat = "yyyy-MM-dd";

    public string Key => (View == KpiView.Cohort ? "c~" : "a~") + Day.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>The calendar month of the day, <c>yyyy-MM</c>.</summary>
    public string Month => KpiCalendar.Month(Day);

    public static KpiBucket Parse(string key)
    {
        if (key.Length != 12 || key[1] != '~' || (key[0] != 'c' && key[0] != 'a')
            || !DateOnly.TryParseExact(key.AsSpan(2), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new FormatException($"'{key}' is not a KPI bucket key.");
        }

        return new KpiBucket(key[0] == 'c' ? KpiView.Cohort : KpiView.DeliveryDay, day);
    }

    public int CompareTo(KpiBucket other) => string.CompareOrdinal(Key, other.Key);

    public override string ToString() => Key;
}
