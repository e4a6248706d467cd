using Backoffice.Core.Orders;
using Backoffice.Core.Stock;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Backoffice.Stock.Tests;

/// <summary>
/// No oversell, as an invariant: whatever the order of receipts, reservations, releases, pickups and packing across
/// many order lines, the units reserved equal what the held reservations hold and never exceed what is on hand
/// (counts and write-offs, which report losses, are the only way a shortfall can appear).
/// </summary>
public sealed class StockInvariantProperties
{
    [Property(MaxTest = 300)]
    public Property Reservations_never_promise_more_than_is_on_hand(byte[] operations, byte[] quantities)
    {
        var level = StockLevel.Empty;
        var reservations = new Dictionary<string, Reservation>();
        var holds = true;
        for (var i = 0; i < operations.Length; i++)
        {
            var quantity = 1 + ((quantities.Length == 0 ? i : quantities[i % quantities.Length]) % 5);
            var lineId = (operations[i] / 6 % 8).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var line = new OrderLine(lineId, "SKU", "Item", quantity, 100, null, true);
            reservations.TryGetValue(lineId, out var existing);
            var change = new StockLineChange(lineId, "SKU", existing?.LineQuantity ?? quantity, StockChangeKind.Release);
            var step = (operations[i] % 6) switch
            {
                0 => StockRules.Receive(level, quantity),
                1 or 2 => StockRules.Reserve(level, existing, "O", line),
                3 => StockRules.Apply(level, existing, "O", change),
                4 => StockRules.Apply(level, existing, "O", change with { Kind = StockChangeKind.ReceivePickup }),
                _ => StockRules.Apply(level, existing, "O", change with { Kind = StockChangeKind.Consume }),
            };
            level = step.Level;
            if (step.Reservation is { } r)
            {
                reservations[lineId] = r;
            }

            holds &= level.Reserved == reservations.Values.Sum(x => x.Holding) && level.Reserved <= level.OnHand && level.Reserved >= 0;
        }

        return holds.ToProperty();
    }
}
