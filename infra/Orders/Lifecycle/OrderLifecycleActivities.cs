using Microsoft.DurableTask;

namespace Backoffice.Infra.Orders.Lifecycle;

/// <summary>The local worker's activity for <see cref="OrderLifecycle.Advance"/> (Azure: an <c>[ActivityTrigger]</c> wrapper).</summary>
internal sealed class AdvanceOrderActivity(OrderLifecycleSteps steps) : TaskActivity<AdvanceRequest, OrderPlan>
{
    public override Task<OrderPlan> RunAsync(TaskActivityContext context, AdvanceRequest input) => steps.AdvanceAsync(input);
}

/// <summary>The local worker's activity for <see cref="OrderLifecycle.ReachDeadline"/>.</summary>
internal sealed class ReachOrderDeadlineActivity(OrderLifecycleSteps steps) : TaskActivity<DeadlineRequest, OrderPlan>
{
    public override Task<OrderPlan> RunAsync(TaskActivityContext context, DeadlineRequest input) => steps.ReachDeadlineAsync(input);
}
