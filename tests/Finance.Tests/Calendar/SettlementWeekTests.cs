using Backoffice.Core.Finance;
using Xunit;

namespace Backoffice.Finance.Tests.Calendar;

public sealed class SettlementWeekTests
{
    private static readonly TimeZoneInfo Berlin = MerchantCalendar.Zone("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = MerchantCalendar.Zone("America/New_York");
    private static readonly TimeZoneInfo Moscow = MerchantCalendar.Zone("Europe/Moscow");
    private static readonly TimeZoneInfo Bogota = MerchantCalendar.Zone("America/Bogota");

    [Fact]
    public void Iso_week_53_of_2026_runs_from_monday_28_december_to_sunday_3_january()
    {
        Assert.True(SettlementWeek.TryParse("2026-W53", out var week));
        Assert.Equal(new DateOnly(2026, 12, 28), week.Monday);
        Assert.Equal(new SettlementWeek(2027, 1), week.Next);
        Assert.Equal(week, SettlementWeek.Of(new DateOnly(2027, 1, 3)));
        var (start, end) = week.Bounds(Moscow);
        Assert.Equal(new DateTimeOffset(2026, 12, 27, 21, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2027, 1, 3, 21, 0, 0, TimeSpan.Zero), end);
    }

    [Theory]
    [InlineData("2025-W53")] // 2025 has 52 ISO weeks
    [InlineData("2026-W00")]
    [InlineData("2026-W5")]
    [InlineData("2026W05")]
    [InlineData("")]
    public void Labels_that_name_no_iso_week_are_refused(string label) => Assert.False(SettlementWeek.TryParse(label, out _));

    [Fact]
    public void The_berlin_week_in_which_summer_time_ends_lasts_169_hours()
    {
        var (start, end) = new SettlementWeek(2026, 43).Bounds(Berlin); // DST ends Sunday 25 October 2026
        Assert.Equal(new DateTimeOffset(2026, 10, 18, 22, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 23, 0, 0, TimeSpan.Zero), end);
        Assert.Equal(TimeSpan.FromHours(169), end - start);
    }

    [Fact]
    public void The_new_york_week_in_which_summer_time_starts_lasts_167_hours()
    {
        var (start, end) = new SettlementWeek(2026, 10).Bounds(NewYork); // DST starts Sunday 8 March 2026
        Assert.Equal(TimeSpan.FromHours(167), end - start);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 4, 0, 0, TimeSpan.Zero), end);
    }

    [Fact]
    public void At_monday_six_utc_the_previous_week_has_ended_for_merchants_three_hours_east_and_five_hours_west()
    {
        var run = new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
        Assert.Equal(new SettlementWeek(2026, 47), SettlementWeek.LatestEnded(run, Moscow));
        Assert.Equal(new SettlementWeek(2026, 47), SettlementWeek.LatestEnded(run, Bogota));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 5, 0, 0, TimeSpan.Zero), new SettlementWeek(2026, 47).Bounds(Bogota).End);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 21, 0, 0, TimeSpan.Zero), new SettlementWeek(2026, 47).Bounds(Moscow).End);
    }

    [Fact]
    public void Consecutive_weeks_tile_time_without_gaps_through_a_whole_year_of_dst_changes()
    {
        var week = new SettlementWeek(2026, 1);
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(week.Bounds(NewYork).End, week.Next.Bounds(NewYork).Start);
            week = week.Next;
        }
    }

    [Fact]
    public void A_day_whose_midnight_does_not_exist_starts_at_the_first_local_time_that_does()
    {
        // Santiago (Chile) springs forward at local midnight: 00:00 on 6 September 2026 does not exist.
        var santiago = MerchantCalendar.Zone("America/Santiago");
        var start = MerchantCalendar.StartOfDay(new DateOnly(2026, 9, 6), santiago);
        Assert.Equal(new DateOnly(2026, 9, 6), MerchantCalendar.LocalDate(start, santiago));
        Assert.Equal(new DateOnly(2026, 9, 5), MerchantCalendar.LocalDate(start.AddTicks(-1), santiago));
    }

    [Fact]
    public void Billing_months_follow_the_merchants_calendar()
    {
        var run = new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
        Assert.Equal(new BillingMonth(2026, 11), BillingMonth.LatestEnded(run, Moscow));
        var (start, end) = new BillingMonth(2026, 11).Bounds(Bogota);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 5, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero), end);
        Assert.False(BillingMonth.TryParse("2026-13", out _));
        Assert.True(BillingMonth.TryParse("2026-02", out var february));
        Assert.Equal("2026-02", february.Label);
    }
}
