using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;
using Backoffice.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Backoffice.Infra.Tests;

/// <summary>
/// The command path tells the order's orchestration about a change before committing it, so a process killed right
/// after the commit cannot leave the orchestration unaware (the engine tests kill a real host there).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AnnouncementTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_command_is_announced_with_its_new_version_before_that_version_is_stored()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var id = (await h.PlaceAsync()).State!.OrderId;
        var engine = new RecordingEngine(h.Store);
        var processor = new OrderProcessor(h.Store, h.Dispatcher, NullLogger<OrderProcessor>.Instance, h.Clock, engine);

        var outcome = await processor.ExecuteAsync("shop", id, new ConfirmOrder([], InfraHarness.Operator, h.Clock.GetUtcNow()));

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        var (version, storedThen) = Assert.Single(engine.Announced);
        Assert.Equal(outcome.State!.Version, version);
        Assert.True(version > 2);
        Assert.Equal(2, storedThen);
    }

    [Fact]
    public async Task A_refused_command_announces_nothing()
    {
        var h = await InfraHarness.CreateAsync(azurite);
        var id = (await h.PlaceAsync()).State!.OrderId;
        var engine = new RecordingEngine(h.Store);
        var processor = new OrderProcessor(h.Store, h.Dispatcher, NullLogger<OrderProcessor>.Instance, h.Clock, engine);

        var outcome = await processor.ExecuteAsync("shop", id, new RecordPacking([], InfraHarness.Operator, h.Clock.GetUtcNow()));

        Assert.Equal(OutcomeKind.Rejected, outcome.Kind);
        Assert.Empty(engine.Announced);
    }

    private sealed class RecordingEngine(OrderStore store) : IOrderEngine
    {
        public List<(int Version, int StoredThen)> Announced { get; } = [];

        public Task StartAsync(string merchantId, string orderId, bool mayExist, CancellationToken ct) => Task.CompletedTask;

        public async Task AnnounceAsync(string merchantId, string orderId, int version, CancellationToken ct) =>
            Announced.Add((version, (await store.LoadAsync(merchantId, orderId, ct)).State.Version));

        public Task PurgeAsync(IEnumerable<(string MerchantId, string OrderId)> orders, CancellationToken ct) => Task.CompletedTask;
    }
}
