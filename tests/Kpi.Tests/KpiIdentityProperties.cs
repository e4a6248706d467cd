using Backoffice.Core.Kpi;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Backoffice.Kpi.Tests;

/// <summary>The identities and reconciliations every KPI row must satisfy, over random order lives and random counters.</summary>
public sealed class KpiIdentityProperties
{
    private static readonly string[] EventBooked =
    [
        KpiMetrics.Orders, KpiMetrics.Demand, KpiMetrics.Net, KpiMetrics.Revenue, KpiMetrics.Cancelled, KpiMetrics.LostValue,
        KpiMetrics.Confirmed, KpiMetrics.PickedUp, KpiMetrics.Packed, KpiMetrics.Delivered,
    ];

    private static Arbitrary<int> Seeds => Gen.Choose(0, int.MaxValue - 1).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Every_order_reconciles_demand_into_revenue_in_flight_and_losses() => Prop.ForAll(Seeds, seed =>
    {
        var history = OrderHistories.Generate(seed);
        foreach (var (state, events) in history.Snapshots)
        {
            var cohort = CohortCell(OrderContributions.For(state, events, TimeZoneInfo.Utc));
            var lostInBreakdown = KpiLoss.From(cohort).Sum(l => l.Value);
            if (cohort[KpiMetrics.Demand] != cohort[KpiMetrics.Revenue] + cohort[KpiMetrics.InFlightValue] + cohort[KpiMetrics.LostValue]
                || cohort[KpiMetrics.Orders] != 1
                || cohort[KpiMetrics.Net] + cohort[KpiMetrics.InFlight] + cohort[KpiMetrics.Cancelled] != 1
                || lostInBreakdown != cohort[KpiMetrics.LostValue]
                || KpiLoss.From(cohort).Sum(l => l.Orders) != cohort[KpiMetrics.Cancelled])
            {
                return false;
            }
        }

        return true;
    });

    [Property(MaxTest = 300)]
    public Property Both_views_book_the_same_facts_only_on_different_days() => Prop.ForAll(Seeds, Gen.Elements(OrderHistories.Zones).ToArbitrary(), (seed, zone) =>
    {
        var history = OrderHistories.Generate(seed);
        var contribution = OrderContributions.For(history.Final, history.Events, zone);
        var cohort = CohortCell(contribution);
        var byDay = KpiPeriodTotals.Sum(contribution.Cells.Where(c => c.Key.View == KpiView.DeliveryDay).Select(c => c.Value));
        var comparable = cohort.Values.Keys.Where(k => EventBooked.Contains(k) || k.StartsWith("loss|", StringComparison.Ordinal) || k.StartsWith("miss|", StringComparison.Ordinal));
        return comparable.All(k => cohort[k] == byDay[k]) && byDay.Values.Keys.All(k => cohort[k] == byDay[k]);
    });

    [Property(MaxTest = 300)]
    public Property An_order_only_ever_adds_cells_as_it_moves_on() => Prop.ForAll(Seeds, seed =>
    {
        var history = OrderHistories.Generate(seed);
        var cells = history.Snapshots.Select(s => OrderContributions.For(s.State, s.Events, OrderHistories.Zones[0]).Cells.Keys.ToHashSet()).ToArray();
        return cells.Zip(cells.Skip(1)).All(pair => pair.First.IsSubsetOf(pair.Second));
    });

    [Property(MaxTest = 200)]
    public Property Replacing_contributions_in_any_order_with_repeats_ends_at_the_sum_of_the_latest() => Prop.ForAll(
        Gen.ListOf(Gen.Choose(0, 1_000_000)).Select(l => l.Take(6).ToArray()).Where(a => a.Length > 0).ToArbitrary(), Seeds, (seeds, shuffleSeed) =>
    {
        // Deliveries of "order i reached snapshot k", shuffled and repeated, applied as the roll-up does: skip a
        // version not newer than the stored one, otherwise add (new − stored) to the cells.
        var histories = seeds.Select((s, i) => OrderHistories.Generate(s, $"m{i}")).ToArray();
        var random = new Random(shuffleSeed);
        var deliveries = histories.SelectMany((h, i) => h.Snapshots.Select((s, k) => (Order: i, Version: k, s.State, s.Events)))
            .SelectMany(d => Enumerable.Repeat(d, random.Next(1, 3))).OrderBy(_ => random.Next()).ToArray();
        var stored = new Dictionary<int, (int Version, KpiContribution Contribution)>();
        var cells = new Dictionary<KpiBucket, KpiFacts>();
        foreach (var d in deliveries)
        {
            if (stored.TryGetValue(d.Order, out var old) && old.Version >= d.Version)
            {
                continue;
            }

            var contribution = OrderContributions.For(d.State, d.Events, TimeZoneInfo.Utc);
            foreach (var (bucket, delta) in contribution.DeltaFrom(stored.GetValueOrDefault(d.Order).Contribution))
            {
                cells[bucket] = (cells.GetValueOrDefault(bucket) ?? KpiFacts.Empty).Plus(delta);
            }

            stored[d.Order] = (d.Version, contribution);
        }

        // Every order's last snapshot is delivered at least once, so the result is the sum of the final contributions.
        var expected = histories.Aggregate(KpiContribution.Empty, (sum, h) => sum.Plus(OrderContributions.For(h.Final, h.Events, TimeZoneInfo.Utc)));
        return expected.Cells.Count == cells.Count(c => !c.Value.IsEmpty) && expected.Cells.All(c => cells.TryGetValue(c.Key, out var f) && f.Equals(c.Value));
    });

