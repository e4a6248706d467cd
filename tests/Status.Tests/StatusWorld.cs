using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Jobs;
using Backoffice.Infra.Status;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Backoffice.Status.Tests;

/// <summary>Status delivery composed as the hosts compose it, on a private Azurite namespace with a fake clock.</summary>
internal sealed class StatusWorld : IAsyncDisposable
{
    public const string MerchantId = "status-shop";
    public const string Outbound = "whsec_c3RhdHVzLW91dGJvdW5kLXNlY3JldC0xMjM0NTY=";
    public static readonly DateTimeOffset Start = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    private StatusWorld(ServiceProvider services, StorageClients clients, FakeTimeProvider clock)
    {
        _services = services;
        Clients = clients;
        Clock = clock;
    }

    public StorageClients Clients { get; }

    public FakeTimeProvider Clock { get; }

    public StatusDelivery Delivery => _services.GetRequiredService<StatusDelivery>();

    public StatusDeadLetters DeadLetters => _services.GetRequiredService<StatusDeadLetters>();

    public StatusPump Pump => _services.GetRequiredService<StatusPump>();

    public IHttpClientFactory HttpClients => _services.GetRequiredService<IHttpClientFactory>();

    public MerchantStore Merchants => _services.GetRequiredService<MerchantStore>();

    public IStatusChannel Channel => _services.GetRequiredService<IStatusChannel>();

    public StatusDeliveryOptions Options => _services.GetRequiredService<StatusDeliveryOptions>();

    public static async Task<StatusWorld> CreateAsync(AzuriteFixture azurite, Dictionary<string, string?>? settings = null)
    {
        var clients = await azurite.NewStorageAsync();
        var clock = new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(clients);
        services.AddSingleton<MerchantStore>();
        services.AddSingleton(new RunnerOptions());
        // The receivers here listen on loopback, as in Development; a test that needs production's rule says so.
        var configuration = new Dictionary<string, string?> { ["StatusDelivery:AllowLoopback"] = "true" };
        foreach (var (key, value) in settings ?? [])
        {
            configuration[key] = value;
        }

        services.AddStatusDelivery(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build());
        services.AddSingleton<StatusPump>();
        return new StatusWorld(services.BuildServiceProvider(validateScopes: true), clients, clock);
    }

    public Task AddMerchantAsync(string? statusUrl, string? outboundSecret = Outbound) =>
        _services.GetRequiredService<MerchantStore>().CreateAsync(
            new Merchant(MerchantId, "Status shop", "EUR", "Europe/Berlin", DeadlinePolicy.Default, Tariff.Default, statusUrl),
            new WebhookSecrets(["whsec_aW5ib3VuZA=="], outboundSecret));

    public static StatusMessage Message(int version = 5, Stage stage = Stage.Packing) => new(
        $"ORD-STATUS000001:{version}:status", MerchantId, "ORD-STATUS000001", "ext-42", stage, "StageEntered", Start.AddHours(-1), version, null);

    public async Task<IReadOnlyList<StatusDeliveryAttempt>> QueuedAsync() =>
        [.. (await Clients.Queue(QueueNames.Status).PeekMessagesAsync(32)).Value.Select(m => StatusQueueMessage.Parse(m.Body.ToString()))];

    public async Task<int> QueuedIncludingInvisibleAsync() =>
        (await Clients.Queue(QueueNames.Status).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    public Task<int> PumpOnceAsync() =>
        Pump.PumpOnceAsync(Clients.Queue(QueueNames.Status), Clients.Queue(QueueNames.Status + "-poison"), CancellationToken.None);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
