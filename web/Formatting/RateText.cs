using System.Globalization;

namespace Backoffice.Web.Formatting;

/// <summary>Rates the API sends in basis points (1/100 of a percent), shown as percentages: 6667 → "66.7 %".</summary>
internal static class RateText
{
    public static string FromBasisPoints(int basisPoints) => (basisPoints / 100m).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
