namespace Backoffice.Core.Customers;

/// <summary>
/// A customer's record with the merchant: orders placed, how they ended, and the lifetime value (what was delivered,
/// in minor units of the merchant's currency). The refusal rate counts only parcels that reached the door.
/// </summary>
public sealed record CustomerStats(int Orders, int Delivered, int Refused, int Cancelled, long LifetimeValue)
{
    public static CustomerStats None { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Refused ÷ (delivered + refused), in basis points (1/100 of a percent), rounded down.</summary>
    public int RefusalRateBasisPoints => Delivered + Refused == 0 ? 0 : (int)(Refused * 10_000L / (Delivered + Refused));

    /// <summary>The record after an order moved from <paramref name="before"/> (null: newly linked) to <paramref name="after"/>.</summary>
    public CustomerStats Apply(OrderFacts? before, OrderFacts after)
    {
        var stats = before is null ? this with { Orders = Orders + 1 } : Count(before, -1);
        return stats.Count(after, +1);
    }

    private CustomerStats Count(OrderFacts facts, int sign) => facts.Outcome switch
    {
        OrderOutcome.Delivered => this with { Delivered = Delivered + sign, LifetimeValue = checked(LifetimeValue + (sign * facts.DeliveredValue)) },
        OrderOutcome.Refused => this with { Refused = Refused + sign },
        OrderOutcome.Cancelled => this with { Cancelled = Cancelled + sign },
        _ => this,
    };
}
