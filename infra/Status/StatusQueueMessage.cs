using System.Text.Json;
using System.Text.Json.Nodes;
using Backoffice.Infra.Jobs;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Status;

/// <summary>A status change and the number of the delivery attempt it is on.</summary>
public sealed record StatusDeliveryAttempt(StatusMessage Message, int Attempt);

/// <summary>
/// The body of a status queue message: the <see cref="StatusMessage"/> as the outbox writes it, plus <c>attempt</c> on
/// retries (absent means the first attempt), so the runner's messages and our retries share one queue.
/// </summary>
public static class StatusQueueMessage
{
    private const string AttemptProperty = "attempt";

    public static string Format(StatusMessage message, int attempt)
    {
        var node = JsonSerializer.SerializeToNode(message, Json.Options)!.AsObject();
        node[AttemptProperty] = attempt;
        return node.ToJsonString(Json.Options);
    }

    public static StatusDeliveryAttempt Parse(string body)
    {
        var node = JsonNode.Parse(body)?.AsObject() ?? throw new InvalidDataException("A status message must be a JSON object.");
        var attempt = node.TryGetPropertyValue(AttemptProperty, out var value) && value is not null ? value.GetValue<int>() : 1;
        var message = node.Deserialize<StatusMessage>(Json.Options) ?? throw new InvalidDataException("A status message is empty.");
        return new StatusDeliveryAttempt(message, Math.Max(attempt, 1));
    }
}
