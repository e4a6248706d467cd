namespace Backoffice.Functions.Tests.CompileCheck;

/// <summary>
/// The names functions/ uses from the three SDKs this registry does not serve, each with the namespace that declares it.
/// The compile check excuses an unresolved name only if it is listed here and its file imports that namespace, so a type
/// of ours that was renamed or removed (not listed) still fails the check. A test keeps the list free of stale entries
/// and of names our own assemblies declare.
/// </summary>
internal static class ExternalSymbols
{
    public static readonly IReadOnlyList<string> Namespaces = ["Microsoft.Azure.Functions.Worker", "Microsoft.DurableTask", "Azure.Messaging.ServiceBus"];

    /// <summary>Type names (attributes both with and without the suffix) by their declaring namespace.</summary>
    public static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Function"] = "Microsoft.Azure.Functions.Worker",
        ["HttpTrigger"] = "Microsoft.Azure.Functions.Worker",
        ["AuthorizationLevel"] = "Microsoft.Azure.Functions.Worker",
        ["TimerTrigger"] = "Microsoft.Azure.Functions.Worker",
        ["TimerInfo"] = "Microsoft.Azure.Functions.Worker",
        ["ServiceBusTrigger"] = "Microsoft.Azure.Functions.Worker",
        ["QueueTrigger"] = "Microsoft.Azure.Functions.Worker",
        ["ActivityTrigger"] = "Microsoft.Azure.Functions.Worker",
        ["OrchestrationTrigger"] = "Microsoft.Azure.Functions.Worker",
        ["DurableClient"] = "Microsoft.Azure.Functions.Worker",
        ["WorkerOptions"] = "Microsoft.Azure.Functions.Worker",
        ["FunctionsApplication"] = "Microsoft.Azure.Functions.Worker.Builder",
        ["TaskOrchestrationContext"] = "Microsoft.DurableTask",
        ["TaskOptions"] = "Microsoft.DurableTask",
        ["RetryPolicy"] = "Microsoft.DurableTask",
        ["StartOrchestrationOptions"] = "Microsoft.DurableTask",
        ["DurableTaskClient"] = "Microsoft.DurableTask.Client",
        ["ServiceBusClient"] = "Azure.Messaging.ServiceBus",
        ["ServiceBusSender"] = "Azure.Messaging.ServiceBus",
        ["ServiceBusMessage"] = "Azure.Messaging.ServiceBus",
    };

    /// <summary>Extension methods of those SDKs called on types that do resolve (CS1061 on a known receiver), by namespace.</summary>
    public static readonly IReadOnlyDictionary<string, string> ExtensionMethods = new Dictionary<string, string>(StringComparer.Ordinal);

    public static bool IsExternalNamespace(string name) =>
        Namespaces.Any(n => name == n || name.StartsWith(n + ".", StringComparison.Ordinal));
}
