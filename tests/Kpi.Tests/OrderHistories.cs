using Backoffice.Core.Common;
using Backoffice.Core.Orders;

namespace Backoffice.Kpi.Tests;

/// <summary>One order driven through the real decider: its state and log after every accepted command.</summary>
internal sealed record OrderHistory(IReadOnlyList<(PlacedOrder State, IReadOnlyList<OrderEvent> Events)> Snapshots)
{
    public PlacedOrder Final => Snapshots[^1].State;

    public IReadOnlyList<OrderEvent> Events => Snapshots[^1].Events;
}

/// <summary>
/// Random but valid order lives: each step picks a command that makes sense in the current stage (confirm, drop
/// lines, cancel, pick up, pack, dispatch, deliver in full or in part, refuse, absent, miss a deadline), so the
/// decider accepts most of them. Deterministic per seed.
/// </summary>
internal static class OrderHistories
{
    private static readonly Actor Someone = new("tester", "operator", "test");

    public static readonly TimeZoneInfo[] Zones =
    [
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
        TimeZoneInfo.FindSystemTimeZoneById("America/New_York"),
        TimeZoneInfo.Utc,
    ];

    public static OrderHistory Generate(int seed, string merchantId = "shop-one", DateTimeOffset? start = null)
    {
        var random = new Random(seed);
        var now = (start ?? new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)).AddMinutes(random.Next(0, 60 * 24 * 20));
        var lines = Enumerable.Range(1, random.Next(1, 5)).Select(n => new OrderLine(
            n.ToString(System.Globalization.CultureInfo.InvariantCulture), $"SKU-{n}", $"Item {n}", random.Next(1, 4), random.Next(1, 500) * 100L,
            random.Next(3) == 0 ? "supplier-1" : null, random.Next(3) != 0)).ToArray();
        lines = lines.Select(l => l with { SupplierId = l.InWarehouse ? null : "supplier-1" }).ToArray();
        var payment = random.Next(2) == 0 ? PaymentMethod.CashOnDelivery : PaymentMethod.Prepaid;
        var draft = new OrderDraft($"EXT-{seed}", new Customer("Anna", "+4915112345678", null, new Address("Main 1", null, "Berlin", null, "10115", "DE")),
            lines, random.Next(0, 10) * 100L, "EUR", payment, "test");
        var policy = DeadlinePolicy.Default;
        var orderId = OrderIds.For(merchantId, draft.ExternalOrderId);

        OrderState state = OrderDecider.Initial;
        var events = new List<OrderEvent>();
        var snapshots = new List<(PlacedOrder, IReadOnlyList<OrderEvent>)>();
        bool Apply(OrderCommand command)
        {
            var decision = OrderDecider.Decide(state, command);
            if (!decision.IsAccepted)
            {
                return false;
            }

            state = decision.Events.Aggregate(state, OrderDecider.Evolve);
            events.AddRange(decision.Events);
            snapshots.Add(((PlacedOrder)state, events.ToArray()));
            return true;
        }

        Apply(new PlaceOrder(merchantId, orderId, draft, policy, Someone, now));
        var steps = random.Next(0, 14);
        for (var step = 0; step < steps && state is PlacedOrder { Stage: var stage } && !stage.IsTerminal(); step++)
        {
            var order = (PlacedOrder)state;
            now = now.AddMinutes(random.Next(1, 60 * 30));
            var roll = random.Next(100);
            if (roll < 12 && order.Deadline is { } deadline)
            {
                now = deadline.DueAt > now ? deadline.DueAt : now;
                Apply(new ReachDeadline(deadline.Stage, deadline.DueAt, Actor.System("timer"), now));
                continue;
            }

            if (roll < 20)
            {
                var reasons = CancellationReasons.For(order.Stage);
                Apply(new CancelOrder(reasons[random.Next(reasons.Count)], null, null, Someone, now));
                continue;
            }

            var live = order.LiveLines.ToArray();
            Apply(order.Stage switch
            {
                Stage.Confirmation => new ConfirmOrder(Drops(random, order.Stage, live.Skip(1)), Someone, now),
                Stage.SupplierPickup => Pickup(random, order, now),
                Stage.Packing => new RecordPacking(Drops(random, order.Stage, live), Someone, now),
                _ when !order.OutForDelivery => new DispatchToCourier("courier-1", Someone, now),
                _ => Delivery(random, order, now),
            });
        }

        return new OrderHistory(snapshots);
    }

    private static IReadOnlyList<LineDrop> Drops(Random random, Stage stage, IEnumerable<LineState> candidates)
    {
        var reasons = CancellationReasons.For(stage);
        return candidates.Where(_ => random.Next(5) == 0).Select(l => new LineDrop(l.Line.LineId, reasons[random.Next(reasons.Count)])).ToArray();
    }

    private static RecordPickup Pickup(Random random, PlacedOrder order, DateTimeOffset now)
    {
        var awaiting = order.Lines.Where(l => l.Status == LineStatus.AwaitingPickup).ToArray();
        var failed = Drops(random, Stage.SupplierPickup, awaiting);
        var picked = awaiting.Where(l => failed.All(f => f.LineId != l.Line.LineId)).Select(l => l.Line.LineId).ToArray();
        return new RecordPickup(picked, failed, Someone, now);
    }

    private static RecordDelivery Delivery(Random random, PlacedOrder order, DateTimeOffset now)
    {
        var live = order.LiveLines.ToArray();
        var outcome = random.Next(10);
        if (outcome < 2)
        {
            return new RecordDelivery(DeliveryResult.Refused, [], null, null, Someone, now);
        }

        if (outcome < 4)
        {
            return new RecordDelivery(DeliveryResult.CustomerAbsent, [], null, null, Someone, now);
        }

        var rejected = outcome < 6 && live.Length > 1
            ? new[] { new LineDrop(live[0].Line.LineId, CancellationReason.RejectedOnInspection) }
            : [];
        var keptValue = live.Skip(rejected.Length).Sum(l => l.Line.Total) + order.Draft.DeliveryFee;
        var cash = order.Draft.Payment == PaymentMethod.CashOnDelivery ? keptValue : 0;
        return new RecordDelivery(rejected.Length > 0 ? DeliveryResult.AcceptedSome : DeliveryResult.AcceptedAll, rejected, cash, null, Someone, now);
    }
}
