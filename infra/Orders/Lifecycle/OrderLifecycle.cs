using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Orders.Lifecycle;

/// <summary>
/// One order's life as a Durable orchestration — the only order engine, run by the Functions isolated worker in Azure
/// and by the Durable Task worker over the in-process sidecar locally, on the same DurableTask.AzureStorage backend.
/// <para>
/// It decides nothing itself. Commands are decided once, by <see cref="OrderProcessor"/>, where they arrive (the HTTP
/// request, the webhook, or the <see cref="ReachDeadline"/> activity below), and committed with their outbox in one
/// transaction. This orchestration is the control flow around that: it makes sure every committed outbox runs
/// (<see cref="Advance"/>), keeps one durable timer on the current stage's deadline and turns a fired timer into the
/// <c>ReachDeadline</c> command, and ends when the order is settled. A command announces its version with the
/// <see cref="ChangedEvent"/> <em>before</em> it commits, so a crash between commit and anything else cannot leave the
/// orchestration unaware: if the announced version has not landed yet, it looks again a moment later, a few times.
/// </para>
/// Deterministic: the time comes from the context, waits are durable timers, all I/O is in activities.
/// </summary>
public sealed class OrderLifecycle : TaskOrchestrator<OrderRef, OrderPlan>
{
    public const string Name = "OrderLifecycle";

    /// <summary>Raised by a command before it commits; the payload is the version the command will produce.</summary>
    public const string ChangedEvent = "OrderChanged";

    /// <summary>Activity: run the order's pending outbox and return its <see cref="OrderPlan"/>.</summary>
    public const string Advance = "AdvanceOrder";

    /// <summary>Activity: decide <c>ReachDeadline</c> for the order (escalation or timeout cancellation), then advance.</summary>
    public const string ReachDeadline = "ReachOrderDeadline";

    /// <summary>How long an announced version may take to land, and how often to look meanwhile.</summary>
    public static readonly TimeSpan AnnouncedCommitPatience = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan AnnouncedCommitRecheck = TimeSpan.FromSeconds(1);

    /// <summary>Rounds before the history is trimmed with ContinueAsNew (an order has a few dozen events at most).</summary>
    public const int RoundsPerGeneration = 40;

    private static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 10, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(5)));

    public static string InstanceId(string merchantId, string orderId) => $"{merchantId}:{orderId}";

    public override async Task<OrderPlan> RunAsync(TaskOrchestrationContext context, OrderRef input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger<OrderLifecycle>();
        var awaited = 0;
        Task<int>? nextChange = null;
        for (var round = 0; ; round++)
        {
            var plan = await context.CallActivityAsync<OrderPlan>(Advance, new AdvanceRequest(input.MerchantId, input.OrderId, awaited), ActivityRetry);
            var patienceUntil = context.CurrentUtcDateTime + AnnouncedCommitPatience;
            while (plan.AwaitedVersionMissing && context.CurrentUtcDateTime < patienceUntil)
            {
                // A command announced a version that has not landed: it is committing now, or it failed and never will.
                await context.CreateTimer(AnnouncedCommitRecheck, CancellationToken.None);
                plan = await context.CallActivityAsync<OrderPlan>(Advance, new AdvanceRequest(input.MerchantId, input.OrderId, awaited), ActivityRetry);
            }

            awaited = 0;
            plan = plan with { EngineVersion = context.Version };
            context.SetCustomStatus(plan);
            if (plan.Settled)
            {
                logger.LogInformation("Order {MerchantId}/{OrderId} is settled at version {Version}", input.MerchantId, input.OrderId, plan.Version);
                return plan;
            }

            if (context.Version != OrderLifecycleVersions.V1 && round >= RoundsPerGeneration && nextChange is null)
            {
                // Keeps the history short for orders that live long; unprocessed events carry over to the new generation.
                context.ContinueAsNew(input, preserveUnprocessedEvents: true);
                return plan;
            }

            // One wait for announcements lives across rounds: answered by an event or carried over, never cancelled
            // (a cancelled wait can swallow the next event in the isolated worker: azure-functions-durable-extension#3255).
            nextChange ??= context.WaitForExternalEvent<int>(ChangedEvent);
            if (plan.DueIn is { } dueIn && plan.Stage is { } stage && plan.DueAt is { } dueAt)
            {
                using var timerCancellation = new CancellationTokenSource();
                var timer = context.CreateTimer(context.CurrentUtcDateTime + dueIn, timerCancellation.Token);
                var first = await Task.WhenAny(nextChange, timer);
                if (first == timer)
                {
                    await context.CallActivityAsync<OrderPlan>(ReachDeadline, new DeadlineRequest(input.MerchantId, input.OrderId, stage, dueAt), ActivityRetry);
                    continue;
                }

                // The announcement won: cancel the losing timer, or the instance stays busy until it would have fired.
                timerCancellation.Cancel();
            }

            awaited = await nextChange;
            nextChange = null;
        }
    }
}
