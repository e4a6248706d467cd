using Backoffice.Core.Common;
using Backoffice.Core.Kpi;
using Backoffice.Core.Orders;
using Xunit;

namespace Backoffice.Kpi.Tests;

/// <summary>What one order adds to which cell, in worked examples.</summary>
public sealed class OrderContributionTests
{
    private static readonly Actor Operator = new("op-1", Roles.Operator, "test");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateTimeOffset Placed = new(2026, 11, 21, 23, 30, 0, TimeSpan.Zero);

    [Fact]
    public void An_order_placed_late_in_the_utc_evening_belongs_to_the_next_berlin_day()
    {
        var (order, events) = Run(Place());

        var contribution = OrderContributions.For(order, events, Berlin);

        var cohort = Assert.Single(contribution.Cells, c => c.Key.View == KpiView.Cohort);
        Assert.Equal(new DateOnly(2026, 11, 22), cohort.Key.Day);
        Assert.Equal(1, cohort.Value[KpiMetrics.Orders]);
        Assert.Equal(order.OrderedValue, cohort.Value[KpiMetrics.Demand]);
        Assert.Equal(1, cohort.Value[KpiMetrics.InFlight]);
        Assert.Equal(order.OrderedValue, cohort.Value[KpiMetrics.InFlightValue]);
    }

    [Fact]
    public void A_line_dropped_on_confirmation_is_a_loss_of_that_line_charged_to_the_customer()
    {
        var (order, events) = Run(Place(), o => new ConfirmOrder([new LineDrop("2", CancellationReason.PriceNotAccepted)], Operator, Placed.AddHours(1)));

        var cohort = OrderContributions.For(order, events, Berlin).Cells.First(c => c.Key.View == KpiView.Cohort).Value;

        var loss = Assert.Single(KpiLoss.From(cohort));
        Assert.Equal(new KpiLoss(Stage.Confirmation, CancellationReason.PriceNotAccepted, Department.Customer, 0, 1, 2 * 2500), loss);
        Assert.Equal(5000, cohort[KpiMetrics.LostValue]);
        Assert.Equal(1, cohort[KpiMetrics.Confirmed]);
        Assert.Equal(cohort[KpiMetrics.Demand], cohort[KpiMetrics.InFlightValue] + cohort[KpiMetrics.LostValue]);
    }

    [Fact]
    public void A_cancelled_order_loses_its_lines_and_delivery_fee_to_the_cancellation()
    {
        var (order, events) = Run(Place(), _ => new CancelOrder(CancellationReason.Fraud, null, null, Operator, Placed.AddHours(1)));

        var cohort = OrderContributions.For(order, events, Berlin).Cells.First(c => c.Key.View == KpiView.Cohort).Value;

        var loss = Assert.Single(KpiLoss.From(cohort));
        Assert.Equal(new KpiLoss(Stage.Confirmation, CancellationReason.Fraud, Department.Merchant, 1, 2, order.OrderedValue), loss);
        Assert.Equal(1, cohort[KpiMetrics.Cancelled]);
        Assert.Equal(0, cohort[KpiMetrics.InFlight]);
    }

    [Fact]
    public void Revenue_is_recognised_on_the_delivery_day_and_in_the_cohort_of_the_creation_day()
    {
        var deliveredAt = Placed.AddDays(3);
        var (order, events) = Run(
            Place(),
            _ => new ConfirmOrder([], Operator, Placed.AddHours(1)),
            _ => new RecordPacking([], Operator, Placed.AddHours(5)),
            _ => new DispatchToCourier("courier-1", Operator, Placed.AddDays(2)),
            o => new RecordDelivery(DeliveryResult.AcceptedAll, [], o.LiveValue, null, Operator, deliveredAt));

        var contribution = OrderContributions.For(order, events, Berlin);

        Assert.Equal(order.OrderedValue, contribution[new KpiBucket(KpiView.Cohort, new DateOnly(2026, 11, 22))][KpiMetrics.Revenue]);
        Assert.Equal(order.OrderedValue, contribution[new KpiBucket(KpiView.DeliveryDay, new DateOnly(2026, 11, 25))][KpiMetrics.Revenue]);
        Assert.Equal(0, contribution[new KpiBucket(KpiView.DeliveryDay, new DateOnly(2026, 11, 22))][KpiMetrics.Revenue]);
        Assert.Equal(1, contribution[new KpiBucket(KpiView.DeliveryDay, new DateOnly(2026, 11, 22))][KpiMetrics.Orders]);
        var funnel = KpiFunnel.From(contribution[new KpiBucket(KpiView.Cohort, new DateOnly(2026, 11, 22))]);
        Assert.Equal(new KpiFunnel(1, 1, 1, 1, 1), funnel);
    }

