using System.Numerics;

namespace Backoffice.Core.Kpi;

/// <summary>
/// An exact ratio of two stored whole numbers. It exists only when the denominator is not zero (a conversion with no
/// traffic is undefined, not zero). <see cref="Value"/> is for display only: rounded half away from zero to
/// <see cref="Decimals"/> places; identities are checked on the exact numerator and denominator.
/// </summary>
public sealed record Ratio(long Numerator, long Denominator)
{
    public const int Decimals = 6;

    public static Ratio? Of(long numerator, long denominator) => denominator == 0 ? null : new Ratio(numerator, denominator);

    public decimal Value => decimal.Round((decimal)Numerator / Denominator, Decimals, MidpointRounding.AwayFromZero);

    /// <summary>True when <paramref name="factor"/> × this ratio is exactly <paramref name="product"/> (no rounding anywhere).</summary>
    public bool TimesIs(long factor, long product) => new BigInteger(factor) * Numerator == new BigInteger(product) * Denominator;
}
