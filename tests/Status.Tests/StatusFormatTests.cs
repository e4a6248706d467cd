using Backoffice.Infra.Status;
using Backoffice.Infra.Storage;
using Xunit;

namespace Backoffice.Status.Tests;

public sealed class StatusFormatTests
{
    [Fact]
    public void The_back_off_doubles_from_the_first_delay_up_to_its_ceiling()
    {
        var options = new StatusDeliveryOptions();

        var delays = Enumerable.Range(1, 9).Select(options.RetryDelay).ToArray();

        Assert.Equal(
            [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(8),
             TimeSpan.FromMinutes(16), TimeSpan.FromMinutes(32), TimeSpan.FromHours(1), TimeSpan.FromHours(1)],
            delays);
        Assert.Throws<ArgumentOutOfRangeException>(() => options.RetryDelay(0));
    }

    [Fact]
    public void A_message_written_by_the_outbox_reads_as_the_first_attempt_and_a_retry_keeps_its_number()
    {
        var message = StatusWorld.Message();

        var fromOutbox = StatusQueueMessage.Parse(Json.Serialize(message));
        var retry = StatusQueueMessage.Parse(StatusQueueMessage.Format(message, 6));

        Assert.Equal(new StatusDeliveryAttempt(message, 1), fromOutbox);
        Assert.Equal(new StatusDeliveryAttempt(message, 6), retry);
    }

    [Fact]
    public void The_signer_refuses_a_secret_that_is_not_a_standard_webhooks_secret()
    {
        Assert.False(StandardWebhookSigner.IsUsableSecret("plain-text-secret"));
        Assert.False(StandardWebhookSigner.IsUsableSecret(null));
        Assert.True(StandardWebhookSigner.IsUsableSecret(StatusWorld.Outbound));
        Assert.Throws<ArgumentException>(() => StandardWebhookSigner.Sign("plain-text-secret", "id", 1, "{}"u8));
    }

    [Fact]
    public void The_webhook_payload_writes_enum_values_in_camel_case_like_the_api()
    {
        var cancellation = new Backoffice.Core.Orders.Cancellation(
            Backoffice.Core.Orders.Stage.Delivery, Backoffice.Core.Orders.CancellationReason.CustomerRefused, Backoffice.Core.Orders.Department.Customer, null, StatusWorld.Start, "courier-1");
        var message = StatusWorld.Message(stage: Backoffice.Core.Orders.Stage.Cancelled) with { Cancellation = cancellation };

        using var payload = System.Text.Json.JsonDocument.Parse(StatusWebhookPayload.Body(message));

        var data = payload.RootElement.GetProperty("data");
        Assert.Equal("cancelled", data.GetProperty("stage").GetString());
        Assert.Equal(("delivery", "customerRefused", "customer"), (
            data.GetProperty("cancellation").GetProperty("stage").GetString(),
            data.GetProperty("cancellation").GetProperty("reason").GetString(),
            data.GetProperty("cancellation").GetProperty("department").GetString()));
    }
}
