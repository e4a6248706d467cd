namespace Backoffice.Infra.Jobs;

public sealed class RunnerOptions
{
    public const string Section = "Runner";

    public bool Enabled { get; set; } = true;

    /// <summary>How long an idle pump waits before polling its queue again.</summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the deadline sweep looks for overdue work items.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a received message stays invisible to other processes while this one handles it.</summary>
    public TimeSpan Visibility { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After this many deliveries a message is parked in the poison queue rather than retried for ever.</summary>
    public int MaxDeliveries { get; set; } = 10;
}
