using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;

namespace Backoffice.Infra.Workflow;

/// <summary>
/// The Durable host's <see cref="IOrderCommandEngine"/>: decide against the read model first, so the operator gets the
/// same 404/409/412 answers as locally, then raise the command into the orchestration, which decides again on its own
/// state (the authority; a command that lost a race is refused there and shows in the custom status).
/// </summary>
public sealed class WorkflowCommandGate(OrderStore store, IOrderWorkflowClient workflow) : IOrderCommandEngine
{
    public async Task<CommandOutcome> SubmitAsync(
        string merchantId, string orderId, Func<OrderState, OrderCommand> command, int? expectedVersion, CancellationToken ct)
    {
        var loaded = await store.LoadAsync(merchantId, orderId, ct).ConfigureAwait(false);
        if (expectedVersion is { } expected && loaded.State.Version != expected)
        {
            return new CommandOutcome(OutcomeKind.VersionMismatch, loaded.State as PlacedOrder, new Rejection("version-mismatch",
                $"The order changed since you loaded it (version {expected}, now {loaded.State.Version}). Reload and try again."));
        }

        var cmd = command(loaded.State);
        var decision = OrderDecider.Decide(loaded.State, cmd);
        if (!decision.IsAccepted)
        {
            var kind = decision.Rejection!.Code == Rejection.NotFound ? OutcomeKind.NotFound : OutcomeKind.Rejected;
            return new CommandOutcome(kind, loaded.State as PlacedOrder, decision.Rejection);
        }

        await workflow.RaiseCommandAsync(OrderWorkflowIds.InstanceId(merchantId, orderId), OrderCommandMessage.From(cmd), ct).ConfigureAwait(false);
        var expectedState = (PlacedOrder)decision.Events.Aggregate(loaded.State, OrderDecider.Evolve);
        return new CommandOutcome(OutcomeKind.Applied, expectedState, null);
    }
}
