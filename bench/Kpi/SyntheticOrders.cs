using Backoffice.Core.Common;
using Backoffice.Core.Orders;

namespace Backoffice.Kpi.Bench;

/// <summary>
/// Plausible order lives, decided by the real decider: most orders are delivered (some with a line rejected at the
/// door), some are cancelled at confirmation, some refused at delivery, some lose a line at packing, a few are still
/// in flight. Deterministic per seed.
/// </summary>
internal static class SyntheticOrders
{
    private static readonly Actor Staff = new("bench", Roles.Supervisor, "bench");

    public static OrderDraft Draft(Random random, string externalId, string currency)
    {
        var lines = Enumerable.Range(1, random.Next(1, 4)).Select(n => new OrderLine(
            n.ToString(System.Globalization.CultureInfo.InvariantCulture), $"SKU-{random.Next(100):D3}", "Item", random.Next(1, 3), random.Next(5, 200) * 100L,
            n == 3 ? "supplier-1" : null, n != 3)).ToArray();
        return new OrderDraft(externalId, new Customer("Bench Customer", "+4915112345678", null, new Address("Main 1", null, "Berlin", null, "10115", "DE")),
            lines, 490, currency, random.Next(4) == 0 ? PaymentMethod.Prepaid : PaymentMethod.CashOnDelivery, "bench");
    }

    public static PlaceOrder Place(string merchantId, OrderDraft draft, DateTimeOffset at) =>
        new(merchantId, OrderIds.For(merchantId, draft.ExternalOrderId), draft, DeadlinePolicy.Default, Staff, at);

    /// <summary>The commands that take an order from placed to its outcome, each given the state it applies to and its time.</summary>
    public static IReadOnlyList<Func<PlacedOrder, DateTimeOffset, OrderCommand?>> Life(Random random)
    {
        var roll = random.Next(100);
        var steps = new List<Func<PlacedOrder, DateTimeOffset, OrderCommand?>>();
        if (roll < 10)
        {
            steps.Add((_, now) => new CancelOrder(CancellationReason.CustomerChangedMind, null, null, Staff, now));
            return steps;
        }

        if (roll < 15)
        {
            return steps; // still waiting for the call centre
        }

        steps.Add((o, now) => new ConfirmOrder(roll < 25 && o.Lines.Count > 1 ? [new LineDrop(o.Lines[^1].Line.LineId, CancellationReason.PriceNotAccepted)] : [], Staff, now));
        steps.Add((o, now) => o.Stage == Stage.SupplierPickup
            ? new RecordPickup(o.Lines.Where(l => l.Status == LineStatus.AwaitingPickup).Select(l => l.Line.LineId).ToArray(), [], Staff, now)
            : null);
        steps.Add((o, now) => new RecordPacking(roll is >= 25 and < 30 && o.LiveLines.Count() > 1 ? [new LineDrop(o.LiveLines.First().Line.LineId, CancellationReason.ItemNotFound)] : [], Staff, now));
        if (roll < 33)
        {
            return steps; // packed, waiting for a courier
        }

        steps.Add((_, now) => new DispatchToCourier("courier-1", Staff, now));
        if (roll < 45)
        {
            steps.Add((_, now) => new RecordDelivery(DeliveryResult.Refused, [], null, null, Staff, now));
            return steps;
        }

        steps.Add((o, now) =>
        {
            var live = o.LiveLines.ToArray();
            var rejected = roll < 55 && live.Length > 1 ? new[] { new LineDrop(live[0].Line.LineId, CancellationReason.RejectedOnInspection) } : [];
            var value = live.Skip(rejected.Length).Sum(l => l.Line.Total) + o.Draft.DeliveryFee;
            return new RecordDelivery(rejected.Length > 0 ? DeliveryResult.AcceptedSome : DeliveryResult.AcceptedAll, rejected,
                o.Draft.Payment == PaymentMethod.CashOnDelivery ? value : 0, null, Staff, now);
        });
        return steps;
    }

    /// <summary>Runs a whole life in memory (for synthesized history): the final state and the log.</summary>
    public static (PlacedOrder State, IReadOnlyList<OrderEvent> Events) Decide(string merchantId, Random random, string externalId, string currency, DateTimeOffset placedAt)
    {
        var events = new List<OrderEvent>();
        OrderState state = OrderDecider.Initial;
        void Apply(OrderCommand command)
        {
            var decision = OrderDecider.Decide(state, command);
            if (decision.IsAccepted)
            {
                events.AddRange(decision.Events);
                state = decision.Events.Aggregate(state, OrderDecider.Evolve);
            }
        }

        Apply(Place(merchantId, Draft(random, externalId, currency), placedAt));
        var now = placedAt;
        foreach (var step in Life(random))
        {
            now = now.AddMinutes(random.Next(30, 60 * 20));
            if (step((PlacedOrder)state, now) is { } command)
            {
                Apply(command);
            }
        }

        return ((PlacedOrder)state, events);
    }
}
