using Backoffice.Core.Common;
using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Orders.Lifecycle;
using Backoffice.Infra.Status;
using Backoffice.Infra.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Backoffice.Infra.Tests;

/// <summary>The storage adapters and runner parts wired by hand over one private Azurite namespace.</summary>
internal sealed class InfraHarness
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);

    private InfraHarness(StorageClients clients)
    {
        Clients = clients;
        Clock = new FakeTimeProvider(T0);
        Store = new OrderStore(clients);
        WorkQueue = new WorkQueueIndex(clients);
        MerchantOrders = new MerchantOrderIndex(clients);
        Dispatcher = new EffectDispatcher(Store, WorkQueue, MerchantOrders, new CashLedgerWriter(clients, Clock), [],
            new StatusPublisher(new QueueStatusChannel(clients), new MerchantStore(clients, Clock)));
        Processor = new OrderProcessor(Store, Dispatcher, NullLogger<OrderProcessor>.Instance, Clock);
        Steps = new OrderLifecycleSteps(Store, Dispatcher, Processor, Clock, NullLogger<OrderLifecycleSteps>.Instance);
    }

    public StorageClients Clients { get; }

    public FakeTimeProvider Clock { get; }

    public OrderStore Store { get; }

    public WorkQueueIndex WorkQueue { get; }

    public MerchantOrderIndex MerchantOrders { get; }

    public EffectDispatcher Dispatcher { get; }

    public OrderProcessor Processor { get; }

    /// <summary>What the order orchestration's activities do (the orchestration itself runs in the engine tests).</summary>
    public OrderLifecycleSteps Steps { get; }

    /// <summary>What the orchestration does when the order's current deadline timer fires.</summary>
    public async Task<OrderPlan> ReachCurrentDeadlineAsync(string orderId, string merchantId = "shop")
    {
        var order = (PlacedOrder)(await Store.LoadAsync(merchantId, orderId)).State;
        return await Steps.ReachDeadlineAsync(new DeadlineRequest(merchantId, orderId, order.Deadline!.Stage, order.Deadline.DueAt));
    }

    public static async Task<InfraHarness> CreateAsync(Testing.AzuriteFixture azurite) => new(await azurite.NewStorageAsync());

    public static readonly Actor Operator = new("op-1", Roles.Operator, "test");

    public static OrderDraft Draft(string externalId = "ext-1", int lines = 2) => new(
        externalId,
        new Customer("Anna", "+4915112345678", null, new Address("Main 1", null, "Berlin", null, "10115", "DE")),
        Enumerable.Range(1, lines).Select(i => new OrderLine(i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"SKU-{i}", $"Item {i}", 1, 1000, null, true)).ToArray(),
        500,
        "EUR",
        PaymentMethod.CashOnDelivery,
        "own");

    public Task<CommandOutcome> PlaceAsync(string merchantId = "shop", string externalId = "ext-1", int lines = 2)
    {
        var id = OrderIds.For(merchantId, externalId);
        return Processor.ExecuteAsync(merchantId, id, _ => new PlaceOrder(merchantId, id, Draft(externalId, lines), DeadlinePolicy.Default, Operator, Clock.GetUtcNow()));
    }
}
