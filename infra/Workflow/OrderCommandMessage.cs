using System.Collections.Concurrent;
using System.Text.Json;
using Backoffice.Core.Orders;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Workflow;

/// <summary>
/// An operator's command on its way into a running orchestration (the "OrderCommand" external event). Commands are a
/// plain record hierarchy without a type discriminator, so the message names the type and carries the body as JSON.
/// </summary>
public sealed record OrderCommandMessage(string Type, string Body)
{
    private static readonly ConcurrentDictionary<string, Type?> Types = new(StringComparer.Ordinal);

    public static OrderCommandMessage From(OrderCommand command) =>
        new(command.GetType().Name, JsonSerializer.Serialize(command, command.GetType(), Json.Options));

    /// <summary>The command, or null when the type is not an order command of this build (the loop records that as a rejection).</summary>
    public OrderCommand? ToCommand()
    {
        var type = Types.GetOrAdd(Type, static name =>
        {
            var candidate = typeof(OrderCommand).Assembly.GetType($"{typeof(OrderCommand).Namespace}.{name}", throwOnError: false);
            return candidate is { IsAbstract: false } && typeof(OrderCommand).IsAssignableFrom(candidate) ? candidate : null;
        });
        return type is null ? null : JsonSerializer.Deserialize(Body, type, Json.Options) as OrderCommand;
    }
}
