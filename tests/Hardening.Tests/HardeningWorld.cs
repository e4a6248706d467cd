using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Backoffice.Api.Auth;
using Backoffice.Core.Common;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;
using Backoffice.Infra.Merchants;
using Backoffice.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Backoffice.Hardening.Tests;

[CollectionDefinition(HardeningWorld.Collection)]
public sealed class HardeningCollection : ICollectionFixture<HardeningWorld>;

/// <summary>
/// One real host on Kestrel (so raw-socket cases reach the same server) over a private storage namespace, with two
/// merchants: "own-shop", whose principals make the requests, and "victim-shop", whose data must never leak. The
/// victim's data carries distinctive markers that a leaking response would contain. Tests must leave storage as it is:
/// the hostile-input cases assert exactly that.
/// </summary>
public sealed class HardeningWorld : IAsyncLifetime
{
    public const string Collection = "Hardening";
    public const string Own = "own-shop";
    public const string Other = "victim-shop";
    public const string OtherSecret = "whsec_dmljdGltLXNlY3JldC1ub3QtdGhlLXN1aXRlcw==";

    private readonly AzuriteFixture _azurite = new();

    public BackofficeHost Host { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>An order of own-shop still in Confirmation: commands on it are refused only by validation or policy.</summary>
    public string OwnOrderId { get; private set; } = string.Empty;

    /// <summary>The victim's orders: one in Confirmation, one delivered with cash handed over, one cancelled.</summary>
    public IReadOnlyList<string> OtherOrderIds { get; private set; } = [];

    public string OtherOrderId => OtherOrderIds[0];

    /// <summary>Strings only the victim's data contains; a response to own-shop's principal must contain none of them.</summary>
    public static IReadOnlyList<string> OtherMarkers { get; } =
        ["Victim Trading Co", "Viktor Victimsson", "viktor@victim.example", "4915100000666", "VICTIM-7001", "VICTIM-7002", "VICTIM-7003", "VICTIM-SKU"];

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();

        // The storage-operations endpoint is off unless configured; the matrix must see it too. (This test assembly's
        // process only.)
        Environment.SetEnvironmentVariable("Diagnostics__Enabled", "true");
        Host = new BackofficeHost(_azurite);
        Host.UseKestrel(0);
        Host.StartServer();
        var addresses = Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        if (addresses.Count != 1 || BaseAddress.Port == 7071)
        {
            // The host's default address belongs to a developer's running instance; tests must be on a port of their own.
            throw new InvalidOperationException($"The test host listens on {string.Join(", ", addresses)}; expected one dynamic port.");
        }

        await Host.AddMerchantAsync(Own);
        var other = new Merchant(Other, "Victim Trading Co", "EUR", "Europe/Berlin", DeadlinePolicy.Default, Tariff.Default, null);
        await Host.Service<MerchantStore>().CreateAsync(other, new WebhookSecrets([OtherSecret], OtherSecret));

        OwnOrderId = await PlaceAsync(Own, BackofficeHost.OrderJson("OWN-1001"), BackofficeHost.Secret);
        var placed = new List<string>();
        foreach (var external in new[] { "VICTIM-7001", "VICTIM-7002", "VICTIM-7003" })
        {
            placed.Add(await PlaceAsync(Other, VictimOrderJson(external), OtherSecret));
        }

        OtherOrderIds = placed;
        var supervisor = Client(Roles.Supervisor);
        await DeliverWithCashAsync(supervisor, Other, placed[1]);
        await CommandAsync(supervisor, Other, placed[2], "cancel", new { reason = "fraud" });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    /// <summary>An HTTP client on the Kestrel address, with a dev token for the role (no token when role is null).</summary>
    public HttpClient Client(string? role, string? merchantId = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Host.Service<DevTokenIssuer>().Issue(role, merchantId));
        }

        return client;
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string VictimOrderJson(string externalId) => JsonSerializer.Serialize(new
    {
        externalOrderId = externalId,
        currency = "EUR",
        payment = "cashOnDelivery",
        deliveryFee = 500,
        customer = new
        {
            name = "Viktor Victimsson",
            phone = "+49 151 0000 0666",
            email = "viktor@victim.example",
            address = new { line1 = "Victim street 6", city = "Berlin", postalCode = "10115", country = "DE" },
        },
        lines = new[] { new { sku = "VICTIM-SKU-1", name = "Victim goods", quantity = 2, unitPrice = 1250, inWarehouse = true } },
    });

    private async Task<string> PlaceAsync(string merchantId, string json, string secret)
    {
        using var response = await Host.PostOrderAsync(merchantId, json, secret: secret);
        response.EnsureSuccessStatusCode();
        return (await BackofficeHost.JsonAsync(response)).GetProperty("orderId").GetString()!;
    }

    /// <summary>Drives an order to Delivered with its cash handed over, following whatever stage the order is in.</summary>
    private static async Task DeliverWithCashAsync(HttpClient staff, string merchantId, string orderId)
    {
        var view = await CommandAsync(staff, merchantId, orderId, "confirm", new { });
        if (view.GetProperty("stage").GetString() == "supplierPickup")
        {
            var awaiting = view.GetProperty("lines").EnumerateArray()
                .Where(l => l.GetProperty("status").GetString() == "awaitingPickup").Select(l => l.GetProperty("lineId").GetString()).ToArray();
            view = await CommandAsync(staff, merchantId, orderId, "pickup", new { pickedUp = awaiting });
        }

        await CommandAsync(staff, merchantId, orderId, "pack", new { });
        view = await CommandAsync(staff, merchantId, orderId, "dispatch", new { courierId = "courier-1" });
        var value = view.GetProperty("liveValue").GetInt64();
        view = await CommandAsync(staff, merchantId, orderId, "delivery", new { result = "acceptedAll", cashCollected = value });
        await CommandAsync(staff, merchantId, orderId, "cash-handover", new { amount = view.GetProperty("cashCollected").GetInt64() });
    }

    private static async Task<JsonElement> CommandAsync(HttpClient staff, string merchantId, string orderId, string command, object body)
    {
        using var response = await staff.PostAsJsonAsync($"/api/orders/{merchantId}/{orderId}/{command}", body);
        var json = await BackofficeHost.JsonAsync(response);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Seeding: {command} on {orderId} answered {(int)response.StatusCode}: {json}");
        }

        return json;
    }
}
