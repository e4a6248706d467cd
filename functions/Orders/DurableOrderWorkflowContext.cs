using Backoffice.Infra.Workflow;
using Microsoft.DurableTask;

namespace Backoffice.Functions.Orders;

/// <summary>
/// Durable Functions' orchestration context as the order loop's <see cref="IOrderWorkflowContext"/>. Activities retry
/// with back-off: they are idempotent, and a storage hiccup should not fail an order's orchestration.
/// </summary>
internal sealed class DurableOrderWorkflowContext(TaskOrchestrationContext context) : IOrderWorkflowContext
{
    private static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 8, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(10)));

    public DateTimeOffset CurrentUtcDateTime => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    public Task CallActivityAsync(string name, object input) => context.CallActivityAsync(name, input, ActivityRetry);

    public Task CreateTimer(DateTimeOffset fireAt, CancellationToken cancellationToken) => context.CreateTimer(fireAt.UtcDateTime, cancellationToken);

    public Task<T> WaitForExternalEvent<T>(string eventName) => context.WaitForExternalEvent<T>(eventName);

    public void SetCustomStatus(object? status) => context.SetCustomStatus(status);
}
