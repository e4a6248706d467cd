namespace Backoffice.Infra.Workflow;

/// <summary>
/// The few things the order loop asks of an orchestration engine. functions/ adapts Durable Functions'
/// <c>TaskOrchestrationContext</c> to it; tests drive the loop with a fake. Implementations are replay-safe: the time and
/// the order in which tasks complete come from the engine's history, never from the machine.
/// </summary>
public interface IOrderWorkflowContext
{
    /// <summary>The orchestration's deterministic current time (the engine's, not the machine's clock).</summary>
    DateTimeOffset CurrentUtcDateTime { get; }

    /// <summary>Runs an activity (at-least-once; activities are idempotent) and completes when it has finished.</summary>
    Task CallActivityAsync(string name, object input);

    /// <summary>A durable timer. It must be cancelled through the token when it loses, or the instance keeps running.</summary>
    Task CreateTimer(DateTimeOffset fireAt, CancellationToken cancellationToken);

    /// <summary>
    /// The next external event of that name. The loop never cancels this wait: in the isolated Durable worker a cancelled
    /// wait can still swallow the next event (azure-functions-durable-extension#3255), so an unanswered wait is carried
    /// over to the next round instead.
    /// </summary>
    Task<T> WaitForExternalEvent<T>(string eventName);

    /// <summary>A small, serializable summary that status queries show.</summary>
    void SetCustomStatus(object? status);
}
