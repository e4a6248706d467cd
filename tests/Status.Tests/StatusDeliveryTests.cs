using System.Globalization;
using System.Text.Json;
using Backoffice.Api.Webhooks;
using Backoffice.Core.Orders;
using Backoffice.Infra.Status;
using Backoffice.Testing;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Backoffice.Status.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class StatusDeliveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_status_change_reaches_the_merchant_signed_per_Standard_Webhooks_with_its_outbound_secret()
    {
        await using var receiver = await StatusReceiver.StartAsync();
        await using var world = await StatusWorld.CreateAsync(azurite);
        await world.AddMerchantAsync(receiver.StatusUrl.ToString());
        var message = StatusWorld.Message();

        var result = await world.Delivery.HandleAsync(message, 1, CancellationToken.None);

        Assert.Equal(StatusDeliveryResult.Delivered, result);
        var hook = Assert.Single(receiver.Received);
        Assert.Equal(message.Id, hook.Id);
        Assert.Equal(world.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), hook.Timestamp);
        Assert.StartsWith("application/json", hook.ContentType, StringComparison.Ordinal);
        Assert.Null(WebhookSignatures.VerifyStandard(hook.Id, hook.Timestamp, hook.Signature, hook.Body, [StatusWorld.Outbound], world.Clock.GetUtcNow()));
        Assert.NotNull(WebhookSignatures.VerifyStandard(hook.Id, hook.Timestamp, hook.Signature, hook.Body, ["whsec_aW5ib3VuZA=="], world.Clock.GetUtcNow()));
        using var payload = JsonDocument.Parse(hook.Body);
        Assert.Equal(StatusWebhookPayload.EventType, payload.RootElement.GetProperty("type").GetString());
        var data = payload.RootElement.GetProperty("data");
        Assert.Equal("packing", data.GetProperty("stage").GetString()); // camelCase values, as the API writes them
        Assert.Equal(5, data.GetProperty("version").GetInt32());
        Assert.Equal("ext-42", data.GetProperty("externalOrderId").GetString());
        Assert.Empty(await world.QueuedAsync());
    }

    [Fact]
    public async Task A_failed_delivery_is_queued_again_behind_the_back_off_delay()
    {
        await using var receiver = await StatusReceiver.StartAsync();
        receiver.Answer = Respond(StatusCodes.Status503ServiceUnavailable);
        await using var world = await StatusWorld.CreateAsync(azurite);
        await world.AddMerchantAsync(receiver.StatusUrl.ToString());

        var result = await world.Delivery.HandleAsync(StatusWorld.Message(), 1, CancellationToken.None);

        Assert.Equal(StatusDeliveryResult.RetryScheduled, result);
        Assert.Equal(1, await world.QueuedIncludingInvisibleAsync());
        Assert.Empty(await world.QueuedAsync());
    }

    [Fact]
    public async Task The_queued_retry_carries_the_next_attempt_number()
    {
        await using var receiver = await StatusReceiver.StartAsync();
        receiver.Answer = Respond(StatusCodes.Status500InternalServerError);
        await using var world = await StatusWorld.CreateAsync(azurite, new() { ["StatusDelivery:FirstRetryDelay"] = "00:00:00" });
        await world.AddMerchantAsync(receiver.StatusUrl.ToString());

        await world.Delivery.HandleAsync(StatusWorld.Message(), 3, CancellationToken.None);

        var retry = Assert.Single(await world.QueuedAsync());
        Assert.Equal(4, retry.Attempt);
        Assert.Equal(StatusWorld.Message(), retry.Message);
    }

    [Fact]
    public async Task After_the_last_attempt_the_status_is_dead_lettered_for_supervisors()
    {
        await using var receiver = await StatusReceiver.StartAsync();
        receiver.Answer = Respond(StatusCodes.Status500InternalServerError);
        await using var world = await StatusWorld.CreateAsync(azurite);
        await world.AddMerchantAsync(receiver.StatusUrl.ToString());

        var result = await world.Delivery.HandleAsync(StatusWorld.Message(), world.Options.MaxAttempts, CancellationToken.None);

        Assert.Equal(StatusDeliveryResult.DeadLettered, result);
        var dead = Assert.Single((await world.DeadLetters.PageAsync(null, 50, null)).Items);
        Assert.Equal(world.Options.MaxAttempts, dead.Attempts);
        Assert.Equal(500, dead.LastStatusCode);
        Assert.Equal(StatusWorld.Message().Id, dead.MessageId);
        Assert.Equal(world.Clock.GetUtcNow(), dead.DeadLetteredAt);
        Assert.Equal(0, await world.QueuedIncludingInvisibleAsync());
    }

    [Fact]
    public async Task A_merchant_without_an_outbound_secret_is_dead_lettered_at_once_without_a_call()
    {
        await using var receiver = await StatusReceiver.StartAsync();
        await using var world = await StatusWorld.CreateAsync(azurite);
        await world.AddMerchantAsync(receiver.StatusUrl.ToString(), outboundSecret: null);

        var result = await world.Delivery.HandleAsync(StatusWorld.Message(), 1, CancellationToken.None);

        Assert.Equal(StatusDeliveryResult.DeadLettered, result);
        Assert.Empty(receiver.Received);
        Assert.Contains("outbound webhook secret", Assert.Single((await world.DeadLetters.PageAsync(StatusWorld.MerchantId, 50, null)).Items).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_http_status_URL_beyond_this_machine_is_refused_before_any_request()
    {
        await using var world = await StatusWorld.CreateAsync(azurite);
        await world.AddMerchantAsync("http://shop.invalid/hooks/status");

        var result = await world.Delivery.HandleAsync(StatusWorld.Message(), 1, CancellationToken.None);

        Assert.Equal(StatusDeliveryResult.DeadLettered, result);
        Assert.Contains("https", Assert.Single((await world.DeadLetters.PageAsync(null, 50, null)).Items).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merchant_without_a_status_URL_gets_nothing_and_nothing_is_kept()
    {
        await using var world = await StatusWorld.CreateAsync(azurite);
        await world.AddMerchantAsync(statusUrl: null);

        Assert.Equal(StatusDeliveryResult.NotWanted, await world.Delivery.HandleAsync(StatusWorld.Message(), 1, CancellationToken.None));
        Assert.Empty((await world.DeadLetters.PageAsync(null, 50, null)).Items);
        Assert.Equal(0, await world.QueuedIncludingInvisibleAsync());
    }

    [Fact]
    public async Task A_redirect_is_a_failure_and_is_not_followed()
    {
        await using var receiver = await StatusReceiver.StartAsync();
        receiver.Answer = context =>
        {
            context.Response.Redirect("/hooks/elsewhere", permanent: false);
            return Task.CompletedTask;
        };
        await using var world = await StatusWorld.CreateAsync(azurite);
        await world.AddMerchantAsync(receiver.StatusUrl.ToString());

        var result = await world.Delivery.HandleAsync(StatusWorld.Message(), 1, CancellationToken.None);

        Assert.Equal(StatusDeliveryResult.RetryScheduled, result);
        Assert.Equal("/hooks/status", Assert.Single(receiver.Received).Path);
    }

    [Fact]
    public async Task A_merchant_that_does_not_answer_in_time_counts_as_a_failure()
    {
        await using var receiver = await StatusReceiver.StartAsync();
        receiver.Answer = receiver.Hang;
        await using var world = await StatusWorld.CreateAsync(azurite, new() { ["StatusDelivery:Timeout"] = "00:00:00.300" });
        await world.AddMerchantAsync(receiver.StatusUrl.ToString());

        var result = await world.Delivery.HandleAsync(StatusWorld.Message(), world.Options.MaxAttempts, CancellationToken.None);

        Assert.Equal(StatusDeliveryResult.DeadLettered, result);
        Assert.Contains("did not answer", Assert.Single((await world.DeadLetters.PageAsync(null, 50, null)).Items).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pump_delivers_what_the_outbox_published_and_removes_it_from_the_queue()
    {
        await using var receiver = await StatusReceiver.StartAsync();
        await using var world = await StatusWorld.CreateAsync(azurite);
        await world.AddMerchantAsync(receiver.StatusUrl.ToString());
        await world.Channel.PublishAsync(StatusWorld.Message(version: 7), CancellationToken.None);

        Assert.Equal(1, await world.PumpOnceAsync());

        Assert.Equal(StatusWorld.Message(version: 7).Id, Assert.Single(receiver.Received).Id);
        Assert.Equal(0, await world.QueuedIncludingInvisibleAsync());
    }

    [Fact]
    public async Task A_re_sent_dead_letter_is_delivered_again_from_its_first_attempt()
    {
        await using var receiver = await StatusReceiver.StartAsync();
        receiver.Answer = Respond(StatusCodes.Status502BadGateway);
        await using var world = await StatusWorld.CreateAsync(azurite);
        await world.AddMerchantAsync(receiver.StatusUrl.ToString());
        await world.Delivery.HandleAsync(StatusWorld.Message(), world.Options.MaxAttempts, CancellationToken.None);
        receiver.Answer = Respond(StatusCodes.Status200OK);

        Assert.True(await world.DeadLetters.ResendAsync(StatusWorld.MerchantId, StatusWorld.Message().Id));

        Assert.Empty((await world.DeadLetters.PageAsync(null, 50, null)).Items);
        Assert.Equal(1, Assert.Single(await world.QueuedAsync()).Attempt);
        await world.PumpOnceAsync();
        Assert.Equal(2, receiver.Received.Count);
        Assert.False(await world.DeadLetters.ResendAsync(StatusWorld.MerchantId, StatusWorld.Message().Id));
    }

    private static Func<HttpContext, Task> Respond(int status) => context =>
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    };
}
