using Azure.Data.Tables;
using Backoffice.Core.Kpi;
using Backoffice.Infra.Kpi;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Kpi.Tests;

/// <summary>
/// Issue 15, item 1: one merchant's subject whose facts overflow must not stop the roll-up for anyone else. It is
/// isolated inside its chunk and inside its partition, parked, and the watermark still advances.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class KpiIsolationTests(AzuriteFixture azurite)
{
    private static readonly string ShopOne = KpiScopes.Merchant("shop-one", "EUR");
    private static readonly string ShopTwo = KpiScopes.Merchant("shop-two", "EUR");
    private static readonly DateOnly Monday = new(2026, 11, 16);

    [Fact]
    public async Task A_subject_whose_facts_overflow_is_parked_and_every_other_subject_and_merchant_is_still_counted()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync("shop-one");
        await host.AddMerchantAsync("shop-two");
        var poisoned = await host.PlaceAsync("shop-one", "P-1");
        await host.PlaceAsync("shop-two", "X-1");
        host.Clock.Advance(TimeSpan.FromHours(24));
        await host.PlaceAsync("shop-one", "P-2"); // the same month's partition as P-1, another day's cell
        await PoisonAsync(host, ShopOne, new KpiBucket(KpiView.Cohort, Monday));
        host.Clock.Advance(TimeSpan.FromMinutes(10));

        var run = await host.RollupAsync();

        Assert.Equal((2, 1), (run.Applied, run.Parked));
        Assert.Equal(1, (await host.SumAsync(ShopTwo, KpiView.Cohort, Monday, Monday))[KpiMetrics.Orders]);
        Assert.Equal(1, (await host.SumAsync(ShopOne, KpiView.Cohort, Monday.AddDays(1), Monday.AddDays(1)))[KpiMetrics.Orders]);
        Assert.Equal(1, (await host.SumAsync(KpiScopes.Total("EUR"), KpiView.Cohort, Monday, Monday))[KpiMetrics.Orders]);
        Assert.Equal(run.To, (await host.Service<KpiWatermark>().ReadAsync()).Position);
        var parked = Assert.Single(await host.Service<KpiParkedSubjects>().ListAsync());
        Assert.Equal(KpiSubject.Order("shop-one", poisoned), parked.Subject);
        Assert.StartsWith(nameof(OverflowException), parked.Error, StringComparison.Ordinal);

        // Later orders of the other merchant keep being counted: the watermark did not stick at the poisoned one.
        await host.PlaceAsync("shop-two", "X-2");
        host.Clock.Advance(TimeSpan.FromHours(1));
        var next = await host.RollupAsync();

        Assert.Equal(1, next.Applied);
        Assert.Equal(1, (await host.SumAsync(ShopTwo, KpiView.Cohort, Monday.AddDays(1), Monday.AddDays(1)))[KpiMetrics.Orders]);
    }

    [Fact]
    public async Task A_subject_that_keeps_failing_is_retried_with_a_growing_pause_and_not_after_the_last_attempt()
    {
        using var host = new BackofficeHost(azurite);
        var parking = host.Service<KpiParkedSubjects>();
        var subject = KpiSubject.Order("shop-one", "broken");
        var now = host.Clock.GetUtcNow();

        await parking.ParkAsync(subject, 3, new FormatException("bad"), now);

        Assert.Empty(await parking.ListDueAsync(now, 10, 3));
        Assert.Single(await parking.ListDueAsync(now + KpiParkedSubjects.BackOff(1), 10, 3));
        await parking.ParkAsync(subject, 3, new FormatException("bad"), now);
        await parking.ParkAsync(subject, 3, new FormatException("bad"), now);
        Assert.True(KpiParkedSubjects.BackOff(3) > KpiParkedSubjects.BackOff(1));
        Assert.Empty(await parking.ListDueAsync(now + TimeSpan.FromDays(30), 10, 3));
        Assert.Single(await parking.ListAsync()); // still shown to a supervisor
    }

    [Fact]
    public async Task A_run_retries_at_most_the_configured_number_of_parked_subjects()
    {
        using var host = new BackofficeHost(azurite);
        var parking = host.Service<KpiParkedSubjects>();
        var now = host.Clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await parking.ParkAsync(KpiSubject.Order("shop-one", $"broken-{i}"), 1, new FormatException("bad"), now - TimeSpan.FromDays(1));
        }

        Assert.Equal(2, (await parking.ListDueAsync(now, 2, 12)).Count);
    }

    /// <summary>A merchant cell already so large that adding one more order overflows 64 bits.</summary>
    private static Task PoisonAsync(BackofficeHost host, string scope, KpiBucket bucket) =>
        host.Service<StorageClients>().Table(TableNames.KpiFacts).UpsertEntityAsync(
            KpiRows.Facts(KpiRows.Partition(scope, bucket.Month), KpiRows.AggRow(bucket), KpiFacts.Of([new(KpiMetrics.Orders, long.MaxValue)]), 1),
            TableUpdateMode.Replace);
}