    [Property(MaxTest = 500)]
    public Property The_five_identities_hold_exactly_on_any_row_and_ratios_are_undefined_without_a_denominator() => Prop.ForAll(FactsArb, facts =>
    {
        foreach (var view in new[] { KpiView.Cohort, KpiView.DeliveryDay })
        {
            // A one-day merchant row, and the same counters as an all-merchant total (no conversion there).
            if (!IdentitiesHold(KpiFigures.From(facts, view, 1)) || !IdentitiesHold(KpiFigures.From(facts, view, null)))
            {
                return false;
            }
        }

        return true;
    });

    [Property(MaxTest = 200)]
    public Property Weeks_and_months_are_sums_of_days_and_keep_the_identities() => Prop.ForAll(
        Gen.ListOf(FactsGen).Select(l => l.Take(90).ToArray()).Where(l => l.Length > 0).ToArbitrary(),
        Gen.Elements(KpiGranularity.Day, KpiGranularity.Week, KpiGranularity.Month, KpiGranularity.Range).ToArbitrary(),
        (dayFacts, granularity) =>
    {
        var from = new DateOnly(2026, 12, 14);
        var days = new SortedDictionary<DateOnly, KpiFacts>(dayFacts.Select((f, i) => (Day: from.AddDays(i), Facts: f)).ToDictionary(x => x.Day, x => x.Facts));
        var to = from.AddDays(dayFacts.Length - 1);
        var periods = KpiCalendar.Periods(from, to, granularity);
        var sums = KpiPeriodTotals.Sum(days, periods);
        var covered = periods.Sum(p => p.To.DayNumber - p.From.DayNumber + 1) == dayFacts.Length
            && periods.Zip(periods.Skip(1)).All(pair => pair.Second.From == pair.First.To.AddDays(1))
            && periods[0].From == from && periods[^1].To == to;
        var grand = KpiPeriodTotals.Sum(sums.Select(s => s.Facts));
        var figures = sums.Select(s => (s.Period, Figures: KpiFigures.From(s.Facts, KpiView.Cohort, s.Period.To.DayNumber - s.Period.From.DayNumber + 1))).ToArray();
        return covered && grand.Equals(KpiPeriodTotals.Sum(days.Values)) && figures.All(f => IdentitiesHold(f.Figures))
            && figures.All(f => f.Figures.TrafficComplete == days.Where(d => f.Period.Contains(d.Key)).All(d => d.Value[KpiMetrics.TrafficDays] == 1));
    });

    [Property(MaxTest = 200)]
    public Property Iso_weeks_never_split_a_week_and_never_exceed_seven_days() => Prop.ForAll(Gen.Choose(0, 3000).ToArbitrary(), Gen.Choose(0, 400).ToArbitrary(), (start, length) =>
    {
        var from = new DateOnly(2020, 1, 1).AddDays(start);
        var periods = KpiCalendar.Periods(from, from.AddDays(length), KpiGranularity.Week);
        return periods.All(p => p.To.DayNumber - p.From.DayNumber < 7 && KpiCalendar.IsoWeek(p.From) == KpiCalendar.IsoWeek(p.To) && p.Label == KpiCalendar.IsoWeek(p.From))
            && periods.Select(p => p.Label).Distinct().Count() == periods.Count;
    });

    /// <summary>Conversion also needs traffic on every day of the row (else it would be inflated); so it is checked only where it exists.</summary>
    internal static bool IdentitiesHold(KpiFigures f) =>
        (f.TrafficComplete ? Holds(f.Conv, f.Tr, f.GrossOrders, f.Tr) : f.Conv is null)
        && Holds(f.OperFf, f.GrossOrders, f.NetOrders, f.GrossOrders)
        && Holds(f.GrossAov, f.GrossOrders, f.GrossDemand, f.GrossOrders)
        && Holds(f.NetAov, f.NetOrders, f.GrossRevenue, f.NetOrders)
        && Holds(f.FinFf, f.GrossDemand, f.GrossRevenue, f.GrossDemand);

    /// <summary>factor · ratio = product exactly when the ratio exists; the ratio exists exactly when its denominator is not zero.</summary>
    private static bool Holds(Ratio? ratio, long factor, long product, long denominator) =>
        denominator == 0 ? ratio is null : ratio is not null && ratio.TimesIs(factor, product);

    private static KpiFacts CohortCell(KpiContribution contribution) => contribution.Cells.Single(c => c.Key.View == KpiView.Cohort).Value;

    private static Gen<KpiFacts> FactsGen =>
        from reported in Gen.Frequency((1, Gen.Constant(false)), (5, Gen.Constant(true)))
        from visits in Gen.Frequency((1, Gen.Constant(0L)), (4, Gen.Choose(0, 1_000_000).Select(v => (long)v)))
        from orders in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(0, 5000)))
        from net in Gen.Choose(0, 5000)
        from demandPerOrder in Gen.Choose(0, 2_000_000)
        from revenuePart in Gen.Choose(0, 2_000_000)
        select KpiFacts.Of(
        [
            new(KpiMetrics.Visits, reported ? visits : 0),
            new(KpiMetrics.TrafficDays, reported ? 1 : 0),
            new(KpiMetrics.Orders, orders),
            new(KpiMetrics.Demand, (long)orders * demandPerOrder),
            new(KpiMetrics.Net, net),
            new(KpiMetrics.Revenue, (long)net * revenuePart),
        ]);

    private static Arbitrary<KpiFacts> FactsArb => FactsGen.ToArbitrary();
}
