using Backoffice.Core.Orders;

namespace Backoffice.Core.Kpi;

/// <summary>
/// What one order adds to the KPI calendar, computed from its state and its event log (the log says when each step
/// happened). Pure: the merchant's time zone comes in. Every fact comes from an event that can never be undone, so
/// the cells an order touches only ever grow as it moves on (the roll-up relies on that).
/// </summary>
/// <remarks>
/// Value rule, so that money reconciles: an order's ordered value (lines plus delivery fee) is, at any time, exactly
/// delivered value + value still in flight + lost value. Lost value is the total of every cancelled or rejected line,
/// plus the delivery fee when the whole order is cancelled (charged to the order's cancellation).
/// </remarks>
public static class OrderContributions
{
    public static KpiContribution For(PlacedOrder order, IReadOnlyList<OrderEvent> events, TimeZoneInfo zone)
    {
        var cohort = new KpiFactsBuilder();
        var byDay = new Dictionary<DateOnly, KpiFactsBuilder>();
        KpiFactsBuilder On(DateTimeOffset at)
        {
            var day = KpiCalendar.Day(at, zone);
            if (!byDay.TryGetValue(day, out var builder))
            {
                byDay[day] = builder = new KpiFactsBuilder();
            }

            return builder;
        }

        void Both(DateTimeOffset at, string metric, long value)
        {
            cohort.Add(metric, value);
            On(at).Add(metric, value);
        }

        Both(order.PlacedAt, KpiMetrics.Orders, 1);
        Both(order.PlacedAt, KpiMetrics.Demand, order.OrderedValue);

        if (events.OfType<OrderConfirmed>().FirstOrDefault() is { } confirmed)
        {
            Both(confirmed.At, KpiMetrics.Confirmed, 1);
        }

        // "Picked up" in the funnel means the goods are in hand: the order reached packing, with or without a supplier run.
        if (events.OfType<StageEntered>().FirstOrDefault(e => e.Stage == Stage.Packing) is { } inHand)
        {
            Both(inHand.At, KpiMetrics.PickedUp, 1);
        }

        if (events.OfType<OrderPacked>().FirstOrDefault() is { } packed)
        {
            Both(packed.At, KpiMetrics.Packed, 1);
        }

        if (order.Stage == Stage.Delivered && events.OfType<OrderDelivered>().FirstOrDefault() is { } delivered)
        {
            Both(delivered.At, KpiMetrics.Delivered, 1);
            Both(delivered.At, KpiMetrics.Net, 1);
            Both(delivered.At, KpiMetrics.Revenue, order.DeliveredValue);
        }

        if (!order.Stage.IsTerminal())
        {
            // In flight is a state, not an event: it belongs to the cohort only.
            cohort.Add(KpiMetrics.InFlight, 1);
            cohort.Add(KpiMetrics.InFlightValue, order.LiveValue);
        }

        foreach (var line in order.Lines)
        {
            if (line.Status is LineStatus.Cancelled or LineStatus.Rejected && line.Cancellation is { } c)
            {
                Both(c.At, KpiMetrics.Loss(c.Stage, c.Reason, c.Department, KpiMetrics.LossLines), 1);
                Both(c.At, KpiMetrics.Loss(c.Stage, c.Reason, c.Department, KpiMetrics.LossValue), line.Line.Total);
                Both(c.At, KpiMetrics.LostValue, line.Line.Total);
            }
        }

        if (order.Stage == Stage.Cancelled && order.Cancellation is { } whole)
        {
            Both(whole.At, KpiMetrics.Cancelled, 1);
            Both(whole.At, KpiMetrics.Loss(whole.Stage, whole.Reason, whole.Department, KpiMetrics.LossOrders), 1);
            Both(whole.At, KpiMetrics.Loss(whole.Stage, whole.Reason, whole.Department, KpiMetrics.LossValue), order.Draft.DeliveryFee);
            Both(whole.At, KpiMetrics.LostValue, order.Draft.DeliveryFee);
        }

        foreach (var missed in events.OfType<DeadlineMissed>())
        {
            Both(missed.At, KpiMetrics.Miss(missed.Stage, missed.Stage.Owner()), 1);
        }

        var cells = new List<KeyValuePair<KpiBucket, KpiFacts>>
        {
            new(new KpiBucket(KpiView.Cohort, KpiCalendar.Day(order.PlacedAt, zone)), cohort.Build()),
        };
        cells.AddRange(byDay.Select(kv => new KeyValuePair<KpiBucket, KpiFacts>(new KpiBucket(KpiView.DeliveryDay, kv.Key), kv.Value.Build())));
        return KpiContribution.Of(cells);
    }

    /// <summary>The cohort day of an order: the merchant's local day it was placed on.</summary>
    public static DateOnly CohortDay(PlacedOrder order, TimeZoneInfo zone) => KpiCalendar.Day(order.PlacedAt, zone);
}

/// <summary>One day's traffic report: the visits count on that day, in both views.</summary>
public static class TrafficContributions
{
    public static KpiContribution For(DateOnly date, long visits)
    {
        var facts = new KpiFactsBuilder().Add(KpiMetrics.Visits, visits).Add(KpiMetrics.TrafficDays, 1).Build();
        return KpiContribution.Of(
        [
            new(new KpiBucket(KpiView.Cohort, date), facts),
            new(new KpiBucket(KpiView.DeliveryDay, date), facts),
        ]);
    }
}
