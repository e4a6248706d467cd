using Backoffice.Core.Finance;
using Xunit;

namespace Backoffice.Finance.Tests.Calendar;

public sealed class PeriodBacklogTests
{
    private static readonly SettlementWeek W47 = new(2026, 47);

    private static string[] Labels(IEnumerable<SettlementWeek> weeks) => weeks.Select(w => w.Label).ToArray();

    [Fact]
    public void After_a_missed_run_every_week_from_the_last_closed_one_to_the_latest_is_run_oldest_first()
    {
        var weeks = PeriodBacklog.Weeks(lastClosed: new SettlementWeek(2026, 45), firstRecorded: null, latestEnded: W47, maxPeriods: 8);

        Assert.Equal(["2026-W45", "2026-W46", "2026-W47"], Labels(weeks));
    }

    [Fact]
    public void When_nothing_was_missed_only_the_last_closed_week_is_run_again_and_the_new_one()
    {
        Assert.Equal(["2026-W46", "2026-W47"], Labels(PeriodBacklog.Weeks(W47.Previous, null, W47, 8)));
        Assert.Equal(["2026-W47"], Labels(PeriodBacklog.Weeks(W47, null, W47, 8)));
    }

    [Fact]
    public void A_merchant_never_settled_starts_at_the_week_of_its_first_entry_and_one_with_no_entries_runs_nothing()
    {
        Assert.Equal(["2026-W46", "2026-W47"], Labels(PeriodBacklog.Weeks(null, W47.Previous, W47, 8)));
        Assert.Empty(PeriodBacklog.Weeks(null, null, W47, 8));
        Assert.Empty(PeriodBacklog.Weeks(null, W47.Next, W47, 8)); // its first entry is in a week not yet over
    }

    [Fact]
    public void Catching_up_goes_back_at_most_the_bound_and_crosses_into_iso_week_53()
    {
        var latest = new SettlementWeek(2027, 2);

        var weeks = PeriodBacklog.Weeks(new SettlementWeek(2026, 40), null, latest, maxPeriods: 4);

        Assert.Equal(["2026-W52", "2026-W53", "2027-W01", "2027-W02"], Labels(weeks));
    }

    [Fact]
    public void A_last_close_later_than_the_latest_ended_week_leaves_nothing_to_run() =>
        Assert.Empty(PeriodBacklog.Weeks(W47.Next, null, W47, 8));

    [Fact]
    public void Months_are_caught_up_the_same_way_across_the_year_end()
    {
        var months = PeriodBacklog.Months(new BillingMonth(2026, 11), null, new BillingMonth(2027, 2), maxPeriods: 3);

        Assert.Equal(["2026-12", "2027-01", "2027-02"], months.Select(m => m.Label));
        Assert.Equal(["2026-10", "2026-11"], PeriodBacklog.Months(null, new BillingMonth(2026, 10), new BillingMonth(2026, 11), 3).Select(m => m.Label));
    }

    [Fact]
    public void The_bound_must_allow_at_least_one_period() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PeriodBacklog.Weeks(null, W47, W47, 0));
}
