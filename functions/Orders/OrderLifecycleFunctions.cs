using Backoffice.Infra.Orders.Lifecycle;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Backoffice.Functions.Orders;

/// <summary>
/// The order's Durable orchestration in Azure: wrappers only. The orchestrator is infra's <see cref="OrderLifecycle"/>
/// (the very class the local host's Durable Task worker registers) and the activities call <see cref="OrderLifecycleSteps"/>.
/// Orchestrations are started by the webhook intake and told of commands by the command path, both through
/// <see cref="DurableOrderEngine"/> over the HTTP function's <c>[DurableClient]</c> (see Hosting/ApiEndpoints).
/// </summary>
public sealed class OrderLifecycleFunctions(OrderLifecycleSteps steps)
{
    [Function(OrderLifecycle.Name)]
    public static Task<OrderPlan> RunOrderLifecycle([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new OrderLifecycle().RunAsync(context, context.GetInput<OrderRef>()!);
    }

    [Function(OrderLifecycle.Advance)]
    public Task<OrderPlan> AdvanceOrder([ActivityTrigger] AdvanceRequest request, CancellationToken ct) =>
        steps.AdvanceAsync(request, ct);

    [Function(OrderLifecycle.ReachDeadline)]
    public Task<OrderPlan> ReachOrderDeadline([ActivityTrigger] DeadlineRequest request, CancellationToken ct) =>
        steps.ReachDeadlineAsync(request, ct);
}
