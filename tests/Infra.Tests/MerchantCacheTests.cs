using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Backoffice.Infra.Tests;

/// <summary>The merchant cache stays bounded whatever ids webhooks name (issue 15, item 7: 180,000 random ids grew memory).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MerchantCacheTests(AzuriteFixture azurite)
{
    private static Merchant Shop(string id) => new(id, "Shop", "EUR", "Europe/Berlin", DeadlinePolicy.Default, Tariff.Default, null);

    [Fact]
    public async Task Unknown_merchant_ids_never_grow_the_cache_beyond_its_bound()
    {
        var clients = await azurite.NewStorageAsync();
        using var store = new MerchantStore(clients, new FakeTimeProvider(InfraHarness.T0), cacheLimit: 40);
        var largest = 0;

        for (var i = 0; i < 300; i++)
        {
            Assert.Null((await store.FindForWebhookAsync($"random-{i:D5}")).Merchant);
            largest = Math.Max(largest, store.CachedCount);
        }

        Assert.InRange(largest, 1, 40);
    }

    [Fact]
    public async Task A_known_merchant_is_still_found_after_a_flood_of_unknown_ids()
    {
        var clients = await azurite.NewStorageAsync();
        using var store = new MerchantStore(clients, new FakeTimeProvider(InfraHarness.T0), cacheLimit: 20);
        await store.CreateAsync(Shop("real-shop"), new WebhookSecrets(["whsec_cmVhbA=="], null));

        for (var i = 0; i < 100; i++)
        {
            await store.FindForWebhookAsync($"flood-{i:D4}");
        }

        Assert.NotNull((await store.FindForWebhookAsync("real-shop")).Merchant);
        Assert.True(store.CachedCount <= 20);
    }

    [Fact]
    public async Task An_unknown_id_is_believed_briefly_so_a_merchant_created_elsewhere_works_within_seconds()
    {
        var clients = await azurite.NewStorageAsync();
        var clock = new FakeTimeProvider(InfraHarness.T0);
        using var webhooks = new MerchantStore(clients, clock);
        using var elsewhere = new MerchantStore(clients, clock);

        Assert.Null((await webhooks.FindForWebhookAsync("late-shop")).Merchant);
        await elsewhere.CreateAsync(Shop("late-shop"), new WebhookSecrets(["whsec_bGF0ZQ=="], null));
        Assert.Null((await webhooks.FindForWebhookAsync("late-shop")).Merchant); // still the cached "unknown"

        clock.Advance(MerchantStore.UnknownFor);

        Assert.NotNull((await webhooks.FindForWebhookAsync("late-shop")).Merchant);
    }
}
