using System.Net;
using Backoffice.Core.Common;
using Backoffice.Core.Merchants;
using Backoffice.Infra.Merchants;
using Backoffice.Infra.Status;
using Backoffice.Infra.Storage;
using Backoffice.Testing;
using Xunit;

namespace Backoffice.Status.Tests;

/// <summary>The supervisors' view of undeliverable status changes, and status delivery on the local host end to end.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StatusEndpointsTests(AzuriteFixture azurite)
{
    private const string ListPath = "/api/status-deliveries/dead-letters";

    [Fact]
    public async Task A_supervisor_sees_dead_lettered_statuses_and_re_sends_one()
    {
        using var host = new BackofficeHost(azurite);
        var message = StatusWorld.Message();
        await host.Service<StatusDeadLetters>().AddAsync(message, 8, "The status URL answered 500.", 500, host.Clock.GetUtcNow());
        var supervisor = host.As(Roles.Supervisor);

        var listed = await BackofficeHost.JsonAsync(await supervisor.GetAsync(ListPath));
        var item = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(message.Id, item.GetProperty("messageId").GetString());
        Assert.Equal(500, item.GetProperty("lastStatusCode").GetInt32());

        using var resent = await supervisor.PostAsync($"{ListPath}/{StatusWorld.MerchantId}/{Uri.EscapeDataString(message.Id)}/resend", null);

        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        Assert.Empty((await BackofficeHost.JsonAsync(await supervisor.GetAsync(ListPath))).GetProperty("items").EnumerateArray());
        var queued = (await host.Service<StorageClients>().Queue(QueueNames.Status).PeekMessagesAsync(32)).Value;
        Assert.Equal(new StatusDeliveryAttempt(message, 1), StatusQueueMessage.Parse(Assert.Single(queued).Body.ToString()));
    }

    [Fact]
    public async Task Only_supervisors_may_see_or_re_send_dead_letters()
    {
        using var host = new BackofficeHost(azurite);
        var resend = $"{ListPath}/{StatusWorld.MerchantId}/{Uri.EscapeDataString(StatusWorld.Message().Id)}/resend";

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync(ListPath)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().PostAsync(resend, null)).StatusCode);
        foreach (var (role, merchant) in new[] { (Roles.Operator, (string?)null), (Roles.Finance, null), (Roles.Merchant, StatusWorld.MerchantId) })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await host.As(role, merchant).GetAsync(ListPath)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await host.As(role, merchant).PostAsync(resend, null)).StatusCode);
        }
    }

    [Fact]
    public async Task The_list_filters_by_merchant_validates_its_inputs_and_an_unknown_dead_letter_is_404()
    {
        using var host = new BackofficeHost(azurite);
        var deadLetters = host.Service<StatusDeadLetters>();
        await deadLetters.AddAsync(StatusWorld.Message(), 8, "x", null, host.Clock.GetUtcNow());
        await deadLetters.AddAsync(StatusWorld.Message() with { MerchantId = "other-shop", Id = "ORD-OTHER0000001:1:status" }, 8, "y", null, host.Clock.GetUtcNow());
        var supervisor = host.As(Roles.Supervisor);

        var filtered = await BackofficeHost.JsonAsync(await supervisor.GetAsync($"{ListPath}?merchantId=other-shop"));

        Assert.Equal("other-shop", Assert.Single(filtered.GetProperty("items").EnumerateArray()).GetProperty("merchantId").GetString());
        Assert.Equal(2, (await BackofficeHost.JsonAsync(await supervisor.GetAsync(ListPath))).GetProperty("items").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync($"{ListPath}?pageSize=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.GetAsync($"{ListPath}?merchantId=NOT_AN_ID")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PostAsync($"{ListPath}/{StatusWorld.MerchantId}/nothing-here/resend", null)).StatusCode);
    }

    [Fact]
    public async Task An_order_placed_on_the_local_host_reaches_the_merchants_status_URL_through_the_status_pump()
    {
        await using var receiver = await StatusReceiver.StartAsync();
        using var host = new BackofficeHost(azurite);
        var merchant = await host.AddMerchantAsync("pump-shop");
        await host.Service<MerchantStore>().SaveAsync(merchant with { StatusUrl = receiver.StatusUrl.ToString() });

        using var placed = await host.PostOrderAsync("pump-shop", BackofficeHost.OrderJson("ext-pump-1"));
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var clients = host.Service<StorageClients>();
        await host.Service<StatusPump>().PumpOnceAsync(clients.Queue(QueueNames.Status), clients.Queue(QueueNames.Status + "-poison"), CancellationToken.None);

        var hook = Assert.Single(receiver.Received);
        Assert.Null(Api.Webhooks.WebhookSignatures.VerifyStandard(hook.Id, hook.Timestamp, hook.Signature, hook.Body, [BackofficeHost.Secret], host.Clock.GetUtcNow()));
        using var payload = System.Text.Json.JsonDocument.Parse(hook.Body);
        Assert.Equal("confirmation", payload.RootElement.GetProperty("data").GetProperty("stage").GetString());
        Assert.Equal((await BackofficeHost.JsonAsync(placed)).GetProperty("orderId").GetString(), payload.RootElement.GetProperty("data").GetProperty("orderId").GetString());
    }
}
