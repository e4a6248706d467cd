namespace Backoffice.Infra.Kpi;

/// <summary>Configuration section <c>Kpi</c>. The schedule itself is <c>Jobs:KpiRollup:Schedule</c>.</summary>
public sealed class KpiRollupOptions
{
    public const string Section = "Kpi";

    /// <summary>
    /// How far before its watermark a run reads again: a change recorded just before a run started may still be on
    /// its way to storage (and clocks of several hosts differ a little). Re-reading is harmless, only slightly costly.
    /// </summary>
    public TimeSpan Overlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Change rows older than this (behind the watermark) are deleted, so the feed stays small.</summary>
    public TimeSpan ChangeRetention { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Subjects processed per batch; the watermark advances after each batch.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>Concurrent storage requests a run makes.</summary>
    public int Parallelism { get; set; } = 16;

    /// <summary>Parked subjects a run tries again at most (the rest wait for later runs).</summary>
    public int ParkedRetriesPerRun { get; set; } = 200;

    /// <summary>Failed attempts after which a parked subject is no longer retried on its own (it stays listed for a supervisor).</summary>
    public int ParkedMaxAttempts { get; set; } = 12;

    /// <summary>Run one roll-up when the local host starts (only where the background runner is enabled).</summary>
    public bool RollupOnStart { get; set; } = true;
}
