namespace Backoffice.Core.Kpi;

/// <summary>
/// The business's indicators for one row (a day, week or month of one merchant or of all merchants in one currency),
/// computed from the summed counters. Ratios are derived here, never averaged, so the five identities
/// (Tr·Conv = GrossOrders, GrossOrders·OperFF = NetOrders, GrossOrders·GrossAOV = GrossDemand,
/// NetOrders·NetAOV = GrossRevenue, GrossDemand·FinFF = GrossRevenue) hold exactly on every row where the ratio exists.
/// Money is in minor units of the row's currency.
/// <para>
/// Conversion needs traffic for every day of the row: orders of a day without a traffic report would count against
/// visits of the other days and inflate it. So <see cref="Conv"/> exists only when <see cref="TrafficComplete"/> (and
/// Tr is not zero); <see cref="TrafficDays"/> and <see cref="Days"/> say how much of the row traffic covers. For the
/// all-merchant totals (<see cref="Days"/> null) the summed counters cannot show that every merchant reported every
/// day, so their conversion is always undefined; read it per merchant.
/// </para>
/// </summary>
public sealed record KpiFigures(
    int? Days,
    long Tr,
    long TrafficDays,
    long GrossOrders,
    long GrossDemand,
    long NetOrders,
    long GrossRevenue,
    long? InFlightOrders,
    long? InFlightValue,
    long CancelledOrders,
    long LostValue)
{
    /// <summary>Every day of the row has a traffic report (a merchant row whose traffic-day count equals its length).</summary>
    public bool TrafficComplete => Days is { } days && TrafficDays == days;

    public Ratio? Conv => TrafficComplete ? Ratio.Of(GrossOrders, Tr) : null;

    public Ratio? GrossAov => Ratio.Of(GrossDemand, GrossOrders);

    public Ratio? NetAov => Ratio.Of(GrossRevenue, NetOrders);

    public Ratio? OperFf => Ratio.Of(NetOrders, GrossOrders);

    public Ratio? FinFf => Ratio.Of(GrossRevenue, GrossDemand);

    /// <summary>
    /// The figures of a row of <paramref name="days"/> calendar days of one merchant, or of the all-merchant totals
    /// (<paramref name="days"/> null: traffic coverage unknowable). In-flight figures exist in the cohort view only (the
    /// delivery-day view books events, not states).
    /// </summary>
    public static KpiFigures From(KpiFacts facts, KpiView view, int? days) => new(
        days,
        facts[KpiMetrics.Visits],
        facts[KpiMetrics.TrafficDays],
        facts[KpiMetrics.Orders],
        facts[KpiMetrics.Demand],
        facts[KpiMetrics.Net],
        facts[KpiMetrics.Revenue],
        view == KpiView.Cohort ? facts[KpiMetrics.InFlight] : null,
        view == KpiView.Cohort ? facts[KpiMetrics.InFlightValue] : null,
        facts[KpiMetrics.Cancelled],
        facts[KpiMetrics.LostValue]);
}

/// <summary>The pipe, step by step: how many orders got how far (cohort) or passed each step that day (delivery day).</summary>
public sealed record KpiFunnel(long Created, long Confirmed, long PickedUp, long Packed, long Delivered)
{
    public static KpiFunnel From(KpiFacts facts) => new(
        facts[KpiMetrics.Orders], facts[KpiMetrics.Confirmed], facts[KpiMetrics.PickedUp], facts[KpiMetrics.Packed], facts[KpiMetrics.Delivered]);
}

/// <summary>Where orders and money were lost: whole orders cancelled, lines lost and their value, per stage × reason × department.</summary>
public sealed record KpiLoss(Orders.Stage Stage, Orders.CancellationReason Reason, Orders.Department Department, long Orders, long Lines, long Value)
{
    public static IReadOnlyList<KpiLoss> From(KpiFacts facts)
    {
        var rows = new Dictionary<(Orders.Stage, Orders.CancellationReason, Orders.Department), (long Orders, long Lines, long Value)>();
        foreach (var (metric, value) in facts.Values)
        {
            if (!KpiMetrics.TryParseLoss(metric, out var stage, out var reason, out var department, out var measure))
            {
                continue;
            }

            var key = (stage, reason, department);
            var row = rows.GetValueOrDefault(key);
            rows[key] = measure switch
            {
                KpiMetrics.LossOrders => row with { Orders = row.Orders + value },
                KpiMetrics.LossLines => row with { Lines = row.Lines + value },
                _ => row with { Value = row.Value + value },
            };
        }

        return rows.OrderBy(kv => kv.Key.Item1).ThenBy(kv => kv.Key.Item2).ThenBy(kv => kv.Key.Item3)
            .Select(kv => new KpiLoss(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Value.Orders, kv.Value.Lines, kv.Value.Value))
            .ToArray();
    }
}

/// <summary>Missed service-level deadlines per stage, charged to the stage's department.</summary>
public sealed record KpiDeadlineMisses(Orders.Stage Stage, Orders.Department Department, long Misses)
{
    public static IReadOnlyList<KpiDeadlineMisses> From(KpiFacts facts) => facts.Values
        .Select(kv => KpiMetrics.TryParseMiss(kv.Key, out var stage, out var department) ? new KpiDeadlineMisses(stage, department, kv.Value) : null)
        .OfType<KpiDeadlineMisses>()
        .OrderBy(m => m.Stage).ThenBy(m => m.Department)
        .ToArray();
}
