using System.Globalization;

namespace Backoffice.Core.Finance;

/// <summary>Minor units as a decimal amount for reports ("1234.56"), by the currency's ISO 4217 exponent.</summary>
public static class MoneyText
{
    private static readonly Dictionary<string, int> ExceptionalExponents = new(StringComparer.Ordinal)
    {
        ["JPY"] = 0, ["KRW"] = 0, ["VND"] = 0, ["CLP"] = 0, ["ISK"] = 0, ["UGX"] = 0, ["PYG"] = 0,
        ["KWD"] = 3, ["BHD"] = 3, ["OMR"] = 3, ["JOD"] = 3, ["TND"] = 3, ["IQD"] = 3, ["LYD"] = 3,
    };

    public static int Exponent(string currency) => ExceptionalExponents.TryGetValue(currency, out var e) ? e : 2;

    public static decimal ToDecimal(long minor, string currency) => Exponent(currency) switch
    {
        0 => minor,
        3 => minor / 1000m,
        _ => minor / 100m,
    };

    public static string Format(long minor, string currency) => ToDecimal(minor, currency).ToString("F" + Exponent(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>
    /// Money as every message writes it: major units and the ISO code, "64.80 EUR" (never the minor units, "6480 EUR").
    /// The one helper for error messages, log-free texts and report captions.
    /// </summary>
    public static string WithCurrency(long minor, string currency) => $"{Format(minor, currency)} {currency}";
}
