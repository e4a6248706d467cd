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

    /// <summary>
    /// Storage's settings with enum values in camelCase (<c>"stage":"packing"</c>, <c>"reason":"customerRefused"</c>), as
    /// the API writes them: a merchant sees one naming in the API and in the webhooks.
    /// </summary>
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static byte[] Body(StatusMessage message) => JsonSerializer.SerializeToUtf8Bytes(
        new StatusWebhookPayload(EventType, message.At, new OrderStatus(
            message.MerchantId, message.OrderId, message.ExternalOrderId, message.Stage, message.Event, message.At, message.Version, message.Cancellation)),
        Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(Json.Options);
        options.Converters.Insert(0, new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
