using System.Collections.Concurrent;
using System.Globalization;

namespace Backoffice.Web.Formatting;

/// <summary>
/// Money arrives as long minor units plus an ISO 4217 code. It is shown in major units, with the currency's own number of
/// decimals, in the person's culture (ru-RU: "1 234,56 €", en-GB: "€1,234.56"), typed the same way, and converted back
/// exactly (no floating point on the way).
/// </summary>
internal static class MoneyText
{
    private static readonly ConcurrentDictionary<string, string> Symbols = new(StringComparer.Ordinal);

    public static int Decimals(string currency) => currency.ToUpperInvariant() switch
    {
        "JPY" or "KRW" or "VND" or "CLP" or "ISK" or "UGX" or "XAF" or "XOF" or "PYG" => 0,
        "BHD" or "KWD" or "OMR" or "JOD" or "TND" or "IQD" or "LYD" => 3,
        _ => 2,
    };

    /// <summary>The amount with its currency in the current culture's pattern: "1 234,56 €", "€1,234.56".</summary>
    public static string Format(long minor, string currency)
    {
        var culture = CultureInfo.CurrentCulture;
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = Symbol(currency);
        format.CurrencyDecimalDigits = Decimals(currency);
        return ToMajor(minor, currency).ToString("C", format);
    }

    /// <summary>The number alone in the current culture, e.g. 1 234,50, for grids that show the currency elsewhere.</summary>
    public static string Amount(long minor, string currency) =>
        ToMajor(minor, currency).ToString("N" + Decimals(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture);

    /// <summary>
    /// Parses what a person typed ("12,5" in Russian, "1,234.50" in English; a point is always a decimal point) into minor
    /// units; null when it is not an amount.
    /// </summary>
    public static long? Parse(string? text, string currency)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var number = CultureInfo.CurrentCulture.NumberFormat;
        var cleaned = text.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal)
            .Replace("\u202F", string.Empty, StringComparison.Ordinal);
        if (number.NumberDecimalSeparator == ",")
        {
            cleaned = cleaned.Replace(",", ".", StringComparison.Ordinal);
        }
        else
        {
            cleaned = cleaned.Replace(number.NumberGroupSeparator, string.Empty, StringComparison.Ordinal);
        }

        if (!decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var scaled = value * Pow10(Decimals(currency));
        return scaled == decimal.Truncate(scaled) && scaled >= long.MinValue && scaled <= long.MaxValue ? (long)scaled : null;
    }

    /// <summary>The value in major units for an input box, in the current culture, without thousands separators.</summary>
    public static string Editable(long minor, string currency) =>
        ToMajor(minor, currency).ToString("F" + Decimals(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentCulture);

    /// <summary>Major units as a double, for chart axes only (never for sums).</summary>
    public static double Major(long minor, string currency) => (double)ToMajor(minor, currency);

    /// <summary>
    /// The currency's sign as the culture of its own country writes it (€, ₽, $), from ICU's data rather than a table
    /// here; the ISO code when no culture uses the currency or its symbol is a word (KWD).
    /// </summary>
    public static string Symbol(string currency) => Symbols.GetOrAdd(currency.ToUpperInvariant(), static code =>
    {
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try
            {
                region = new RegionInfo(culture.Name);
            }
            catch (ArgumentException)
            {
                continue;
            }

            // A sign (€, ₽, $), not a word in the region's own script (the Kuwaiti dinar's is Arabic letters): else the code.
            if (region.ISOCurrencySymbol == code && region.CurrencySymbol.Length > 0 && !region.CurrencySymbol.Any(char.IsLetter))
            {
                return region.CurrencySymbol;
            }
        }

        return code;
    });

    private static decimal ToMajor(long minor, string currency) => minor / (decimal)Pow10(Decimals(currency));

    private static long Pow10(int n) => n switch { 0 => 1, 2 => 100, 3 => 1000, _ => (long)Math.Pow(10, n) };
}
