namespace Backoffice.Core.Stock;

/// <summary>
/// What the warehouse holds of one merchant SKU: units on the shelves and units promised to confirmed orders.
/// Storefronts see <see cref="Available"/>; a stock count below the reservations shows up as <see cref="Shortfall"/>.
/// </summary>
public sealed record StockLevel(int OnHand, int Reserved)
{
    public static StockLevel Empty { get; } = new(0, 0);

    public int Available => Math.Max(0, OnHand - Reserved);

    /// <summary>Units promised to orders that the shelves do not hold (after a count found less than expected).</summary>
    public int Shortfall => Math.Max(0, Reserved - OnHand);
}
