using System.Net;
using System.Net.Http.Json;
using Backoffice.Api.Webhooks;
using Backoffice.Core.Common;
using Backoffice.Infra.Status;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Status.Tests;

/// <summary>
/// Issue 15, item 10: a merchant created through the API can verify its status webhooks — the signing secret is shown
/// once at creation, and a rotation keeps the previous secret signing beside the new one.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StatusSecretTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_merchant_created_through_the_api_verifies_a_real_status_delivery_with_the_secret_it_was_given_and_across_a_rotation()
    {
        await using var receiver = await StatusReceiver.StartAsync();
        using var host = new BackofficeHost(azurite);
        var supervisor = host.As(Roles.Supervisor);
        var created = await supervisor.PutAsJsonAsync("/api/merchants/api-made-shop", new
        {
            name = "API made",
            currency = "EUR",
            timeZone = "Europe/Berlin",
            statusUrl = receiver.StatusUrl.ToString(),
            tariff = new { fixedPerDeliveredOrder = 150, deliveredValueBasisPoints = 0, cashHandledBasisPoints = 100 },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await BackofficeHost.JsonAsync(created);
        var inbound = body.GetProperty("webhookSecret").GetString()!;
        var statusSecret = body.GetProperty("statusSecret").GetString()!;
        Assert.StartsWith("whsec_", statusSecret, StringComparison.Ordinal);
        Assert.NotEqual(inbound, statusSecret);

        Assert.Equal(HttpStatusCode.Created, (await host.PostOrderAsync("api-made-shop", BackofficeHost.OrderJson("ext-secret-1"), secret: inbound)).StatusCode);
        await PumpAsync(host);

        var first = Assert.Single(receiver.Received);
        Assert.Null(WebhookSignatures.VerifyStandard(first.Id, first.Timestamp, first.Signature, first.Body, [statusSecret], host.Clock.GetUtcNow()));
        Assert.NotNull(WebhookSignatures.VerifyStandard(first.Id, first.Timestamp, first.Signature, first.Body, [inbound], host.Clock.GetUtcNow()));

        // Rotation: the new secret signs, and the previous one still verifies until the next rotation.
        var rotated = await BackofficeHost.JsonAsync(await supervisor.PostAsync("/api/merchants/api-made-shop/status-secrets", null));
        var newSecret = rotated.GetProperty("secret").GetString()!;
        Assert.Equal(2, rotated.GetProperty("validSecrets").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await host.PostOrderAsync("api-made-shop", BackofficeHost.OrderJson("ext-secret-2"), secret: inbound)).StatusCode);
        await PumpAsync(host);

        var second = receiver.Received.Last();
        Assert.NotEqual(first.Id, second.Id);
        Assert.Null(WebhookSignatures.VerifyStandard(second.Id, second.Timestamp, second.Signature, second.Body, [newSecret], host.Clock.GetUtcNow()));
        Assert.Null(WebhookSignatures.VerifyStandard(second.Id, second.Timestamp, second.Signature, second.Body, [statusSecret], host.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Only_a_supervisor_rotates_the_status_secret()
    {
        using var host = new BackofficeHost(azurite);
        await host.AddMerchantAsync("shop-one");

        Assert.Equal(HttpStatusCode.Forbidden, (await host.As(Roles.Merchant, "shop-one").PostAsync("/api/merchants/shop-one/status-secrets", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.As(Roles.Finance).PostAsync("/api/merchants/shop-one/status-secrets", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.As(Roles.Supervisor).PostAsync("/api/merchants/no-such-shop/status-secrets", null)).StatusCode);
    }

    private static Task PumpAsync(BackofficeHost host)
    {
        var clients = host.Service<StorageClients>();
        return host.Service<StatusPump>().PumpOnceAsync(clients.Queue(QueueNames.Status), clients.Queue(QueueNames.Status + "-poison"), CancellationToken.None);
    }
}
