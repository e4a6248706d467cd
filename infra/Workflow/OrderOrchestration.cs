using Backoffice.Core.Orders;
using Backoffice.Infra.Runner;
using Microsoft.Extensions.Logging;

namespace Backoffice.Infra.Workflow;

/// <summary>
/// The order lifecycle on an orchestration engine: the same decider as the local runner, driven by a short generic loop.
/// Run the planned activities, then wait for the first of "an operator command arrives" or "the stage deadline timer
/// fires", decide, evolve, repeat until the order is settled. Deterministic: no clock (time comes from the context or
/// the command), no I/O (activities do it), no random ids.
/// </summary>
public static class OrderOrchestration
{
    public const string Name = "OrderWorkflow";

    /// <summary>The external event that carries an <see cref="OrderCommandMessage"/>.</summary>
    public const string CommandEvent = "OrderCommand";

    public static async Task<OrderWorkflowStatus> RunAsync(IOrderWorkflowContext context, PlaceOrder place, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(place);
        var (merchantId, orderId) = (place.MerchantId, place.OrderId);
        var (state, rejection) = await StepAsync(context, OrderDecider.Initial, place, logger).ConfigureAwait(true);
        Task<OrderCommandMessage>? nextCommand = null;
        while (state is PlacedOrder order && !IsSettled(order))
        {
            // One wait for commands lives across rounds; it is answered by an event or carried over, never cancelled.
            nextCommand ??= context.WaitForExternalEvent<OrderCommandMessage>(CommandEvent);
            OrderCommand? command;
            if (OrderWorkflow.NextDeadline(order) is { } deadline)
            {
                using var timerCancellation = new CancellationTokenSource();
                var timer = context.CreateTimer(deadline.DueAt, timerCancellation.Token);
                var first = await Task.WhenAny(nextCommand, timer).ConfigureAwait(true);
                if (first == timer)
                {
                    command = new ReachDeadline(deadline.Stage, deadline.DueAt, DeadlineHandler.Clock, context.CurrentUtcDateTime);
                }
                else
                {
                    // The command won: cancel the losing timer, or the instance stays "Running" until it would have fired.
                    // Cancel synchronously: an orchestration's continuations must stay on its own thread.
                    timerCancellation.Cancel();
                    command = Decode(await nextCommand.ConfigureAwait(true), merchantId, orderId, logger);
                    nextCommand = null;
                }
            }
            else
            {
                command = Decode(await nextCommand.ConfigureAwait(true), merchantId, orderId, logger);
                nextCommand = null;
            }

            if (command is null)
            {
                rejection = new Rejection(Rejection.Invalid, "The command could not be read.");
                context.SetCustomStatus(OrderWorkflowStatus.Of(merchantId, orderId, state, rejection));
                continue;
            }

            (state, rejection) = await StepAsync(context, state, command, logger).ConfigureAwait(true);
        }

        return OrderWorkflowStatus.Of(merchantId, orderId, state, rejection);
    }

    /// <summary>Settled: nothing can happen to it any more (a delivered order still waits for its cash to be handed over).</summary>
    public static bool IsSettled(PlacedOrder order) =>
        order.Stage == Stage.Cancelled || (order.Stage == Stage.Delivered && order.CashOutstanding <= 0);

    private static async Task<(OrderState State, Rejection? Rejection)> StepAsync(
        IOrderWorkflowContext context, OrderState state, OrderCommand command, ILogger logger)
    {
        var (merchantId, orderId) = state is PlacedOrder o ? (o.MerchantId, o.OrderId) : command is PlaceOrder p ? (p.MerchantId, p.OrderId) : ("?", "?");
        var decision = OrderDecider.Decide(state, command);
        if (!decision.IsAccepted)
        {
            logger.LogWarning("Order {MerchantId}/{OrderId} refused {Command}: {Code}", merchantId, orderId, command.GetType().Name, decision.Rejection!.Code);
            context.SetCustomStatus(OrderWorkflowStatus.Of(merchantId, orderId, state, decision.Rejection));
            return (state, decision.Rejection);
        }

        var after = decision.Events.Aggregate(state, OrderDecider.Evolve);
        await context.CallActivityAsync(OrderActivityNames.SaveOrder, new OrderCommit(merchantId, orderId, state.Version, decision.Events)).ConfigureAwait(true);
        foreach (var effect in OrderWorkflow.Effects(state, after, decision.Events))
        {
            // ArmDeadline is this loop's own durable timer; every other effect is an activity.
            if (effect is not ArmDeadline)
            {
                await context.CallActivityAsync(OrderActivityNames.ApplyEffect, OrderEffectMessage.From(effect)).ConfigureAwait(true);
            }
        }

        logger.LogInformation("Order {MerchantId}/{OrderId} took {Command}: now {Stage} (version {Version})",
            merchantId, orderId, command.GetType().Name, (after as PlacedOrder)?.Stage, after.Version);
        context.SetCustomStatus(OrderWorkflowStatus.Of(merchantId, orderId, after));
        return (after, null);
    }

    private static OrderCommand? Decode(OrderCommandMessage message, string merchantId, string orderId, ILogger logger)
    {
        try
        {
            return message.ToCommand();
        }
        catch (System.Text.Json.JsonException ex)
        {
            logger.LogWarning(ex, "Order {MerchantId}/{OrderId} got an unreadable {Type} command", merchantId, orderId, message.Type);
            return null;
        }
    }
}
