namespace Backoffice.Infra.Workflow;

/// <summary>Delivers a command to a running order orchestration (Durable: <c>RaiseEventAsync</c>).</summary>
public interface IOrderWorkflowClient
{
    Task RaiseCommandAsync(string instanceId, OrderCommandMessage command, CancellationToken ct);
}
