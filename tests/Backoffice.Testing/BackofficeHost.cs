using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Backoffice.Api.Auth;
using Backoffice.Api.Webhooks;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Orders.Lifecycle;
using Backoffice.Infra.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Backoffice.Testing;

/// <summary>
/// The real local host (Program) over HTTP in memory, on a private namespace of a test Azurite.
/// <para>
/// Two kinds: with <c>engine: true</c> it runs the real order engine (the Durable Task worker and client over the
/// in-process sidecar on Azurite, its own task hub) on the system clock, because durable timers run in real time — tests
/// of deadlines then configure deadlines of seconds. Without it the host runs on a fake clock, with no engine: every
/// command and webhook still takes the one command path (decide, commit, run the outbox inline), and a test that needs
/// a deadline to pass on the fake clock runs what the orchestration's timer would (<see cref="ReachDueDeadlinesAsync"/>,
/// the same activity code). Background pumps are off unless asked for.
/// </para>
/// </summary>
public sealed class BackofficeHost : WebApplicationFactory<Program>
{
    public const string Secret = "whsec_dGVzdC1zZWNyZXQtZm9yLXRoZS1zdWl0ZQ==";
    private readonly StorageOptions _storage;

    private readonly IReadOnlyDictionary<string, string> _settings;

    private readonly Action<IServiceCollection>? _services;

    public BackofficeHost(
        AzuriteFixture azurite,
        DateTimeOffset? start = null,
        bool runner = false,
        IReadOnlyDictionary<string, string>? settings = null,
        Action<IServiceCollection>? services = null,
        bool engine = false,
        StorageOptions? storage = null)
    {
        _services = services;
        _settings = settings ?? new Dictionary<string, string>();
        _storage = storage ?? azurite.NewNamespace();
        Clock = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero));
        RunnerEnabled = runner;
        EngineEnabled = engine;
    }

    /// <summary>The application's clock when the host runs without the engine (with it, the system clock).</summary>
    public FakeTimeProvider Clock { get; }

    public bool EngineEnabled { get; }

    /// <summary>The host's current time: the fake clock's, or the system's when the engine runs.</summary>
    public DateTimeOffset Now => EngineEnabled ? TimeProvider.System.GetUtcNow() : Clock.GetUtcNow();

    public bool RunnerEnabled { get; }

    public StorageOptions Storage => _storage;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:ConnectionString", _storage.ConnectionString);
        builder.UseSetting("Storage:Prefix", _storage.Prefix);
        builder.UseSetting("Azurite:Start", "false");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Runner:Enabled", RunnerEnabled ? "true" : "false");
        builder.UseSetting("OrderEngine:Enabled", EngineEnabled ? "true" : "false");
        builder.UseSetting("Web:Root", "/nonexistent");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (!EngineEnabled)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }

            _services?.Invoke(services);
        });
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task<Merchant> AddMerchantAsync(string merchantId = "shop-one", string currency = "EUR", DeadlinePolicy? deadlines = null, string? secondSecret = null, string? statusUrl = null)
    {
        var merchant = new Merchant(merchantId, $"Shop {merchantId}", currency, "Europe/Berlin", deadlines ?? DeadlinePolicy.Default, Tariff.Default, statusUrl);
        await Service<MerchantStore>().CreateAsync(merchant, new WebhookSecrets(secondSecret is null ? [Secret] : [Secret, secondSecret], Secret));
        return merchant;
    }

    public HttpClient As(string role, string? merchantId = null)
    {
        var client = CreateClient();
        var token = Service<DevTokenIssuer>().Issue(role, merchantId);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Posts an order webhook signed per Standard Webhooks with the suite's secret (or another).</summary>
    public Task<HttpResponseMessage> PostOrderAsync(string merchantId, string json, string? id = null, DateTimeOffset? at = null, string? secret = null) =>
        CreateClient().SendAsync(SignedOrderRequest(merchantId, json, at ?? Now, secret, id));

    /// <summary>An order webhook request signed per Standard Webhooks, for any client (in-memory host or a real process).</summary>
    public static HttpRequestMessage SignedOrderRequest(string merchantId, string json, DateTimeOffset at, string? secret = null, string? id = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = at.ToUnixTimeSeconds();
        id ??= "msg_" + Guid.NewGuid().ToString("N");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{merchantId}/orders") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignatures.SignStandard(secret ?? Secret, id, timestamp, body));
        return request;
    }

    /// <summary>
    /// On the fake clock: does what each order's orchestration does when its deadline timer fires — the
    /// <see cref="OrderLifecycle.ReachDeadline"/> activity — for every work item overdue now. Returns how many deadlines
    /// were reached (escalations or timeout cancellations).
    /// </summary>
    public async Task<int> ReachDueDeadlinesAsync()
    {
        var reached = 0;
        var steps = Service<OrderLifecycleSteps>();
        foreach (var stage in Core.Orders.StageFacts.Working)
        {
            foreach (var entry in await Service<WorkQueueIndex>().OverdueAsync(stage, Clock.GetUtcNow(), 500))
            {
                var before = (await Service<OrderStore>().LoadAsync(entry.MerchantId, entry.OrderId)).State.Version;
                var plan = await steps.ReachDeadlineAsync(new DeadlineRequest(entry.MerchantId, entry.OrderId, entry.Stage, entry.DueAt));
                reached += plan.Version > before ? 1 : 0;
            }
        }

        return reached;
    }

    public static string OrderJson(string externalId, string currency = "EUR", string payment = "cashOnDelivery", params (string Sku, int Qty, long Price, bool InWarehouse)[] lines)
    {
        var items = lines.Length == 0 ? [("SKU-1", 1, 1000L, true)] : lines;
        return JsonSerializer.Serialize(new
        {
            externalOrderId = externalId,
            currency,
            payment,
            deliveryFee = 500,
            customer = new { name = "Anna Schmidt", phone = "+49 151 1234 5678", email = "anna@example.com", address = new { line1 = "Main street 1", city = "Berlin", postalCode = "10115", country = "DE" } },
            lines = items.Select(l => new { sku = l.Sku, name = "Item " + l.Sku, quantity = l.Qty, unitPrice = l.Price, inWarehouse = l.InWarehouse, supplierId = l.InWarehouse ? null : "supplier-1" }),
        });
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
