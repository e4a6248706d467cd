namespace Backoffice.Core.Orders;

/// <summary>
/// The money limits an order must keep. Every amount is capped one by one, and the order as a whole is capped too:
/// each line's amount times its quantity, summed, plus the delivery fee. Capping only the parts let a storefront send
/// 100 lines × 10,000 units × 10¹² minor units (10¹⁸ per order) — each value "valid" — and eleven such orders
/// overflowed the KPI sums of a whole day. With the whole order capped at 10¹² minor units, sums over many orders stay
/// nine million orders away from overflowing a 64-bit counter, and anything that still overflows fails here, at
/// intake, as a user error instead of later inside a roll-up or a settlement.
/// </summary>
public static class OrderLimits
{
    /// <summary>The largest single amount (a unit price, a fee, cash collected) in minor units: 10¹².</summary>
    public const long MaxAmount = 1_000_000_000_000;

    /// <summary>The largest order total (lines × quantities + delivery fee) in minor units: 10¹².</summary>
    public const long MaxOrderTotal = 1_000_000_000_000;

    /// <summary>
    /// The order's total in minor units, or null when it exceeds <see cref="MaxOrderTotal"/> (or any part is negative).
    /// Computed in 128 bits, so no input of 64-bit parts can overflow while it is checked.
    /// </summary>
    public static long? Total(IEnumerable<OrderLine> lines, long deliveryFee)
    {
        if (deliveryFee < 0)
        {
            return null;
        }

        Int128 total = deliveryFee;
        foreach (var line in lines)
        {
            if (line.UnitPrice < 0 || line.Quantity < 0)
            {
                return null;
            }

            total += (Int128)line.UnitPrice * line.Quantity;
            if (total > MaxOrderTotal)
            {
                return null;
            }
        }

        return (long)total;
    }

    /// <summary>True when the draft keeps every money limit.</summary>
    public static bool IsWithinLimits(OrderDraft draft) => Total(draft.Lines, draft.DeliveryFee) is not null;
}