    [Fact]
    public void Missed_deadlines_count_per_stage_and_the_last_one_cancels_the_order_against_the_stage_department()
    {
        var due = Placed + DeadlinePolicy.Default.Confirmation;
        var (order, events) = Run(
            Place(),
            _ => new ReachDeadline(Stage.Confirmation, due, Actor.System("timer"), due),
            o => new ReachDeadline(Stage.Confirmation, o.Deadline!.DueAt, Actor.System("timer"), o.Deadline.DueAt),
            o => new ReachDeadline(Stage.Confirmation, o.Deadline!.DueAt, Actor.System("timer"), o.Deadline.DueAt));

        var cohort = OrderContributions.For(order, events, Berlin).Cells.First(c => c.Key.View == KpiView.Cohort).Value;

        Assert.Equal([new KpiDeadlineMisses(Stage.Confirmation, Department.CallCentre, 3)], KpiDeadlineMisses.From(cohort));
        var loss = Assert.Single(KpiLoss.From(cohort));
        Assert.Equal((Stage.Confirmation, CancellationReason.DeadlineMissed, Department.CallCentre, 1L), (loss.Stage, loss.Reason, loss.Department, loss.Orders));
    }

    [Fact]
    public void Ratios_are_undefined_when_their_denominator_is_zero_and_exact_otherwise()
    {
        var figures = KpiFigures.From(KpiFacts.Of([new(KpiMetrics.Orders, 3), new(KpiMetrics.Demand, 1000), new(KpiMetrics.TrafficDays, 1)]), KpiView.Cohort, 1);

        Assert.Null(figures.Conv);
        Assert.Null(figures.NetAov);
        Assert.Equal(new Ratio(1000, 3), figures.GrossAov);
        Assert.Equal(333.333333m, figures.GrossAov!.Value);
        Assert.True(figures.GrossAov.TimesIs(3, 1000));
        Assert.Equal(new Ratio(0, 3), figures.OperFf);
    }

    [Fact]
    public void Conversion_is_undefined_when_traffic_misses_a_day_of_the_row_and_always_for_the_all_merchant_totals()
    {
        // Three days of orders, traffic reported for two: 30 orders over 200 visits would be an inflated 15 %.
        var facts = KpiFacts.Of([new(KpiMetrics.Orders, 30), new(KpiMetrics.Visits, 200), new(KpiMetrics.TrafficDays, 2)]);

        var partial = KpiFigures.From(facts, KpiView.Cohort, 3);
        Assert.Equal((false, 2L, 3), (partial.TrafficComplete, partial.TrafficDays, partial.Days));
        Assert.Null(partial.Conv);
        Assert.Equal(new Ratio(30, 200), KpiFigures.From(facts, KpiView.Cohort, 2).Conv);
        Assert.False(KpiFigures.From(facts, KpiView.Cohort, null).TrafficComplete);
        Assert.Null(KpiFigures.From(facts, KpiView.Cohort, null).Conv);
    }

    [Fact]
    public void The_delivery_day_view_has_no_in_flight_figures()
    {
        var facts = KpiFacts.Of([new(KpiMetrics.Orders, 1), new(KpiMetrics.InFlight, 1)]);

        Assert.Null(KpiFigures.From(facts, KpiView.DeliveryDay, 1).InFlightOrders);
        Assert.Equal(1, KpiFigures.From(facts, KpiView.Cohort, 1).InFlightOrders);
    }

    [Theory]
    [InlineData("2026-12-31", "2026-W53")]
    [InlineData("2027-01-03", "2026-W53")]
    [InlineData("2027-01-04", "2027-W01")]
    [InlineData("2026-11-21", "2026-W47")]
    public void Weeks_are_labelled_by_iso_8601(string day, string week) =>
        Assert.Equal(week, KpiCalendar.IsoWeek(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Months_and_weeks_are_clipped_to_the_range_asked_for()
    {
        var periods = KpiCalendar.Periods(new DateOnly(2026, 11, 20), new DateOnly(2026, 12, 2), KpiGranularity.Month);

        Assert.Equal([new KpiPeriod("2026-11", new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 30)), new KpiPeriod("2026-12", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 2))], periods);
    }

    private static OrderDraft Draft() => new(
        "EXT-1", new Customer("Anna", "+4915112345678", null, new Address("Main 1", null, "Berlin", null, "10115", "DE")),
        [new OrderLine("1", "SKU-1", "Shirt", 1, 4000, null, true), new OrderLine("2", "SKU-2", "Scarf", 2, 2500, null, true)],
        500, "EUR", PaymentMethod.CashOnDelivery, "test");

    private static PlaceOrder Place() => new("shop-one", OrderIds.For("shop-one", "EXT-1"), Draft(), DeadlinePolicy.Default, Operator, Placed);

    private static (PlacedOrder Order, IReadOnlyList<OrderEvent> Events) Run(PlaceOrder place, params Func<PlacedOrder, OrderCommand>[] commands)
    {
        var events = new List<OrderEvent>();
        OrderState state = OrderDecider.Initial;
        foreach (var next in new Func<PlacedOrder?, OrderCommand>[] { _ => place }.Concat(commands.Select(c => (Func<PlacedOrder?, OrderCommand>)(o => c(o!)))))
        {
            var decision = OrderDecider.Decide(state, next(state as PlacedOrder));
            Assert.True(decision.IsAccepted, decision.Rejection?.Message);
            events.AddRange(decision.Events);
            state = decision.Events.Aggregate(state, OrderDecider.Evolve);
        }

        return ((PlacedOrder)state, events);
    }
}
