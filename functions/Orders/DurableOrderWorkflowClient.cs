using Backoffice.Infra.Workflow;
using Microsoft.DurableTask.Client;

namespace Backoffice.Functions.Orders;

/// <summary>Raises an operator's command into the order's orchestration.</summary>
internal sealed class DurableOrderWorkflowClient(DurableTaskClient durable) : IOrderWorkflowClient
{
    public Task RaiseCommandAsync(string instanceId, OrderCommandMessage command, CancellationToken ct) =>
        durable.RaiseEventAsync(instanceId, OrderOrchestration.CommandEvent, command, ct);
}
