using Backoffice.Core.Orders;

namespace Backoffice.Infra.Orders.Lifecycle;

/// <summary>
/// The orchestration's input: which order. Ids only — the order itself (customer, address, lines) stays in the order's
/// table partition, so no personal data enters the task hub's history, inputs, outputs or custom status.
/// </summary>
public sealed record OrderRef(string MerchantId, string OrderId)
{
    /// <summary>The instance id. Order ids derive from (merchant, external order id), so a redelivery meets the same instance.</summary>
    public string InstanceId => OrderLifecycle.InstanceId(MerchantId, OrderId);
}

/// <summary>Input of <see cref="OrderLifecycleSteps.AdvanceAsync"/>: the order, and the version a command announced (0: none).</summary>
public sealed record AdvanceRequest(string MerchantId, string OrderId, int AwaitedVersion);

/// <summary>Input of <see cref="OrderLifecycleSteps.ReachDeadlineAsync"/>: the deadline the orchestration's timer stood for.</summary>
public sealed record DeadlineRequest(string MerchantId, string OrderId, Stage Stage, DateTimeOffset DueAt);

/// <summary>
/// What the orchestration needs to know next, and nothing more: the stored version, whether the order is finished, and
/// how long until its stage deadline (a duration, measured on the application's clock, so the orchestration's durable
/// timer stands for the same moment whichever clock the host runs on). Also the custom status: no personal data.
/// <see cref="EngineVersion"/> is filled by the orchestrator: the <see cref="OrderLifecycleVersions">version</see> the
/// instance runs under, so an operator (and a test) can see which code an in-flight order follows.
/// </summary>
public sealed record OrderPlan(int Version, Stage? Stage, bool Settled, DateTimeOffset? DueAt, TimeSpan? DueIn, bool AwaitedVersionMissing, string? EngineVersion = null)
{
    public static OrderPlan Of(OrderState state, DateTimeOffset now, int awaitedVersion)
    {
        if (state is not PlacedOrder order)
        {
            return new OrderPlan(state.Version, null, Settled: false, null, null, AwaitedVersionMissing: awaitedVersion > state.Version);
        }

        var deadline = OrderWorkflow.NextDeadline(order);
        var dueIn = deadline is null ? (TimeSpan?)null : deadline.DueAt - now;
        return new OrderPlan(order.Version, order.Stage, IsSettled(order), deadline?.DueAt, dueIn < TimeSpan.Zero ? TimeSpan.Zero : dueIn, awaitedVersion > order.Version);
    }

    /// <summary>Settled: nothing can happen to it any more (a delivered order still waits for its cash to be handed over).</summary>
    public static bool IsSettled(PlacedOrder order) =>
        order.Stage == Core.Orders.Stage.Cancelled || (order.Stage == Core.Orders.Stage.Delivered && order.CashOutstanding <= 0);
}
