using Backoffice.Core.Orders;
using Backoffice.Infra.Orders;

namespace Backoffice.Infra.Workflow;

/// <summary>
/// Takes an operator's command when the host's engine is not the in-process <see cref="OrderProcessor"/>. The Functions
/// host puts one into each request's features; the API's command handler then answers 202 instead of 200, because the
/// orchestration applies the command after the response.
/// </summary>
public interface IOrderCommandEngine
{
    /// <summary>
    /// Validates the command against the read model (404, 412 on a stale version, 409 when the decider refuses) and, if
    /// it passes, hands it to the engine. <see cref="OutcomeKind.Applied"/> means "accepted"; the state is the expected one.
    /// </summary>
    Task<CommandOutcome> SubmitAsync(
        string merchantId, string orderId, Func<OrderState, OrderCommand> command, int? expectedVersion, CancellationToken ct);
}
