using Backoffice.Core.Merchants;

namespace Backoffice.Core.Finance;

/// <summary>The fee for one delivered order, by tariff component, each already rounded to minor units.</summary>
public sealed record FeeBreakdown(long Fixed, long OnDeliveredValue, long OnCashHandled)
{
    public static FeeBreakdown None { get; } = new(0, 0, 0);

    public long Total => checked(Fixed + OnDeliveredValue + OnCashHandled);
}

/// <summary>
/// The outsourcing fee, charged only for delivered orders. Rounding rule (docs/finance.md): each percentage component
/// of each order is rounded once, to the nearest minor unit, halves away from zero (0.5 → 1, 2.5 → 3, −0.5 → −1).
/// Invoice totals are sums of rounded order lines, so the per-order report always adds up to the invoice.
/// </summary>
public static class Fees
{
    public const long BasisPointsPerWhole = 10_000;

    public static FeeBreakdown For(Tariff tariff, long deliveredValue, long cashCollected) => new(
        tariff.FixedPerDeliveredOrder,
        BasisPoints(deliveredValue, tariff.DeliveredValueBasisPoints),
        BasisPoints(cashCollected, tariff.CashHandledBasisPoints));

    public static long BasisPoints(long amount, int basisPoints) => RoundHalfAwayFromZero((Int128)amount * basisPoints, BasisPointsPerWhole);

    public static long RoundHalfAwayFromZero(Int128 numerator, long denominator)
    {
        if (denominator <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), denominator, "The denominator must be positive.");
        }

        var magnitude = Int128.Abs(numerator);
        var (quotient, remainder) = Int128.DivRem(magnitude, denominator);
        if (remainder * 2 >= denominator)
        {
            quotient++;
        }

        return checked((long)(numerator < 0 ? -quotient : quotient));
    }
}
