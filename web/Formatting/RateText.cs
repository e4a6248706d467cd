using System.Globalization;

namespace Backoffice.Web.Formatting;

/// <summary>Rates the API sends in basis points (1/100 of a percent), shown as percentages in the current culture: 6667 → "66.7 %" / "66,7 %".</summary>
internal static class RateText
{
    public static string FromBasisPoints(int basisPoints) => Percent(basisPoints / 100m);

    /// <summary>A percentage (already times 100) with at most one decimal.</summary>
    public static string Percent(decimal percent) => percent.ToString("0.#", CultureInfo.CurrentCulture) + " %";
}
