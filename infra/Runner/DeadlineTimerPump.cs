using Backoffice.Core.Common;
using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;
using Backoffice.Infra.Storage;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Runner;

/// <summary>Fires deadline timers. One that arrives early (re-armed long timer, clock skew) is armed again.</summary>
public sealed class DeadlineTimerPump(
    StorageClients clients, RunnerOptions options, ILogger<DeadlineTimerPump> logger, DeadlineHandler handler)
    : QueuePump(clients, options, logger, QueueNames.Timers)
{
    protected override Task HandleAsync(string body, CancellationToken ct) => handler.HandleAsync(Json.Deserialize<DeadlineMessage>(body), ct);
}

public sealed class DeadlineHandler(OrderProcessor processor, EffectDispatcher dispatcher, TimeProvider clock, ILogger<DeadlineHandler> logger)
{
    public static readonly Actor Clock = Actor.System("deadline-timer");

    public async Task<CommandOutcome?> HandleAsync(DeadlineMessage message, CancellationToken ct)
    {
        if (message.DueAt > clock.GetUtcNow())
        {
            await dispatcher.ScheduleDeadlineAsync(message, ct).ConfigureAwait(false);
            return null;
        }

        var outcome = await processor.ExecuteAsync(
            message.MerchantId, message.OrderId, _ => new ReachDeadline(message.Stage, message.DueAt, Clock, clock.GetUtcNow()), ct: ct).ConfigureAwait(false);
        if (outcome.Kind == OutcomeKind.Applied)
        {
            logger.LogInformation("Order {MerchantId}/{OrderId} missed its {Stage} deadline", message.MerchantId, message.OrderId, message.Stage);
        }

        return outcome;
    }
}
