using System.Globalization;

namespace Backoffice.Web.Formatting;

/// <summary>
/// Money arrives as long minor units plus an ISO 4217 code. It is shown and typed in major units with the
/// currency's own number of decimals, and converted back exactly (no floating point on the way).
/// </summary>
internal static class MoneyText
{
    public static int Decimals(string currency) => currency.ToUpperInvariant() switch
    {
        "JPY" or "KRW" or "VND" or "CLP" or "ISK" or "UGX" or "XAF" or "XOF" => 0,
        "BHD" or "KWD" or "OMR" or "JOD" or "TND" or "IQD" or "LYD" => 3,
        _ => 2,
    };

    public static string Format(long minor, string currency) => $"{Amount(minor, currency)} {currency}";

    /// <summary>The number alone, e.g. 1,234.50, for inputs and grids that show the currency elsewhere.</summary>
    public static string Amount(long minor, string currency)
    {
        var decimals = Decimals(currency);
        var value = minor / (decimal)Pow10(decimals);
        return value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Parses what a person typed ("12.5", "1,234.50") into minor units; null when it is not an amount.</summary>
    public static long? Parse(string? text, string currency)
    {
        if (string.IsNullOrWhiteSpace(text)
            || !decimal.TryParse(text.Replace(",", string.Empty, StringComparison.Ordinal).Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var scaled = value * Pow10(Decimals(currency));
        return scaled == decimal.Truncate(scaled) && scaled >= long.MinValue && scaled <= long.MaxValue ? (long)scaled : null;
    }

    /// <summary>The value in major units for an input box, without thousands separators.</summary>
    public static string Editable(long minor, string currency)
    {
        var decimals = Decimals(currency);
        return (minor / (decimal)Pow10(decimals)).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Major units as a double, for chart axes only (never for sums).</summary>
    public static double Major(long minor, string currency) => (double)(minor / (decimal)Pow10(Decimals(currency)));

    private static long Pow10(int n) => n switch { 0 => 1, 2 => 100, 3 => 1000, _ => (long)Math.Pow(10, n) };
}
