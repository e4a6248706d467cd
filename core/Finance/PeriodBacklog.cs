namespace Backoffice.Core.Finance;

/// <summary>
/// The periods a scheduled run works so that a run the host missed is caught up, each period on its own statement or
/// invoice. Oldest first, because closing a period takes everything recorded since the previous close: settling the
/// latest week before a missed one would put the missed week's cash into the latest statement and refuse the missed
/// week as superseded.
/// <list type="bullet">
/// <item>After a close: from the last closed period (run again: it finishes a run that died after closing and resends a
/// message a failed send missed; otherwise it changes nothing) up to the latest ended period.</item>
/// <item>Never closed: from the period of the first thing recorded; nothing recorded, nothing to run.</item>
/// <item>At most <c>maxPeriods</c> periods back from the latest ended one: after a longer outage the oldest period in
/// the window takes everything recorded before it (its lines are marked late), so nothing is lost.</item>
/// </list>
/// </summary>
public static class PeriodBacklog
{
    public static IReadOnlyList<SettlementWeek> Weeks(SettlementWeek? lastClosed, SettlementWeek? firstRecorded, SettlementWeek latestEnded, int maxPeriods) =>
        Between(lastClosed, firstRecorded, latestEnded, maxPeriods, w => w.Next, w => w.Previous);

    public static IReadOnlyList<BillingMonth> Months(BillingMonth? lastClosed, BillingMonth? firstRecorded, BillingMonth latestEnded, int maxPeriods) =>
        Between(lastClosed, firstRecorded, latestEnded, maxPeriods, m => m.Next, m => m.Previous);

    private static List<T> Between<T>(T? lastClosed, T? firstRecorded, T latest, int maxPeriods, Func<T, T> next, Func<T, T> previous)
        where T : struct, IComparable<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPeriods, 1);
        if ((lastClosed ?? firstRecorded) is not { } start)
        {
            return [];
        }

        var windowStart = latest;
        for (var i = 1; i < maxPeriods; i++)
        {
            windowStart = previous(windowStart);
        }

        if (start.CompareTo(windowStart) < 0)
        {
            start = windowStart;
        }

        var periods = new List<T>();
        for (var period = start; period.CompareTo(latest) <= 0; period = next(period))
        {
            periods.Add(period);
        }

        return periods;
    }
}
