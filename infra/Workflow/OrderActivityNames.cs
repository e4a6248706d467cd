namespace Backoffice.Infra.Workflow;

/// <summary>The activities the order loop calls. functions/ has one [ActivityTrigger] per name (a surface test checks).</summary>
public static class OrderActivityNames
{
    /// <summary>Writes the decision's events to the read model (<see cref="OrderCommit"/>).</summary>
    public const string SaveOrder = "SaveOrder";

    /// <summary>Runs one outbox effect (<see cref="OrderEffectMessage"/>), whatever its kind, as the local dispatcher would.</summary>
    public const string ApplyEffect = "ApplyEffect";

    public static IReadOnlyList<string> All { get; } = [SaveOrder, ApplyEffect];
}
