using System.Text.Json;
using Backoffice.Core.Orders;
using Backoffice.Infra.Jobs;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Status;

/// <summary>What the merchant receives, in the Standard Webhooks envelope (<c>type</c>, <c>timestamp</c>, <c>data</c>).</summary>
public sealed record StatusWebhookPayload(string Type, DateTimeOffset Timestamp, StatusWebhookPayload.OrderStatus Data)
{
    public const string EventType = "order.status";

    /// <summary>
    /// The change. <see cref="Version"/> increases with every change of the order, so a receiver can ignore one that
    /// arrives after a newer one (retries can reorder them); <c>webhook-id</c> is stable across retries for de-duplication.
    /// </summary>
    public sealed record OrderStatus(
        string MerchantId, string OrderId, string ExternalOrderId, Stage Stage, string Event, DateTimeOffset At, int Version, Cancellation? Cancellation);

    public static byte[] Body(StatusMessage message) => JsonSerializer.SerializeToUtf8Bytes(
        new StatusWebhookPayload(EventType, message.At, new OrderStatus(
            message.MerchantId, message.OrderId, message.ExternalOrderId, message.Stage, message.Event, message.At, message.Version, message.Cancellation)),
        Json.Options);
}
