using System.Collections.Concurrent;
using System.Text.Json;
using Backoffice.Core.Orders;
using Backoffice.Infra.Storage;

namespace Backoffice.Infra.Workflow;

/// <summary>
/// An effect as the ApplyEffect activity's input. Effects are a record hierarchy without a type discriminator (like the
/// outbox rows, which keep the kind in a column), so the message names the kind; one activity then serves every kind,
/// including kinds added later.
/// </summary>
public sealed record OrderEffectMessage(string Kind, string Body)
{
    private static readonly ConcurrentDictionary<string, Type?> Kinds = new(StringComparer.Ordinal);

    public static OrderEffectMessage From(OrderEffect effect) =>
        new(effect.GetType().Name, JsonSerializer.Serialize(effect, effect.GetType(), Json.Options));

    public OrderEffect ToEffect()
    {
        var type = Kinds.GetOrAdd(Kind, static name =>
        {
            var candidate = typeof(OrderEffect).Assembly.GetType($"{typeof(OrderEffect).Namespace}.{name}", throwOnError: false);
            return candidate is { IsAbstract: false } && typeof(OrderEffect).IsAssignableFrom(candidate) ? candidate : null;
        });
        return (type is null ? null : JsonSerializer.Deserialize(Body, type, Json.Options) as OrderEffect)
            ?? throw new InvalidDataException($"{Kind} is not an order effect of this build.");
    }
}
