using Backoffice.Infra.Storage;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Runner;

/// <summary>The safety net: dispatches an order's outbox rows that the inline dispatch did not get to.</summary>
public sealed class OutboxPump(StorageClients clients, RunnerOptions options, ILogger<OutboxPump> logger, EffectDispatcher dispatcher)
    : QueuePump(clients, options, logger, QueueNames.Outbox)
{
    protected override Task HandleAsync(string body, CancellationToken ct)
    {
        var message = Json.Deserialize<OutboxMessage>(body);
        return dispatcher.DispatchPendingAsync(message.MerchantId, message.OrderId, ct);
    }
}
