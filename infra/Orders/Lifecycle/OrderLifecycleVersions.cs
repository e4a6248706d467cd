namespace Backoffice.Infra.Orders.Lifecycle;

/// <summary>
/// Versions of <see cref="OrderLifecycle"/>. In-flight orders outlive deployments: an instance keeps the version it
/// started under (the SDK stamps it), a worker runs its own version and older ones (<c>CurrentOrOlder</c>), and the
/// orchestrator branches on <c>context.Version</c> wherever a later version changed what it does, so an old history
/// replays exactly as it was written. Add a version here, keep the old branch until no instance of it runs. Versions are
/// written major.minor: the SDK compares them as <see cref="System.Version"/> when both parse, else as strings ("10" &lt; "9").
/// </summary>
public static class OrderLifecycleVersions
{
    /// <summary>The first version on the Durable engine.</summary>
    public const string V1 = "1.0";

    /// <summary>
    /// Version 2 trims the history with ContinueAsNew after <see cref="OrderLifecycle.RoundsPerGeneration"/> rounds;
    /// version 1 never did, so its histories replay without that branch.
    /// </summary>
    public const string V2 = "2.0";

    public const string Current = V2;
}
