namespace Backoffice.Infra.Engine;

/// <summary>
/// The local host's Durable engine: the Durable Task worker and client over gRPC on loopback to an in-process sidecar over
/// DurableTask.AzureStorage, on the same storage as everything else (section <c>OrderEngine</c>).
/// </summary>
public sealed class OrderEngineOptions
{
    public const string Section = "OrderEngine";

    /// <summary>Off only for test hosts that exercise no orchestration (the command path then announces to nobody).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The task hub; the storage prefix (test namespaces) goes in front. Azure's is host.json's <c>hubName</c>.</summary>
    public string TaskHub { get; set; } = "Backoffice";

    /// <summary>
    /// The longest an idle queue poll backs off to. DurableTask.AzureStorage's default is 30 s, too slow for an operator
    /// waiting for the next stage; 1 s costs about one storage request a second per partition when idle.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Control-queue partitions: how many hosts can share the orchestrations of one task hub.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// Partition lease timing. A host killed without releasing its leases keeps them until they expire, so its orders
    /// stall that long; shorter than the library's 30 s default so a restarted host takes over quickly.
    /// </summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a dequeued engine message stays invisible. A host killed mid-work leaves its messages invisible that long
    /// (the library's default is 5 minutes, i.e. a crashed order stalls for 5 minutes); work items here take milliseconds.
    /// </summary>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public int MaxConcurrentOrchestrations { get; set; } = 50;

    public int MaxConcurrentActivities { get; set; } = 50;

    /// <summary>The orchestration version new orders start under and the newest this worker runs (older ones too).</summary>
    public string Version { get; set; } = Orders.Lifecycle.OrderLifecycleVersions.Current;

    /// <summary>How long a finished order's orchestration history is kept before the purge job removes it.</summary>
    public TimeSpan FinishedRetention { get; set; } = TimeSpan.FromDays(30);
}
