using System.Globalization;
using Backoffice.Core.Finance;

namespace Backoffice.Infra.Finance.Reports;

/// <summary>How cells read as text in every format.</summary>
internal static class CellText
{
    public static string Of(object? value, ReportColumn column, string currency) => value switch
    {
        null => string.Empty,
        long minor when column.Kind == ReportValue.Money => MoneyText.Format(minor, currency),
        int count => count.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture),
        string text => text,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    public static string LocalTime(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
}
